"""A form refused for another field's sake cannot give back the file chosen in it (no browser lets a page
fill a file input): the file field says so, naming the file, so that nobody saves the form believing the
signed PDF went with it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import InstitutionFactory, MembershipFactory, memorandum

pytestmark = pytest.mark.django_db

AGAIN = "The file “signed-2025.pdf” was not kept, as the form has errors: choose it again."


def _post(client: Client, url: str, memo, **changes):
    data = {
        "parties": [p.institution_id for p in memo.party_links.all()],
        "status": "draft",
        "language": "en",
        "title": "Memorandum on film",
        "summary": "",
        "place": "",
        "document": SimpleUploadedFile("signed-2025.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    }
    data.update(changes)
    return client.post(url, data)


def test_a_file_chosen_in_a_form_refused_for_another_field_is_asked_again(client: Client) -> None:
    kg, az = InstitutionFactory(code="KG-F", country="KG"), InstitutionFactory(code="AZ-F", country="AZ")
    memo = memorandum(kg, az, status="draft", signed_on=None)
    client.force_login(MembershipFactory(institution=kg).user)
    url = f"/en/staff/memoranda/{memo.pk}/edit/"
    refused = _post(client, url, memo, signed_on="2025-02-30")  # no such day
    assert refused.status_code == 400  # the form comes back with its errors
    page = refused.content.decode()
    assert AGAIN in page
    assert page.index('name="document"') < page.index(AGAIN)
