"""Withdrawing a version of a track is asked first, on the shared confirmation page: a GET shows the film
(in its title's language), the version and what withdrawing does, with the reason to give; only the POST
withdraws. A version already withdrawn is refused before the page and again on the POST."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from korkyt.catalogue.models import Track, TrackKind, TrackStatus
from korkyt.localization.models import TrackState
from tests.localization.conftest import KK_SRT

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(track) -> str:
    return f"/en/localization/tracks/{track.pk}/withdraw"


def test_the_get_asks_first_and_withdraws_nothing(world):
    track = world["track"]
    response = _client(world["users"]["kz_editor"]).get(_url(track))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert 'lang="kk-Cyrl">Дала әні</strong>' in page  # the film, in its title's language
    assert "version 1" in page and "dala.kk.srt" in page
    assert "the catalogue no longer offers the film's subtitles in this language" in page
    assert f'action="{_url(track)}"' in page and 'name="reason"' in page
    assert 'maxlength="300"' not in page  # a longer reason is refused with the reason, never cut
    assert f'href="/en/localization/tracks/{track.pk}/"' in page  # the way back
    track.refresh_from_db()
    assert track.state == TrackState.CURRENT


def test_the_page_of_a_version_the_catalogue_does_not_use_says_the_public_sees_no_change(world):
    from korkyt.localization import services

    second = services.track_upload(
        actor=world["users"]["kz_editor"], film=world["film"], language="kk", data=KK_SRT, file_name="v2.srt"
    )
    page = html.unescape(_client(world["users"]["kz_editor"]).get(_url(world["track"])).content.decode())
    assert "The catalogue does not use this version: the public sees no change." in page
    assert second.state == TrackState.CURRENT


def test_the_track_page_leads_to_the_question_rather_than_withdrawing_at_once(world):
    track = world["track"]
    page = _client(world["users"]["kz_editor"]).get(f"/en/localization/tracks/{track.pk}/").content.decode()
    assert f'href="{_url(track)}"' in page
    assert f'action="{_url(track)}"' not in page


def test_the_post_withdraws_with_the_reason(world):
    track = world["track"]
    response = _client(world["users"]["kz_editor"]).post(_url(track), {"reason": "wrong cut"}, follow=True)
    track.refresh_from_db()
    assert (track.state, track.withdrawn_reason) == (TrackState.WITHDRAWN, "wrong cut")
    assert "The version was withdrawn" in response.content.decode()
    status = Track.objects.get(film=world["film"], kind=TrackKind.SUBTITLES, language="kk-Cyrl").status
    assert status != TrackStatus.AVAILABLE


def test_a_reason_too_long_is_refused_on_the_page_keeping_what_was_typed(world):
    track = world["track"]
    reason = "ç" * 301
    response = _client(world["users"]["kz_editor"]).post(_url(track), {"reason": reason})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Give the reason in at most 300 characters." in page
    assert reason in page
    track.refresh_from_db()
    assert track.state == TrackState.CURRENT


def test_a_version_already_withdrawn_is_refused_before_the_page_and_on_the_post(world):
    track = world["track"]
    client = _client(world["users"]["kz_editor"])
    client.post(_url(track), {"reason": "wrong cut"})
    response = client.get(_url(track), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/en/localization/tracks/{track.pk}/"
    assert "This version is already withdrawn." in page
    response = client.post(_url(track), {"reason": "again"}, follow=True)
    assert "This version is already withdrawn." in response.content.decode()
    track.refresh_from_db()
    assert track.withdrawn_reason == "wrong cut"  # nothing changed


def test_only_those_who_manage_the_film_s_tracks_are_asked(world, job):
    # the translator sees the source track (their job's) but may not withdraw it
    client = _client(world["users"]["translator"])
    assert client.get(_url(world["track"])).status_code == 403
    assert client.post(_url(world["track"])).status_code == 403
    assert _client(world["users"]["stranger"]).get(_url(world["track"])).status_code == 404
