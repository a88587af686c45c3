"""Partners' names inside the eligibility checks, their reasons and advice, and in the financing table carry
their language (as the partners' table does), and stay escaped."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from korkyt.coproduction import wording
from korkyt.core.translations import Text
from korkyt.treaties.messages import Msg
from tests.coproduction.conftest import animated_project

pytestmark = pytest.mark.django_db


def test_partner_names_in_the_checks_and_the_financing_table_carry_their_lang(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    page = client.get(f"/ru/coproductions/{project.pk}/").content.decode()
    verdicts = page[page.index('class="verdicts"') :]
    verdicts = verdicts[: verdicts.index("</section>")]
    assert re.search(r'<strong>[^<]+</strong> · <span lang="und-Latn">Baku Drawings</span>', verdicts)
    assert "· Baku Drawings" not in verdicts  # never bare
    table = page[page.index('class="financing') :]
    table = table[: table.index("</table>")]
    for name in ("Steppe Animation", "Baku Drawings", "Istanbul Çizgi"):
        assert f'<span lang="und-Latn">{name}</span></td>' in table  # typed names: their script
    financing = client.get(f"/ru/coproductions/{project.pk}/financing/")
    assert financing.status_code == 200
    assert '<span lang="und-Latn">Baku Drawings</span></td>' in financing.content.decode()


def test_the_html_wording_escapes_names_and_keeps_the_plain_one():
    names = {"p1": Text("<b>Bozkır</b> & Co", "tr"), "p2": Text("Xəzər", "az")}
    code = next(c for c, t in wording.TEMPLATES.items() if "%(partner)s" in str(t))
    msgs = [Msg(code, tuple((k, "p1" if k == "partner" else "1") for k in _keys(code)))]
    with translation.override("en"):
        html = wording.render_html(msgs, names)
        plain = wording.render(msgs, {k: str(t) for k, t in names.items()})
    assert '<span lang="tr">&lt;b&gt;Bozkır&lt;/b&gt; &amp; Co</span>' in html
    assert "<b>" not in html and "<b>Bozkır</b> & Co" in plain
    subject = wording.subject_html("share", "p2", names)
    assert subject == '<span lang="az">Xəzər</span>'


def _keys(code: str) -> list[str]:
    return re.findall(r"%\((\w+)\)s", str(wording.TEMPLATES[code]))
