"""Eurimages' conditions on the financing: half of each country's part confirmed, and the caps on its
support (€500,000; 17 % of the cost of a fiction or animation film, 25 % with a female director)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from korkyt.treaties import ProjectError, evaluate, from_dict, json_schema, load_rulebook, to_dict

from .conftest import project_dict


def _project(support: Any = None, *, kind: str = "fiction", **extra: Any) -> dict[str, Any]:
    """Italy (two companies, 2.5M) and Türkiye (1M), all confirmed unless a test says otherwise."""
    data = project_dict(
        [("it", "IT", "1500000", "EUR"), ("it2", "IT", "1000000", "EUR"), ("tr", "TR", "1000000", "EUR")],
        kind=kind,
        elements="IT",
        **extra,
    )
    for p in data["partners"]:
        p["contribution"]["confirmed"] = p["contribution"]["amount"]
    if support is not None:
        data["support"] = {"eurimages": support}
    return data


def _verdict(data: dict[str, Any]) -> Any:
    return evaluate(from_dict(data)).verdict("eurimages")


def _check(verdict: Any, rule: str, subject: str | None = None) -> Any:
    found = [c for c in verdict.checks if c.rule == rule and (subject is None or c.subject == subject)]
    assert len(found) <= 1
    return found[0] if found else None


def test_a_countrys_part_is_the_sum_of_its_co_producers() -> None:
    data = _project()
    data["partners"][0]["contribution"]["confirmed"] = "250000"  # Italy: 0.25M + 1M of 2.5M = 50 %
    data["partners"][2]["contribution"]["confirmed"] = "500000"  # Türkiye: 50 %
    v = _verdict(data)
    assert [(c.subject, c.value, c.ok) for c in v.checks if c.rule == "financing.confirmed"] == [
        ("IT", Decimal(50), True),
        ("TR", Decimal(50), True),
    ]
    data["partners"][0]["contribution"]["confirmed"] = "249999"
    it = _check(_verdict(data), "financing.confirmed", "IT")
    assert (it.ok, it.message) == (False, "financing confirmed in Italy: 49.99 % (at least 50 %)")
    del data["partners"][1]["contribution"]["confirmed"]  # Italy: 249,999 known, 1M not known
    assert not _check(_verdict(data), "financing.confirmed", "IT").pending  # 49.99 % at most
    data["partners"][0]["contribution"]["confirmed"] = "250000"
    it = _check(_verdict(data), "financing.confirmed", "IT")
    assert it.pending and it.message.endswith("how much is confirmed of: it2")


def test_no_support_asked_no_support_check() -> None:
    v = _verdict(_project())
    assert _check(v, "support.amount") is None and _check(v, "support.share") is None and v.eligible


@pytest.mark.parametrize(
    ("amount", "ok"), [("500000", True), ("500000.01", False), ("595000", False), ("0", True)]
)
def test_support_is_at_most_500000_euros(amount: str, ok: bool) -> None:
    # A 10M budget keeps the share far below 17 %.
    v = _verdict(_project({"amount": amount, "currency": "EUR"}, budget="10000000"))
    check = _check(v, "support.amount", "eurimages")
    assert (check.ok, check.value, check.max, check.pending) == (ok, Decimal(amount), Decimal(500000), False)
    assert v.eligible is ok
    if not ok:
        assert check.message.startswith(f"Eurimages support asked: {Decimal(amount):,} EUR")


def test_support_in_another_currency_needs_a_eur_rate() -> None:
    data = _project({"amount": "20000000", "currency": "TRY"}, currency="EUR", rates={"TRY": "40"})
    check = _check(_verdict(data), "support.amount")
    assert (check.value, check.ok) == (Decimal(500000), True)  # 20M TRY at 40 per euro
    usd = project_dict(
        [("it", "IT", "2500000", "USD"), ("tr", "TR", "1000000", "USD")],
        currency="USD",
        elements="IT",
        support={"eurimages": {"amount": "400000", "currency": "USD"}},
    )
    check = _check(_verdict(usd), "support.amount")
    assert (check.value, check.ok, check.pending) == (None, False, True)
    assert "not decidable without a EUR rate" in check.message
    usd["rates"] = {"EUR": "0.9"}
    check = _check(_verdict(usd), "support.amount")
    assert (check.value, check.ok) == (Decimal(360000), True)


@pytest.mark.parametrize(
    ("female", "amount", "ok", "pending", "limit"),
    [
        (None, "595000", True, False, 17),  # 17 % of 3.5M exactly
        (None, "595001", False, True, 17),  # over 17 %, under 25 %: depends on the director
        (False, "595001", False, False, 17),
        (True, "595001", True, False, 25),
        (True, "875000", True, False, 25),  # 25 % exactly
        (True, "875001", False, False, 25),
        (None, "875001", False, False, 17),  # over both caps: fails whoever directs
    ],
)
def test_support_share_of_the_cost(
    female: bool | None, amount: str, ok: bool, pending: bool, limit: int
) -> None:
    data = _project({"amount": amount, "currency": "EUR"})
    if female is not None:
        data["female_director"] = female
    check = _check(_verdict(data), "support.share", "eurimages")
    assert (check.ok, check.pending, check.max) == (ok, pending, Decimal(limit))
    if pending:
        assert check.message.endswith("not decidable until it is known whether a female director is attached")


def test_share_cap_reads_the_budget_and_skips_documentaries() -> None:
    budget = _verdict(_project({"amount": "300000", "currency": "EUR"}, budget="2000000"))
    assert _check(budget, "support.share").value == Decimal(15)  # of the budget, not of the 3.5M plan
    doc = _verdict(_project({"amount": "490000", "currency": "EUR"}, kind="documentary"))
    assert _check(doc, "support.share") is None and _check(doc, "support.amount").ok


def test_support_input_is_checked_and_round_trips() -> None:
    data = _project({"amount": "400000", "currency": "EUR"}, female_director=True)
    jsonschema.Draft202012Validator(json_schema("project")).validate(data)
    project = from_dict(data)
    assert project.female_director is True and project.support["eurimages"].amount == Decimal(400000)
    assert from_dict(to_dict(project)) == project
    known = load_rulebook().ids
    for change, field in (
        ({"support": {"eurimage": {"amount": "1", "currency": "EUR"}}}, "support.eurimage"),
        ({"support": {"eurimages": {"amount": "-1", "currency": "EUR"}}}, "support.eurimages.amount"),
        ({"support": {"eurimages": {"amount": "1", "currency": "GBP"}}}, "support.eurimages.currency"),
        ({"support": {"eurimages": {"amount": "1", "currency": "KZT"}}}, "rates.KZT"),
        ({"support": {"eurimages": {"amount": "1", "currency": "EUR", "x": 1}}}, "support.eurimages.x"),
        ({"support": {"eurimages": {"currency": "EUR"}}}, "support.eurimages.amount"),
        ({"support": []}, "support"),
        ({"female_director": "yes"}, "female_director"),
    ):
        with pytest.raises(ProjectError) as caught:
            from_dict({**_project(), **change}, known_instruments=known)
        assert caught.value.field == field, (change, caught.value)


def test_one_producer_alone_is_told_how_many_party_states_are_needed() -> None:
    data = project_dict([("tr", "TR", "1000000", "EUR")], elements="TR")
    ev = evaluate(from_dict(data))
    assert ev.verdict("eurimages").reason == (
        "Eurimages does not apply: it needs co-producers from at least 2 members; only Türkiye is a member"
    )
    assert ev.verdict("ets-147").reason.startswith(
        "ETS 147 does not apply: it needs co-producers from at least"
    )
    assert [m.code for m in ev.verdict("eurimages").why] == ["reason.too_few_members", "reason.only_members"]
