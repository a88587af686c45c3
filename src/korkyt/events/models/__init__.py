"""Events (workshops, seminars, master classes…) and the generic booking records they share with other
bookable things (festival screenings): a Bookable holds capacity, per-country quotas and the waiting list;
a Registration is one person's seat, application or place on the waiting list."""

from __future__ import annotations

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from korkyt.core.models import TimeStampedModel
from korkyt.core.timezones import DEFAULT_TIME_ZONE
from korkyt.core.translations import LanguageTagField, Text, TranslationModel
from korkyt.institutions.models import ActivityRelation


class BookingMode(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic confirmation")
    REVIEW = "review", _("Application review")


class Bookable(TimeStampedModel):
    """Something people take seats in: capacity (None: no limit), a per-country limit applying to every
    country (None: none) refined by Quota rows, a waiting list, time-limited offers and the registration
    window. ``taken`` counts held seats (confirmed and offered) and is only changed by the booking engine
    (korkyt.events.booking), under a lock, by conditional updates the constraints back up."""

    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    per_country_limit = models.PositiveIntegerField(_("seats per country"), null=True, blank=True)
    mode = models.CharField(
        _("confirmation"), max_length=16, choices=BookingMode.choices, default=BookingMode.AUTOMATIC
    )
    waitlist = models.BooleanField(_("waiting list"), default=True)
    offer_hours = models.PositiveIntegerField(
        _("hours to accept a freed seat"),
        null=True,
        blank=True,
        help_text=_("Empty: a freed seat goes to the next person on the waiting list at once."),
    )
    opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    #: Seats kept back from sale (jury, press, guests): the seats for sale are ``capacity - held``.
    held = models.PositiveIntegerField(_("held seats"), default=0)
    #: When the held seats go on sale (the periodic :func:`~korkyt.events.booking.held_release_due`).
    held_release_at = models.DateTimeField(_("held seats released at"), null=True, blank=True)
    per_person_limit = models.PositiveSmallIntegerField(
        _("seats per person"), default=1, help_text=_("How many seats one person may book at once.")
    )
    #: None or 0: free. A priced booking is a reservation with a payment state (no payment provider: staff
    #: mark it paid, or the box office takes the money at the door).
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    taken = models.PositiveIntegerField(default=0, editable=False)
    waitlist_seq = models.PositiveIntegerField(default=0, editable=False)
    version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("bookable")
        verbose_name_plural = _("bookables")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(taken__lte=F("capacity") - F("held")),
                name="bookable_not_overbooked",
            ),
            models.CheckConstraint(condition=Q(per_person_limit__gte=1), name="bookable_per_person_min"),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="bookable_price_not_negative"
            ),
            models.CheckConstraint(condition=Q(mode__in=BookingMode.values), name="bookable_mode_valid"),
        ]

    def __str__(self) -> str:
        return f"bookable {self.pk} ({self.taken}/{self.capacity or '∞'})"


