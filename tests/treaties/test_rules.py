"""The rule book: one data file per instrument, with dates, sources and parties; adding one is a file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from korkyt.treaties import RuleBookError, evaluate, load_rulebook, read_instrument, read_rulebook

from .conftest import build

DATA = Path(__file__).resolve().parents[2] / "src" / "korkyt" / "treaties" / "data" / "instruments"


def test_the_rule_book_has_exactly_the_documented_ids_one_file_each() -> None:
    book = load_rulebook()
    assert book.ids == ("cets-220", "ets-147", "eurimages", "tr-2019", "kz-2019", "it-tr-2006", "mou")
    assert sorted(p.stem for p in DATA.glob("*.toml")) == sorted(book.ids)


@pytest.mark.parametrize(
    "ident", ["cets-220", "ets-147", "eurimages", "tr-2019", "kz-2019", "it-tr-2006", "mou"]
)
def test_every_instrument_carries_dates_sources_and_plain_words(ident: str) -> None:
    inst = load_rulebook().get(ident)
    assert inst.source.startswith("https://")
    assert all(s.startswith("https://") for s in inst.sources)
    assert inst.effective_from <= date(2026, 1, 1)
    assert len(inst.summary) > 100 and inst.note, "each instrument explains itself and what is not verified"
    for p in inst.parties:
        assert p.joined >= date(1988, 1, 1) and (p.left is None or p.left > p.joined)
    for limits in (inst.bilateral, inst.multilateral):
        if limits is not None:
            assert limits.source


def test_the_limits_of_the_reference_notes_are_encoded() -> None:
    book = load_rulebook()
    cets, ets, eur = book.get("cets-220"), book.get("ets-147"), book.get("eurimages")
    assert (cets.bilateral.min, cets.bilateral.max) == (10, 90)  # type: ignore[union-attr]
    assert (cets.multilateral.min, cets.multilateral.max) == (5, 80)  # type: ignore[union-attr]
    assert cets.non_party_cap is not None and cets.non_party_cap.max == 30
    assert cets.finance_only is not None and (cets.finance_only.min, cets.finance_only.max) == (10, 25)
    assert (cets.points["fiction"].needed, cets.points["fiction"].of) == (16, 21)
    assert (cets.points["animation"].needed, cets.points["animation"].of) == (15, 23)
    assert (ets.points["fiction"].needed, ets.points["fiction"].of) == (15, 19)
    assert (ets.multilateral.min, ets.multilateral.max) == (10, 70)  # type: ignore[union-attr]
    assert ets.min_coproducers_multilateral == 3
    assert (eur.bilateral.min, eur.bilateral.max, eur.bilateral.max_over_budget) == (20, 80, 90)  # type: ignore[union-attr]
    assert (eur.multilateral.min, eur.multilateral.max) == (10, 70)  # type: ignore[union-attr]
    assert eur.running_time_min == 70 and not eur.confers_status
    assert book.get("tr-2019").deadline.months_before_shooting == 2  # type: ignore[union-attr]
    assert book.get("kz-2019").authors.max_foreign == 50  # type: ignore[union-attr]
    assert not book.get("mou").confers_status
    # None of the six network states is a party to CETS 220 (reference notes).
    assert not {"KZ", "AZ", "KG", "TM", "TR", "UZ"} & {p.country for p in cets.parties}


def test_adding_an_instrument_is_adding_a_file(tmp_path: Path) -> None:
    (tmp_path / "kz-uz-2030.toml").write_text(
        """
id = "kz-uz-2030"
short = "KZ–UZ"
title = "A bilateral treaty written for this test"
kind = "bilateral"
confers_status = true
strength = 100
effective_from = "2026-01-01"
source = "https://example.invalid/kz-uz"
summary = "Test instrument."
[applicability]
type = "pair"
countries = ["KZ", "UZ"]
source = "Art. 1"
[shares.bilateral]
min = "15"
max = "85"
source = "Art. 5"
""",
        encoding="utf-8",
    )
    book = read_rulebook([tmp_path])
    assert book.ids[-1] == "kz-uz-2030"
    good = build(
        [("kz", "KZ", "800000", "USD"), ("uz", "UZ", "200000", "USD")], currency="USD", elements="KZ"
    )
    bad = build([("kz", "KZ", "900000", "USD"), ("uz", "UZ", "100000", "USD")], currency="USD", elements="KZ")
    assert evaluate(good, rulebook=book).basis == "kz-uz-2030"
    v = evaluate(bad, rulebook=book).verdict("kz-uz-2030")
    assert not v.eligible and v.advice[0].subject in ("kz", "uz")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = ", "Invalid"),
        ('id = "x"\nkind = "treaty"\n[applicability]\ntype = "pair"\nsource = "s"', "unknown kind"),
        ('id = "x"\n[applicability]\ntype = "everyone"\nsource = "s"', "unknown type"),
    ],
)
def test_a_broken_rule_file_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleBookError, match=message) as exc:
        read_instrument(path)
    assert str(path) in str(exc.value)


def test_points_tables_must_add_up(tmp_path: Path) -> None:
    text = (
        (DATA / "cets-220.toml")
        .read_text(encoding="utf-8")
        .replace("needed = 15\nof = 23", "needed = 15\nof = 24")
    )
    path = tmp_path / "cets.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleBookError, match="add up to 23, not 24"):
        read_instrument(path)


def test_the_package_imports_no_django() -> None:
    code = "import sys, korkyt.treaties, korkyt.treaties.cli; sys.exit('django' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(DATA.parents[3])}
    assert subprocess.run([sys.executable, "-c", code], check=False, env=env).returncode == 0


def test_the_documents_an_application_asks_for_are_data_and_an_unknown_one_is_refused(tmp_path: Path) -> None:
    tr = load_rulebook().get("tr-2019")
    assert tr.documents == (
        "synopsis",
        "treatment",
        "script",
        "contract",
        "cast_and_crew",
        "budget",
        "financing_plan",
        "schedule",
    )
    assert tr.documents_source
    text = (DATA / "tr-2019.toml").read_text(encoding="utf-8").replace('"treatment"', '"storyboard"')
    path = tmp_path / "tr.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleBookError, match="document names"):
        read_instrument(path)
