"""A source track keeps the frame rate of its file (MicroDVD's, the one chosen on upload, DCP SMPTE's
EditRate): exporting the track, or a job made from it, as MicroDVD or DCP SMPTE uses that rate, so frame
numbers come back as they were; a track without one exports at the defaults (MicroDVD 25, DCP 24)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.localization import exports
from korkyt.subtitles import dumps, loads
from tests.localization.conftest import KK_SRT, order_job, upload_track

pytestmark = pytest.mark.django_db

#: Kazakh MicroDVD made for a 23.976 fps video; it does not say its rate (the upload gives it).
KK_SUB = """{24}{84}Сәлем, досым!
{96}{156}Бүгін күн жылы.
{168}{235}Қорқыт Ата далада жүр.
{252}{312}Шай ішесің бе?
""".encode()

_FRAMES = re.compile(r"^\{(\d+)\}\{(\d+)\}", re.M)
_TIMES = re.compile(r'Time(?:In|Out)="[^"]*"')


def _frames(text: str) -> list[tuple[int, int]]:
    """The cues' frame numbers (the ``{1}{1}rate`` declaration left out)."""
    pairs = [(int(a), int(b)) for a, b in _FRAMES.findall(text)]
    return [p for p in pairs if p != (1, 1)]


def test_a_microdvd_track_exports_at_its_own_rate_track_and_job(world):
    track = upload_track(world, KK_SUB, file_name="dala.kk.sub", fps="23.976")
    source = _frames(KK_SUB.decode())
    _name, text = exports.track_export(track, "microdvd")
    assert _frames(text) == source
    assert text.startswith("{1}{1}23.976\n")
    world["track"] = track
    job = order_job(world)
    _name, text = exports.job_export(job, "microdvd")
    assert _frames(text) == source
    assert text.startswith("{1}{1}23.976\n")
    track.refresh_from_db()
    assert track.fps == pytest.approx(23.976)


def test_a_declared_microdvd_rate_is_kept(world):
    track = upload_track(world, b"{1}{1}29.97\n" + KK_SUB, file_name="dala.kk.sub")
    assert track.fps == pytest.approx(29.97)
    assert _frames(exports.track_export(track, "microdvd")[1]) == _frames(KK_SUB.decode())


def test_a_dcp_smpte_track_at_25_exports_at_25_track_and_job(world):
    smpte = dumps(loads(KK_SRT), "dcp-smpte", fps=25, title="Dala", language="kk").encode()
    track = upload_track(world, smpte, file_name="dala.smpte.xml")
    assert track.format == "dcp-smpte" and track.fps == 25
    world["track"] = track
    job = order_job(world)
    times = _TIMES.findall(smpte.decode())
    assert times[:2] == ['TimeIn="00:00:01:00"', 'TimeOut="00:00:03:13"']  # 3.5 s: 3 s and 13 frames at 25
    for _name, text in (exports.track_export(track, "dcp-smpte"), exports.job_export(job, "dcp-smpte")):
        assert "<EditRate>25 1</EditRate>" in text and "<TimeCodeRate>25</TimeCodeRate>" in text
        assert _TIMES.findall(text) == times


def test_a_track_without_a_rate_exports_at_the_defaults(world):
    track = world["track"]  # SRT: no frame rate
    assert track.fps is None
    assert exports.track_export(track, "microdvd")[1].startswith("{1}{1}25\n")
    assert "<EditRate>24 1</EditRate>" in exports.track_export(track, "dcp-smpte")[1]
    job = order_job(world)
    assert exports.job_export(job, "microdvd")[1].startswith("{1}{1}25\n")
    assert "<EditRate>24 1</EditRate>" in exports.job_export(job, "dcp-smpte")[1]


def test_a_rate_dcp_cannot_hold_exports_dcp_at_24(world):
    """DCP counts whole frames: a 23.976 source still exports as DCP SMPTE, at the default 24 (its times in
    seconds unchanged), as before the rate was kept."""
    track = upload_track(world, KK_SUB, file_name="dala.kk.sub", fps="23.976")
    text = exports.track_export(track, "dcp-smpte")[1]
    assert "<EditRate>24 1</EditRate>" in text and 'TimeIn="00:00:01:00"' in text


def test_the_track_page_and_the_api_give_the_rate(world):
    track = upload_track(world, KK_SUB, file_name="dala.kk.sub", fps="23.976")
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    page = client.get(f"/en/localization/tracks/{track.pk}/").content.decode()
    assert "microdvd · 23.976 fps" in page
    srt_page = client.get(f"/en/localization/tracks/{world['track'].pk}/").content.decode()
    assert " fps" not in srt_page.split("<h1>", 1)[1].split("</p>", 1)[0]
    from korkyt.accounts.services import token_create

    headers = {"Authorization": f"Bearer {token_create(user=world['users']['kz_editor'], name='t')[1]}"}
    out = client.get(f"/api/localization/tracks/{track.pk}", headers=headers).json()
    assert out["fps"] == pytest.approx(23.976) and out["format"] == "microdvd"
    out = client.get(f"/api/localization/tracks/{world['track'].pk}", headers=headers).json()
    assert out["fps"] is None


def test_the_command_line_import_says_the_rate(world, tmp_path):
    from typer.testing import CliRunner

    from korkyt.cli import app

    source = tmp_path / "dala.kk.sub"
    source.write_bytes(KK_SUB)
    args = ["l10n", "import-track", str(source), "--film", str(world["film"].pk), "--language", "kk"]
    result = CliRunner().invoke(app, [*args, "--fps", "23.976"])
    assert result.exit_code == 0, result.output
    assert "4 cues, microdvd at 23.976 fps, utf-8" in result.output