class Quota(models.Model):
    """The seats of one country in a bookable: ``limit`` (None: the bookable's per-country limit, or no
    limit) and ``used``, the counter row the engine updates conditionally."""

    bookable = models.ForeignKey(Bookable, on_delete=models.CASCADE, related_name="quotas")
    country = CountryField(_("country"))
    limit = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    used = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("country quota")
        verbose_name_plural = _("country quotas")
        constraints = [
            models.UniqueConstraint(fields=["bookable", "country"], name="quota_unique_country"),
            models.CheckConstraint(
                condition=Q(limit__isnull=True) | Q(used__lte=F("limit")), name="quota_not_exceeded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.used}/{self.limit}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    PENDING = "pending", _("Waiting for review")
    OFFERED = "offered", _("Seat offered")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Not selected")


class PaymentState(models.TextChoices):
    FREE = "free", _("Free")
    UNPAID = "unpaid", _("To pay")
    PAID = "paid", _("Paid")
    #: A paid booking given back: the money is owed to its holder (no payment provider: staff refund at
    #: the desk, then mark it refunded).
    REFUND = "refund", _("To refund")
    REFUNDED = "refunded", _("Refunded")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    BOX_OFFICE = "box_office", _("Box office")


HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
ACTIVE = (*HOLDING, RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING)


#: Ticket codes: 10 characters of Crockford's base 32 (no I, L, O, U), easy to read out and type.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """A code as typed, pasted or scanned (``k3m9-x2…``, a URL ending in it) in its stored spelling."""
    text = (text or "").strip().rstrip("/").rsplit("/", 1)[-1]
    text = text.upper().replace("-", "").replace(" ", "")
    return text.translate(str.maketrans("OIL", "011"))[:32]


class Registration(TimeStampedModel):
    """One person's booking of a bookable: a held seat, an application, or a place on the waiting list.
    ``code`` is the ticket's secret code (the QR code on the ticket) that check-in reads. An online booking
    belongs to an account (``user``); a box-office sale at the door may have none, only the optional
    ``holder_name`` and ``holder_email`` the buyer gave."""

    bookable = models.ForeignKey(Bookable, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(  # kept records (attended, paid) outlive a deleted account, without it
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    channel = models.CharField(
        _("sales channel"), max_length=12, choices=Channel.choices, default=Channel.ONLINE
    )
    holder_name = models.CharField(_("name"), max_length=200, blank=True)
    holder_email = models.EmailField(_("e-mail"), blank=True)
    #: The language a walk-in is written to (the box-office desk's interface language at the sale).
    holder_language = models.CharField(_("language"), max_length=8, blank=True)
    country = CountryField(_("country"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    #: Seats of this booking (at most the bookable's ``per_person_limit``); the engine moves them together.
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    payment = models.CharField(
        _("payment"), max_length=8, choices=PaymentState.choices, default=PaymentState.FREE
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("waiting-list position"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    code = models.CharField(_("ticket code"), max_length=16, unique=True, default=new_code, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    answers_erased_at = models.DateTimeField(_("answers erased"), null=True, blank=True, editable=False)
    followup_answers = models.JSONField(_("follow-up answers"), default=dict, blank=True)
    feedback_answers = models.JSONField(_("feedback"), default=dict, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # NULL users (box-office sales) never collide: the condition leaves them out on every database.
            models.UniqueConstraint(
                fields=["bookable", "user"],
                condition=Q(status__in=ACTIVE) & Q(user__isnull=False),
                name="registration_one_active",
            ),
            models.UniqueConstraint(
                fields=["bookable", "position"],
                condition=Q(position__isnull=False),
                name="registration_unique_position",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="waitlisted") | Q(position__isnull=False),
                name="registration_waitlist_position",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="registration_seats_min"),
            models.CheckConstraint(
                condition=Q(payment__in=PaymentState.values), name="registration_payment_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="registration_channel_valid"
            ),
            models.CheckConstraint(
                # an online booking has its account; the erased record of one whose account was deleted
                # (attended, or paid) keeps none
                condition=Q(user__isnull=False)
                | Q(channel=Channel.BOX_OFFICE)
                | Q(answers_erased_at__isnull=False),
                name="registration_has_holder",
            ),
        ]
        indexes = [models.Index(fields=["bookable", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.user_id or self.channel} · {self.status}"

    @property
    def walk_in(self) -> bool:
        """A box-office sale without an account."""
        return self.user_id is None

    def holder(self) -> str:
        """The holder's name for staff pages, lists and messages: the account's name, else the name given
        at the box office (may be empty)."""
        if self.user is not None:
            return str(self.user.get_full_name() or self.user.get_username())
        return self.holder_name

    @property
    def holder_label(self) -> str:
        """The holder's name, or "Box-office sale" for a walk-in who gave none."""
        from django.utils.translation import gettext

        return self.holder() or gettext("Box-office sale")

    @property
    def holder_lang(self) -> str:
        """A ``lang`` value for the holder's name: its language is not known, its script is
        (``und-Cyrl``, ``und-Latn``, ``und-Arab``; ``und`` otherwise), so screen readers do not read
        it as the page's language."""
        from korkyt.core.languages import name_lang

        return name_lang(self.holder())

    @property
    def contact_email(self) -> str:
        """Where the ticket and news about it go: the account's address, else the one given at the box
        office (empty: nobody is written to)."""
        return str(self.user.email or "") if self.user is not None else self.holder_email

    @property
    def contact_language(self) -> str:
        """The language to write to the holder in: the account's, else the desk's at the sale ("en" when
        neither is known)."""
        language = getattr(self.user, "language", "") if self.user is not None else self.holder_language
        return language or "en"


class CheckIn(models.Model):
    """A participant present: one row per registration and session (``session`` None: the bookable as a
    whole, e.g. a screening). Written only by ``services.checkin``; the unique constraints make a second
    scan of the same ticket a no-op."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="checkins")
    session = models.ForeignKey(
        "events.Session", on_delete=models.CASCADE, null=True, blank=True, related_name="checkins"
    )
    checked_in_at = models.DateTimeField(_("checked in"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=Q(session__isnull=False),
                name="checkin_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["registration"], condition=Q(session__isnull=True), name="checkin_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.session_id or '-'}"


def new_certificate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))


class Certificate(TimeStampedModel):
    """A certificate of attendance: issued (in the background) only to a checked-in participant, printed
    in their language and script, verifiable by anyone at /verify/<code>. What it certifies is kept as
    written (name, title, dates), so the check still answers if the event is edited later."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(max_length=24, unique=True, default=new_certificate_code, editable=False)
    language = LanguageTagField(_("language"))
    holder = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.CharField(_("dates"), max_length=100)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    pdf = models.FileField(upload_to="events/certificates/%Y/", blank=True)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self) -> str:
        return self.code


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private calendar address: every event where they hold a seat, read by calendar apps
    without signing in. Knowing the token is the permission; a new token revokes the old address."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"feed of {self.user_id}"


# ---- events -------------------------------------------------------------------------------------------


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    MASTER_CLASS = "master_class", _("Master class")
    LAB = "lab", _("Lab")
    PITCHING_FORUM = "pitching_forum", _("Pitching forum")
    CONFERENCE = "conference", _("Conference")


class Audience(models.TextChoices):
    ANYONE = "anyone", _("Anyone")
    PROFESSIONALS = "professionals", _("Professionals of member countries")
    INVITED = "invited", _("Invited people only")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone “%(tz)s” (e.g. Asia/Aqtau)."), params={"tz": value})


class Event(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.ANYONE
    )
    original_language = LanguageTagField(_("original language"), default="en")
    organisers = models.ManyToManyField(
        "institutions.Institution", related_name="events", verbose_name=_("organising institutions")
    )
    memorandum = models.ForeignKey(
        "institutions.Memorandum",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("memorandum"),
    )
    area = models.ForeignKey(
        "institutions.CooperationArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("area of cooperation"),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    #: The language the venue, the address and the sessions' rooms are written in (their ``lang`` on pages).
    venue_language = LanguageTagField(_("language of the venue and address"), default="en")
    map_url = models.URLField(_("map link"), max_length=500, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=DEFAULT_TIME_ZONE, validators=[validate_time_zone]
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    instruction_languages = models.JSONField(_("languages of instruction"), default=list, blank=True)
    interpretation_languages = models.JSONField(_("interpretation into"), default=list, blank=True)
    speakers = models.ManyToManyField(
        "catalogue.Person", blank=True, related_name="events", verbose_name=_("speakers")
    )
    bookable = models.OneToOneField(
        Bookable, on_delete=models.PROTECT, related_name="event", verbose_name=_("bookable")
    )
    memorandum_activities = ActivityRelation()  # its records under memoranda go with it
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=EventStatus.values), name="event_status_valid"),
            models.CheckConstraint(condition=Q(audience__in=Audience.values), name="event_audience_valid"),
        ]

    def __str__(self) -> str:
        return f"event {self.pk}"

    def activity_title(self, language: str) -> Text:
        """The title for memoranda reports, in ``language`` along the fallback chain, with its tag."""
        from korkyt.core.translations import translated

        text = translated(self.translations.all(), language, self.original_language, field="title")
        return text or Text(str(self), "en")

    def activity_url(self) -> str:
        """The event's public page, unless it is still a draft."""
        return "" if self.status == EventStatus.DRAFT else reverse("events:event_detail", args=[self.pk])


class EventTranslation(TranslationModel):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="translations", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"

    class Meta:
        verbose_name = _("event text")
        verbose_name_plural = _("event texts")
        constraints = [models.UniqueConstraint(fields=["event", "language"], name="event_translation_unique")]


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.title or 'session'} {self.starts_at:%Y-%m-%d %H:%M}"


from korkyt.events.models.questions import (  # noqa: E402  (the questions need Event above)
    FormKind as FormKind,
)
from korkyt.events.models.questions import Question as Question  # noqa: E402
from korkyt.events.models.questions import QuestionKind as QuestionKind  # noqa: E402
from korkyt.events.models.questions import QuestionTranslation as QuestionTranslation  # noqa: E402
from korkyt.events.models.questions import QuestionWritten as QuestionWritten  # noqa: E402


class AnswerFile(TimeStampedModel):
    """A file given as an answer (a portfolio, a CV), kept with the registration until its answers are
    erased. Size limited by the one upload limit (core.uploads)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="files")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(upload_to="events/answers/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("answer file")
        verbose_name_plural = _("answer files")

    def __str__(self) -> str:
        return self.name
