"""Every reason, check and piece of advice also comes as stable codes with typed parameters."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from korkyt.treaties import evaluate, from_dict, to_json
from korkyt.treaties.messages import CODES, Msg

from .conftest import project_dict
from .test_properties import projects


def _all_texts(ev: Any) -> list[tuple[str, tuple[Msg, ...]]]:
    out = []
    for v in ev.verdicts:
        out.append((v.reason, v.why))
        for c in v.checks:
            out.append((c.message, c.texts))
        for a in v.advice:
            out.append((a.message, a.texts))
            for b in a.breaks:
                out.append((b.message, b.texts))
    return out


def _assert_coded(ev: Any) -> None:
    for english, texts in _all_texts(ev):
        assert texts, f"no codes for {english!r}"
        for m in texts:
            assert m.code in CODES
            assert set(m.kw) == set(CODES[m.code]), m


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_every_message_has_known_codes_with_their_parameters(data: dict[str, Any]) -> None:
    _assert_coded(evaluate(from_dict(data)))


def test_failed_share_advice_carries_the_amount_to_add_in_the_partners_currency() -> None:
    data = project_dict(
        [("kz", "KZ", "900000", "EUR"), ("tr", "TR", "60000", "TRY"), ("az", "AZ", "1000", "AZN")],
        kind="animation",
        rates={"TRY": "40", "AZN": "2"},
    )
    ev = evaluate(from_dict(data), instruments=["tr-2019"])
    advice = ev.verdict("tr-2019").advice
    raise_az = next(a for a in advice if a.subject == "az")
    first = raise_az.texts[0]
    assert first.code == "advice.share_raise"
    assert first.kw["amount"].currency == "AZN"
    assert first.kw["amount"].value == raise_az.changes[0].amount
    assert first.kw["country"].codes == ("AZ",)


def test_the_json_contract_carries_no_codes() -> None:
    data = project_dict([("kz", "KZ", "700", "EUR"), ("tr", "TR", "300", "EUR")])
    out = to_json(evaluate(from_dict(data)))
    assert "texts" not in str(out) and "why" not in str(out) and "code" not in str(out)
