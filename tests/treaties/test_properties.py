"""Properties of the advice: applying it passes the check, and it never breaks another check silently."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korkyt.treaties import CURRENCIES, ELEMENT_NAMES, apply_changes, evaluate, find_partners, from_dict
from korkyt.treaties.model import Evaluation

COUNTRIES = ["KZ", "AZ", "KG", "TR", "UZ", "TM", "IT", "NL", "RO", "UA", "RU"]

amounts = st.integers(min_value=0, max_value=50_000_000).map(str)
rates = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(50_000), places=2).map(str)


@st.composite
def projects(draw: st.DrawFn) -> dict[str, Any]:
    currency = draw(st.sampled_from(CURRENCIES))
    # A few countries per project, so that instruments between them apply often.
    pool = draw(
        st.one_of(
            st.just(COUNTRIES), st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=3, unique=True)
        )
    )
    n = draw(st.integers(min_value=1, max_value=5))
    partners = []
    used: set[str] = set()
    for i in range(n):
        cur = draw(st.sampled_from(CURRENCIES))
        used.add(cur)
        partners.append(
            {
                "id": f"p{i}",
                "country": draw(st.sampled_from(pool)),
                "contribution": {"amount": draw(amounts), "currency": cur},
                "finance_only": draw(st.booleans()) if i > 0 else False,
            }
        )
    if all(p["contribution"]["amount"] == "0" for p in partners):
        partners[0]["contribution"]["amount"] = "1000"
    element = st.one_of(st.none(), st.sampled_from(pool), st.sampled_from(COUNTRIES))
    elements: dict[str, Any] = {name: draw(element) for name in ELEMENT_NAMES}
    elements["roles"] = [
        {"country": draw(element), "days": draw(st.integers(min_value=0, max_value=60))}
        for _ in range(draw(st.integers(min_value=0, max_value=4)))
    ]
    on = date(2016, 1, 1) + timedelta(days=draw(st.integers(min_value=0, max_value=4000)))
    shooting = on + timedelta(days=draw(st.integers(min_value=-30, max_value=300)))
    data: dict[str, Any] = {
        "kind": draw(st.sampled_from(["fiction", "documentary", "animation"])),
        "runtime_min": draw(st.integers(min_value=30, max_value=140)),
        "date": on.isoformat(),
        "currency": currency,
        "rates": {c: draw(rates) for c in sorted(used) if c != currency},
        "partners": partners,
        "elements": elements,
        "shooting_starts_on": shooting.isoformat(),
    }
    if draw(st.booleans()):
        data["applied_on"] = (
            on + timedelta(days=draw(st.integers(min_value=-60, max_value=120)))
        ).isoformat()
    return data


def _checks(ev: Evaluation) -> dict[tuple[str, str, str], bool]:
    return {(v.id, c.rule, c.subject): c.ok for v in ev.verdicts if v.applies for c in v.checks}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_applying_advice_passes_its_check_and_names_what_it_breaks(data: dict[str, Any]) -> None:
    project = from_dict(data)
    ev = evaluate(project)
    before = _checks(ev)
    for verdict in ev.verdicts:
        assert verdict.reason
        assert verdict.eligible == (
            verdict.applies and bool(verdict.checks) and all(c.ok for c in verdict.checks)
        )
        assert all(c.source for c in verdict.checks)
        # A pending check lacks facts, not a change: it gets no advice.
        assert len(verdict.advice) == sum(not c.ok and not c.pending for c in verdict.checks)
    for verdict in ev.verdicts:
        for advice in verdict.advice:
            if not advice.actionable:
                assert advice.changes == () or advice.message
                continue
            assert advice.changes, advice
            after_ev = evaluate(apply_changes(project, advice.changes), with_advice=False)
            after = _checks(after_ev)
            key = (verdict.id, advice.rule, advice.subject)
            assert after.get(key) is True, (advice, after_ev.verdict(verdict.id).reason)
            declared = {(b.instrument, b.rule, b.subject) for b in advice.breaks}
            applies_after = {v.id for v in after_ev.verdicts if v.applies}
            for other, ok in before.items():
                if not ok or other == key:
                    continue
                if other[0] not in applies_after:
                    assert (other[0], "applies", "") in declared
                elif after.get(other) is not True:
                    assert other in declared, (advice, other)
                    assert "fail" in advice.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_every_partner_suggestion_makes_the_project_eligible_at_both_ends(data: dict[str, Any]) -> None:
    project = from_dict(data)
    for s in find_partners(project):
        assert s.share_min <= s.share_max
        for amount in (s.amount_min, s.amount_max):
            extended = dict(data)
            extended["partners"] = [
                *data["partners"],
                {
                    "id": "new",
                    "country": s.country,
                    "contribution": {"amount": str(amount), "currency": s.currency},
                },
            ]
            assert evaluate(from_dict(extended), with_advice=False).verdict(s.instrument).eligible, s
