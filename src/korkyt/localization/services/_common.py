"""Shared helpers of the workbench's services."""

from __future__ import annotations

from korkyt.localization.models import ACTIVITY_AREA

AREA = ACTIVITY_AREA

# Transliteration jobs the workbench runs: (source tag, target tag) → scheme.
TRANSLITERATIONS: dict[tuple[str, str], str] = {
    ("kk-Cyrl", "kk-Latn"): "kk-2021",
    ("uz-Latn", "uz-Cyrl"): "uz-1995",
    ("uz-Cyrl", "uz-Latn"): "uz-1995",
    ("az-Cyrl", "az-Latn"): "az-1991",
    ("tk-Cyrl", "tk-Latn"): "tk-1993",
    ("ky-Cyrl", "ky-Latn"): "bgn",
}
