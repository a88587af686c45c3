"""The history pages speak the reader's language: every field an entry can record is named with a
translated ``verbose_name``, and every event type written with ``audit_log(action=…)`` has a translated
label (the values: tests/core/test_history_values.py)."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Field, Model
from django.test import Client
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst

from korkyt.core.audit.registry import audited_models

SRC = Path(__file__).resolve().parents[2] / "src"

#: Event types built with an f-string, and every value they take.
FORMATTED_ACTIONS = {
    "f'events.registration.{form}'": ("events.registration.followup", "events.registration.feedback"),
    "payment_action": ("festival.ticket.paid", "festival.ticket.refunded"),  # tickets.PAYMENT_RECORDS
}


def _recorded_fields(model: type[Model]) -> list[Field]:  # type: ignore[type-arg]
    """The fields whose changes an entry can hold: concrete fields (a generic relation's content type and
    object id among them) and many-to-many fields; not the automatic primary key."""
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, Field) and not f.auto_created and (f.concrete or f.many_to_many)
    ]


def test_every_recorded_field_of_an_audited_model_has_a_translated_name():
    untranslated = [
        f"{model._meta.label}.{f.name}"
        for model in audited_models()
        for f in _recorded_fields(model)
        if not isinstance(f.verbose_name, Promise)
    ]
    assert not untranslated, f"fields without verbose_name=_('…'): {untranslated}"
    unnamed = [
        model._meta.label
        for model in audited_models()
        if not isinstance(model._meta.verbose_name, Promise)
        or not isinstance(model._meta.verbose_name_plural, Promise)
    ]
    assert not unnamed, f"audited models without a translated verbose_name(_plural): {unnamed}"


#: Names written alike in Russian (codes of international standards).
SAME_IN_RUSSIAN = {"ISAN"}


def test_the_names_of_recorded_fields_are_translated():
    """Lazy is not enough: the catalogue must hold a translation (checked in Russian)."""
    same = []
    for model in audited_models():
        for f in _recorded_fields(model):
            with translation.override("en"):
                english = str(f.verbose_name)
            with translation.override("ru"):
                russian = str(f.verbose_name)
            if english == russian and english not in SAME_IN_RUSSIAN:
                same.append(f"{model._meta.label}.{f.name}: {english}")
    assert not same, same


# Event types --------------------------------------------------------------------------------------------


def _module_constants(tree: ast.Module) -> dict[str, str]:
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }


def written_action_types() -> set[str]:
    """Every ``action=`` given to ``audit_log`` in src/ (strings, module constants, the f-strings listed in
    FORMATTED_ACTIONS); workflow transitions (``flow.action(t)``) are added from the declared workflows.
    Any other expression fails: list its values here."""
    found: set[str] = set()
    unknown: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "audit_log(" not in text:
            continue
        tree = ast.parse(text)
        constants = _module_constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "audit_log":
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                value = keyword.value
                source = ast.unparse(value)
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.add(value.value)
                elif isinstance(value, ast.Name) and value.id in constants:
                    found.add(constants[value.id])
                elif source in FORMATTED_ACTIONS:
                    found.update(FORMATTED_ACTIONS[source])
                elif source == "flow.action(transition)" and path.name == "workflow.py":
                    from korkyt.core.workflow import workflows

                    found.update(flow.action(t) for flow in workflows() for t in flow.transitions)
                else:
                    unknown.append(f"{path.relative_to(SRC)}:{node.lineno}: {source}")
    assert not unknown, f"event types this test cannot read; add them to FORMATTED_ACTIONS: {unknown}"
    return found


def test_the_collector_finds_the_event_types_of_every_kind():
    types = written_action_types()
    assert {
        "festival.award.create",  # a string
        "catalogue.person.set_names",  # a module constant
        "events.registration.feedback",  # an f-string
        "festival.submission.select",  # a workflow transition
    } <= types


_LABELS_AFTER_SETUP = """
import json, sys
import django
django.setup()
from django.utils import translation
from korkyt.core.audit.registry import ACTION_LABELS
out = {}
for lang in ("en", "ru"):
    with translation.override(lang):
        out[lang] = {k: str(v) for k, v in ACTION_LABELS.items()}
