from __future__ import annotations

import pytest
from typer.testing import CliRunner

from korkyt.cli import app
from korkyt.localization.models import GlossaryConcept, MemoryUnit, SubtitleTrack
from korkyt.mt.memory import Concept, Term, TMUnit, tbx_bytes, tmx_bytes
from tests.localization.conftest import KK_SRT

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_import_track_pretranslate_and_export(world, job, tmp_path):
    source = tmp_path / "film.kk.srt"
    source.write_bytes(KK_SRT)
    result = runner.invoke(
        app, ["l10n", "import-track", str(source), "--film", str(world["film"].pk), "--language", "kk"]
    )
    assert result.exit_code == 0, result.output
    assert "4 cues" in result.output and SubtitleTrack.objects.count() == 2
    tmx = tmp_path / "m.tmx"
    tmx.write_bytes(tmx_bytes([TMUnit("Сәлем, досым!", "Merhaba dostum!", "kk", "tr")]))
    result = runner.invoke(app, ["tm", "import", str(tmx)])
    assert result.exit_code == 0 and "Imported 1 units" in result.output
    result = runner.invoke(app, ["l10n", "pretranslate", str(job.pk)])
    assert result.exit_code == 0, result.output
    assert "memory exact 1" in result.output and "No machine-translation engine" in result.output
    out = tmp_path / "film.tr.xml"
    result = runner.invoke(app, ["l10n", "export", str(job.pk), str(out), "--format", "dcp-interop"])
    assert result.exit_code == 0, result.output
    assert "Merhaba dostum!" in out.read_text()
    result = runner.invoke(app, ["tm", "export", str(tmp_path / "all.tmx"), "--target", "tr"])
    assert result.exit_code == 0 and "Wrote 1 units" in result.output


def test_glossary_import_export_and_errors(db, tmp_path):
    tbx = tmp_path / "g.tbx"
    tbx.write_bytes(tbx_bytes([Concept(terms=(Term("Қорқыт", "kk"), Term("Korkut", "tr")))]))
    assert runner.invoke(app, ["glossary", "import", str(tbx)]).exit_code == 0
    assert GlossaryConcept.objects.count() == 1
    result = runner.invoke(app, ["glossary", "export", str(tmp_path / "out.tbx")])
    assert result.exit_code == 0 and "Wrote 1 concepts" in result.output
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(b"<tmx><body>")
    result = runner.invoke(app, ["tm", "import", str(bad)])
    assert result.exit_code == 2 and MemoryUnit.objects.count() == 0
    assert runner.invoke(app, ["l10n", "pretranslate", "999"]).exit_code == 2
    assert (
        runner.invoke(
            app, ["l10n", "import-track", str(tmp_path / "none.srt"), "--film", "1", "--language", "kk"]
        ).exit_code
        == 2
    )


@pytest.mark.parametrize("where", ["directory", "missing folder"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(world, job, tmp_path, where):
    target = tmp_path if where == "directory" else tmp_path / "nodir" / "out.srt"
    reason = (
        "it is a directory" if where == "directory" else f"the folder {tmp_path / 'nodir'} does not exist"
    )
    for args in (
        ["l10n", "export", str(job.pk), str(target), "--format", "srt"],
        ["tm", "export", str(target)],
        ["glossary", "export", str(target)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert f"cannot write {target}: {reason}" in result.output.replace("\n", ""), args
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary file left


def test_an_input_that_is_a_directory_is_named_as_one(db, tmp_path):
    result = runner.invoke(app, ["tm", "import", str(tmp_path)])
    assert result.exit_code == 2
    assert f"Cannot read {tmp_path}: it is a directory" in result.output.replace("\n", "")


def test_tm_export_refuses_an_unknown_language_tag(db, tmp_path):
    target = tmp_path / "m.tmx"
    for option in ("--source", "--target"):
        result = runner.invoke(app, ["tm", "export", str(target), option, "zz"])
        assert result.exit_code == 2, result.output
        assert f"{option}: Unknown language “zz”" in result.output.replace("\n", "")
        assert not target.exists()
    MemoryUnit.objects.create(
        source_text="Сәлем", target_text="Merhaba", source_language="kk-Cyrl", target_language="tr"
    )
    result = runner.invoke(app, ["tm", "export", str(target), "--source", "kk", "--target", "tr"])
    assert result.exit_code == 0 and "Wrote 1 units" in result.output  # "kk" is the registry's kk-Cyrl
