from __future__ import annotations

import pytest
from typer.testing import CliRunner

from korkyt.cli import app
from korkyt.institutions.models import Institution, Memorandum, MemorandumActivity

runner = CliRunner()


@pytest.mark.django_db
def test_demo_load_is_idempotent_and_keeps_sources():
    first = runner.invoke(app, ["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "7 created" in first.output
    second = runner.invoke(app, ["demo", "load"])
    assert second.exit_code == 0, second.output
    assert "0 created" in second.output and "5 already there" in second.output
    assert Institution.objects.count() == 7
    assert Memorandum.objects.count() == 5
    kz = Institution.objects.get(code="KZ-SCSNC")
    assert kz.source_url.startswith("https://adilet.zan.kz/")
    assert all(m.source_url.startswith("https://astanatimes.com/") for m in Memorandum.objects.all())
    memo = Memorandum.objects.get(party_links__institution__code="UZ-CA")
    assert memo.framework.code == "TURKSOY"
    assert memo.signed_on_precision == "month"
    assert memo.areas.count() == 9
    assert MemorandumActivity.objects.count() == 0


@pytest.mark.django_db
def test_demo_load_keeps_what_editors_wrote():
    from korkyt.config.demo import SYSTEM, load
    from korkyt.institutions import services

    load()
    kz = Institution.objects.get(code="KZ-SCSNC")
    services.institution_update(
        actor=SYSTEM, institution=kz, translations=[{"language": "en", "name": "Edited name"}]
    )
    load()
    assert kz.translations.get(language="en").name == "Edited name"


def test_demo_load_with_missing_folder_is_exit_2(tmp_path):
    result = runner.invoke(app, ["demo", "load", "--data-dir", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "No such folder" in result.output


def test_help_lists_platform_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("setup", "serve", "check", "demo", "openapi"):
        assert command in result.output


def test_manage_answers_an_unknown_command_with_exit_2():
    result = runner.invoke(app, ["manage", "nonexist"])
    assert result.exit_code == 2, result.output
    assert "Unknown command: 'nonexist'. Type 'korkyt manage help' for usage." in result.output
    result = runner.invoke(app, ["manage", "migrat"])
    assert result.exit_code == 2
    assert "Did you mean migrate?" in result.output


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["tm", "export", "o.tmx", "--source", "kk\udcff"], "argument 5 (the value of --source)"),
        (["tm", "export", "o.tmx", "--target=qq\udcff"], "argument 4 (the value of --target)"),
        (["catalogue", "import", "films.csv", "--owner", "T\udcff"], "argument 5 (the value of --owner)"),
        (["dub", "job", "create", "1", "--adapter", "t\udcff"], "argument 6 (the value of --adapter)"),
        (["subs", "check", "a\udcff.srt"], "argument 3 is"),
    ],
)
def test_an_argument_that_is_not_utf8_exits_2_before_any_command_runs(monkeypatch, capsys, argv, words):
    # bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape): no database takes them
    from korkyt.cli import main

    monkeypatch.setattr("sys.argv", ["korkyt", *argv])
    with pytest.raises(SystemExit) as exit:
        main()
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err and "not valid UTF-8 text" in err
    assert len(err.splitlines()) == 1
