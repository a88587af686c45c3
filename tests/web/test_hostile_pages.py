"""Every page reachable from the home page, as a platform administrator with the whole demo loaded (festival,
events, co-productions, localization), answers hostile input without a server error: odd query values on
each page, and odd values in every field of each form it holds (once in all of them, once with the form's
hidden values and submit button as the page gives them). The API has its own fuzzing
(tests/config/test_api_fuzz.py); this is the same promise for the pages."""

from __future__ import annotations

import collections
import html
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# One query string of odd values: digits other than ASCII ("²" passes str.isdigit, not int), an id past 64
# bits, an impossible date, markup, a negative page, an unknown sort.
HOSTILE_QUERY = (
    "page=-1&q=%3Cb%3E%C2%B2&film=%C2%B2&id=99999999999999999999&day=2026-13-45&date=x&section=%27%22"
    "&status=nope&sort=__class__&edition=%D9%A1&room=99999999999999999999&format=x"
)
# Values posted in every field of a form, one at a time.
HOSTILE_VALUES = ("²", "99999999999999999999", "2026-02-30<script>x</script>" + "x" * 3000)
SKIP = re.compile(
    r"logout|/admin/|\.(?:png|jpe?g|css|js|woff2?|pdf|ics|csv|xlsx|zip|srt|vtt|wav|mp3|json)(?:\?|$)"
)
# Forms that end something for good are left out: the page after them would no longer be there to visit.
SKIP_FORM = re.compile(r"logout|delete|withdraw|cancel|erase|revoke|remove")
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
MAX_PAGES = 700
PER_PATTERN = 3  # pages of one shape (digits aside) visited: three films show what any film page does


@pytest.fixture
def admin_client():
    from korkyt.accounts.models import User
    from korkyt.config.demo import load

    load(users_password="a-long-demo-password-1")
    admin = User.objects.create_superuser("hostile-admin", "h@example.org", "a-long-pass-123")
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    return client


HIDDEN = re.compile(r"<input\b[^>]*>", re.I)
BUTTON = re.compile(r"<button\b[^>]*>", re.I)


def _attr(tag: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return html.unescape(found.group(1)) if found else None


def _kept_values(inner: str) -> dict[str, str]:
    """A form's hidden inputs with their values and its first named submit button: what the page itself
    sends whatever a person types (``action=award``, the row's id)."""
    kept: dict[str, str] = {}
    for tag in HIDDEN.findall(inner):
        name = _attr(tag, "name")
        if name and name != "csrfmiddlewaretoken" and (_attr(tag, "type") or "").lower() == "hidden":
            kept.setdefault(name, _attr(tag, "value") or "")
    for tag in BUTTON.findall(inner):
        name = _attr(tag, "name")
        if name and name not in kept:
            kept[name] = _attr(tag, "value") or ""
            break
    return kept


def _links(body: str) -> list[str]:
    out = []
    for href in re.findall(r'href="(/en/[^"#]*)"', body):
        href = html.unescape(href)
        if not SKIP.search(href):
            out.append(href)
    return out


def test_no_page_answers_hostile_input_with_a_server_error(admin_client: Client):
    client = admin_client
    seen: set[str] = set()
    queue = collections.deque(["/en/"])
    posted: set[tuple[str, tuple[str, ...]]] = set()
    failures: list[str] = []
    prefixes: collections.Counter[str] = collections.Counter()
    shapes: collections.Counter[str] = collections.Counter()
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        shape = re.sub(r"\d+", "N", url)
        if url in seen or shapes[shape] >= PER_PATTERN:
            continue
        seen.add(url)
        shapes[shape] += 1
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"GET {url}: {response.status_code}")
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        prefixes["/".join(url.split("/")[:3])] += 1
        body = response.content.decode("utf-8", "replace")
        queue.extend(h for h in _links(body) if h not in seen)
        if "?" not in url:
            for hx in (False, True):
                odd = client.get(f"{url}?{HOSTILE_QUERY}", HTTP_HX_REQUEST="true" if hx else None)
                if odd.status_code >= 500:
                    failures.append(f"GET {url}?{HOSTILE_QUERY} (htmx {hx}): {odd.status_code}")
        for attrs, inner in FORM.findall(body):
            if not re.search(r'method="?post', attrs, re.I):
                continue
            action_match = re.search(r'action="([^"]*)"', attrs)
            action = html.unescape(action_match.group(1)) if action_match and action_match.group(1) else url
            if not action.startswith("/") or SKIP_FORM.search(action):
                continue
            names = tuple(sorted(set(FIELD.findall(inner)) - {"csrfmiddlewaretoken"}))
            kept = _kept_values(inner)
            key = (re.sub(r"\d+", "N", urlsplit(action).path), names, tuple(sorted(kept.items())))
            if key in posted:
                continue
            posted.add(key)
            for value in HOSTILE_VALUES:
                # Every field odd at once; then the page's own hidden values and submit button kept (a form
                # that says which action it is) with the odd value in the fields a person types or picks.
                for data in (dict.fromkeys(names, value), {**dict.fromkeys(names, value), **kept}):
                    answer = client.post(action, data)
                    if answer.status_code >= 500:
                        failures.append(f"POST {action} with {value[:20]!r} in {names}: {answer.status_code}")
                        break
    assert not failures, "\n".join(failures)
    # The walk reached every part of the site, not only the catalogue.
    for part in (
        "/en/festival",
        "/en/events",
        "/en/coproductions",
        "/en/localization",
        "/en/staff",
        "/en/films",
    ):
        assert prefixes[part] > 0, (part, prefixes)
    assert len(seen) > 150 and len(posted) > 50, (len(seen), len(posted))
