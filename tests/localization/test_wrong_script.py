"""A cue in the wrong script is a check finding in the editor (and the autosave, the whole-job check); an
uploaded file written in another script than its language tag says is one finding on the track."""

from __future__ import annotations

from html import escape

import pytest
from django.test import Client

from korkyt.localization import selectors, services
from korkyt.localization.findings import CODE_TEXT
from korkyt.subtitles import CODES

pytestmark = pytest.mark.django_db

LATIN_KK = """1
00:00:01,000 --> 00:00:03,500
Sálem, dosym!

2
00:00:04,000 --> 00:00:06,500
Búgin kún jyly.

3
00:00:07,000 --> 00:00:09,800
Qorqyt Ata dalada júr.
""".encode()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def uz_job(world):
    u = world["users"]
    return services.job_order(
        actor=u["kz_editor"], source=world["track"], target_language="uz-Latn", assignee=u["translator"],
        reviewer=u["reviewer"], enqueue=False,
    )  # fmt: skip


def _fill(job, world, texts):
    for cue, text in zip(job.cues.order_by("position"), texts, strict=True):
        services.cue_save(actor=world["users"]["translator"], cue=cue, text=text)


def test_every_script_code_has_its_translatable_sentence():
    codes = [c for c in CODES if c.startswith("script.")]
    assert len(codes) == 8
    for code in codes:
        assert code in CODE_TEXT, code


def test_a_cyrillic_cue_in_an_uzbek_latin_job_is_flagged_in_the_editor(world, uz_job):
    _fill(
        uz_job,
        world,
        [
            "Salom, doʻstim!",
            "Бугун ҳаво иссиқ, чой ичамиз.",  # typed with the Cyrillic keyboard
            "Men Netflix-da «Қорқыт Ата» filmini koʻrdim.",  # a name in Cyrillic: left alone
            "Choy ichasanmi?",
        ],
    )
    cues = list(selectors.job_cues(uz_job))
    concepts = selectors.glossary_concepts()
    whole = selectors.findings_by_cue(uz_job, cues, concepts)
    coded = {i: [f["code"] for f in found if f["code"].startswith("script.")] for i, found in whole.items()}
    assert {i: c for i, c in coded.items() if c} == {1: ["script.cyrillic-in-latin"]}
    for index, cue in enumerate(cues):  # the autosave shows the same
        assert selectors.cue_findings(uz_job, cue, concepts) == whole.get(index, []), index
    page = _client(world["users"]["translator"]).get(f"/ru/localization/jobs/{uz_job.pk}/").content.decode()
    assert escape(str(CODE_TEXT["script.cyrillic-in-latin"])) in page  # the code's sentence, to translate
    english = (
        _client(world["users"]["translator"]).get(f"/en/localization/jobs/{uz_job.pk}/").content.decode()
    )
    assert "cue 2: Cyrillic text in a Latin-script cue" in english


def test_a_whole_job_in_the_other_script_is_flagged_cue_by_cue(world, uz_job):
    """The editor shows findings per cue: a target typed all in Cyrillic gets one on every cue, never a
    document-level finding that no row would show."""
    _fill(
        uz_job,
        world,
        ["Салом, дўстим, қалайсан?", "Бугун ҳаво жуда иссиқ.", "Қорқыт Ата далада юрибди.", "Чой ичасанми?"],
    )
    cues = list(selectors.job_cues(uz_job))
    whole = selectors.findings_by_cue(uz_job, cues, [])
    flagged = [i for i, found in whole.items() if any(f["code"] == "script.cyrillic-in-latin" for f in found)]
    assert flagged == [0, 1, 2, 3]
    check = services.check_request(actor=world["users"]["translator"], job=uz_job, enqueue=False)
    check = services.check_run(check_id=check.pk)
    assert check.summary["codes"]["script.cyrillic-in-latin"] == 4


def test_a_latin_file_uploaded_as_kazakh_cyrillic_is_one_finding_on_the_track(world):
    track = services.track_upload(
        actor=world["users"]["kz_editor"], film=world["film"], language="kk-Cyrl", data=LATIN_KK,
        file_name="latin.srt",
    )  # fmt: skip
    script = [f for f in track.findings if f["code"].startswith("script.")]
    assert [(f["cue"], f["code"]) for f in script] == [(None, "script.document-latin-in-cyrillic")]
    page = _client(world["users"]["kz_editor"]).get(f"/ru/localization/tracks/{track.pk}/").content.decode()
    assert escape(str(CODE_TEXT["script.document-latin-in-cyrillic"])) in page


def test_a_cyrillic_file_uploaded_as_kazakh_cyrillic_has_no_script_finding(world):
    assert not [f for f in world["track"].findings if f["code"].startswith("script.")]
