"""The programmers' decision told to the entrant (the producer, or the editor who nominated the film) in
their own interface language, by mail queued after the transaction commits (core.services.mail_queue).
Reviews are never sent."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from korkyt.core.services import mail_queue
from korkyt.festival.models import Submission, SubmissionStatus
from korkyt.festival.selectors import edition_name, submission_title

#: the decisions told: the programmers' (selected, not selected) and the check's, when it keeps an entry out
#: while its entrant is not there to read why on the page (an agency head's sign-off, a check made again)
TOLD = (
    SubmissionStatus.SELECTED,
    SubmissionStatus.NOT_SELECTED,
    SubmissionStatus.INCOMPLETE,
    SubmissionStatus.INELIGIBLE,
)


def decision_mail(submission: Submission) -> bool:
    """Queue the mail for the entry's current decision; False when there is nothing to tell or no address."""
    user = submission.submitted_by
    if submission.status not in TOLD or not user.email or not user.is_active:
        return False
    with translation.override(user.language or "en"):
        title = submission_title(submission, user.language).text
        festival = edition_name(submission.section.edition)
        if submission.status == SubmissionStatus.SELECTED:
            subject = _("Selected: %(title)s") % {"title": title}
            text = _("“%(title)s” is selected for %(festival)s. Congratulations!")
        elif submission.status == SubmissionStatus.NOT_SELECTED:
            subject = _("Your entry: %(title)s") % {"title": title}
            text = _("We are sorry: “%(title)s” is not selected for %(festival)s this time.")
        else:
            subject = _("Your entry needs attention: %(title)s") % {"title": title}
            text = _(
                "“%(title)s” cannot enter %(festival)s as it is; the entry's page says why and how to fix it."
            )
        url = getattr(settings, "KORKYT_BASE_URL", "") + reverse("festival:submission", args=[submission.pk])
        body = text % {"title": title, "festival": festival} + f"\n\n{url}\n"
    mail_queue(subject=subject, body=body, to=[user.email])
    return True
