"""Trust in the catalogue: a subtitle file with errors is held (never shown as available) until it is
replaced by a clean version or its errors are accepted knowingly; a track has versions, exactly one current
per film and language, and any version can be withdrawn."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.catalogue.models import Track, TrackKind, TrackStatus
from korkyt.localization import services
from korkyt.localization.models import SubtitleTrack, TrackState
from tests.localization.conftest import KK_SRT

pytestmark = pytest.mark.django_db

# Cue 2 overlaps cue 1, and cue 3 ends before it starts.
BROKEN_SRT = """1
00:00:01,000 --> 00:00:04,000
Сәлем, досым!

2
00:00:03,000 --> 00:00:05,000
Бүгін күн жылы.

3
00:00:09,000 --> 00:00:08,000
Қорқыт Ата далада жүр.
""".encode()


def _catalogue_status(film, language="kk-Cyrl") -> str:
    return Track.objects.get(film=film, kind=TrackKind.SUBTITLES, language=language).status


def _upload(world, data, name="dala.srt", language="ru"):
    return services.track_upload(
        actor=world["users"]["kz_editor"], film=world["film"], language=language, data=data, file_name=name
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_file_with_errors_is_held_and_the_public_never_sees_it_available(world):
    track = _upload(world, BROKEN_SRT)
    assert track.state == TrackState.HELD and track.error_count >= 2
    assert _catalogue_status(world["film"], "ru") != TrackStatus.AVAILABLE
    public = Client().get(f"/en/films/{world['film'].pk}/").content.decode()
    # the Russian subtitles are listed as in preparation, never as available
    assert 'data-lang="ru"' in public
    assert 'class="tag track-available" data-lang="ru"' not in public


def test_the_upload_page_says_the_file_is_held_and_lists_its_errors_first(world):
    client = _client(world["users"]["kz_editor"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/en/localization/tracks/new/",
        {"film": world["film"].pk, "language": "ru", "file": SimpleUploadedFile("b.srt", BROKEN_SRT)},
        follow=True,
    )
    page = response.content.decode()
    assert "it is held and the public does not see it" in page
    assert "uploaded and checked" not in page
    errors = page[page.index('id="errors"') : page.index("</ul>", page.index('id="errors"'))]
    assert 'data-code="timing.overlap"' in errors and 'data-code="timing.non-positive-duration"' in errors
    assert "<details" not in errors  # errors are not folded away


def test_a_held_version_does_not_replace_the_current_one(world):
    first = world["track"]  # clean kk-Cyrl upload from the fixture
    held = _upload(world, BROKEN_SRT, language="kk")
    first.refresh_from_db()
    assert (first.state, held.state) == (TrackState.CURRENT, TrackState.HELD)
    assert (held.version, held.replaces_id) == (2, first.pk)
    assert _catalogue_status(world["film"]) == TrackStatus.AVAILABLE  # the clean version still serves


def test_a_corrected_upload_becomes_current_and_keeps_the_history(world):
    held = _upload(world, BROKEN_SRT)
    fixed = _upload(world, KK_SRT, name="fixed.srt")
    held.refresh_from_db()
    assert (fixed.state, fixed.version, held.state) == (TrackState.CURRENT, 2, TrackState.SUPERSEDED)
    assert _catalogue_status(world["film"], "ru") == TrackStatus.AVAILABLE
    third = _upload(world, KK_SRT, name="again.srt")
    states = dict(
        SubtitleTrack.objects.filter(film=world["film"], language="ru").values_list("version", "state")
    )
    assert states == {1: "superseded", 2: "superseded", 3: "current"} and third.version == 3


def test_errors_are_made_public_only_when_accepted_knowingly(world):
    held = _upload(world, BROKEN_SRT)
    with pytest.raises(ValidationError) as info:
        services.track_make_current(actor=world["users"]["kz_editor"], track=held)
    assert "accept_errors" in info.value.message_dict
    assert _catalogue_status(world["film"], "ru") != TrackStatus.AVAILABLE
    services.track_make_current(actor=world["users"]["kz_editor"], track=held, accept_errors=True)
    held.refresh_from_db()
    assert held.state == TrackState.CURRENT and held.accepted_by == world["users"]["kz_editor"]
    assert held.accepted_at is not None
    assert _catalogue_status(world["film"], "ru") == TrackStatus.AVAILABLE


def test_withdrawing_the_current_version_takes_the_track_off_the_catalogue(world):
    track = world["track"]
    services.track_withdraw(actor=world["users"]["kz_editor"], track=track, reason="wrong cut")
    track.refresh_from_db()
    assert track.state == TrackState.WITHDRAWN and track.withdrawn_reason == "wrong cut"
    assert _catalogue_status(world["film"]) == TrackStatus.PLANNED
    assert SubtitleTrack.objects.filter(pk=track.pk).exists()  # kept for the record
    page = Client().get(f"/en/films/{world['film'].pk}/").content.decode()
    assert "track-available" not in page


def test_an_older_version_can_be_brought_back(world):
    first = world["track"]
    second = _upload(world, KK_SRT, name="v2.srt", language="kk")
    services.track_make_current(actor=world["users"]["kz_editor"], track=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (TrackState.CURRENT, TrackState.SUPERSEDED)


def test_the_database_refuses_two_current_versions(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        SubtitleTrack.objects.create(
            film=world["film"], language="kk-Cyrl", format="srt", state=TrackState.CURRENT, version=9
        )


def test_no_job_is_ordered_from_a_replaced_or_withdrawn_version(world):
    services.track_withdraw(actor=world["users"]["kz_editor"], track=world["track"])
    with pytest.raises(ValidationError) as info:
        services.job_order(
            actor=world["users"]["kz_editor"],
            source=world["track"],
            target_language="tr",
            assignee=world["users"]["translator"],
            reviewer=world["users"]["reviewer"],
            enqueue=False,
        )
    assert "source_track" in info.value.message_dict


def test_a_held_version_is_not_ordered_from_until_its_errors_are_accepted(world):
    held = _upload(world, BROKEN_SRT)
    editor = world["users"]["kz_editor"]
    order = {
        "target_language": "tr",
        "assignee": world["users"]["translator"],
        "reviewer": world["users"]["reviewer"],
        "enqueue": False,
    }
    with pytest.raises(ValidationError) as info:
        services.job_order(actor=editor, source=held, **order)
    assert "held for its errors" in str(info.value.message_dict["source_track"])
    assert not held.jobs.exists()
    page = html.unescape(_client(editor).get(f"/en/localization/tracks/{held.pk}/").content.decode())
    order_part = page[page.index('id="order"') :]
    assert "accept this version's errors to make it current" in order_part
    assert 'name="target_language"' not in order_part  # no form to fill in for nothing
    token = token_create(user=editor, name="t")[1]
    response = Client().post(
        "/api/localization/jobs",
        {"source_track": held.pk, "target_language": "tr", "assignee": "translator", "reviewer": "reviewer"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422 and "held for its errors" in response.content.decode()
    services.track_make_current(actor=editor, track=held, accept_errors=True)
    held.refresh_from_db()
    assert services.job_order(actor=editor, source=held, **order).source_id == held.pk


def test_a_replaced_version_s_page_leads_to_the_current_one_for_orders(world):
    second = _upload(world, KK_SRT, name="v2.srt", language="kk")
    page = _client(world["users"]["kz_editor"]).get(f"/en/localization/tracks/{world['track'].pk}/")
    text = page.content.decode()
    order_part = text[text.index('id="order"') :]
    assert f'href="/en/localization/tracks/{second.pk}/#order"' in order_part
    assert 'name="target_language"' not in order_part


def test_the_track_page_lists_the_versions_and_offers_withdrawal(world):
    second = _upload(world, BROKEN_SRT, name="v2.srt", language="kk")
    page = _client(world["users"]["kz_editor"]).get(f"/en/localization/tracks/{second.pk}/").content.decode()
    versions = page[page.index('class="versions row-cards no-title"') :]
    assert f'href="/en/localization/tracks/{world["track"].pk}/"' in versions
    assert "track-state-held" in versions and "track-state-current" in versions
    assert f'href="/en/localization/tracks/{second.pk}/withdraw"' in page  # asked first
    assert 'name="accept_errors"' in page


def test_the_track_page_shows_findings_in_the_interface_language(world):
    held = _upload(world, BROKEN_SRT)
    page = _client(world["users"]["kz_editor"]).get(f"/kk/localization/tracks/{held.pk}/").content.decode()
    assert 'data-code="timing.overlap"' in page
    assert "starts before the previous" not in page  # the package's English message is not shown
    assert ">error:" not in page and ">warning:" not in page


def test_the_api_reports_versions_and_withdraws(world):
    second = _upload(world, KK_SRT, name="v2.srt", language="kk")
    token = token_create(user=world["users"]["kz_editor"], name="t")[1]
    headers = {"Authorization": f"Bearer {token}"}
    client = Client()
    rows = client.get(f"/api/localization/tracks/{second.pk}/versions", headers=headers).json()
    assert [(r["version"], r["state"]) for r in rows] == [(2, "current"), (1, "superseded")]
    response = client.post(
        f"/api/localization/tracks/{second.pk}/withdraw",
        {"reason": "x" * 301},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422 and "reason" in str(response.json()["errors"])
    response = client.post(
        f"/api/localization/tracks/{second.pk}/withdraw",
        {"reason": "wrong cut", "typo": 1},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    response = client.post(
        f"/api/localization/tracks/{second.pk}/withdraw",
        {"reason": "wrong cut"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"


def test_a_replaced_version_s_history_records_that_it_was_superseded(world):
    from django.contrib.contenttypes.models import ContentType

    from korkyt.core.models import AuditAction, AuditEntry

    held = _upload(world, BROKEN_SRT)
    fixed = _upload(world, KK_SRT, name="fixed.srt")  # supersedes the held version
    third = _upload(world, KK_SRT, name="again.srt")  # supersedes the current one
    track_type = ContentType.objects.get_for_model(SubtitleTrack)

    def states(track) -> list[list[str]]:
        return [
            e.changes["state"]
            for e in AuditEntry.objects.filter(
                content_type=track_type, object_pk=str(track.pk), action=AuditAction.UPDATE
            )
            if "state" in (e.changes or {})
        ]

    assert ["held", "superseded"] in states(held)
    assert ["current", "superseded"] in states(fixed)
    assert [after for _before, after in states(third)] == ["current"]  # the new current one
    # the film's history shows it (a track's entries are its film's)
    entry = AuditEntry.objects.filter(content_type=track_type, object_pk=str(fixed.pk)).last()
    assert (entry.root_type.model, entry.root_id) == ("film", world["film"].pk)