json.dump(out, sys.stdout)
"""


def test_every_event_type_written_has_a_translated_label_once_django_is_set_up():
    """Read in a new process after ``django.setup()`` alone (as ``korkyt audit export`` and the admin
    are): a label registered only when some view module happens to be imported does not count."""
    env = {"DJANGO_SETTINGS_MODULE": "korkyt.config.settings", "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", _LABELS_AFTER_SETUP],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
        timeout=120,
    )
    labels = json.loads(done.stdout)
    types = written_action_types()
    missing = sorted(t for t in types if t not in labels["en"])
    assert not missing, f"event types without action_label(…): {missing}"
    same = sorted(f"{t}: {labels['en'][t]}" for t in types if labels["en"][t] == labels["ru"][t])
    assert not same, f"labels not translated: {same}"


# Pages --------------------------------------------------------------------------------------------------


def _english_names() -> set[str]:
    """Every audited field's and model's name in English, as the page writes it (capitalised)."""
    names: set[str] = set()
    with translation.override("en"):
        for model in audited_models():
            names.add(capfirst(str(model._meta.verbose_name)))
            for f in _recorded_fields(model):
                names.add(capfirst(str(f.verbose_name)))
    return names


def _field_headings(html: str) -> list[str]:
    return re.findall(r'<span class="field">([^<]*)</span>', html)


def _history(user: Any, model: type[Model], pk: int, lang: str = "ru") -> str:
    client = Client()
    client.force_login(user)
    answer = client.get(f"/{lang}/history/{model._meta.app_label}.{model._meta.model_name}/{pk}")
    assert answer.status_code == 200
    return answer.content.decode()


def _without_attributes(html: str) -> str:
    return re.sub(r'(data-event|href|action)="[^"]*"', "", html)


@pytest.mark.django_db
def test_a_decided_submissions_history_in_russian_has_no_english_names():
    from korkyt.festival import services
    from korkyt.festival.models import Submission
    from tests.factories import UserFactory
    from tests.festival.conftest import (
        eligible_entry,
        make_agency_kg,
        make_edition,
        make_feature,
        make_kg_editor,
        make_kg_head,
        make_staff,
    )

    edition = make_edition()
    feature = make_feature(edition)
    agency = make_agency_kg()
    staff = make_staff(edition)
    entry = eligible_entry(feature, agency, make_kg_editor(agency), make_kg_head(agency))
    services.submission_decide(actor=staff, submission=entry, name="start_review")
    services.submission_decide(actor=staff, submission=entry, name="select")
    admin = UserFactory(username="history-admin", is_superuser=True, is_staff=True)
    html = _history(admin, Submission, entry.pk)
    headings = _field_headings(html)
    assert headings, "the page shows the changes"
    assert "Decided at" not in html and "Signed off by" not in html
    assert not set(headings) & _english_names(), headings
    assert "festival.submission." not in _without_attributes(html)  # every event is named


@pytest.mark.django_db
def test_a_coproductions_history_in_russian_has_no_english_names():
    from korkyt.accounts.models import Role
    from korkyt.accounts.services import role_grant
    from korkyt.coproduction.models import Project
    from tests.coproduction.conftest import animated_project, make_agencies, make_people
    from tests.factories import memorandum

    agencies = make_agencies()
    people = make_people(agencies)
    memo = memorandum(agencies["KZ"], agencies["AZ"], areas=("joint_feature", "joint_animation"))
    project = animated_project(people["producer"], memo)
    role_grant(actor=people["admin"], user=people["coproducer"], role=Role.PRODUCER, scope=project)
    html = _history(people["admin"], Project, project.pk)
    headings = _field_headings(html)
    assert headings
    for english in ("Position", "Project", "User", "Content type", "Object id", "Created by"):
        assert english not in headings, english
    assert not set(headings) & _english_names(), headings


@pytest.mark.django_db
def test_a_roles_scope_is_named_by_its_kind_alone():
    """A role granted on a co-production: the scope's kind reads "совместный проект"-like (the model's
    name), not Django's "Co-productions | co-production" (the app's and the model's names with a bar)."""
    from korkyt.accounts.models import Role
    from korkyt.accounts.services import role_grant
    from korkyt.coproduction.models import Project
    from tests.coproduction.conftest import animated_project, make_agencies, make_people
    from tests.factories import memorandum

    agencies = make_agencies()
    people = make_people(agencies)
    memo = memorandum(agencies["KZ"], agencies["AZ"], areas=("joint_feature", "joint_animation"))
    project = animated_project(people["producer"], memo)
    role_grant(actor=people["admin"], user=people["coproducer"], role=Role.PRODUCER, scope=project)
    html = _history(people["admin"], Project, project.pk)
    with translation.override("ru"):
        kind = str(Project._meta.verbose_name)
    assert f"→ <ins>{kind}</ins>" in html or re.search(rf"→\s*(?:<[^>]+>)*{re.escape(kind)}<", html), html[
        -3000:
    ]
    assert " | " not in _without_attributes(html)


