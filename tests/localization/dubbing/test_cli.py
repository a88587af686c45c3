"""`korkyt dub job create|render|status` against the database: an output rendered here and kept with the
job (and copied where asked), a failed rendering kept on the output with its reason (exit 2), bad input
named with exit code 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from korkyt.cli import app
from korkyt.dubbing.errors import ToolMissingError
from korkyt.localization.dubbing.models import DubbingJob, DubbingOutput

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_render_keeps_the_output_and_copies_it_where_asked(dub_job, tmp_path):
    out = tmp_path / "script.csv"
    result = runner.invoke(
        app, ["dub", "job", "render", str(dub_job.pk), "--kind", "script", "-f", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    made = DubbingOutput.objects.get(job=dub_job)
    assert made.ready and made.background.status == "done" and made.background.percent == 100
    with made.file.open("rb") as handle:
        assert out.read_bytes() == handle.read()
    assert out.read_bytes().startswith("\ufeff".encode())
    status = runner.invoke(app, ["dub", "job", "status", str(dub_job.pk)])
    assert status.exit_code == 0 and made.name in status.output and "done" in status.output


def test_a_failed_render_keeps_its_reason_on_the_output(dub_job, monkeypatch):
    def missing(self):
        raise ToolMissingError("espeak-ng", "espeak-ng")

    monkeypatch.setattr("korkyt.dubbing.engines.EspeakEngine.check", missing)
    result = runner.invoke(
        app, ["dub", "job", "render", str(dub_job.pk), "--kind", "temp_track", "-f", "wav"]
    )
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "(Debian package espeak-ng: apt install espeak-ng)" in said and "['" not in said
    failed = DubbingOutput.objects.get(job=dub_job)
    assert not failed.ready and "apt install espeak-ng" in failed.error
    assert failed.background.status == "failed"
    status = runner.invoke(app, ["dub", "job", "status", str(dub_job.pk)])
    assert "failed" in status.output


def test_bad_input_is_named_with_exit_code_2(dub_job):
    cases = [
        (["render", "999999"], "No dubbing job with id 999999"),
        (["render", str(dub_job.pk), "--kind", "opera"], "kind"),
        (["render", str(dub_job.pk), "--kind", "script", "-f", "exe"], "format"),
        (["status", "999999"], "No dubbing job"),
        (
            ["create", "--film", "999999", "--lang", "tr", "--adapter", "a", "--director", "d"],
            "No film with id 999999",
        ),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["dub", "job", *args])
        assert result.exit_code == 2, (args, result.output)
        assert message.lower() in result.output.lower(), (args, result.output)
    assert not DubbingOutput.objects.exists()
    assert DubbingJob.objects.count() == 1


def test_a_source_that_does_not_exist_is_named(dub_job):
    film = str(dub_job.film_id)
    base = ["dub", "job", "create", "--film", film, "--lang", "tr", "--adapter", "adapter"]
    base += ["--director", "director"]
    for option, message in (
        ("--from-track", "No subtitle track with id 99999"),
        ("--from-job", "No translation job with id 99999"),
    ):
        result = runner.invoke(app, [*base, option, "99999"])
        assert result.exit_code == 2, result.output
        assert message in result.output, result.output
        assert "Choose either" not in result.output
    assert DubbingJob.objects.count() == 1


def test_a_refused_source_is_named_once(dub_job):
    film = str(dub_job.film_id)
    args = ["dub", "job", "create", "--film", film, "--lang", "tr", "--adapter", "adapter"]
    args += [
        "--director",
        "director",
        "--from-job",
        str(dub_job.adaptation_id),
    ]  # an adaptation, not approved
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.output.count("The translation must be an approved job of this film.") == 1, result.output
    assert DubbingJob.objects.count() == 1


def test_render_to_a_path_that_cannot_be_written_exits_2_before_rendering(dub_job, tmp_path):
    target = tmp_path / "nodir" / "script.csv"
    result = runner.invoke(
        app, ["dub", "job", "render", str(dub_job.pk), "--kind", "script", "-f", "csv", "-o", str(target)]
    )
    assert result.exit_code == 2, result.output
    assert f"cannot write {target}: the folder {target.parent} does not exist" in result.output
    assert not DubbingOutput.objects.exists()


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["-f", "pdf", "-o", "{dir}/j.csv"], "does not end in .pdf"),
        (["-f", "csv", "--queue", "-o", "{dir}/q.csv"], "--output cannot be used with --queue"),
    ],
)
def test_render_refuses_an_output_that_would_not_be_what_it_names(dub_job, tmp_path, options, said):
    args = [o.replace("{dir}", str(tmp_path)) for o in options]
    result = runner.invoke(app, ["dub", "job", "render", str(dub_job.pk), "--kind", "script", *args])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert not DubbingOutput.objects.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--adapter", "nobody", "--adapter: no active user 'nobody'"),
        ("--director", "nobody", "--director: no active user 'nobody'"),
        ("--studio", "XX-NONE", "--studio: no institution with code 'XX-NONE'"),
        ("--memorandum", "99999", "--memorandum: no memorandum with id 99999"),
    ],
)
def test_an_unknown_person_studio_or_memorandum_is_named(dub_job, option, value, said):
    args = {"--adapter": "adapter", "--director": "director", option: value}
    base = ["dub", "job", "create", "--film", str(dub_job.film_id), "--lang", "tr"]
    result = runner.invoke(app, [*base, *[x for pair in args.items() for x in pair]])
    assert result.exit_code == 2, result.output
    assert said in result.output, result.output
    assert DubbingJob.objects.count() == 1
