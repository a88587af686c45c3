"""Dubbing orders follow the rule of translation orders: a version of a track that was replaced or withdrawn,
or is held for its errors, is neither offered nor accepted (page, service, API)."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.localization import services
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.models import DubbingJob, TrackState
from tests.localization.dubbing.conftest import TR_SRT, build_dub_world

BROKEN_TR = """1
00:00:01,000 --> 00:00:04,000
AYŞE: Merhaba!

2
00:00:09,000 --> 00:00:08,000
MEHMET: Çay içelim mi?
""".encode()


@pytest.fixture
def dub_world(world):
    return build_dub_world(world)


def _upload(dub_world, data, name):
    return services.track_upload(
        actor=dub_world["users"]["kz_editor"],
        film=dub_world["film"],
        language="tr",
        data=data,
        file_name=name,
    )


def _order(dub_world, track):
    u = dub_world["users"]
    return dubbing.dubbing_order(
        actor=u["kz_editor"],
        film=dub_world["film"],
        target_language="tr",
        source_track=track,
        adapter=u["adapter"],
        director=u["director"],
        enqueue=False,
    )


def test_a_replaced_version_is_refused_as_for_a_translation(dub_world):
    old = dub_world["tr_track"]
    _upload(dub_world, TR_SRT, "dala2.tr.srt")  # the new current version
    old.refresh_from_db()
    assert old.state == TrackState.SUPERSEDED
    with pytest.raises(ValidationError) as refused:
        _order(dub_world, old)
    assert "This version of the track was replaced or withdrawn" in str(refused.value.message_dict["source"])
    assert not DubbingJob.objects.exists()

    token = token_create(user=dub_world["users"]["kz_editor"], name="t")[1]
    response = Client().post(
        "/api/dubbing/jobs",
        {"film": dub_world["film"].pk, "target_language": "tr", "source_track": old.pk,
         "adapter": "adapter", "director": "director"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )  # fmt: skip
    assert response.status_code == 422 and "replaced or withdrawn" in response.content.decode()
    assert not DubbingJob.objects.exists()


def test_the_order_form_offers_only_the_current_version(dub_world):
    old = dub_world["tr_track"]
    current = _upload(dub_world, TR_SRT, "dala2.tr.srt")
    held = [_upload(dub_world, BROKEN_TR, "broken2.srt") for _ in range(2)]
    assert all(t.state == TrackState.HELD for t in held)
    client = Client()
    client.force_login(dub_world["users"]["kz_editor"])
    page = html.unescape(
        client.get(f"/en/localization/dubbing/new/?film={dub_world['film'].pk}").content.decode()
    )
    assert f'value="track:{old.pk}"' not in page
    assert f'value="track:{current.pk}"' in page
    for track in held:
        assert f'value="track:{track.pk}"' not in page


def test_a_held_version_is_refused_until_its_errors_are_accepted(dub_world):
    held = _upload(dub_world, BROKEN_TR, "broken2.srt")
    assert held.state == TrackState.HELD
    with pytest.raises(ValidationError) as refused:
        _order(dub_world, held)
    assert "held for its errors" in str(refused.value.message_dict["source"])
    assert not DubbingJob.objects.exists()
    services.track_make_current(actor=dub_world["users"]["kz_editor"], track=held, accept_errors=True)
    held.refresh_from_db()
    assert held.state == TrackState.CURRENT
    assert _order(dub_world, held).source_track == held


def test_the_order_form_sent_again_orders_one_job(dub_world):
    import re

    client = Client()
    client.force_login(dub_world["users"]["kz_editor"])
    url = f"/en/localization/dubbing/new/?film={dub_world['film'].pk}"
    page = client.get(url).content.decode()
    key = re.search(r'name="once" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    u = dub_world["users"]
    form = {
        "film": dub_world["film"].pk,
        "source": f"track:{dub_world['tr_track'].pk}",
        "target_language": "tr",
        "adapter": u["adapter"].pk,
        "director": u["director"].pk,
        "once": key,
    }
    first = client.post(url, form)
    assert first.status_code == 302, first.content.decode()[-2000:]
    again = client.post(url, form)  # Back, then Order
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert DubbingJob.objects.count() == 1
