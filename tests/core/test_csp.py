"""Content-Security-Policy: every answer carries it, scripts only from the site's files (no 'unsafe-inline'
or 'unsafe-eval'), and no page or template holds an inline script, an ``on…=`` handler, a ``javascript:``
link, a ``style`` attribute or a ``<style>`` element that the policy would block."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client, override_settings

from korkyt.core import csp
from tests.festival.conftest import agency_kg, edition, feature, grid, kg_editor, kg_head, staff  # noqa: F401
from tests.localization.conftest import job, world  # noqa: F401 (fixtures)
from tests.web.test_no_english_left import (  # noqa: F401 (fixtures: every public and staff page)
    festival_staff_pages,
    pages,
)

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "korkyt"
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# Rendered to PDF by WeasyPrint (never sent to a browser): their <style> blocks are allowed.
PDF_TEMPLATES = {
    "dossier.html",
    "ticket_pdf.html",
    "certificate_pdf.html",
    "plan_pdf.html",
    "programme_print.html",
}


class _Inline(HTMLParser):
    """Collects what a strict policy (script-src/style-src 'self') would block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not values.get("src") and values.get("type") not in DATA_SCRIPT_TYPES:
            self.blocked.append(f"inline <script {values}>")
        if tag == "style":
            self.blocked.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.blocked.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.blocked.append(f"<{tag} {name}={value!r}>")


def blocked(html: str) -> list[str]:
    parser = _Inline()
    parser.feed(html)
    return parser.blocked


def directives(value: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_the_checker_sees_each_kind_of_inline_code():
    assert blocked('<script>alert(1)</script><script src="/static/x.js"></script>') == ["inline <script {}>"]
    assert blocked('<script type="application/ld+json">{}</script>') == []
    assert len(blocked('<a href=" JavaScript:alert(1)" onclick="x()" style="color:red">')) == 3
    assert blocked("<style>p{}</style>") == ["<style> element"]


def test_no_template_holds_inline_script_handler_or_style():
    found: list[str] = []
    templates = [*SRC.glob("*/templates/**/*.html"), *SRC.glob("*/jinja2/**/*.html")]
    assert len(templates) > 50
    for path in templates:
        if path.name in PDF_TEMPLATES:
            continue
        text = path.read_text(encoding="utf-8")
        # Template tags are not HTML: "{% if x %} selected{% endif %}" must not hide an attribute.
        html = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " x ", text, flags=re.S)
        found += [f"{path.relative_to(SRC)}: {b}" for b in blocked(html)]
        found += [f"{path.relative_to(SRC)}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
    assert not found, "\n".join(found)


def test_every_page_carries_the_policy_and_no_inline_code(pages):  # noqa: F811 (the fixture imported above)
    checked = 0
    for user, template in pages:
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(template.format(lang="en"), follow=True)
        assert response.status_code == 200, template
        policy = directives(response[csp.HEADER])
        assert policy["script-src"] == ["'self'"], template
        assert policy["style-src"] == ["'self'"], template
        assert not blocked(response.content.decode()), (template, blocked(response.content.decode()))
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    "path", ["/api/docs", "/admin/login/", "/en/no-such-page/", "/healthz", "/api/films"]
)
def test_other_answers_carry_it_too(client, path):
    response = client.get(path)
    assert response.status_code < 500
    policy = directives(response[csp.HEADER])
    for directive in ("default-src", "script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive] and "'unsafe-eval'" not in policy[directive]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    if response["Content-Type"].startswith("text/html"):
        assert not blocked(response.content.decode()), blocked(response.content.decode())


def test_report_only_mode_and_a_views_own_policy():
    enforced, reported = csp.policies(report_only=True)
    with override_settings(CONTENT_SECURITY_POLICY=enforced, CONTENT_SECURITY_POLICY_REPORT_ONLY=reported):
        response = Client().get("/healthz")
        assert csp.HEADER not in response
        assert "script-src 'self'" in response[csp.HEADER_REPORT_ONLY]

    def view(request):
        from django.http import HttpResponse

        answer = HttpResponse("x")
        answer[csp.HEADER] = "default-src 'none'"
        return answer

    from csp.middleware import CSPMiddleware
    from django.test import RequestFactory

    middleware = CSPMiddleware(view)
    assert middleware(RequestFactory().get("/x"))[csp.HEADER] == "default-src 'none'"
