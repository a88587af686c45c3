"""Every audited record's own page links its history for those who may read it, and the link leads to a
page that answers; visitors see no such link."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_audited_records_link_their_history() -> None:
    from korkyt.accounts.models import User
    from korkyt.catalogue.models import Company, Film, Person
    from korkyt.config.demo import load
    from korkyt.events.models import Event
    from korkyt.festival.models import Edition, Submission
    from korkyt.institutions.models import Institution, Memorandum

    load(users_password="a-long-demo-password-1")
    admin = Client()
    admin.force_login(User.objects.create_superuser("history-admin", "h@example.org", "a-long-pass-123"))
    edition = Edition.objects.get(number=6)
    pages = {
        f"/en/films/{Film.objects.filter(status='published').first().pk}/": "catalogue.film",
        f"/en/people/{Person.objects.first().pk}/": "catalogue.person",
        f"/en/institutions/{Institution.objects.first().code}/": "institutions.institution",
        f"/en/memoranda/{Memorandum.objects.first().pk}/": "institutions.memorandum",
        f"/en/festival/{edition.number}/": "festival.edition",
        f"/en/festival/submissions/{Submission.objects.filter(section__edition=edition).first().pk}/": (
            "festival.submission"
        ),
        f"/en/events/{Event.objects.first().pk}/edit/": "events.event",
    }
    company = Company.objects.first()
    if company is not None:
        pages[f"/en/companies/{company.pk}/"] = "catalogue.company"
    for url, label in pages.items():
        page = admin.get(url)
        assert page.status_code == 200, url
        found = re.search(rf'href="(/en/history/{re.escape(label)}/\d+)"', page.content.decode())
        assert found, (url, label)
        assert admin.get(found.group(1)).status_code == 200, found.group(1)
        visitor = Client().get(url)
        assert "/history/" not in visitor.content.decode(), url
