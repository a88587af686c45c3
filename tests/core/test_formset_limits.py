"""Every row set (formset) of the site caps the rows a post can ask for: a forged TOTAL_FORMS of
99999999999999999999 builds at most ``max_num`` rows and is refused, instead of the thousand extra rows
Django allows by default (each validated and rendered again: minutes of a worker for one request)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django.forms.formsets import BaseFormSet

import korkyt


def _formsets() -> list[tuple[str, type[BaseFormSet]]]:
    found = {}
    for module in pkgutil.walk_packages(korkyt.__path__, "korkyt."):
        if not module.name.endswith("forms"):
            continue
        for name, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, BaseFormSet) and value is not BaseFormSet and hasattr(value, "form"):
                found[f"{module.name}.{name}"] = value
    return sorted(found.items())


FORMSETS = _formsets()


def test_the_site_has_row_sets_to_check() -> None:
    names = {name.rsplit(".", 1)[-1] for name, _cls in FORMSETS}
    assert {"SpeakerFormSet", "NameFormSet", "CriterionFormSet"} <= names, names


@pytest.mark.parametrize(("name", "formset"), FORMSETS, ids=[n for n, _c in FORMSETS])
def test_a_forged_row_count_builds_no_more_rows_than_allowed(name: str, formset: type[BaseFormSet]) -> None:
    assert formset.absolute_max == formset.max_num, f"{name}: absolute_max {formset.absolute_max}"
    data = {"rows-TOTAL_FORMS": "99999999999999999999", "rows-INITIAL_FORMS": "0"}
    rows = formset(data, prefix="rows")
    assert rows.total_form_count() <= formset.max_num
    assert not rows.is_valid()
    assert rows.non_form_errors()
