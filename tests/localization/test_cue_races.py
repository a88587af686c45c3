"""Two people act on one cue at the same moment, each on their own database connection: the cue's row lock
and version (core.concurrency) let exactly one of them write; the other is told the cue changed
(StaleError), and the cue is never left with one person's text and the other's approval."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.core.concurrency import StaleError, version_of
from korkyt.localization import services
from korkyt.localization.models import CueState, TargetCue
from tests.races import need_shared_database, run_together, unblock_flush_on_postgresql  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _first(job: Any) -> TargetCue:
    return TargetCue.objects.filter(job=job).order_by("position").first()  # type: ignore[return-value]


def test_an_autosave_racing_an_approval_of_the_same_version_lets_exactly_one_through(
    job: Any, world: Any
) -> None:
    need_shared_database()
    u = world["users"]
    for round_ in range(4):  # each round: both pages show the same version of the submitted cue, then act
        # at once; a new text each round (an approved cue is submitted again only with a new text)
        submitted = f"Merhaba dostum {round_}"
        services.cue_save(actor=u["translator"], cue=_first(job), text=submitted, submit=True)
        read = version_of(_first(job))
        results = run_together(
            [
                lambda read=read: services.cue_save(
                    actor=u["translator"], cue=_first(job), text="Selam!", version=read
                ),
                lambda read=read: services.cue_review(
                    actor=u["reviewer"], cue=_first(job), approve=True, version=read
                ),
            ]
        )
        assert sum(isinstance(r, StaleError) for r in results) == 1, results
        assert sum(isinstance(r, TargetCue) for r in results) == 1, results
        now = _first(job)
        if isinstance(results[0], TargetCue):  # the translator's text landed, not approved
            assert (now.text, now.state) == ("Selam!", CueState.DRAFT)
        else:  # the reviewer approved the text they saw, and nothing else
            assert (now.text, now.state) == (submitted, CueState.APPROVED)


def test_two_translators_saving_the_same_version_at_once_keep_one_text_and_refuse_the_other(
    job: Any, world: Any
) -> None:
    need_shared_database()
    u = world["users"]
    read = version_of(_first(job))
    texts = ["Merhaba dostum!", "Selam arkadaşım!", "Merhaba!", "Selam!"]
    results = run_together(
        [
            lambda t=t: services.cue_save(actor=u["translator"], cue=_first(job), text=t, version=read)
            for t in texts
        ]
    )
    written = [r for r in results if isinstance(r, TargetCue)]
    assert len(written) == 1, results
    assert all(isinstance(r, StaleError) for r in results if r not in written)
    assert _first(job).text == written[0].text
    # every refusal carried the cue as it is now: the winner's text
    assert {r.current["text"] for r in results if isinstance(r, StaleError)} == {written[0].text}
