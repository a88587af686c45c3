"""The Kazakh–Azerbaijani–Turkish animated co-production: three currencies, one failed rule, advice, pass."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from korkyt.treaties import apply_changes, evaluate, from_dict, to_dict, to_json


def test_shares_come_from_three_currencies_at_the_written_rates(kaz_az_tr: dict[str, Any]) -> None:
    ev = evaluate(from_dict(kaz_az_tr))
    assert ev.total == Decimal(1_640_000)
    assert ev.shares["kz-studio"] * 1_640_000 / 100 == Decimal(1_200_000)
    assert to_json(ev)["shares"] == {"kz-studio": "73.1707", "az-studio": "2.439", "tr-studio": "24.3902"}


def test_it_fails_one_rule_of_turkiyes_regulation_and_says_why(kaz_az_tr: dict[str, Any]) -> None:
    ev = evaluate(from_dict(kaz_az_tr))
    v = ev.verdict("tr-2019")
    assert v.applies and not v.eligible
    failed = [c for c in v.checks if not c.ok]
    assert [(c.rule, c.subject) for c in failed] == [("share", "az-studio")]
    assert (failed[0].min, failed[0].max) == (Decimal(5), Decimal(80))
    assert "az-studio (Azerbaijan): 2.44 % (multilateral: 5–80 %)" in v.reason
    assert ev.basis is None
    # The other instruments say why they do not apply or do not confer status.
    assert ev.verdict("cets-220").reason == (
        "CETS 220 does not apply: Kazakhstan, Azerbaijan and Türkiye are not parties"
    )
    assert ev.verdict("mou").applies and not ev.verdict("mou").eligible


def test_applying_the_advice_makes_it_pass_under_turkiyes_regulation(kaz_az_tr: dict[str, Any]) -> None:
    project = from_dict(kaz_az_tr)
    [advice] = evaluate(project).verdict("tr-2019").advice
    # (5 % × 1,640,000 − 40,000) / 0.95 = 44,210.53 USD × 1.70 = 75,157.9 → 75,158 AZN.
    assert advice.message.startswith(
        "raise the Azerbaijani share (az-studio) from 2.44 % to 5 %: + 75,158 AZN"
    )
    assert advice.breaks == ()
    [change] = advice.changes
    assert (change.op, change.target, change.amount, change.currency) == (
        "change_contribution",
        "az-studio",
        Decimal(75158),
        "AZN",
    )
    fixed = apply_changes(project, advice.changes)
    assert to_dict(fixed)["partners"][1]["contribution"] == {"amount": "143158", "currency": "AZN"}
    ev = evaluate(fixed)
    assert ev.verdict("tr-2019").eligible
    assert ev.basis == "tr-2019"
    assert ev.verdict("mou").applies  # still counted under the memoranda


def test_one_unit_less_than_advised_does_not_pass(kaz_az_tr: dict[str, Any]) -> None:
    kaz_az_tr["partners"][1]["contribution"]["amount"] = str(68000 + 75158 - 1)
    assert not evaluate(from_dict(kaz_az_tr)).verdict("tr-2019").eligible
