from __future__ import annotations

import pytest

from korkyt.config import demo
from korkyt.coproduction import eligibility
from korkyt.coproduction.models import Project, ProjectStatus, ProjectText
from korkyt.institutions import selectors as institution_selectors

pytestmark = pytest.mark.django_db


def _project(title: str) -> Project:
    return ProjectText.objects.get(language="en", title=title).project


def test_demo_has_three_coproductions_one_qualifying_one_failing_a_share_one_under_a_memorandum_only():
    demo.load(users_password="demo-password-1")
    assert Project.objects.count() == 3

    wind = _project("Korkyt and the Wind")
    result = eligibility.evaluate(wind)
    assert result.basis == "tr-2019"
    assert wind.status == ProjectStatus.SUBMITTED
    assert dict(wind.reviews.values_list("country", "status")) == {
        "KZ": "approved",
        "AZ": "pending",
        "TR": "pending",
    }

    spring = eligibility.evaluate(_project("The Wandering Spring"))
    assert spring.evaluation is not None
    tr = spring.evaluation.verdict("tr-2019")
    assert tr.applies and not tr.eligible
    assert [c.subject for c in tr.checks if not c.ok and c.rule.endswith("share")]
    assert any("Kyrgyz" in a.message for a in tr.advice)

    children = _project("Children of the Silk Road")
    silk = eligibility.evaluate(children)
    assert silk.basis is None
    assert silk.evaluation is not None and silk.evaluation.verdict("mou").applies
    assert children.status == ProjectStatus.APPROVED  # counted in the report once approved
    assert institution_selectors.memorandum_report(memorandum=children.memorandum).total >= 1

    demo.load(users_password="demo-password-1")  # idempotent
    assert Project.objects.count() == 3
