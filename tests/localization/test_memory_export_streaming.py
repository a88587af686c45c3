"""The translation memory's TMX (the page and `korkyt tm export`) is written as its units are read: the
page streams it, the command writes its file as it goes; the bytes are the document made at once, and
the queries do not grow with the units."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from typer.testing import CliRunner

from korkyt.localization import selectors as memory
from korkyt.localization.models import MemoryUnit
from korkyt.mt.memory import tmx_bytes

pytestmark = pytest.mark.django_db


def add_units(n: int, start: int = 0, source: str = "kk-Cyrl") -> None:
    MemoryUnit.objects.bulk_create(
        MemoryUnit(
            source_language=source,
            target_language="tr",
            source_text=f"Сәлем <{i}> & =1",
            target_text=f"Merhaba {i}",
            context="reel 1" if i % 2 else "",
            author="aida" if i % 3 else "",
            approved_at=dt.datetime(2026, 1, 1 + i % 28, tzinfo=dt.UTC) if i % 2 else None,
        )
        for i in range(start, start + n)
    )


def test_the_page_streams_the_document_made_at_once(world: Any) -> None:
    add_units(5)
    add_units(2, 5, source="ru")
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    answer = client.get("/en/localization/memory/export")
    assert isinstance(answer, StreamingHttpResponse)
    assert answer["Content-Type"] == "application/x-tmx+xml"
    assert answer["Content-Disposition"] == 'attachment; filename="korkyt-memory.tmx"'
    data = answer.getvalue()
    assert data == tmx_bytes(memory.memory_tm_units())
    assert b'srclang="*all*"' in data and data.count(b"<tu ") == 7


def test_the_command_writes_the_document_made_at_once(world: Any, tmp_path: Path) -> None:
    from korkyt.cli import app

    add_units(6)
    add_units(3, 6, source="ru")
    target = tmp_path / "kk.tmx"
    result = CliRunner().invoke(app, ["tm", "export", str(target), "--source", "kk"])
    assert result.exit_code == 0, result.output
    assert "Wrote 6 units" in result.output
    assert target.read_bytes() == tmx_bytes(memory.memory_tm_units(source="kk-Cyrl"))
    assert b'srclang="kk"' in target.read_bytes() and target.read_bytes().count(b"<tu ") == 6


def test_the_queries_do_not_grow_with_the_units(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(memory, "CHUNK", 3)  # both sizes read in several chunks
    counts = []
    for n in (5, 40):
        MemoryUnit.objects.all().delete()
        add_units(n)
        with CaptureQueriesContext(connection) as queries:
            data = b"".join(memory.memory_tmx_chunks())
        counts.append(len(queries))
        assert data.count(b"<tu ") == n
    assert counts[0] == counts[1]


def test_the_glossary_page_streams_the_document_made_at_once(world: Any) -> None:
    from korkyt.localization import selectors
    from korkyt.localization.models import GlossaryConcept, GlossaryTerm
    from korkyt.mt.memory import tbx_bytes

    for n in range(3):
        concept = GlossaryConcept.objects.create(code=f"c-{n}", definition="Ата <&>", do_not_translate=n == 1)
        GlossaryTerm.objects.create(concept=concept, language="kk", text=f"Қорқыт {n}")
        GlossaryTerm.objects.create(concept=concept, language="tr", text=f"Korkut {n}", forbidden=n == 2)
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    answer = client.get("/en/localization/memory/export?kind=tbx")
    assert isinstance(answer, StreamingHttpResponse)
    assert answer["Content-Type"] == "application/x-tbx+xml"
    assert answer["Content-Disposition"] == 'attachment; filename="korkyt-glossary.tbx"'
    data = answer.getvalue()
    assert data == tbx_bytes(selectors.glossary_concepts())
    assert data.count(b"<conceptEntry ") == 3 and "Қорқыт 2".encode() in data
