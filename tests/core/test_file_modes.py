"""Files written beside their target and renamed into place get the mode a new file gets by the umask, not
``tempfile.mkstemp``'s 600: a temp voice track, a dubbing script or a TMX file others on the machine (a
studio's group, a web server) read."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from korkyt.core.files import temporary_beside, write_output
from korkyt.dubbing.script import build_script
from korkyt.dubbing.writers import write_csv
from korkyt.mt.memory import TMUnit, write_tmx
from korkyt.subtitles import Cue


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_get_the_umasks_mode(tmp_path: Path, umask_022: None) -> None:
    write_output(tmp_path / "out.json", "{}")
    write_tmx([TMUnit("Сәлем", "Merhaba", "kk", "tr")], tmp_path / "memory.tmx")
    script = build_script([Cue(1000, 2500, "AIGUL: Merhaba."), Cue(3000, 4000, "BOLAT: Selam.")], "tr")
    write_csv(script, tmp_path / "script.csv")
    for name in ("out.json", "memory.tmx", "script.csv"):
        assert _mode(tmp_path / name) == 0o644, name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory.tmx", "out.json", "script.csv"]


def test_a_mode_given_is_kept_and_the_umask_is_read_each_time(tmp_path: Path, umask_022: None) -> None:
    write_output(tmp_path / "tokens.csv", "a", mode=0o600)
    assert _mode(tmp_path / "tokens.csv") == 0o600
    os.umask(0o077)
    fd, path = temporary_beside(tmp_path / "x.wav", suffix=".wav")
    os.close(fd)
    assert _mode(path) == 0o600 and path.name.startswith(".x.wav.") and path.suffix == ".wav"
