"""The agreed glossary renderings of a cue's source are written out under the source text, not only in a
``<mark title>`` that a mouse must hover: a keyboard, touch or screen-reader user reads them too."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.localization.models import GlossaryConcept, GlossaryTerm

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def glossary(db):
    concept = GlossaryConcept.objects.create(code="korkyt")
    GlossaryTerm.objects.create(concept=concept, language="kk-Cyrl", text="Қорқыт Ата")
    GlossaryTerm.objects.create(concept=concept, language="tr", text="Korkut Ata")
    GlossaryTerm.objects.create(concept=concept, language="tr", text="Dede Korkut")
    GlossaryTerm.objects.create(concept=concept, language="tr", text="Korkit", forbidden=True)
    keep = GlossaryConcept.objects.create(code="dala", do_not_translate=True)
    GlossaryTerm.objects.create(concept=keep, language="kk-Cyrl", text="далада")
    return concept


def _row(page: str, pk: int) -> str:
    start = page.index(f'<tr id="cue-{pk}"')
    return page[start : page.index("</tr>", start)]


def test_the_agreed_terms_are_written_out_under_the_source(world, job, glossary):
    page = _client(world["users"]["translator"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    cue = job.cues.get(position=2)  # "Қорқыт Ата далада жүр."
    row = _row(page, cue.pk)
    assert '<mark class="term" title="Korkut Ata / Dede Korkut">Қорқыт Ата</mark>' in row  # kept
    hints = re.search(r'<div class="terms" id="terms-\d+" lang="en">.*?</div>', row, re.S)
    assert hints, row
    text = re.sub(r"<[^>]+>", "", hints.group())
    assert "Glossary:" in text
    assert "Қорқыт Ата" in text and "Korkut Ata / Dede Korkut" in text and "Korkit" not in text
    assert "далада" in text and "Do not translate" in text
    assert '<span lang="kk-Cyrl">Қорқыт Ата</span>' in hints.group()
    assert '<span lang="tr">Korkut Ata / Dede Korkut</span>' in hints.group()
    # the translation field names them, so a screen reader says them on reaching it
    hint_id = re.search(r'id="(terms-\d+)"', row)
    assert hint_id and f'aria-describedby="{hint_id.group(1)}"' in row


def test_a_cue_without_a_glossary_term_gets_no_extra_markup(world, job, glossary):
    page = _client(world["users"]["translator"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    row = _row(page, job.cues.get(position=0).pk)  # "Сәлем, досым!"
    assert "terms" not in row and "aria-describedby" not in row
    assert page.count('class="terms"') == 1


def test_the_hints_are_shown_to_a_reader_who_may_not_edit(world, job, glossary):
    page = _client(world["users"]["kz_editor"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    assert page.count('class="terms"') == 1 and "Korkut Ata / Dede Korkut" in page
