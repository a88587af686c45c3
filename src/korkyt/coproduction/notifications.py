"""Who is told what, by mail in their own interface language (queued after the transaction commits, through
core.services.mail_queue): a submitted co-production to the editors of each partner country's competent
authority, whose decision it waits for; each authority's decision to the project's producers (returned
with its comments, approved by one country and who is still to decide, approved by all). People without an
address are skipped."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role, RoleAssignment, User
from korkyt.coproduction.models import Project, Review, ReviewStatus
from korkyt.coproduction.rules import producer_ids
from korkyt.coproduction.selectors import project_title
from korkyt.core.countries import country_name
from korkyt.core.services import mail_queue


def _url(project: Project, anchor: str = "") -> str:
    return settings.KORKYT_BASE_URL + reverse("coproduction:project_detail", args=[project.pk]) + anchor


def _send(users: Iterable[Any], project: Project, write: Any) -> int:
    """Queue ``write(title)`` → (subject, text) to each of ``users`` with an address, in their language."""
    sent = 0
    for user in users:
        if not user.email:
            continue
        language = user.language or "en"
        with translation.override(language):  # the link too: its path starts with the reader's language
            subject, text = write(project_title(project, language).text)
            url = _url(project, "#reviews")
        mail_queue(subject=subject, body=f"{text}\n\n{url}\n", to=[user.email])
        sent += 1
    return sent


def project_submitted(project: Project) -> int:
    """Tell the editors of each authority whose review is pending that the project waits for them."""
    sent = 0
    for review in project.reviews.filter(status=ReviewStatus.PENDING).select_related("institution"):
        editors = User.objects.filter(
            pk__in=RoleAssignment.objects.active()
            .on(review.institution)
            .filter(role=Role.EDITOR)
            .values("user_id"),
            is_active=True,
        )

        def write(title: str, country: str = str(review.country)) -> tuple[str, str]:
            return _("A co-production waits for your decision: %(title)s") % {"title": title}, _(
                "“%(title)s” is submitted to the competent authorities of its partner countries. The "
                "decision for %(country)s is yours: read the project, then approve it or return it with "
                "comments."
            ) % {"title": title, "country": country_name(country)}

        sent += _send(editors.order_by("pk"), project, write)
    return sent


def review_decided(review: Review) -> int:
    """Tell the producers what an authority decided and, once every authority approved, that the project is
    approved."""
    project = review.project
    producers = User.objects.filter(pk__in=producer_ids(project), is_active=True).order_by("pk")
    country = str(review.country)

    def write(title: str) -> tuple[str, str]:
        name = country_name(country)
        if review.status == ReviewStatus.RETURNED:
            return _("Returned for changes: %(title)s") % {"title": title}, "\n\n".join(
                [
                    _("The competent authority of %(country)s returned “%(title)s” with these comments:")
                    % {"country": name, "title": title},
                    review.comments,
                    _("Change the project and submit it again."),
                ]
            )
        pending = project.reviews.exclude(status=ReviewStatus.APPROVED)
        waiting = [country_name(str(r.country)) for r in pending]
        if not waiting:
            return _("Approved: %(title)s") % {"title": title}, _(
                "The competent authority of every partner country approved “%(title)s”."
            ) % {"title": title}
        return _("Approved by %(country)s: %(title)s") % {"country": name, "title": title}, _(
            "The competent authority of %(country)s approved “%(title)s”. Still to decide: %(waiting)s."
        ) % {"country": name, "title": title, "waiting": ", ".join(waiting)}

    return _send(producers, project, write)
