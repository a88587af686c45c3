"""Under CI=true a run whose browser or espeak-ng/ffmpeg tests were all skipped fails (tests/ci_guard.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SUITE = """
import pytest

@pytest.fixture
def browser():
    {browser}

@pytest.fixture
def page(browser):
    return "page"

@pytest.fixture
def audio_tools():
    {audio}

def test_home_page(page):
    assert page == "page"

def test_voice(audio_tools):
    pass

def test_mux():
    {mux}

def test_plain():
    pass
"""
MISSING_CHROMIUM = 'pytest.skip("chromium is not installed (Debian package: chromium)")'
MISSING_ESPEAK = 'pytest.skip("espeak-ng is not installed (Debian package espeak-ng)")'
MISSING_FFMPEG = 'pytest.skip("ffmpeg is not installed (Debian package ffmpeg)")'


def _run(tmp_path: Path, ci: str | None, *options: str, **parts: str) -> subprocess.CompletedProcess[str]:
    body = {"browser": "return 'browser'", "audio": "return None", "mux": "pass", **parts}
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_suite.py").write_text(textwrap.dedent(SUITE).format(**body))
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PYTHONPATH=str(ROOT), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.ci_guard",
            "-p",
            "no:cacheprovider",
            "-q",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ci_fails_when_every_browser_test_was_skipped(tmp_path):
    result = _run(tmp_path, "true", browser=MISSING_CHROMIUM)
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout
    assert "3 passed, 1 skipped" in result.stdout
    assert "CI=true: every one of the 1 browser tests (chromium) was skipped" in result.stdout
    assert "test_home_page: chromium is not installed" in result.stdout


def test_ci_fails_when_every_espeak_ng_and_ffmpeg_test_was_skipped(tmp_path):
    # one test by its fixture, one by the program its skip names
    result = _run(tmp_path, "true", audio=MISSING_ESPEAK, mux=MISSING_FFMPEG)
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout
    assert "every one of the 2 espeak-ng/ffmpeg tests was skipped" in result.stdout
    assert "browser tests" not in result.stdout


def test_ci_fails_when_the_skipped_tests_ran_in_pytest_xdist_workers(tmp_path):
    result = _run(tmp_path, "true", "-p", "xdist.plugin", "-n", "2", browser=MISSING_CHROMIUM)
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout
    assert "CI=true: every one of the 1 browser tests (chromium) was skipped" in result.stdout
    passing = _run(tmp_path, "true", "-p", "xdist.plugin", "-n", "2", mux=MISSING_FFMPEG)
    assert passing.returncode == pytest.ExitCode.OK, passing.stdout


def test_the_same_skips_pass_outside_ci(tmp_path):
    result = _run(tmp_path, None, browser=MISSING_CHROMIUM, audio=MISSING_ESPEAK, mux=MISSING_FFMPEG)
    assert result.returncode == pytest.ExitCode.OK, result.stdout
    assert "1 passed, 3 skipped" in result.stdout and "CI=true" not in result.stdout


def test_ci_passes_when_some_tests_of_each_group_ran(tmp_path):
    # the mux test is skipped for ffmpeg, but the voice test of the same group ran
    result = _run(tmp_path, "true", mux=MISSING_FFMPEG)
    assert result.returncode == pytest.ExitCode.OK, result.stdout
    assert "3 passed, 1 skipped" in result.stdout


def test_ci_passes_a_run_without_tests_of_a_group(tmp_path):
    # e.g. the PostgreSQL run deselects the pure packages: no audio test collected is not a skip
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_one.py").write_text("def test_one():\n    pass\n")
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.ci_guard",
            "-p",
            "no:cacheprovider",
            "-q",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == pytest.ExitCode.OK, result.stdout


def test_the_guard_is_loaded_for_tests_and_e2e():
    assert (ROOT / "conftest.py").read_text().count('pytest_plugins = ["tests.ci_guard"]') == 1
