"""Share limits that change with the budget or with approval can be reached with two co-producers, and a
figure that misses a limit is never shown as the limit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from korkyt.treaties import evaluate, from_dict, to_json
from korkyt.treaties.fmt import pct_against, shown_value

from .conftest import project_dict


def _eurimages(it: str, tr: str, **extra: Any) -> Any:
    data = project_dict([("it", "IT", it, "EUR"), ("tr", "TR", tr, "EUR")], elements="IT", **extra)
    for p in data["partners"]:
        p["contribution"]["confirmed"] = p["contribution"]["amount"]
    return evaluate(from_dict(data)).verdict("eurimages")


def _share(v: Any, pid: str) -> Any:
    return next(c for c in v.checks if c.rule == "share" and c.subject == pid)


def test_eurimages_bilateral_90_10_passes_over_5_million_euro() -> None:
    v = _eurimages("9000000", "1000000")
    assert v.eligible, v.reason
    tr = _share(v, "tr")
    assert (tr.min, tr.max, tr.ok) == (Decimal(10), Decimal(90), True)
    assert tr.message == "tr (Türkiye): 10 % (bilateral: 10–90 %) (budget over €5,000,000)"


def test_eurimages_bilateral_under_5_million_keeps_20_80() -> None:
    v = _eurimages("900000", "100000")
    tr = _share(v, "tr")
    assert (tr.min, tr.max, tr.ok) == (Decimal(20), Decimal(80), False)
    assert not v.eligible


def test_the_budget_threshold_reads_the_projects_budget_when_given() -> None:
    # Contributions of €1M only, in a €10M budget: the €5M limits hold.
    assert _eurimages("900000", "100000", budget="10000000").eligible
    # Contributions of €10M, a budget given as €4M: the ordinary 20–80 %.
    v = _eurimages("9000000", "1000000", budget="4000000")
    assert (_share(v, "tr").min, _share(v, "tr").ok) == (Decimal(20), False)
    # The budget is in the project's currency, converted with the EUR rate.
    data = project_dict(
        [("it", "IT", "900000", "EUR"), ("tr", "TR", "100000", "EUR")],
        elements="IT",
        currency="USD",
        rates={"EUR": "0.9"},
        budget="6000000",  # 5.4M EUR
    )
    for p in data["partners"]:
        p["contribution"]["confirmed"] = p["contribution"]["amount"]
    assert evaluate(from_dict(data)).verdict("eurimages").eligible


def test_advice_and_messages_never_show_a_failing_share_as_its_limit() -> None:
    # 4.995 % against a 5 % minimum (Türkiye 2019, multilateral).
    data = project_dict(
        [("kz", "KZ", "700050", "USD"), ("az", "AZ", "49950", "USD"), ("tr", "TR", "250000", "USD")],
        currency="USD",
        elements="KZ",
    )
    ev = evaluate(from_dict(data))
    v = ev.verdict("tr-2019")
    az = _share(v, "az")
    assert az.value == Decimal("4.995") and not az.ok
    assert az.message == "az (Azerbaijan): 4.99 % (multilateral: 5–80 %)"
    assert az.texts[0].kw["value"].value == Decimal("4.99")
    advice = next(a for a in v.advice if a.subject == "az")
    assert advice.message.startswith("raise the Azerbaijani share (az) from 4.99 % to 5 %")
    assert advice.texts[0].kw["value"].value == Decimal("4.99")
    out = next(i for i in to_json(ev)["instruments"] if i["id"] == "tr-2019")
    assert next(c for c in out["checks"] if c["subject"] == "az")["value"] == "4.995"


def test_a_share_just_over_the_maximum_reads_over_it() -> None:
    data = project_dict(
        [("it", "IT", "800050", "EUR"), ("tr", "TR", "199950", "EUR")], elements="IT"
    )  # 80.005 %
    v = evaluate(from_dict(data)).verdict("it-tr-2006")
    it = _share(v, "it")
    assert not it.ok and it.message == "it (Italy): 80.01 % (bilateral: 20–80 %)"


def test_rounding_away_from_the_limit() -> None:
    assert shown_value(Decimal("4.995"), Decimal(5), None) == Decimal("4.99")
    assert shown_value(Decimal("4.99999"), Decimal(5), None, places=4) == Decimal("4.9999")
    assert shown_value(Decimal("80.001"), None, Decimal(80)) == Decimal("80.01")
    assert shown_value(Decimal("2.439"), Decimal(5), Decimal(80)) == Decimal("2.44")  # far off: nearest
    assert shown_value(Decimal("79.999"), Decimal(5), Decimal(80)) == Decimal("80.00")  # passes: nearest
    assert pct_against(Decimal("80.0000001"), Decimal(20), Decimal(80)) == "80.01 %"


def test_json_figure_of_a_failing_check_is_not_rounded_onto_the_limit() -> None:
    # 8,000,001 of 10,000,000: 80.00001 %, which 4 decimals would round to "80", the maximum itself.
    data = project_dict([("it", "IT", "8000001", "EUR"), ("tr", "TR", "1999999", "EUR")], elements="IT")
    ev = evaluate(from_dict(data))
    out = next(i for i in to_json(ev)["instruments"] if i["id"] == "it-tr-2006")
    it = next(c for c in out["checks"] if c["subject"] == "it")
    assert (it["value"], it["max"], it["ok"]) == ("80.0001", "80", False)


def test_three_equal_partners_read_to_four_decimals_in_json() -> None:
    data = project_dict(
        [("kz", "KZ", "1", "EUR"), ("az", "AZ", "1", "EUR"), ("tr", "TR", "1", "EUR")], elements="KZ"
    )
    assert set(to_json(evaluate(from_dict(data)))["shares"].values()) == {"33.3333"}


def test_partner_finder_offers_the_wider_eurimages_window_over_the_budget_threshold() -> None:
    from korkyt.treaties import find_partners

    def window(**extra: Any) -> tuple[Decimal, Decimal]:
        data = project_dict([("it", "IT", "900000", "EUR")], elements="IT", **extra)
        data["partners"][0]["contribution"]["confirmed"] = "900000"
        s = next(
            s for s in find_partners(from_dict(data)) if (s.instrument, s.country) == ("eurimages", "TR")
        )
        return s.share_min, s.share_max

    assert window()[0] == Decimal(20)
    assert window(budget="10000000")[0] == Decimal(10)
