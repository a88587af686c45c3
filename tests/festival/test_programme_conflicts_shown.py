"""The grid's conflicts: the count says how many there are, the first 50 are named and the rest counted."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation


def _shown(n: int) -> str:
    with translation.override("en"):
        return render_to_string("festival/_conflicts.html", {"conflicts": [f"Clash {i}" for i in range(n)]})


def test_the_first_fifty_conflicts_are_named_and_the_rest_counted() -> None:
    html = _shown(120)
    assert "120 conflicts" in html and html.count("<li>") == 50
    assert "Clash 49" in html and "Clash 50" not in html and "and 70 more" in html
    html = _shown(51)
    assert html.count("<li>") == 50 and "and 1 more" in html
    html = _shown(50)
    assert html.count("<li>") == 50 and "more" not in html
