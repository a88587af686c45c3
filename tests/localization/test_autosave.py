"""The editor's autosave checks one cue and its neighbours, with the glossary kept while it does not change:
the findings it shows are exactly those of the whole-job check."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.localization import selectors, services
from korkyt.localization.models import GlossaryConcept, GlossaryTerm

pytestmark = pytest.mark.django_db

SRT = """1
00:00:01,000 --> 00:00:03,500
Қорқыт Ата далада жүр.

2
00:00:03,400 --> 00:00:05,000
Бүгін 1250 теңге.

3
00:00:05,010 --> 00:00:09,800
Сәлем, досым!

4
00:00:10,500 --> 00:00:11,000
Шай ішесің бе, Қорқыт Ата?

5
00:00:11,100 --> 00:00:15,000
Жақсы.
""".encode()

TEXTS = [
    "Korkyt yürüyor bozkırda.",  # glossary term missing
    "Bugün 125 tenge.",  # number differs, overlaps cue 1
    "Selam dostum, bu satır çok çok çok uzun bir satırdır ve sınırı geçer!",  # long line, 10 ms gap before
    "Çay içer misin, Korkut Ata? Çay içer misin, Korkut Ata?",  # reading speed
    "İyi.",
]


@pytest.fixture
def busy_job(world):
    u = world["users"]
    track = services.track_upload(
        actor=u["kz_editor"], film=world["film"], language="kk", data=SRT, file_name="x.srt"
    )
    track = services.track_make_current(actor=u["kz_editor"], track=track, accept_errors=True)  # overlap
    job = services.job_order(
        actor=u["kz_editor"], source=track, target_language="tr", assignee=u["translator"], reviewer=u["reviewer"],
        enqueue=False,
    )  # fmt: skip
    concept = GlossaryConcept.objects.create(code="korkyt")
    GlossaryTerm.objects.create(concept=concept, language="kk", text="Қорқыт Ата")
    GlossaryTerm.objects.create(concept=concept, language="tr", text="Korkut Ata")
    for cue, text in zip(job.cues.order_by("position"), TEXTS, strict=True):
        services.cue_save(actor=u["translator"], cue=cue, text=text)
    return job


def test_the_findings_of_one_cue_are_those_of_the_whole_job_check(busy_job):
    cues = list(selectors.job_cues(busy_job))
    concepts = selectors.glossary_concepts()
    whole = selectors.findings_by_cue(busy_job, cues, concepts)
    assert {f["code"] for found in whole.values() for f in found} >= {
        "source.glossary", "source.numbers", "timing.overlap", "layout.line-too-long", "timing.gap-too-small",
    }  # fmt: skip
    for index, cue in enumerate(cues):
        assert selectors.cue_findings(busy_job, cue, concepts) == whole.get(index, []), index


def test_an_autosave_answers_with_the_cue_findings_numbered_as_in_the_job(busy_job, world):
    client = Client()
    client.force_login(world["users"]["translator"])
    cue = busy_job.cues.get(position=1)
    html = client.post(
        f"/en/localization/cues/{cue.pk}/save", {"text": "Bugün 125 tenge."}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "cue 2: numbers differ from the source" in html
    assert "cue 2 starts at 0:00:03.400, 100 ms before cue 1 ends" in html


def test_the_glossary_is_read_again_when_it_changes(busy_job):
    first = selectors.glossary_concepts()
    assert selectors.glossary_concepts() == first  # kept: same stamp
    concept = GlossaryConcept.objects.get(code="korkyt")
    GlossaryTerm.objects.create(concept=concept, language="tr", text="Korkut")
    again = selectors.glossary_concepts()
    assert {t.text for t in again[0].terms} == {"Қорқыт Ата", "Korkut Ata", "Korkut"}
    GlossaryTerm.objects.filter(text="Korkut").delete()
    assert {t.text for t in selectors.glossary_concepts()[0].terms} == {"Қорқыт Ата", "Korkut Ata"}


def test_the_api_save_answers_with_the_cue_findings(busy_job, world):
    from korkyt.accounts.services import token_create

    _, secret = token_create(user=world["users"]["translator"], name="t")
    cue = busy_job.cues.get(position=0)
    body = Client().patch(
        f"/api/localization/cues/{cue.pk}", {"text": "Korkyt yürüyor."}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    ).json()  # fmt: skip
    assert "source.glossary" in {f["code"] for f in body["findings"]}


def _srt(starts_ms: list[int]) -> bytes:
    def clock(ms: int) -> str:
        return f"00:00:{ms // 1000:02d},{ms % 1000:03d}"

    return "\n".join(
        f"{n}\n{clock(start)} --> {clock(start + 2000)}\nЖол {n}.\n" for n, start in enumerate(starts_ms, 1)
    ).encode()


def test_the_findings_of_one_cue_follow_the_whole_job_check_when_cues_are_out_of_order(world):
    u = world["users"]
    # 10 s, 1 s, 4 s, 7 s: cues 3 and 4 start before cue 1; then an overlap with cue 1 and a tie with it
    starts = [10_000, 1_000, 4_000, 7_000, 11_000, 11_000, 2_000, 14_000]
    track = services.track_upload(
        actor=u["kz_editor"], film=world["film"], language="kk", data=_srt(starts), file_name="x.srt"
    )
    track = services.track_make_current(actor=u["kz_editor"], track=track, accept_errors=True)  # held before
    job = services.job_order(
        actor=u["kz_editor"], source=track, target_language="tr", assignee=u["translator"], reviewer=u["reviewer"],
        enqueue=False,
    )  # fmt: skip
    for n, cue in enumerate(job.cues.order_by("position"), 1):
        services.cue_save(actor=u["translator"], cue=cue, text=f"Satır {n}.")
    cues = list(selectors.job_cues(job))
    whole = selectors.findings_by_cue(job, cues, [])
    assert sorted(i for i, found in whole.items() if any(f["code"] == "timing.out-of-order" for f in found)) == [
        1, 2, 3, 6,
    ]  # fmt: skip
    for index, cue in enumerate(cues):
        assert selectors.cue_findings(job, cue, []) == whole.get(index, []), index
