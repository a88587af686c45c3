"""The public information pages: help (per role), about, privacy notice with contact."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _contact() -> str:
    """The address people write to (KORKYT_CONTACT_EMAIL, else the address mail is sent from)."""
    configured = str(getattr(settings, "KORKYT_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL)
    return configured.rsplit("<", 1)[-1].rstrip(">").strip()


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "web/help.html", {"contact": _contact()})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html", {"contact": _contact()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/privacy.html",
        {
            "contact": _contact(),
            "job_days": settings.KORKYT_JOB_RETENTION_DAYS,
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME * 60),
        },
    )
