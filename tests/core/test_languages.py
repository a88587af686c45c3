from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from korkyt.core.languages import fallback_chain, normalize_tag


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("kk", "kk-Cyrl"),
        ("KK-latn", "kk-Latn"),
        ("uz", "uz-Latn"),
        ("uz_Cyrl", "uz-Cyrl"),
        ("tr", "tr"),
        ("tr-Latn", "tr"),
        ("en", "en"),
        ("az", "az-Latn"),
        ("tk-Cyrl", "tk-Cyrl"),
    ],
)
def test_normalize_tag(raw, tag):
    assert normalize_tag(raw) == tag


@pytest.mark.parametrize("raw", ["", "xx", "kk-Arab", "en-Cyrl", "kk-Cyrl-KZ", "клингон"])
def test_unknown_tags_are_refused_with_the_choices(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_tag(raw)
    assert exc.value.messages


def test_fallback_chain_requested_then_english_then_original():
    assert fallback_chain("kk", "tr") == ["kk-Cyrl", "kk-Latn", "en", "tr"]
    assert fallback_chain("uz-Cyrl") == ["uz-Cyrl", "uz-Latn", "en"]


def test_request_language_is_the_active_interface_language():
    from django.utils import translation

    from korkyt.core.languages import request_language

    with translation.override("kk"):
        assert request_language() == "kk"
    with translation.override(None):
        assert request_language() == "en"
