"""scripts/audit.sh (make check's dependency audit): skipped without KORKYT_AUDIT=1 (no network needed), and
with it a package the service could not answer for fails the audit instead of passing silently."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, fake: str | None, **env: str) -> subprocess.CompletedProcess[str]:
    if fake is not None:
        tool = tmp_path / "pip-audit"
        tool.write_text("#!/bin/sh\n" + fake)
        tool.chmod(0o755)
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "audit.sh")],
        env={**os.environ, "BIN": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_skipped_unless_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("KORKYT_AUDIT", raising=False)
    result = _run(tmp_path, "exit 1\n")
    assert result.returncode == 0
    assert "skipped" in result.stdout


def test_an_unanswered_package_fails_with_a_clear_message(tmp_path):
    fake = 'echo "ERROR: absl-py: Dependency not found on PyPI and could not be audited" >&2; exit 1\n'
    result = _run(tmp_path, fake, KORKYT_AUDIT="1")
    assert result.returncode == 1
    assert "could not be asked about every package (offline?)" in result.stderr


def test_strict_arguments_and_a_clean_audit_pass(tmp_path):
    result = _run(tmp_path, 'echo "args: $*"; exit 0\n', KORKYT_AUDIT="1")
    assert result.returncode == 0, result.stderr
    assert "--strict" in result.stdout and "--skip-editable" in result.stdout
    assert "dependency audit: passed" in result.stdout


def test_a_found_vulnerability_fails(tmp_path):
    fake = 'echo "Name Version ID Fix Versions"; echo "django 5.2.0 PYSEC-2025-1 5.2.1"; exit 1\n'
    result = _run(tmp_path, fake, KORKYT_AUDIT="1")
    assert result.returncode == 1
    assert "known vulnerabilities above" in result.stderr


def test_missing_tool_is_named(tmp_path):
    result = _run(tmp_path, None, KORKYT_AUDIT="1")
    assert result.returncode == 2
    assert "pip-audit is not installed" in result.stderr
