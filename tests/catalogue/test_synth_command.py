"""`korkyt catalogue synth --films N`: the synthetic catalogue of the benchmarks, from the command line.

The generator itself is ``benchmarks/catalogue_synth.py`` (not part of the application); the command is the
name the catalogue issue gave it, and it runs that file from the source checkout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from korkyt.catalogue import cli as catalogue_cli
from korkyt.catalogue.models import Film, FilmStatus
from korkyt.search.models import SearchEntry
from tests.factories import InstitutionFactory


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from korkyt.cli import app

    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.settings")
    return app


def test_synth_adds_published_films_with_their_titles_and_indexes_them(app, db) -> None:
    InstitutionFactory(code="KZ-SYN", country="KZ")
    result = CliRunner().invoke(app, ["catalogue", "synth", "--films", "3", "--people", "2", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "3 films" in result.output and "2 people" in result.output
    films = Film.objects.all()
    assert films.count() == 3
    assert {f.status for f in films} == {FilmStatus.PUBLISHED}
    assert all(f.titles.count() >= 2 for f in films)  # the original title and its variants
    assert SearchEntry.objects.filter(film__in=films).exists()


def test_synth_without_institutions_exits_2_with_a_message(app, db) -> None:
    result = CliRunner().invoke(app, ["catalogue", "synth", "--films", "2"])
    assert result.exit_code == 2
    assert "korkyt demo load" in result.output
    assert Film.objects.count() == 0


@pytest.mark.parametrize("films", ["0", "-5", "1000001"])
def test_synth_refuses_a_number_of_films_out_of_range(app, films: str) -> None:
    result = CliRunner().invoke(app, ["catalogue", "synth", "--films", films])
    assert result.exit_code == 2


def test_synth_outside_a_source_checkout_exits_2_naming_the_missing_file(
    app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(catalogue_cli, "SYNTH_SCRIPT", tmp_path / "benchmarks" / "catalogue_synth.py")
    result = CliRunner().invoke(app, ["catalogue", "synth", "--films", "2"])
    assert result.exit_code == 2
    assert "catalogue_synth.py" in result.output
