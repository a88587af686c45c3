"""The `korkyt` command as a user runs it (a new process, a home with no database yet): input that looks like
rich's markup ("[/x]"), a database not set up, a command that needs Django run before Django is set up.
Each answers with a message naming the problem and exit code 2, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

BAD_INSTANCE = {
    "slot_min": 15,
    "changeover_min": 15,
    "days": [{"date": "2027-05-01", "opens": "10:00", "closes": "23:00"}],
    "rooms": [{"id": "A", "venue": "V", "seats": 100, "formats": ["DCP"], "subtitles": True}],
    "travel_min": {},
    "films": [],
    "juries": [],
    "fixed": [{"id": "g", "room": "[/x]", "starts_at": "2027-05-01T10:00", "ends_at": "2027-05-01T11:00"}],
}

CASES = {
    # (arguments, what the message says)
    "audit export, bad format": (["audit", "export", "--format", "[/x]"], "not '[/x]'"),
    "audit export, bad date": (["audit", "export", "--since", "[/x]"], "--since: not a date"),
    "db copy, not a URL": (["db", "copy", "--to", "[/x]"], "--to must name a PostgreSQL database"),
    "no database yet": (["dub", "job", "render", "999"], "Is the database set up and reachable?"),
    "backup before setup": (["backup", "{instance}.tar"], "The database has not been set up"),
    "schedule, unknown room": (["schedule", "solve", "{instance}"], "unknown room '[/x]'"),
    "subs, missing file": (["subs", "check", "[/x].srt"], "cannot read [/x].srt"),
    "dub, missing file": (
        ["dub", "script", "[/x].srt", "-l", "tr", "-o", "o[/b].csv"],
        "cannot read [/x].srt",
    ),
    # the byte 0xff is not UTF-8: Python passes it on as a lone surrogate, which no database takes
    "tm export, not UTF-8": (
        ["tm", "export", "o.tmx", "--source", "kk\udcff"],
        "argument 5 (the value of --source) is not valid UTF-8 text",
    ),
    "l10n, missing file": (
        ["l10n", "import-track", "[/x].srt", "--film", "1", "--language", "kk"],
        "[/x].srt",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_command_names_the_problem_and_exits_2(case: str, tmp_path: Path) -> None:
    args, said = CASES[case]
    instance = tmp_path / "instance.json"
    instance.write_text(json.dumps(BAD_INSTANCE), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(KORKYT_HOME=str(tmp_path / "home"), COLUMNS="200")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, "-m", "korkyt.cli", *(a.format(instance=instance) for a in args)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output, output
    assert said in " ".join(output.split()), output
    if case == "backup before setup":  # asking made no database
        assert not (tmp_path / "home" / "var" / "korkyt.sqlite3").exists()


def test_serve_refuses_a_port_another_program_listens_on(tmp_path: Path) -> None:
    """Another server on the port would answer the health check in Korkyt's place: `korkyt serve` says the
    port is taken and how to choose another, exit 2, instead of "Korkyt is running"."""
    import socket

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(KORKYT_HOME=str(tmp_path / "home"), COLUMNS="200")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    with socket.create_server(("127.0.0.1", 0)) as other:
        port = other.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "korkyt.cli", "serve", "--port", str(port), "--no-worker"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    output = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 2, output
    assert f"Cannot listen on 127.0.0.1:{port}" in output and f"--port {port + 1}" in output
    assert "Korkyt is running" not in output