@pytest.mark.django_db
def test_dependent_rows_that_still_exist_are_named_in_the_readers_language():
    """A project's elements and partners, a role held on it: "Исполнитель роли: Казахстан"-like words, where
    the entries stored what the rows said of themselves when written ("role: KZ", "AZ")."""
    from korkyt.accounts.models import Role
    from korkyt.accounts.services import role_grant
    from korkyt.coproduction.models import ElementJob, Project
    from korkyt.core.countries import country_name
    from tests.coproduction.conftest import animated_project, make_agencies, make_people
    from tests.factories import memorandum

    agencies = make_agencies()
    people = make_people(agencies)
    memo = memorandum(agencies["KZ"], agencies["AZ"], areas=("joint_feature", "joint_animation"))
    project = animated_project(people["producer"], memo)
    role_grant(actor=people["admin"], user=people["coproducer"], role=Role.PRODUCER, scope=project)
    html = _history(people["admin"], Project, project.pk)
    subjects = re.findall(r"<small>[^:<]+: <span[^>]*>([^<]*)</span></small>", html)
    assert subjects
    with translation.override("ru"):
        role = f"{ElementJob.ROLE.label}: {country_name('KZ')}"
        director = f"{ElementJob.DIRECTOR.label}: {country_name('KZ')}"
        holder = f"{people['coproducer']} · {Role.PRODUCER.label}"
    assert role in subjects and director in subjects, subjects
    assert holder in subjects, subjects
    assert "role: KZ" not in subjects and "director: KZ" not in subjects


@pytest.mark.django_db
def test_an_entry_about_a_row_deleted_since_says_so():
    """The project's history still shows what a removed element said of itself, marked "deleted since"; the
    rows that exist are not marked."""
    from korkyt.coproduction.models import Project
    from tests.coproduction.conftest import animated_project, make_agencies, make_people
    from tests.factories import memorandum

    agencies = make_agencies()
    people = make_people(agencies)
    memo = memorandum(agencies["KZ"], agencies["AZ"], areas=("joint_feature", "joint_animation"))
    project = animated_project(people["producer"], memo)
    element = project.elements.order_by("pk").first()
    kept = project.elements.exclude(pk=element.pk).count()
    element.delete()
    html = _history(people["admin"], Project, project.pk, lang="en")
    marked = re.findall(r"<small>[^<]*<span[^>]*>([^<]*)</span> <em>\(deleted since\)</em></small>", html)
    plain = re.findall(r"<small>[^<]*<span[^>]*>([^<]*)</span></small>", html)
    assert len(marked) == 1, marked
    assert len(plain) >= kept  # the others, still there, are not marked
