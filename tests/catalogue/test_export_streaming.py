"""`korkyt catalogue export` writes the films as it reads them, in as many queries whatever their number,
and writes the same bytes as the whole text made at once (the CSV in the import format, the JSON array)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from typer.testing import CliRunner

from korkyt.catalogue import selectors, transfer
from korkyt.catalogue.models import Film
from korkyt.config import demo

pytestmark = pytest.mark.django_db


def published() -> list[Film]:
    """The published films as the command reads them, one by one, without prefetching (the old way)."""
    return list(selectors.film_list(user=AnonymousUser()).order_by("pk"))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_command_writes_what_the_text_made_at_once_was(tmp_path: Path, fmt: str) -> None:
    from korkyt.cli import app

    demo.load()
    films = published()
    assert len(films) > 50
    at_once = (
        transfer.export_csv(films)
        if fmt == "csv"
        else json.dumps([transfer.film_record(f) for f in films], ensure_ascii=False, indent=2)
    )
    target = tmp_path / f"films.{fmt}"
    result = CliRunner().invoke(app, ["catalogue", "export", "--format", fmt, "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == at_once.encode("utf-8")
    shown = CliRunner().invoke(app, ["catalogue", "export", "--format", fmt])
    assert shown.stdout_bytes == at_once.encode("utf-8")
    if fmt == "csv":
        assert at_once == (demo.DATA_DIR / "films.csv").read_text(encoding="utf-8").replace("\r\n", "\n")


def test_an_empty_catalogue_is_an_empty_array_and_a_header() -> None:
    out = io.StringIO()
    transfer.write_films("json", Film.objects.none(), out)
    assert out.getvalue() == json.dumps([], indent=2) == "[]"
    out = io.StringIO()
    transfer.write_films("csv", Film.objects.none(), out)
    assert out.getvalue() == ",".join(transfer.COLUMNS) + "\n"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_queries_do_not_grow_with_the_films(fmt: str) -> None:
    demo.load()
    ids = [f.pk for f in published()]
    counts = []
    for n in (5, 50):
        films = selectors.film_list(user=AnonymousUser()).filter(pk__in=ids[:n]).order_by("pk")
        out = io.StringIO()
        with CaptureQueriesContext(connection) as queries:
            transfer.write_films(fmt, films, out)
        counts.append(len(queries))
        written = out.getvalue()
        assert (len(json.loads(written)) if fmt == "json" else written.count("\n") - 1) == n
    assert counts[0] == counts[1]
