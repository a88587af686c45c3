"""Characters and casting through the API: read per character and per voice actor, cast and uncast, rename,
merge; who may do what (the rest of the matrix is in test_permission_matrix.py); each casting change in the
job's audit history with who, when and the voice actor before → after."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.core.audit import audit_entries_for
from korkyt.core.audit.present import history_rows
from korkyt.dubbing.plan import studio_minutes

pytestmark = pytest.mark.django_db


def _client(user) -> tuple[Client, dict[str, str]]:
    return Client(), {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def _patch(client, headers, character, body):
    return client.patch(
        f"/api/dubbing/characters/{character}", body, content_type="application/json", headers=headers
    )


def test_casting_is_read_per_character_and_per_voice_actor(dub_job, dub_world):
    leyla, rashad = dub_world["actors"]
    client, headers = _client(dub_world["users"]["director"])
    ayse = dub_job.characters.get(name="AYŞE")
    mehmet = dub_job.characters.get(name="MEHMET")
    assert _patch(client, headers, ayse.pk, {"voice_actor": leyla.pk}).status_code == 200
    rows = _patch(client, headers, mehmet.pk, {"voice_actor": rashad.pk}).json()
    assert {(r["name"], r["voice_actor"], r["voice_actor_name"]) for r in rows} == {
        ("AYŞE", leyla.pk, "Leyla Həsənova"),
        ("MEHMET", rashad.pk, "Rəşad Əliyev"),
    }
    cast = client.get(f"/api/dubbing/jobs/{dub_job.pk}/casting", headers=headers)
    assert cast.status_code == 200
    by_actor = {row["name"]: row for row in cast.json()}
    assert by_actor["Leyla Həsənova"]["characters"] == ["AYŞE"] and by_actor["Leyla Həsənova"]["lines"] == 2
    assert by_actor["Rəşad Əliyev"]["voice_actor"] == rashad.pk
    assert all(row["studio_minutes"] == studio_minutes(row["loops"]) for row in cast.json())


def test_each_casting_change_is_in_the_jobs_history_with_who_and_before_after(dub_job, dub_world):
    leyla, rashad = dub_world["actors"]
    director = dub_world["users"]["director"]
    client, headers = _client(director)
    ayse = dub_job.characters.get(name="AYŞE")
    for person in (leyla.pk, rashad.pk, 0):  # cast, recast, uncast
        assert _patch(client, headers, ayse.pk, {"voice_actor": person}).status_code == 200
    entries = list(audit_entries_for(actor=dub_world["users"]["kz_editor"], obj=dub_job))
    casting = [e for e in entries if "voice_actor" in (e.changes or {})]
    assert len(casting) == 3 and all(e.actor_id == director.pk and e.timestamp for e in casting)
    rows = [r for r in history_rows(casting, dub_job)]
    changes = [next(c for c in r.changes if c.field.lower().startswith("voice")) for r in reversed(rows)]
    # The voice actors by their names (the catalogue's), not "Person 1".
    assert [(c.before, c.after) for c in changes] == [
        ("", "Leyla Həsənova"),
        ("Leyla Həsənova", "Rəşad Əliyev"),
        ("Rəşad Əliyev", ""),
    ]


def test_a_refused_part_of_a_character_change_saves_nothing(dub_job, dub_world):
    client, headers = _client(dub_world["users"]["director"])
    ayse = dub_job.characters.get(name="AYŞE")
    response = _patch(client, headers, ayse.pk, {"name": "Ayşe Hanım", "voice_actor": 10**9})
    assert response.status_code in (400, 422) and "voice_actor" in response.content.decode()
    ayse.refresh_from_db()
    assert ayse.name == "AYŞE" and ayse.voice_actor_id is None


@pytest.mark.parametrize(
    ("user", "rename", "cast", "create"),
    [
        ("admin", 200, 200, 201),
        ("director", 200, 200, 201),
        ("adapter", 200, 403, 201),
        ("studio_staff", 403, 200, 403),
        ("kz_editor", 403, 403, 403),
        ("stranger", 404, 404, 404),
        ("tr_editor", 404, 404, 404),
    ],
)
def test_casting_write_matrix(user, rename, cast, create, dub_job, dub_world):
    """The adapter and the director rename and add characters; the director and the studio cast; the film
    owner's editor follows (403); who does not see the job gets 404."""
    client, headers = _client(dub_world["users"][user])
    ayse = dub_job.characters.get(name="AYŞE")
    assert _patch(client, headers, ayse.pk, {"name": "Ayşe"}).status_code == rename
    assert _patch(client, headers, ayse.pk, {"voice_actor": dub_world["actors"][0].pk}).status_code == cast
    created = client.post(
        f"/api/dubbing/jobs/{dub_job.pk}/characters",
        {"name": "NARRATOR"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == create
    reads = client.get(f"/api/dubbing/jobs/{dub_job.pk}/casting", headers=headers).status_code
    assert reads == (404 if rename == 404 else 200)
