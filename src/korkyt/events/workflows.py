"""The event's status workflow (core.workflow): draft → published → completed, or cancelled."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from korkyt.core.workflow import Transition, declare_workflow
from korkyt.events.models import Event, EventStatus

E = EventStatus


def ready_to_publish(event: Event) -> None:
    """An event is published (and so opens its registration) only once it has a session: its date,
    the calendar and the reminders come from the sessions."""
    if not event.sessions.exists():
        message = gettext("Add at least one session (its date and time) before publishing the event.")
        raise ValidationError({"sessions": [message]})


EVENT_WORKFLOW = declare_workflow(
    Event,
    field="status",
    transitions=[
        Transition(
            "publish",
            sources=(E.DRAFT,),
            target=E.PUBLISHED,
            label=_("Publish"),
            permission="events.change_event",
            check=ready_to_publish,
        ),
        Transition(
            "unpublish",
            sources=(E.PUBLISHED,),
            target=E.DRAFT,
            label=_("Back to draft"),
            permission="events.change_event",
        ),
        Transition(
            "cancel",
            sources=(E.DRAFT, E.PUBLISHED),
            target=E.CANCELLED,
            label=_("Cancel the event"),
            permission="events.change_event",
        ),
        Transition(
            "complete",
            sources=(E.PUBLISHED,),
            target=E.COMPLETED,
            label=_("Mark as held"),
            permission="events.change_event",
        ),
    ],
)
