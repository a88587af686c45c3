"""Shared helpers of the workbench's services."""

from __future__ import annotations

AREA = "translation_dubbing"
MAX_UPLOAD = 10 * 1024 * 1024

# Transliteration jobs the workbench runs: (source tag, target tag) → scheme.
TRANSLITERATIONS: dict[tuple[str, str], str] = {
    ("kk-Cyrl", "kk-Latn"): "kk-2021",
    ("uz-Latn", "uz-Cyrl"): "uz-1995",
    ("uz-Cyrl", "uz-Latn"): "uz-1995",
    ("az-Cyrl", "az-Latn"): "az-1991",
    ("tk-Cyrl", "tk-Latn"): "tk-1993",
    ("ky-Cyrl", "ky-Latn"): "bgn",
}
