from __future__ import annotations

# The workbench's world (institutions, users with roles, a film, a source track, a memorandum) and a job.
from tests.localization.conftest import job, world  # noqa: F401
