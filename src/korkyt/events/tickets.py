"""Tickets: the QR code of a registration's secret code (SVG for pages and PDF, PNG for mail) and the
printable PDF ticket (WeasyPrint). The QR holds the bare code, which the check-in page also takes typed."""

from __future__ import annotations

import io

import segno
from django.template.loader import render_to_string
from django.utils import translation

from korkyt.events.models import Registration


def qr(code: str) -> segno.QRCode:
    return segno.make(code, error="m", micro=False)


def qr_svg(code: str, scale: int = 6) -> str:
    """An inline ``<svg>`` (no XML declaration) with a title for screen readers."""
    return str(qr(code).svg_inline(scale=scale, title=code, dark="#111"))


def qr_png(code: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    qr(code).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def pretty(code: str) -> str:
    """The code as printed and read out: ``K3M9X-2QW7B``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def ticket_pdf(registration: Registration, context: dict[str, object], language: str) -> bytes:
    """The printable ticket in ``language``: title, sessions, name and the QR code."""
    from weasyprint import HTML

    with translation.override(language):
        page = render_to_string(
            "events/ticket_pdf.html",
            {
                **context,
                "reg": registration,
                "qr": qr_svg(registration.code, scale=5),
                "code": pretty(registration.code),
            },
        )
    return bytes(HTML(string=page).write_pdf())
