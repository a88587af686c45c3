"""Public API errors, the scheme list and the ``korkyt translit`` command."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from korkyt.translit import supported_schemes, transliterate
from korkyt.translit.cli import register


def test_unsupported_combination_names_what_is_supported() -> None:
    with pytest.raises(ValueError, match=r"unsupported transliteration.*kk → Latn: kk-2021 \(default\)"):
        transliterate("x", "ky", "Cyrl")
    with pytest.raises(ValueError, match="scheme='iso9'"):
        transliterate("x", "kk", "Latn", scheme="iso9")
    with pytest.raises(ValueError, match="unsupported"):
        transliterate("x", "en", "Latn")


def test_non_string_text_is_rejected() -> None:
    with pytest.raises(ValueError, match="text must be a str"):
        transliterate(b"abc", "kk", "Latn")  # type: ignore[arg-type]


def test_defaults_per_language() -> None:
    defaults = {(s.lang, s.target): s.name for s in supported_schemes() if s.default}
    assert defaults[("kk", "Latn")] == "kk-2021"
    assert defaults[("uz", "Latn")] == defaults[("uz", "Cyrl")] == "uz-1995"
    assert defaults[("ky", "Latn")] == defaults[("ru", "Latn")] == "bgn"
    assert {("az", "Cyrl"), ("tk", "Cyrl"), ("kk", "Cyrl")} <= defaults.keys()
    assert all(any(s.lang == lang and s.name == "bgn" for s in supported_schemes()) for lang in
               ("kk", "uz", "az", "tk", "ky", "ru"))  # fmt: skip


def test_lang_tags_and_script_names_are_accepted() -> None:
    assert transliterate("ер", "uz-Cyrl", "latn") == "yer"
    assert transliterate("қазақ", "kk_KZ", "Latin") == "qazaq"


def test_tr_writes_turkic_cyrillic_in_turkish_spelling() -> None:
    assert transliterate("Қыз Жібек", "tr", "Latn") == "Kız Jibek"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:  # a group, as in the korkyt app
        pass

    register(app)
    return app


def test_cli_converts_a_file_keeping_crlf(app: typer.Typer, tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes("Қазақстан\r\nқазақ тілі\r\nсоңы".encode())
    result = CliRunner().invoke(app, ["translit", "--lang", "kk", "--to", "Latn", str(src)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == "Qazaqstan\r\nqazaq tılı\r\nsoñy".encode()


def test_cli_reads_stdin_with_scheme(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["translit", "--lang", "ky", "--to", "Latn", "--scheme", "bgn"],
                                input="Кыргызстан\n")  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == "Kyrgyzstan\n"


def test_cli_dash_means_stdin(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["translit", "--lang", "uz", "--to", "Cyrl", "-"], input="O'zbekiston\r\n"
    )
    assert result.exit_code == 0
    assert result.stdout_bytes == "Ўзбекистон\r\n".encode()


def test_cli_list_prints_languages_and_schemes(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["translit", "--list"])
    assert result.exit_code == 0
    assert "kk-2021" in result.stdout and "uz-1995" in result.stdout and "bgn" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "xx", "--to", "Latn"], "unsupported transliteration"),
        (["--lang", "kk"], "--lang and --to are required"),
        (["--lang", "kk", "--to", "Latn", "/nonexistent/file.txt"], "cannot read"),
    ],
)
def test_cli_bad_arguments_exit_2_with_a_message(app: typer.Typer, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["translit", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_rejects_non_utf8_input(app: typer.Typer, tmp_path: Path) -> None:
    src = tmp_path / "cp1251.txt"
    src.write_bytes("Қазақ".encode("cp1251", errors="replace") + "ер".encode("cp1251"))
    result = CliRunner().invoke(app, ["translit", "--lang", "uz", "--to", "Latn", str(src)])
    assert result.exit_code == 2
    assert "not UTF-8" in result.output


def test_package_imports_no_django() -> None:
    import subprocess
    import sys

    code = "import sys, korkyt.translit, korkyt.translit.cli; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
