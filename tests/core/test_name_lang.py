"""Names typed with no language (guests, ticket holders, accounts) are marked with their script, so screen
readers do not read a Kazakh name with an English voice: ``und-Cyrl``, ``und-Latn``, ``und-Arab``, ``und``."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from korkyt.core.languages import name_lang


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("Әлия Нұрова", "und-Cyrl"),
        ("Aliya Nurova", "und-Latn"),
        ("Qoʻrqut Ota", "und-Latn"),
        ("محمد", "und-Arab"),
        ("", "und"),
        (None, "und"),
        ("12345", "und"),  # no letters
        ("Ali Әлия Kerimov Нұрова", "und"),  # no script dominates
    ],
)
def test_a_name_is_marked_with_its_script(name: str | None, lang: str) -> None:
    assert name_lang(name) == lang


def test_the_filter_gives_the_same_mark() -> None:
    html = Template('{% load languages %}<span lang="{{ n|name_lang }}">{{ n }}</span>').render(
        Context({"n": "Әлия Нұрова"})
    )
    assert html == '<span lang="und-Cyrl">Әлия Нұрова</span>'
