"""Files given as answers (stored, within the upload limit, erased with the answers), the follow-up form
for confirmed participants and the feedback survey for those checked in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.events import services
from korkyt.events.models import AnswerFile
from korkyt.events.services import QuestionData
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def event_with_forms(organiser: Any, **kw: Any) -> Any:
    return make_event(
        organiser,
        capacity=5,
        questions=[
            QuestionData(kind="country", label="Country", required=True),
            QuestionData(kind="file", label="Portfolio"),
            QuestionData(kind="single", label="Meals", choices=["Any", "Vegetarian"], form="followup"),
            QuestionData(kind="text", label="How was it?", required=True, form="feedback"),
        ],
        **kw,
    )


def qid(event: Any, label: str) -> str:
    return str(event.questions.get(label=label).pk)


def test_a_portfolio_is_stored_with_the_registration_and_erased_later(
    client: Client, organiser: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.KORKYT_MAX_UPLOAD_MB = 1
    event = event_with_forms(organiser)
    alice = UserFactory(username="alice")
    client.force_login(alice)
    too_big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1), "application/pdf")
    answer = client.post(
        f"/en/events/{event.pk}/register",
        {f"q{qid(event, 'Country')}": "KZ", f"q{qid(event, 'Portfolio')}": too_big},
    )
    assert answer.status_code == 200 and "Files over 1 MB are refused." in answer.content.decode()
    assert not alice.registrations.exists()  # nothing half-saved
    pdf = SimpleUploadedFile("portfolio.pdf", b"%PDF-1.4 portfolio", "application/pdf")
    client.post(
        f"/en/events/{event.pk}/register",
        {f"q{qid(event, 'Country')}": "KZ", f"q{qid(event, 'Portfolio')}": pdf},
    )
    reg = alice.registrations.get()
    (stored,) = AnswerFile.objects.filter(registration=reg)
    assert stored.name == "portfolio.pdf" and stored.file.read() == b"%PDF-1.4 portfolio"
    assert reg.answers[qid(event, "Portfolio")] == "portfolio.pdf"
    path = stored.file.path
    end = dt.datetime(2027, 5, 12, 8, 0, tzinfo=dt.UTC)
    assert services.answers_erase(days=1, now=end + dt.timedelta(days=2)) == 1
    assert not AnswerFile.objects.exists()
    import os

    assert not os.path.exists(path)


def test_followup_for_confirmed_and_feedback_after_check_in(client: Client, organiser: Any) -> None:
    event = event_with_forms(organiser)
    alice = UserFactory(username="alice")
    reg = services.registration_create(actor=alice, event=event, answers={qid(event, "Country"): "KZ"})
    client.force_login(alice)
    mine = client.get("/en/events/mine/").content.decode()
    assert "/followup/" in mine and "/feedback/" not in mine
    answer = client.post(
        f"/en/events/registrations/{reg.pk}/followup/", {f"q{qid(event, 'Meals')}": "Vegetarian"}
    )
    assert answer.status_code == 302
    reg.refresh_from_db()
    assert reg.followup_answers == {qid(event, "Meals"): "Vegetarian"}
    with pytest.raises(ValidationError):  # feedback before attending
        services.form_answer(
            actor=alice, registration=reg, form="feedback", answers={qid(event, "How was it?"): "x"}
        )
    services.checkin(actor=organiser, event=event, code=reg.code)
    assert "/feedback/" in client.get("/en/events/mine/").content.decode()
    answer = client.post(f"/en/events/registrations/{reg.pk}/feedback/", {})
    assert answer.status_code == 422  # the required answer is missing
    client.post(
        f"/en/events/registrations/{reg.pk}/feedback/", {f"q{qid(event, 'How was it?')}": "Very useful"}
    )
    reg.refresh_from_db()
    assert reg.feedback_answers == {qid(event, "How was it?"): "Very useful"}
    client.force_login(UserFactory(username="bob"))  # somebody else's forms: 404
    assert client.get(f"/en/events/registrations/{reg.pk}/followup/").status_code == 404
    assert client.get(f"/en/events/registrations/{reg.pk}/feedback/").status_code == 404
    # Only registration questions are asked when registering, and only they appear in the API.
    client.force_login(organiser)
    labels = [q["label"] for q in client.get(f"/api/events/{event.pk}").json()["questions"]]
    assert labels == ["Country", "Portfolio"]


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 10, 10)).save(out, "PNG")
    return out.getvalue()


PNG = _png()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def test_answer_files_are_judged_by_content_not_by_name(
    client: Client, organiser: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    event = event_with_forms(organiser)
    alice = UserFactory(username="alice")
    client.force_login(alice)
    country, portfolio = f"q{qid(event, 'Country')}", f"q{qid(event, 'Portfolio')}"
    exe = SimpleUploadedFile("portfolio.pdf", EXE, "application/pdf")
    answer = client.post(f"/en/events/{event.pk}/register", {country: "KZ", portfolio: exe})
    assert answer.status_code == 200
    assert "The file must be a PDF, a Word or OpenDocument text" in answer.content.decode()
    assert not alice.registrations.exists() and not AnswerFile.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))  # nothing saved
    from tests.zips import ODT_MIMETYPE, rewrite_member, zip_of

    encrypted = rewrite_member(zip_of({"mimetype": ODT_MIMETYPE}), "mimetype", flag_bits=0x1)
    odt = SimpleUploadedFile("portfolio.odt", encrypted, "application/vnd.oasis.opendocument.text")
    answer = client.post(f"/en/events/{event.pk}/register", {country: "KZ", portfolio: odt})
    assert answer.status_code == 200
    assert "The file must be a PDF, a Word or OpenDocument text" in answer.content.decode()
    assert not alice.registrations.exists()
    # a real PNG sent under a document's name is kept, under the name its content gives
    photo = SimpleUploadedFile("portfolio.pdf", PNG, "application/pdf")
    client.post(f"/en/events/{event.pk}/register", {country: "KZ", portfolio: photo})
    (stored,) = AnswerFile.objects.filter(registration=alice.registrations.get())
    assert stored.name == "portfolio.pdf" and stored.file.name.endswith(".png")
    assert stored.file.read() == PNG
