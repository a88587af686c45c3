from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.localization import services
from korkyt.localization.models import CueState, TranslationJob

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_editor_shows_source_target_states_and_glossary_hits(job, world):
    from korkyt.localization.models import GlossaryConcept, GlossaryTerm

    concept = GlossaryConcept.objects.create(code="korkyt")
    GlossaryTerm.objects.create(concept=concept, language="kk-Cyrl", text="Қорқыт Ата")
    GlossaryTerm.objects.create(concept=concept, language="tr", text="Korkut Ata")
    services.job_prepare(job_id=job.pk)
    response = _client(world["users"]["translator"]).get(f"/en/localization/jobs/{job.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Сәлем, досым!" in html
    assert '<mark class="term" title="Korkut Ata">Қорқыт Ата</mark>' in html
    assert "No machine-translation engine is configured" in html
    assert 'hx-post="/en/localization/cues/' in html


def test_autosave_and_review_through_htmx(job, world):
    cue = job.cues.order_by("position").first()
    translator = _client(world["users"]["translator"])
    response = translator.post(
        f"/en/localization/cues/{cue.pk}/save", {"text": "Merhaba dostum!"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and 'data-state="draft"' in response.content.decode()
    response = translator.post(
        f"/en/localization/cues/{cue.pk}/save",
        {"text": "Merhaba dostum!", "submit": "1"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'data-state="waiting_review"' in html
    # the state counts at the top of the editor come along, swapped out of band
    assert 'id="job-counts" aria-live="polite" hx-swap-oob="true"' in html
    assert "Waiting for review 1" in html and "Untranslated 3" in html
    assert (
        translator.post(f"/en/localization/cues/{cue.pk}/review", {"decision": "approve"}).status_code == 403
    )
    reviewer = _client(world["users"]["reviewer"])
    response = reviewer.post(
        f"/en/localization/cues/{cue.pk}/review",
        {"decision": "return", "comment": "Selam?"},
        HTTP_HX_REQUEST="true",
    )
    assert "Selam?" in response.content.decode()
    cue.refresh_from_db()
    assert cue.state == CueState.NEEDS_EDITING
    stranger = _client(world["users"]["other_translator"])
    assert stranger.post(f"/en/localization/cues/{cue.pk}/save", {"text": "x"}).status_code == 404


def test_export_and_preview_vtt(job, world):
    client = _client(world["users"]["kz_editor"])
    response = client.get(f"/en/localization/jobs/{job.pk}/export?format=dcp-smpte")
    assert response.status_code == 200 and b"SubtitleReel" in response.content
    assert "attachment" in response["Content-Disposition"]
    response = client.get(f"/en/localization/jobs/{job.pk}/preview.vtt")
    assert response.content.startswith(b"WEBVTT")


def test_upload_and_order_through_the_pages(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.localization.conftest import KK_SRT

    client = _client(world["users"]["kz_editor"])
    # the form proposes the reader's language for the subtitles (Uzbek in Latin for an Uzbek page)
    form = client.get("/uz/localization/tracks/new/").content.decode()
    assert '<option value="uz-Latn" selected>' in form
    response = client.post(
        "/en/localization/tracks/new/",
        {"film": world["film"].pk, "language": "kk-Cyrl", "file": SimpleUploadedFile("a.srt", KK_SRT)},
    )
    assert response.status_code == 302
    track_url = response["Location"]
    key = re.search(r'name="once" value="([^"]+)"', client.get(track_url).content.decode())
    assert key is not None
    order = {
        "target_language": "tr",
        "assignee": world["users"]["translator"].pk,
        "reviewer": world["users"]["reviewer"].pk,
        "once": key.group(1),
    }
    response = client.post(track_url, order)
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    again = client.post(track_url, order)  # Back, then Order: the same job, not a second one
    assert again.status_code == 302 and again["Location"] == response["Location"]
    assert TranslationJob.objects.filter(target_language="tr").count() == 1


def test_coverage_page_lists_films_and_links_to_order(world, job):
    client = _client(world["users"]["kz_editor"])
    html = client.get("/en/localization/coverage/").content.decode()
    assert "Дала әні" in html
    assert f"/en/localization/jobs/{job.pk}/" in html
    assert "?target=en#order" in html


def test_autosave_with_glossary_terms_checks_the_cue(job, world):
    from korkyt.localization.models import GlossaryConcept, GlossaryTerm

    concept = GlossaryConcept.objects.create(code="korkyt")
    GlossaryTerm.objects.create(concept=concept, language="kk-Cyrl", text="Қорқыт Ата")
    GlossaryTerm.objects.create(concept=concept, language="tr", text="Korkut Ata")
    cue = job.cues.get(position=2)
    translator = _client(world["users"]["translator"])
    response = translator.post(
        f"/en/localization/cues/{cue.pk}/save",
        {"text": "Korkut Ata kopuz mu çalıyor?", "submit": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'data-state="waiting_review"' in response.content.decode()
    response = translator.post(
        f"/en/localization/cues/{cue.pk}/save", {"text": "Korkyt kopuz mu çalıyor?"}, HTTP_HX_REQUEST="true"
    )
    assert "glossary" in response.content.decode().lower()


def test_editor_sets_the_video_address_on_the_track_page(world, job):
    client = _client(world["users"]["kz_editor"])
    url = f"/en/localization/tracks/{world['track'].pk}/"
    assert client.post(url, {"video_url": "https://example.org/film.webm"}).status_code == 302
    world["track"].refresh_from_db()
    assert world["track"].video_url == "https://example.org/film.webm"
    client.post(url, {"video_url": "javascript:alert(1)"})
    world["track"].refresh_from_db()
    assert world["track"].video_url == "https://example.org/film.webm"
    translator = _client(world["users"]["translator"])
    assert translator.post(url, {"video_url": "https://x.org/a.mp4"}).status_code == 403


def test_reviewer_sees_review_actions_but_no_submit_buttons_translator_the_reverse(job, world):
    services.job_prepare(job_id=job.pk)
    reviewer = _client(world["users"]["reviewer"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    translator = (
        _client(world["users"]["translator"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    )
    assert 'class="small submit"' not in reviewer and 'class="small approve"' in reviewer
    assert 'class="small submit"' in translator and 'class="small approve"' not in translator


def test_reviewer_may_not_submit_a_cue_for_review(job, world):
    from django.core.exceptions import PermissionDenied

    services.job_prepare(job_id=job.pk)
    cue = job.cues.order_by("position").first()
    with pytest.raises(PermissionDenied):
        services.cue_save(actor=world["users"]["reviewer"], cue=cue, text="Merhaba", submit=True)
    cue = services.cue_save(actor=world["users"]["reviewer"], cue=cue, text="Merhaba")
    assert cue.state == CueState.DRAFT


@pytest.mark.parametrize("who", ["translator", "reviewer"])
def test_my_work_lists_the_jobs_of_translators_and_reviewers_first(job, world, who):
    html = _client(world["users"][who]).get("/en/staff/").content.decode()
    assert "My translation jobs" in html
    assert f"/en/localization/jobs/{job.pk}/" in html and "Дала әні" in html
    assert html.index("My translation jobs") < html.index("Personal API tokens")
    assert "Institutions I edit" not in html  # nothing to edit: no empty sections for them


def test_my_work_of_someone_without_jobs_says_so(world):
    html = _client(world["users"]["stranger"]).get("/en/staff/").content.decode()
    assert "Nothing waits for you yet." in html and "My translation jobs" not in html


def test_my_work_of_an_editor_keeps_the_editing_sections(job, world):
    html = _client(world["users"]["kz_editor"]).get("/en/staff/").content.decode()
    assert "Institutions I edit" in html and "My translation jobs" not in html


def test_the_films_workbench_page_names_languages_not_tags(world, job):
    """The source tracks and the jobs on a film's workbench page: "Kazakh (Cyrillic) · dala.kk.srt", "Turkish ·
    Translation", in the reader's language; they showed "kk" and "tr"."""
    client = _client(world["users"]["kz_editor"])
    html = client.get(f"/en/localization/films/{world['film'].pk}/").content.decode()
    assert ">Kazakh (Cyrillic) · dala.kk.srt</a>" in html
    assert ">Turkish · " in html and ">tr · " not in html
    russian = client.get(f"/ru/localization/films/{world['film'].pk}/").content.decode()
    assert "казахский (кириллица) · dala.kk.srt</a>" in russian.lower() and ">Турецкий · " in russian


def test_a_microdvd_file_without_its_frame_rate_asks_for_it_and_is_read_at_the_rate_chosen(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from korkyt.localization.models import SubtitleTrack

    mdvd = "{25}{75}Сәлем, досым!\n{100}{150}Бүгін күн жылы.\n".encode()
    client = _client(world["users"]["kz_editor"])
    page = client.get("/kk/localization/tracks/new/").content.decode()
    assert 'name="fps"' in page and '<option value="23.976">' in page

    def upload(**extra: str):  # type: ignore[no-untyped-def]
        data = {"film": world["film"].pk, "language": "kk-Cyrl", "file": SimpleUploadedFile("a.sub", mdvd)}
        return client.post("/en/localization/tracks/new/", {**data, **extra})

    before = SubtitleTrack.objects.count()
    response = upload()
    assert response.status_code == 200
    assert "choose the frame rate of the video it was made for" in response.content.decode()
    assert SubtitleTrack.objects.count() == before  # nothing half-saved
    response = upload(fps="12")
    assert response.status_code == 200 and SubtitleTrack.objects.count() == before

    response = upload(fps="25")

    assert response.status_code == 302
    track = SubtitleTrack.objects.latest("pk")
    assert track.format == "microdvd"
    assert [(c.start_ms, c.end_ms) for c in track.cues.order_by("position")] == [(1000, 3000), (4000, 6000)]


def test_the_api_names_a_missing_or_unknown_frame_rate(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from korkyt.accounts.services import token_create

    headers = {"Authorization": f"Bearer {token_create(user=world['users']['kz_editor'], name='t')[1]}"}
    mdvd = b"{25}{75}Hello\n"
    for fps, message in (("", "choose the frame rate"), ("nan", "Choose one of these frame rates")):
        response = Client().post(
            "/api/localization/tracks",
            {
                "film": world["film"].pk,
                "language": "kk-Cyrl",
                "fps": fps,
                "file": SimpleUploadedFile("a.sub", mdvd),
            },
            headers=headers,
        )
        assert response.status_code == 422, response.content
        errors = response.json()["errors"]
        assert [e["field"] for e in errors] == ["fps"] and message in errors[0]["message"]
