"""Optimistic locking: a write that sends the version it read is refused once the row changed since."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from korkyt.core.concurrency import StaleError, check_version, version_of


def row(moment: dt.datetime) -> SimpleNamespace:
    return SimpleNamespace(updated_at=moment)


def test_the_version_read_passes_and_a_later_change_is_refused_naming_the_field():
    read = row(dt.datetime(2027, 3, 1, 10, 0, 0, 123456, tzinfo=dt.UTC))
    version = version_of(read)
    check_version(read, version)  # nothing changed
    check_version(read, f" {version} ")  # as a form sends it back
    changed = row(read.updated_at + dt.timedelta(microseconds=1))
    with pytest.raises(StaleError) as stale:
        check_version(changed, version, field="text")
    assert list(stale.value.message_dict) == ["text"]
    assert stale.value.error_dict["text"][0].code == "stale"
    assert "Reload the page" in stale.value.message_dict["text"][0]


@pytest.mark.parametrize("sent", [None, ""])
def test_a_writer_that_sends_no_version_is_not_checked(sent):
    check_version(row(dt.datetime(2027, 3, 1, tzinfo=dt.UTC)), sent)


def test_a_row_without_a_change_time_has_an_empty_version():
    assert version_of(SimpleNamespace()) == ""
    with pytest.raises(StaleError):
        check_version(SimpleNamespace(), "2027-03-01T00:00:00+00:00")
