"""Conditions the input cannot decide yet: unknown authors (Kazakhstan 2019) and financing whose confirmation
is not known (Eurimages) make a check pending — neither passed nor failed, and the instrument not eligible."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import jsonschema

from korkyt.treaties import apply_changes, evaluate, from_dict, json_schema, to_dict, to_json

from .conftest import build, project_dict

KZ_ONLY = [("kz1", "KZ", "500000000", "KZT"), ("kz2", "KZ", "100000000", "KZT")]


def _authors(**countries: str | None) -> Any:
    return next(
        c
        for c in evaluate(build(KZ_ONLY, currency="KZT", elements=countries)).verdict("kz-2019").checks
        if c.rule == "authors.foreign"
    )


def test_kz_2019_with_no_author_known_is_pending_not_national() -> None:
    ev = evaluate(build(KZ_ONLY, currency="KZT", elements={}))
    v = ev.verdict("kz-2019")
    check = next(c for c in v.checks if c.rule == "authors.foreign")
    assert (check.ok, check.pending, check.value) == (False, True, None)
    assert check.message == (
        "no author's country is known (at most 50 % may be foreign); not decidable until the country is "
        "known of: scriptwriter, director, director of photography, production designer, composer"
    )
    assert [m.code for m in check.texts] == ["check.authors_unknown"]
    assert check.texts[0].kw["jobs"].names == (
        "scriptwriter", "director", "director_of_photography", "production_designer", "composer",
    )  # fmt: skip
    assert v.applies and not v.eligible and v.pending
    assert "not yet decidable" in v.reason and "not eligible" not in v.reason
    assert v.advice == ()  # nothing to change: the facts are missing
    assert ev.basis != "kz-2019"
    out = to_json(ev)
    jsonschema.Draft202012Validator(json_schema("result")).validate(out)
    kz = next(i for i in out["instruments"] if i["id"] == "kz-2019")
    assert kz["pending"] is True and kz["eligible"] is False
    assert next(c for c in kz["checks"] if c["rule"] == "authors.foreign")["pending"] is True


def test_kz_2019_unknown_authors_that_cannot_change_the_answer_do_not_hold_it_up() -> None:
    # Three of five local: even with the other two foreign, 40 % ≤ 50 %.
    passes = _authors(director="KZ", scriptwriter="KZ", composer="KZ")
    assert (passes.ok, passes.pending) == (True, False)
    # Three of five foreign: even with the other two local, 60 % > 50 %.
    fails = _authors(director="TR", scriptwriter="RU", composer="TR")
    assert (fails.ok, fails.pending) == (False, False)
    # Two local, three unknown: 0–60 % foreign.
    waits = _authors(director="KZ", scriptwriter="KZ")
    assert (waits.ok, waits.pending) == (False, True)
    assert waits.message.endswith("known of: director of photography, production designer, composer")


def test_kz_2019_advice_with_unknown_authors_passes_outright() -> None:
    p = build(KZ_ONLY, currency="KZT", elements={"director": "TR", "scriptwriter": "RU", "composer": "TR"})
    v = evaluate(p).verdict("kz-2019")
    [advice] = v.advice
    after = evaluate(apply_changes(p, advice.changes)).verdict("kz-2019")
    assert after.eligible, after.reason


def _eurimages(confirmed: list[str | None], amounts: tuple[str, str] = ("600000", "400000")) -> Any:
    data = project_dict([("it", "IT", amounts[0], "EUR"), ("tr", "TR", amounts[1], "EUR")], elements="IT")
    for partner, value in zip(data["partners"], confirmed, strict=True):
        if value is not None:
            partner["contribution"]["confirmed"] = value
    return evaluate(from_dict(data)).verdict("eurimages")


def _confirmed(v: Any, country: str) -> Any:
    return next(c for c in v.checks if c.rule == "financing.confirmed" and c.subject == country)


def test_eurimages_half_of_the_financing_of_each_country_confirmed() -> None:
    ok = _eurimages(["300000", "200000"])  # half of Italy's and half of Türkiye's
    for country in ("IT", "TR"):
        check = _confirmed(ok, country)
        assert (check.ok, check.value, check.min) == (True, Decimal(50), Decimal(50))
    assert ok.eligible
    # 70 % of the whole plan is confirmed, but only a quarter of Türkiye's part.
    short = _eurimages(["600000", "100000"])
    assert _confirmed(short, "IT").ok
    check = _confirmed(short, "TR")
    assert (check.ok, check.pending) == (False, False)
    assert check.message == "financing confirmed in Türkiye: 25 % (at least 50 %)"
    assert not short.eligible and not short.pending and short.advice == ()


def test_eurimages_unknown_confirmation_is_pending_unless_the_known_part_decides() -> None:
    unknown = _eurimages([None, None])
    check = _confirmed(unknown, "TR")
    assert (check.ok, check.pending) == (False, True)
    assert check.message.endswith("not decidable until it is known how much is confirmed of: tr")
    assert not unknown.eligible and unknown.pending
    known = _eurimages(["600000", None])
    assert _confirmed(known, "IT").ok and _confirmed(known, "TR").pending
    zero = _eurimages([None, "0"])
    assert _confirmed(zero, "IT").pending and not _confirmed(zero, "TR").pending
    assert not zero.pending  # Türkiye's part fails whatever Italy's is
    fails = _confirmed(_eurimages(["100000", None], amounts=("700000", "300000")), "IT")
    assert (fails.ok, fails.pending, fails.value) == (False, False, Decimal("100000") / 7000)


def test_confirmed_and_budget_are_optional_input_that_round_trips() -> None:
    data = project_dict([("it", "IT", "600000", "EUR"), ("tr", "TR", "400000", "EUR")], elements="IT")
    data["partners"][0]["contribution"]["confirmed"] = "250000.50"
    data["budget"] = "6500000"
    jsonschema.Draft202012Validator(json_schema("project")).validate(data)
    project = from_dict(data)
    assert project.partners[0].confirmed == Decimal("250000.50") and project.partners[1].confirmed is None
    assert project.budget == Decimal(6500000)
    again = to_dict(project)
    assert again["partners"][0]["contribution"]["confirmed"] == "250000.50"
    assert "confirmed" not in again["partners"][1]["contribution"] and again["budget"] == "6500000"
    assert from_dict(again) == project


def test_lowering_a_contribution_keeps_at_most_its_amount_confirmed() -> None:
    from korkyt.treaties import Change

    data = project_dict([("it", "IT", "600000", "EUR"), ("tr", "TR", "400000", "EUR")])
    data["partners"][0]["contribution"]["confirmed"] = "600000"
    p = apply_changes(from_dict(data), [Change("change_contribution", "it", amount=Decimal(-100000))])
    assert p.partners[0].confirmed == Decimal(500000)
