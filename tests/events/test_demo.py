from __future__ import annotations

import pytest

from korkyt.config import demo
from korkyt.events.models import Event, Registration
from korkyt.institutions.models import MemorandumActivity

pytestmark = pytest.mark.django_db


def test_demo_has_three_published_events_with_registrations_and_one_waiting_list() -> None:
    demo.load(users_password="demo-password-1")
    assert Event.objects.filter(status="published").count() == 3
    aktau = Event.objects.get(time_zone="Asia/Aqtau")
    assert (aktau.bookable.capacity, aktau.bookable.per_country_limit) == (30, 5)
    waiting = Registration.objects.get(status="waitlisted")
    assert (waiting.user.username, waiting.country, waiting.position) == ("producer-tm6", "TM", 1)
    baku = Event.objects.get(time_zone="Asia/Baku")
    assert set(baku.bookable.registrations.values_list("status", flat=True)) == {"pending"}
    assert Event.objects.get(online_url__startswith="https://").bookable.capacity is None
    assert MemorandumActivity.objects.filter(content_type__model="event").count() == 3
    demo.load(users_password="demo-password-1")  # idempotent
    assert Event.objects.count() == 3 and Registration.objects.count() == 10


def test_demo_events_read_in_every_interface_language() -> None:
    """Each demo event has its title, description and registration questions in the eight interface
    languages: a Kyrgyz reader reads the Baku workshop and its form in Kyrgyz."""
    from django.conf import settings

    from korkyt.core.forms import interface_tags

    demo.load(users_password="demo-password-1")
    tags = interface_tags()
    for event in Event.objects.prefetch_related("translations", "questions__translations"):
        written = {t.language for t in event.translations.all() if t.title and t.description}
        assert {tags[code] for code, _name in settings.LANGUAGES} <= written, event.pk
        for question in event.questions.all():
            for code, _name in settings.LANGUAGES:
                label, _options = question.shown_in(code)
                assert label.lang == tags[code], (question.label, code)


def test_demo_participants_read_their_mail_in_their_country_s_language() -> None:
    """producer-kg, a Kyrgyz producer, has Kyrgyz as his interface language, so his registrations' and his
    festival entry's mail come in Kyrgyz (and the Uzbek and Turkmen producers' in theirs)."""
    from django.contrib.auth import get_user_model

    demo.load(users_password="demo-password-1")
    languages = dict(
        get_user_model().objects.filter(username__startswith="producer-").values_list("username", "language")
    )
    assert languages["producer-kg"] == "ky"
    assert languages["producer-uz"] == "uz"
    assert languages["producer-tm1"] == "tk"
