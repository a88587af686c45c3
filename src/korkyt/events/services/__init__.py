"""Every write of the events app, split by noun; import them from here."""

from korkyt.events.services.attendance import CheckInResult, checkin
from korkyt.events.services.box_office import box_office_sale
from korkyt.events.services.certificates import certificate_revoke, certificates_issue, certificates_render
from korkyt.events.services.events import (
    SPEC_FIELDS,
    EventSpec,
    QuestionData,
    SessionData,
    event_create,
    event_spec,
    event_transition,
    event_update,
    quota_rows,
)
from korkyt.events.services.export import participant_rows, participants_export
from korkyt.events.services.followup import files_delete, form_answer, form_open
from korkyt.events.services.registrations import (
    DECISIONS,
    Decisions,
    offers_expire,
    registration_cancel,
    registration_create,
    registration_delete,
    registration_offer_accept,
    registrations_decide,
)
from korkyt.events.services.reminders import (
    answers_erase,
    feed_disable,
    feed_enable,
    feed_renew,
    reminders_send,
    retention_days,
)
from korkyt.events.services.speakers import SpeakerData

__all__ = [
    "DECISIONS",
    "SPEC_FIELDS",
    "CheckInResult",
    "Decisions",
    "EventSpec",
    "QuestionData",
    "SessionData",
    "SpeakerData",
    "answers_erase",
    "box_office_sale",
    "certificate_revoke",
    "certificates_issue",
    "certificates_render",
    "checkin",
    "event_create",
    "event_spec",
    "event_transition",
    "event_update",
    "feed_disable",
    "feed_enable",
    "feed_renew",
    "files_delete",
    "form_answer",
    "form_open",
    "offers_expire",
    "participant_rows",
    "participants_export",
    "quota_rows",
    "registration_cancel",
    "registration_create",
    "registration_delete",
    "registration_offer_accept",
    "registrations_decide",
    "reminders_send",
    "retention_days",
]
