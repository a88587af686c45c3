"""The CTranslate2 adapter without a model: directory checks, missing packages, broken model files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from korkyt.mt import ConfigError, CTranslate2Engine, EngineUnavailable, MissingExtra, Segment


def make_dir(tmp_path: Path, name: str, *files: str) -> Path:
    directory = tmp_path / name
    directory.mkdir()
    for file in files:
        (directory / file).write_bytes(b"not really a model")
    return directory


def test_directory_without_model_bin_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    directory = make_dir(tmp_path, "nllb", "config.json")
    with pytest.raises(ConfigError, match=r"not a CTranslate2 model directory: model.bin is missing"):
        CTranslate2Engine(directory)


def test_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is not a directory"):
        CTranslate2Engine(tmp_path / "nowhere")


def test_model_without_tokenizer_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"sentencepiece.bpe.model"):
        CTranslate2Engine(make_dir(tmp_path, "m", "model.bin"))


def test_nllb_directory_offers_every_pair_of_network_languages(tmp_path: Path) -> None:
    engine = CTranslate2Engine(make_dir(tmp_path, "nllb", "model.bin", "sentencepiece.bpe.model"))
    assert engine.flavour == "nllb"
    assert engine.supports("kk", "az") and engine.supports("tk", "uz")
    assert not engine.supports("kk-Latn", "az")
    assert len(engine.pairs()) == 8 * 7


def test_opus_directory_takes_its_pair_from_the_name(tmp_path: Path) -> None:
    engine = CTranslate2Engine(make_dir(tmp_path, "opus-mt-tr-az", "model.bin", "source.spm", "target.spm"))
    assert engine.pairs() == {("tr", "az")}


def test_opus_directory_without_a_pair_asks_for_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="pairs"):
        CTranslate2Engine(make_dir(tmp_path, "my-model", "model.bin", "source.spm", "target.spm"))


def test_missing_packages_name_the_pip_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # makes the import fail
    engine = CTranslate2Engine(make_dir(tmp_path, "nllb", "model.bin", "sentencepiece.bpe.model"))
    with pytest.raises(MissingExtra, match=r"korkyt\[mt-local\]"):
        engine.translate([Segment("Сәлем")], "kk", "tr")


def test_corrupt_model_files_raise_engine_unavailable(tmp_path: Path) -> None:
    if importlib.util.find_spec("ctranslate2") is None or importlib.util.find_spec("sentencepiece") is None:
        pytest.skip("ctranslate2/sentencepiece not installed: pip install 'korkyt[mt-local]' to run this")
    engine = CTranslate2Engine(make_dir(tmp_path, "nllb", "model.bin", "sentencepiece.bpe.model"))
    with pytest.raises(EngineUnavailable, match="cannot load the model"):
        engine.translate([Segment("Сәлем")], "kk", "tr")
