"""The event's status workflow (core.workflow): draft → published → completed, or cancelled."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from korkyt.core.workflow import Transition, declare_workflow
from korkyt.events.models import Event, EventStatus

E = EventStatus

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
