"""A new installation, before anyone has entered anything (no demo data): every page an administrator
reaches from the home page answers, and the lists say they are empty instead of showing an empty table."""

from __future__ import annotations

import collections
import html
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SKIP = re.compile(
    r"logout|/admin/|/api/|/feed/|\.(?:png|jpe?g|css|js|woff2?|pdf|ics|csv|xlsx|zip|srt|vtt|wav|mp3|json)"
    r"(?:\?|$)|/download|/export"
)


def _walk(client: Client) -> tuple[dict[str, int], dict[str, str]]:
    seen: dict[str, int] = {}
    bodies: dict[str, str] = {}
    queue = collections.deque(["/en/"])
    while queue and len(seen) < 300:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if "html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        body = response.content.decode("utf-8", "replace")
        bodies[url] = body
        for href in re.findall(r'href="(/en/[^"#]*)"', body):
            href = html.unescape(href)
            if not SKIP.search(href) and href not in seen:
                queue.append(href)
    return seen, bodies


def test_every_page_of_an_empty_installation_answers(client: Client) -> None:
    from korkyt.accounts.models import User

    admin = User.objects.create_superuser("first-admin", "a@example.org", "a-long-pass-123")
    client.force_login(admin)
    seen, bodies = _walk(client)
    broken = {url: status for url, status in seen.items() if status not in (200, 302)}
    assert not broken, broken
    assert len(seen) > 25, " ".join(sorted(seen))  # the menus lead to every app
    for url in ("/en/films/", "/en/institutions/", "/en/memoranda/", "/en/events/", "/en/festival/"):
        assert url in bodies, url
        assert 'class="empty"' in bodies[url] or "<table" not in bodies[url], url


def test_every_public_page_of_an_empty_installation_answers(client: Client) -> None:
    seen, _bodies = _walk(client)
    broken = {url: status for url, status in seen.items() if status not in (200, 302)}
    assert not broken, broken
