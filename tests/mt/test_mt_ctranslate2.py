"""The CTranslate2 adapter without a model: directory checks, missing packages, broken model files."""

from __future__ import annotations

import importlib.util
import io
import math
import re
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


def require_ctranslate2() -> None:
    if importlib.util.find_spec("ctranslate2") is None or importlib.util.find_spec("sentencepiece") is None:
        pytest.skip("ctranslate2/sentencepiece not installed: pip install 'korkyt[mt-local]' to run this")


def test_corrupt_model_files_raise_engine_unavailable(tmp_path: Path) -> None:
    require_ctranslate2()
    engine = CTranslate2Engine(make_dir(tmp_path, "nllb", "model.bin", "sentencepiece.bpe.model"))
    with pytest.raises(EngineUnavailable, match="cannot load the model"):
        engine.translate([Segment("Сәлем")], "kk", "tr")


def build_tiny_nllb(directory: Path) -> Path:
    """A real CTranslate2 model with NLLB's layout and random weights (1 layer, width 8): it runs, its
    output is nonsense. Built from scratch so no model has to be downloaded."""
    import numpy as np
    import sentencepiece as spm
    from ctranslate2 import specs

    lines = ["сәлем әлем", "merhaba dünya", "қалайсың", "nasılsın"] * 40
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=proto, vocab_size=30, model_type="char", minloglevel=2
    )
    directory.mkdir()
    (directory / "sentencepiece.bpe.model").write_bytes(proto.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=proto.getvalue())
    vocab = ["<s>", "<pad>", "</s>", "<unk>"] + [sp.id_to_piece(i) for i in range(3, sp.get_piece_size())]
    vocab += ["kaz_Cyrl", "tur_Latn"]
    spec = specs.TransformerSpec.from_config(1, 1)
    d, ff, v = 8, 16, len(vocab)
    shapes = {
        "embeddings": (v, d),
        "projection/weight": (v, d),
        "self_attention/linear_0/weight": (3 * d, d),
        "self_attention/linear_1/weight": (d, d),
        "attention/linear_0/weight": (d, d),
        "attention/linear_1/weight": (2 * d, d),
        "attention/linear_2/weight": (d, d),
        "ffn/linear_0/weight": (ff, d),
        "ffn/linear_1/weight": (d, ff),
    }
    rng = np.random.default_rng(0)
    for name, value in spec.variables(ordered=True):
        if value is not None:
            continue
        if name.endswith("gamma"):
            array = np.ones((d,), np.float32)
        elif name.endswith("beta"):
            array = np.zeros((d,), np.float32)
        else:
            shape = next(shape for key, shape in shapes.items() if key in name)
            array = rng.standard_normal(shape).astype(np.float32)
        scope, attribute = name.rsplit("/", 1)
        owner = spec
        for part in scope.split("/"):
            numbered = re.fullmatch(r"([a-z_]+?)_(\d+)", part)
            if numbered and not hasattr(owner, part):
                owner = getattr(owner, numbered.group(1))[int(numbered.group(2))]
            else:
                owner = getattr(owner, part)
        setattr(owner, attribute, array)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.save(str(directory))
    return directory


def test_nllb_layout_model_translates_each_line_and_scores_it(tmp_path: Path) -> None:
    require_ctranslate2()
    engine = CTranslate2Engine(build_tiny_nllb(tmp_path / "tiny-nllb"), beam_size=1, max_decoding_length=6)
    result = engine.translate([Segment("сәлем әлем"), Segment("қалайсың\nсәлем"), Segment(" ")], "kk", "tr")
    assert len(result) == 3
    first, second, blank = result
    assert first.engine == "ctranslate2" and first.route[0].target == "tr"
    assert "tur_Latn" not in first.text and "</s>" not in first.text  # the language token is removed
    assert second.text.count("\n") == 1  # a two-line cue stays two lines
    assert first.score is not None and 0 < first.score <= 1
    assert blank.text == " " and blank.score is None


def test_score_is_exp_of_the_mean_token_log_probability(tmp_path: Path) -> None:
    require_ctranslate2()
    import ctranslate2
    import sentencepiece

    directory = build_tiny_nllb(tmp_path / "tiny-nllb")
    engine = CTranslate2Engine(directory, beam_size=1, max_decoding_length=8)
    [result] = engine.translate([Segment("сәлем досым")], "kk", "tr")
    # The same decoding, unnormalised: the sum of the log-probabilities of the hypothesis' tokens.
    sp = sentencepiece.SentencePieceProcessor(model_file=str(directory / "sentencepiece.bpe.model"))
    source = ["kaz_Cyrl", *sp.encode("сәлем досым", out_type=str), "</s>"]
    [raw] = ctranslate2.Translator(str(directory)).translate_batch(
        [source],
        target_prefix=[["tur_Latn"]],
        beam_size=1,
        max_decoding_length=8,
        length_penalty=0.0,
        return_scores=True,
    )
    mean = raw.scores[0] / len(raw.hypotheses[0])
    assert result.score == pytest.approx(math.exp(mean), rel=1e-4)
