"""Studio minutes: one computation and one rounding rule (loops × 2.5, rounded up to the whole minute) in the
API, the Characters and Voice actors tables, the recording plan table and its CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.dubbing.plan import plan_recording, studio_minutes
from korkyt.localization.dubbing import services as dubbing
from tests.localization.dubbing.conftest import build_dub_world, order_dub_job


@pytest.fixture
def dub_world(world):
    return build_dub_world(world)


def test_the_rule_rounds_up_to_the_whole_minute():
    assert [studio_minutes(n) for n in (0, 1, 2, 3)] == [0, 3, 5, 8]
    assert studio_minutes(10, 1.1) == 11  # not 12 from 11.000000000000002
    plan = plan_recording({"A": [1]}, day_minutes=120)
    assert plan.sessions[0].minutes == 3 and plan.rows()[0]["minutes"] == "3"


def test_one_loop_is_three_minutes_everywhere(dub_world):
    job = order_dub_job(dub_world)
    director = dub_world["users"]["director"]
    ayse = job.characters.get(name="AYŞE")  # speaks in one loop only
    dubbing.character_cast(actor=director, character=ayse, person=dub_world["actors"][0])
    headers = {"Authorization": f"Bearer {token_create(user=director, name='t')[1]}"}
    client = Client()
    client.force_login(director)

    characters = client.get(f"/api/dubbing/jobs/{job.pk}/characters", headers=headers).json()
    assert {c["name"]: c["studio_minutes"] for c in characters}["AYŞE"] == 3
    casting = client.get(f"/api/dubbing/jobs/{job.pk}/casting", headers=headers).json()
    assert [a["studio_minutes"] for a in casting] == [3]
    plan = client.get(f"/api/dubbing/jobs/{job.pk}/plan", headers=headers).json()
    assert [s["minutes"] for s in plan["sessions"]] == [3]

    page = client.get(f"/en/localization/dubbing/{job.pk}/").content.decode()
    cells = re.findall(r'data-label="(?:Studio minutes|Minutes)">([^<]*)<', page)
    # Characters (AYŞE one loop, MEHMET two), Voice actors, Recording plan
    assert cells == ["3", "5", "3", "3"]
    text = client.get(f"/en/localization/dubbing/{job.pk}/plan.csv").content.decode("utf-8-sig")
    assert [row[-1] for row in csv.reader(io.StringIO(text))][1:] == ["3"]
