"""API schemas of the localization workbench."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from korkyt.core.pagination import MAX_ID
from korkyt.core.schemas import InputSchema


class FindingOut(Schema):
    cue: int | None
    code: str
    severity: str
    message: str


class TrackOut(Schema):
    id: int
    film: int
    language: str
    file_name: str
    format: str
    encoding: str
    cues: int
    summary: dict[str, int]
    findings: list[FindingOut]
    video_url: str
    url: str
    state: str = Field(description="current, held (has errors; not public), superseded or withdrawn")
    version: int
    replaces: int | None
    fps: float | None = Field(
        description="the frame rate the file was read at (MicroDVD's, the one given on upload, DCP SMPTE's); "
        "null when it had none. Exports of the track and its jobs as MicroDVD or DCP SMPTE use it.",
    )


class TrackCurrentIn(InputSchema):
    accept_errors: bool = False


class TrackWithdrawIn(InputSchema):
    reason: str = Field("", max_length=300)


class JobIn(InputSchema):
    source_track: int = Field(..., ge=1, le=MAX_ID)
    target_language: str
    kind: str | None = None
    assignee: str | None = None
    reviewer: str
    deadline: dt.date | None = None
    qa_profile: str = ""
    memorandum: int | None = Field(None, ge=1, le=MAX_ID)


class JobOut(Schema):
    id: int
    kind: str
    film: int
    source_track: int
    source_language: str
    target_language: str
    scheme: str
    status: str
    assignee: str | None
    reviewer: str | None
    deadline: dt.date | None
    qa_profile: str
    memorandum: int | None
    machine_translation: str
    counts: dict[str, int]
    progress: int | None
    url: str


class CueOut(Schema):
    id: int
    position: int
    start_ms: int
    end_ms: int
    source_text: str
    speaker: str = Field(
        "", description="who speaks the cue, as the source file names them (a WebVTT voice, the ASS Name)"
    )
    text: str
    state: str
    origin: str
    score: float | None
    engine: str
    comment: str
    comment_outdated: bool = Field(
        False,
        description="the cue's text changed since the reviewer wrote `comment`: it is about an earlier text "
        "(kept until the cue is returned again or approved; approving clears it)",
    )
    findings: list[FindingOut] = []
    version: str = Field(
        "", description="the cue's version: send it back with the next save or review of this cue"
    )


VERSION_IN = (
    "the `version` of the cue you read: a cue someone changed since is not written (409 `stale`, with the "
    "cue as it is now); without it nothing is checked"
)


class CueIn(InputSchema):
    text: str
    submit: bool = False
    version: str | None = Field(None, max_length=64, description=VERSION_IN)


class CueReviewIn(InputSchema):
    approve: bool
    comment: str = ""
    version: str | None = Field(None, max_length=64, description=VERSION_IN)


class ExportOut(Schema):
    file_name: str
    format: str
    text: str


class CoverageCellOut(Schema):
    language: str
    status: str
    job: int | None
    dub: str = Field(
        "missing", description="the film's dub in this language: available, in_progress, missing"
    )


class CoverageRowOut(Schema):
    film: int
    title: str
    cells: list[CoverageCellOut]


class CountryPairCoverageOut(Schema):
    source_country: str
    target_country: str
    available: int
    in_progress: int
    missing: int


class MemorandumCoverageOut(Schema):
    memorandum: int
    jobs: int
    approved: int


class CoverageOut(Schema):
    languages: list[str]
    films: list[CoverageRowOut]
    totals: dict[str, dict[str, int]]
    country_pairs: list[CountryPairCoverageOut]
    memoranda: list[MemorandumCoverageOut]


class DeliveryIn(InputSchema):
    format: str = "srt"


class DeliveryOut(Schema):
    id: int
    job: int
    format: str
    status: str
    progress: int
    file_name: str
    size: int
    error: str
    download_url: str | None
    file_url: str | None
    created_at: dt.datetime


class CheckOut(Schema):
    id: int
    job: int
    status: str
    progress: int
    summary: dict[str, Any]
    created_at: dt.datetime
