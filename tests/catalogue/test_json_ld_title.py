"""A film's title cannot break out of the film page's JSON-LD (``core.jsonld``)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.factories import InstitutionFactory, film

pytestmark = pytest.mark.django_db

OPEN = '<script type="application/ld+json">'


def test_a_title_opening_a_comment_and_a_script_stays_inside_the_json_ld() -> None:
    crafted = "Title <!--<script> & </script><p>x</p>"
    f = film(InstitutionFactory(code="KZ-A"), (crafted, "en"))
    page = Client().get(f"/en/films/{f.pk}/").content.decode()
    start = page.index(OPEN) + len(OPEN)
    end = page.index("</script>", start)
    raw = page[start:end]
    assert not set(raw) & set("<>&")
    assert json.loads(raw)["name"] == crafted
    assert "</main>" in page[end:]
