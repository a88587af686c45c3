"""Certificates of attendance: issued in the background (core jobs) to the participants checked in, each
in the participant's language and script, with a public verification page at /verify/<code>."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.dates import format_day
from korkyt.core.jobs import services as jobs
from korkyt.core.jobs.task import Progress
from korkyt.core.languages import CONTENT_LANGUAGES, UI_LANGUAGES, language_of, normalize_tag
from korkyt.core.models import Job
from korkyt.core.permissions import SYSTEM
from korkyt.core.translations import translated
from korkyt.core.validation import require_perm
from korkyt.events.models import Certificate, CheckIn, Event, Registration, RegistrationStatus
from korkyt.institutions.selectors import institution_texts
from korkyt.translit import detect_script, supported_schemes, transliterate

ISSUE_TASK = "events.issue_certificates"


def certificate_language(user: Any) -> str:
    """The participant's language and script: interface language plus preferred script (``kk`` +
    ``Latn`` → ``kk-Latn``), else the language's official script."""
    for tag in (f"{user.language}-{user.script}" if user.script else "", user.language or ""):
        if not tag:
            continue
        try:
            return normalize_tag(tag)
        except ValidationError:
            continue
    return "en"


def in_script(text: str, tag: str) -> str:
    """``text`` written in the script of ``tag`` (Kazakh Cyrillic → Latin …) when a scheme exists."""
    info = CONTENT_LANGUAGES.get(tag)
    if info is None or not text:
        return text
    source = detect_script(text)
    if source == info.script:
        return text
    if any(
        s.lang == info.language and s.source == source and s.target == info.script
        for s in supported_schemes()
    ):
        return str(transliterate(text, info.language, info.script))
    return text


def certificates_issue(*, actor: Actor, event: Event) -> Job:
    """Queue the issuing of certificates to everyone checked in who has none yet (a core job)."""
    require_perm(actor, "events.manage_registrations", event)
    present = Registration.objects.filter(
        bookable=event.bookable_id, status=RegistrationStatus.CONFIRMED, checkins__isnull=False
    ).distinct()
    if not present.exists():
        raise ValidationError(
            {"certificates": [_("Nobody is checked in yet: certificates go only to those who attended.")]}
        )
    with transaction.atomic():
        job = jobs.job_create(kind=ISSUE_TASK, subject=event, total=present.count(), created_by=actor)
        jobs.enqueue(job, ISSUE_TASK, event_id=event.pk)
    return job


def certificates_render(*, event_id: int, progress: Progress) -> int:
    """The background work: one certificate per checked-in participant without one. Safe to run again
    (those issued are skipped). Returns how many were issued."""
    event = Event.objects.prefetch_related("translations", "organisers__translations").get(pk=event_id)
    todo = list(
        Registration.objects.filter(
            bookable=event.bookable_id,
            status=RegistrationStatus.CONFIRMED,
            pk__in=CheckIn.objects.values("registration"),
            certificate__isnull=True,
            user__isnull=False,  # a box-office sale without an account gets no certificate
        ).select_related("user")
    )
    issued = 0
    progress(0, total=len(todo))
    for i, reg in enumerate(todo, start=1):
        if _issue_one(event, reg) is not None:
            issued += 1
        progress(i)
    return issued


def _texts(event: Event, user: Any, tag: str) -> dict[str, str]:
    ui = language_of(tag) if language_of(tag) in UI_LANGUAGES else "en"
    names = {n.language: n.full_name for n in user.names.all()}
    holder = names.get(tag) or user.get_full_name() or user.get_username()
    title = translated(event.translations.all(), tag, event.original_language, field="title")
    sessions = list(event.sessions.order_by("starts_at"))
    with translation.override(ui):
        days = sorted({timezone.localtime(s.starts_at, _tz(event)).date() for s in sessions})
        held_on = " – ".join(format_day(d) for d in (days[:1] + days[-1:] if len(days) > 1 else days))
        labels = {
            "heading": _("Certificate of attendance"),
            "certifies": _("This certifies that"),
            "attended": _("attended"),
            "held": _("held on %(dates)s") % {"dates": held_on},
            "place": event.venue or _("Online"),
            "organisers": _("Organised by"),
            "verify": _("Check this certificate at"),
        }
    return {
        **{k: in_script(v, tag) for k, v in labels.items()},
        "holder": in_script(holder, tag),
        "title": in_script(title.text if title else str(event), tag),
        "held_on": in_script(held_on, tag),
        "ui": ui,
    }


def _tz(event: Event) -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo(event.time_zone)


def verify_url(code: str) -> str:
    """The public check of a certificate, without a language prefix (the visitor's language is chosen
    on arrival)."""
    from django.conf import settings

    return f"{settings.KORKYT_BASE_URL}/verify/{code}/"


def organiser_names(event: Event, tag: str) -> str:
    """The event's organisers as a certificate in ``tag`` names them: each institution's name in the best
    language along the fallback chain (as its page names it), in the certificate's script; its code only
    when it has no name at all."""
    return ", ".join(in_script(institution_texts(i, tag)[0].text, tag) for i in event.organisers.all())


def _issue_one(event: Event, reg: Registration) -> Certificate | None:
    from weasyprint import HTML

    from korkyt.events import tickets

    tag = certificate_language(reg.user)
    texts = _texts(event, reg.user, tag)
    cert = Certificate(
        registration=reg,
        language=tag,
        holder=texts["holder"][:200],
        title=texts["title"][:300],
        held_on=texts["held_on"][:100],
        issued_at=timezone.now(),
    )
    url = verify_url(cert.code)
    organisers = organiser_names(event, tag)
    page = render_to_string(
        "events/certificate_pdf.html",
        {"t": texts, "lang": tag, "url": url, "qr": tickets.qr_svg(url, scale=3), "organisers": organisers},
    )
    pdf = HTML(string=page).write_pdf()  # rendered before the transaction: no lock held meanwhile
    with transaction.atomic():
        if Certificate.objects.filter(registration=reg).exists():
            return None  # another run issued it meanwhile
        cert.pdf.save(f"certificate-{cert.code}.pdf", ContentFile(bytes(pdf)), save=False)
        cert.save()
        audit_log(
            obj=reg,
            action="events.certificate.issue",
            actor=SYSTEM,
            data={"code": cert.code, "language": tag},
        )
        from korkyt.events import notifications

        notifications.certificate_on_commit(cert)
    return cert


def certificate_revoke(*, actor: Actor, certificate: Certificate) -> Certificate:
    """Withdraw a certificate (issued by mistake): the verification page then says it is not valid."""
    event = certificate.registration.bookable.event
    require_perm(actor, "events.manage_registrations", event)
    with transaction.atomic():
        if certificate.revoked_at is None:
            certificate.revoked_at = timezone.now()
            certificate.save(update_fields=["revoked_at", "updated_at"])
            audit_log(obj=certificate.registration, action="events.certificate.revoke", actor=actor)
    return certificate
