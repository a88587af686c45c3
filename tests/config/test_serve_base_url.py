"""`korkyt serve --port N` writes links in mail to the address it serves (KORKYT_BASE_URL), unless the
operator set one: a sign-up or a festival decision mailed from a server on port 8101 links to port 8101."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.config import commands


class _Finished:
    """A process that has already ended, as far as `serve` can tell."""

    started: list[dict[str, str]] = []

    def __init__(self, cmd: list[str], env: dict[str, str]) -> None:
        self.started.append(env)
        self.returncode = 0

    def poll(self) -> int:
        return 0

    def terminate(self) -> None:
        pass

    def wait(self, timeout: float | None = None) -> int:
        return 0


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    _Finished.started = []
    monkeypatch.setattr(commands.subprocess, "Popen", _Finished)
    monkeypatch.setattr(commands, "_wait_http", lambda url, timeout: False)
    monkeypatch.setattr(commands, "_port_free", lambda host, port: None)
    return _Finished.started


def _serve(**kwargs: Any) -> None:
    commands.serve(**{"host": "127.0.0.1", "port": 8000, "workers": 1, "worker": False, **kwargs})


def test_serve_on_another_port_links_mail_to_that_port(
    started: list[dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KORKYT_BASE_URL", raising=False)
    _serve(port=8101)
    assert started and started[0]["KORKYT_BASE_URL"] == "http://127.0.0.1:8101"


def test_serve_on_every_address_links_mail_to_localhost(
    started: list[dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KORKYT_BASE_URL", raising=False)
    _serve(host="0.0.0.0", port=8002)
    assert started[0]["KORKYT_BASE_URL"] == "http://localhost:8002"


def test_serve_keeps_the_public_address_the_operator_set(
    started: list[dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KORKYT_BASE_URL", "https://korkyt.example.org")
    _serve(port=8101)
    assert started[0]["KORKYT_BASE_URL"] == "https://korkyt.example.org"


def test_serve_takes_a_blank_public_address_as_unset(
    started: list[dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KORKYT_BASE_URL", " ")
    _serve(port=8101)
    assert started[0]["KORKYT_BASE_URL"] == "http://127.0.0.1:8101"
