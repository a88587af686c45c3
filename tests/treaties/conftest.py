"""Hand-built projects for the rule tests: a dict in the JSON contract, overridable field by field."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from korkyt.treaties import Project, from_dict

ALL_ELEMENTS = (
    "director",
    "scriptwriter",
    "composer",
    "director_of_photography",
    "sound",
    "editor",
    "production_designer",
    "costume_designer",
    "shooting_location",
    "vfx_location",
    "post_production_location",
)


def project_dict(
    partners: list[tuple[str, str, str, str]] | list[tuple[str, str, str, str, bool]],
    *,
    kind: str = "fiction",
    elements: dict[str, Any] | str | None = None,
    roles: list[tuple[str | None, int]] | None = None,
    currency: str = "EUR",
    rates: dict[str, str] | None = None,
    date: str = "2026-03-01",
    shooting: str = "2026-09-01",
    runtime: int = 95,
    **extra: Any,
) -> dict[str, Any]:
    """partners: (id, country, amount, currency[, finance_only]); elements: a dict, or one country for all."""
    els: dict[str, Any] = (
        dict.fromkeys(ALL_ELEMENTS, elements) if isinstance(elements, str) else dict(elements or {})
    )
    if roles is not None:
        els["roles"] = [{"country": c, "days": d} for c, d in roles]
    elif isinstance(elements, str):
        els["roles"] = [
            {"country": elements, "days": 30},
            {"country": elements, "days": 20},
            {"country": elements, "days": 10},
        ]
    data: dict[str, Any] = {
        "kind": kind,
        "runtime_min": runtime,
        "date": date,
        "currency": currency,
        "rates": rates or {},
        "partners": [
            {
                "id": p[0],
                "country": p[1],
                "contribution": {"amount": p[2], "currency": p[3]},
                "finance_only": bool(p[4]) if len(p) > 4 else False,  # type: ignore[misc]
            }
            for p in partners
        ],
        "elements": els,
        "shooting_starts_on": shooting,
    }
    data.update(extra)
    return data


def build(*args: Any, **kwargs: Any) -> Project:
    return from_dict(project_dict(*args, **kwargs))


@pytest.fixture
def kaz_az_tr() -> dict[str, Any]:
    """A Kazakh–Azerbaijani–Turkish animated feature financed in three currencies (USD plan).

    Shares: KZ 606,000,000 KZT / 505 = 1,200,000 USD (73.17 %); AZ 68,000 AZN / 1.70 = 40,000 USD (2.44 %);
    TR 16,000,000 TRY / 40 = 400,000 USD (24.39 %). Under Türkiye's 2019 regulation a multilateral partner
    brings at least 5 %, so the Azerbaijani share fails: + 75,158 AZN brings it to 5 %.
    """
    return copy.deepcopy(
        project_dict(
            [
                ("kz-studio", "KZ", "606000000", "KZT"),
                ("az-studio", "AZ", "68000", "AZN"),
                ("tr-studio", "TR", "16000000", "TRY"),
            ],
            kind="animation",
            currency="USD",
            rates={"KZT": "505.00", "AZN": "1.70", "TRY": "40.00"},
            elements={
                "director": "KZ",
                "scriptwriter": "KZ",
                "composer": "TR",
                "director_of_photography": "KZ",
                "sound": "AZ",
                "editor": "KZ",
                "production_designer": "KZ",
                "costume_designer": None,
                "shooting_location": "KZ",
                "vfx_location": "TR",
                "post_production_location": "TR",
            },
            roles=[("KZ", 12), ("TR", 9), ("AZ", 5)],
            runtime=82,
            shooting="2026-06-01",
        )
    )
