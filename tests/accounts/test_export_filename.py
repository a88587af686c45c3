"""The account data export names its file with the person's username, whatever its script."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_export_file_name_with_a_non_ascii_username_is_an_rfc_6266_header(client: Client) -> None:
    user = UserFactory(username="Әлішер")
    client.force_login(user)
    response = client.get("/kk/accounts/profile/export/")
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''korkyt-%D3%98%D0%BB")
    assert header.endswith(".json")
    assert "=?utf-8?" not in header


def test_export_file_name_with_an_ascii_username_stays_plain(client: Client) -> None:
    client.force_login(UserFactory(username="juror"))
    header = client.get("/en/accounts/profile/export/")["Content-Disposition"]
    assert header.startswith('attachment; filename="korkyt-juror-')
