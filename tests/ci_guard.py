"""Under ``CI=true``, a run in which a group of tests needing installed programs was skipped entirely fails.

The README's commands install chromium (the browser tests) and espeak-ng and ffmpeg (the speech and
audio tests); on a machine set up that way none of those tests is skipped, so in CI a group that ran
nothing means a broken install, not a missing optional tool. A test belongs to a group by the fixture
that skips it when the program is missing (``browser``; ``audio_tools``) or by its skip reason naming
the program. Loaded by the repository's root ``conftest.py`` for ``tests`` and ``e2e`` alike.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from dataclasses import dataclass, field

import pytest


@dataclass
class Group:
    label: str
    fixtures: frozenset[str]
    programs: tuple[str, ...]
    ran: int = 0
    skipped: list[str] = field(default_factory=list)

    def owns(self, item: pytest.Item, reason: str) -> bool:
        if self.fixtures & set(getattr(item, "fixturenames", ())):
            return True
        return any(f"{program} is not installed" in reason for program in self.programs)


def _groups() -> list[Group]:
    return [
        Group("browser tests (chromium)", frozenset({"browser"}), ("chromium",)),
        Group("espeak-ng/ffmpeg tests", frozenset({"audio_tools"}), ("espeak-ng", "ffmpeg", "ffprobe")),
    ]


GROUPS_KEY = pytest.StashKey[list[Group]]()
_CONFIG: list[pytest.Config] = []  # the session's config: pytest_runtest_logreport is not given it


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    config.stash[GROUPS_KEY] = _groups()
    _CONFIG[:] = [config]


PROPERTY = "ci_guard_group"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Tag the report with the test's group (in the process that ran it: a pytest-xdist worker too)."""
    report = yield
    reason = ""
    if report.skipped:
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
    for group in _groups():
        if group.owns(item, reason):
            report.user_properties.append((PROPERTY, group.label))
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the tagged reports where the session ends (the xdist controller gets every worker's)."""
    labels = {value for name, value in report.user_properties if name == PROPERTY}
    if not labels or not (report.skipped or report.when == "call"):
        return
    config = _CONFIG[0] if _CONFIG else None
    if config is None:
        return
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    for group in config.stash[GROUPS_KEY]:
        if group.label in labels:
            if report.skipped:
                group.skipped.append(f"{report.nodeid}: {reason.removeprefix('Skipped: ')}")
            else:
                group.ran += 1


def empty_groups(config: pytest.Config) -> list[Group]:
    """Groups with tests collected in this run, every one of them skipped."""
    return [group for group in config.stash[GROUPS_KEY] if group.skipped and not group.ran]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not in_ci() or hasattr(session.config, "workerinput"):  # an xdist worker sees only its share
        return
    empty = empty_groups(session.config)
    if empty and session.exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    if not in_ci():
        return
    for group in empty_groups(config):
        terminalreporter.write_line(
            f"CI=true: every one of the {len(group.skipped)} {group.label} was skipped "
            f"(the README's install commands provide them): {group.skipped[0]}",
            red=True,
        )
