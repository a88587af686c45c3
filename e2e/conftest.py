"""Browser tests: a real Korkyt server (gunicorn + SQLite file with the demo data, as `make run` makes it)
driven by Playwright in Debian's chromium. Screenshots go to var/screenshots/."""

from __future__ import annotations

import atexit
import contextlib
import email
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "e2e-demo-password-42"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _korkyt_env(home: Path, extra_env: dict[str, str]) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(KORKYT_HOME=str(home), KORKYT_ADMIN_PASSWORD=PASSWORD, **extra_env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    return env


KORKYT = [sys.executable, "-m", "korkyt.cli"]
# One home set up by `korkyt setup` per distinct environment (eager tasks or not), shared by the session.
_SET_UP: dict[tuple[tuple[str, str], ...], Path] = {}


def set_up_home(home: Path, **extra_env: str) -> None:
    """``home`` as `korkyt setup` leaves it (migrated, static files, demo data, admin account).

    The setup runs once per session and environment, in a home of its own; each server's home is a copy of
    it (the SQLite file, static files, broker queue and secret key), so tests that write cannot see each
    other's writes and the demo data is loaded twice per session, not once per server."""
    key = tuple(sorted(extra_env.items()))
    template = _SET_UP.get(key)
    if template is None:
        template = Path(tempfile.mkdtemp(prefix="korkyt-e2e-setup-"))
        atexit.register(shutil.rmtree, template, True)
        subprocess.run(
            [*KORKYT, "setup"],
            env=_korkyt_env(template, extra_env),
            cwd=template,
            check=True,
            timeout=600,  # once per session now, not once per server
            capture_output=True,
        )
        _SET_UP[key] = template
    shutil.copytree(template, home, dirs_exist_ok=True)


@contextlib.contextmanager
def running_server(home: Path, **extra_env: str) -> Iterator[str]:
    """`korkyt setup` (see :func:`set_up_home`) then `korkyt serve` in ``home`` (as `make run` does); yields
    the base URL."""
    set_up_home(home, **extra_env)
    env = _korkyt_env(home, extra_env)
    port = _free_port()
    proc = subprocess.Popen(
        [*KORKYT, "serve", "--port", str(port), "--workers", "1", "--no-worker"],
        env=env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the Korkyt server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("korkyt-home")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (Debian package: chromium)")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    yield page
    context.close()


def signed_in(browser, server: str, username: str, next_url: str, width: int = 1280):
    """A new browser context signed in as ``username`` (the demo password) through the sign-in form,
    on ``next_url``; answers (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/en/accounts/login/?next=" + next_url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(next_url))
    return context, page


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def mailed(home: Path) -> list[Message]:
    """Every message the server in ``home`` wrote to var/mail/ (the file backend writes one file per
    connection, messages separated by a line of dashes), oldest first."""
    found: list[Message] = []
    for path in sorted((home / "var" / "mail").glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip()))
    return found
