"""Who may see and work on localization jobs.

A job belongs to the institution that owns the film: its editors order and follow jobs; the translator
assigned to a job edits its cues; the reviewer of a job edits, approves and returns its cues and approves
the job. Nobody else sees a job (404). Translation memory and the glossary are shared across the network:
editors import into them.
"""

from __future__ import annotations

from typing import Any

import rules

from korkyt.accounts.rules import is_any_editor, is_editor_of, is_member_of
from korkyt.core.jobs.access import subject_access
from korkyt.core.permissions import is_platform_admin, visible_predicate
from korkyt.localization.dubbing.selectors import dubbing_visible
from korkyt.localization.selectors import job_visible, track_visible


@rules.predicate
def is_job_editor(user: Any, job: Any) -> bool:
    return job is not None and is_editor_of(user, job.institution_id)


@rules.predicate
def is_job_assignee(user: Any, job: Any) -> bool:
    return job is not None and user.is_authenticated and job.assignee_id == user.pk


@rules.predicate
def is_job_reviewer(user: Any, job: Any) -> bool:
    return job is not None and user.is_authenticated and job.reviewer_id == user.pk


@rules.predicate
def is_film_editor(user: Any, film: Any) -> bool:
    return film is not None and is_editor_of(user, film.owner_id)


# Who may see: derived from the selectors' one visibility filter per model.
rules.add_perm("localization.view_job", visible_predicate("job_visible", job_visible))
rules.add_perm("localization.view_track", visible_predicate("track_visible", track_visible))
rules.add_perm("localization.translate_job", is_platform_admin | is_job_assignee | is_job_reviewer)
rules.add_perm("localization.review_job", is_platform_admin | is_job_reviewer)
# Submitting a cue for review is the translator's step: a reviewer corrects text but approves or returns it.
rules.add_perm("localization.submit_job", is_platform_admin | is_job_assignee)
rules.add_perm("localization.manage_job", is_platform_admin | is_job_editor)
rules.add_perm("localization.order_job", is_platform_admin | is_film_editor)
rules.add_perm("localization.upload_track", is_platform_admin | is_film_editor)
rules.add_perm("localization.manage_memory", is_platform_admin | is_any_editor)

# Background jobs about the workbench's rows are seen (and retried) by those who see the translation job.
subject_access("localization.translationjob", lambda user, job: user.has_perm("localization.view_job", job))
subject_access("localization.delivery", lambda user, row: user.has_perm("localization.view_job", row.job))
subject_access("localization.qualitycheck", lambda user, row: user.has_perm("localization.view_job", row.job))


# Dubbing jobs (korkyt.localization.dubbing): seen by their adapter, director, studio members and the film
# owner's editors; the adapter and director name and merge characters; the director and the studio cast.
@rules.predicate
def is_dubbing_adapter(user: Any, job: Any) -> bool:
    return job is not None and user.is_authenticated and job.adapter_id == user.pk


@rules.predicate
def is_dubbing_director(user: Any, job: Any) -> bool:
    return job is not None and user.is_authenticated and job.director_id == user.pk


@rules.predicate
def is_dubbing_studio(user: Any, job: Any) -> bool:
    return (
        job is not None
        and job.studio_institution_id is not None
        and is_member_of(user, job.studio_institution_id)
    )


rules.add_perm("localization.view_dubbing", visible_predicate("dubbing_visible", dubbing_visible))
rules.add_perm("localization.adapt_dubbing", is_platform_admin | is_dubbing_adapter | is_dubbing_director)
rules.add_perm("localization.cast_dubbing", is_platform_admin | is_dubbing_director | is_dubbing_studio)
rules.add_perm("localization.direct_dubbing", is_platform_admin | is_dubbing_director)
subject_access(
    "localization.dubbingoutput", lambda user, row: user.has_perm("localization.view_dubbing", row.job)
)
