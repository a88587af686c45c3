"""The editor's HTML comes from auto-escaped templates: hostile cue text, comments, glossary notes and
finding messages reach the page as text, never as markup."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.localization.models import GlossaryConcept, GlossaryTerm, SourceCue, TargetCue

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
STYLE = "</textarea><style>body{display:none}</style>"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hostile(job):
    first = job.cues.get(position=0)
    SourceCue.objects.filter(pk=first.source_id).update(text=f"Қорқыт Ата {SCRIPT}\nline two")
    TargetCue.objects.filter(pk=first.pk).update(
        text=f"{IMG}\n{STYLE}", comment=f"fix {SCRIPT}", state="draft"
    )
    concept = GlossaryConcept.objects.create(code="k")
    GlossaryTerm.objects.create(concept=concept, language="kk-Cyrl", text="Қорқыт Ата")
    GlossaryTerm.objects.create(concept=concept, language="tr", text='Korkut" onmouseover="alert(3)')
    return first


def _assert_inert(html: str) -> None:
    for raw in (SCRIPT, "<img src=x", "<style>", 'onmouseover="alert(3)"'):
        assert raw not in html, raw


@pytest.mark.parametrize("who", ["translator", "reviewer", "kz_editor"])
def test_hostile_text_in_a_cue_is_shown_escaped_to_every_role(world, hostile, job, who):
    html = _client(world["users"][who]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    _assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert 'title="Korkut&#34; onmouseover=&#34;alert(3)"' in html  # the glossary note, as an attribute
    assert "Reviewer: fix &lt;script&gt;" in html
    if who == "kz_editor":  # read-only: line breaks kept as <br>, the text escaped around them
        assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;<br>&lt;/textarea&gt;" in html


def test_the_autosave_answer_escapes_the_status_cell(world, hostile):
    client = _client(world["users"]["translator"])
    response = client.post(
        f"/en/localization/cues/{hostile.pk}/save", {"text": SCRIPT}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    _assert_inert(html)
    assert "fix &lt;script&gt;alert(1)&lt;/script&gt;" in html
