"""A CTranslate2 model directory on local disk: NLLB-200 or OPUS-MT (Marian) models converted by the user.

Needs the optional packages ``ctranslate2`` and ``sentencepiece`` (extra ``mt-local``); they are imported
only when the model is first used. Nothing is downloaded: the directory is whatever the user converted,
e.g. ``ct2-transformers-converter --model facebook/nllb-200-distilled-600M --output_dir nllb-600m``.

Directory layout recognised:
- NLLB: ``model.bin`` and ``sentencepiece.bpe.model``; every pair among the network languages.
- OPUS-MT: ``model.bin``, ``source.spm`` and ``target.spm``; one direction, from the ``pairs`` setting or
  from a directory named like ``opus-mt-tr-az``.

The quality score is the exponent of the mean token log-probability of the best hypothesis (0–1].
"""

from __future__ import annotations

import importlib
import math
import re
import threading
from collections.abc import Iterable, Sequence
from itertools import permutations
from pathlib import Path
from typing import Any

from korkyt.mt.base import Segment
from korkyt.mt.engines._base import BaseEngine
from korkyt.mt.errors import ConfigError, EngineUnavailable, MissingExtra, UnsupportedPair
from korkyt.mt.languages import NLLB_CODES, engine_code

EXTRA_HINT = "pip install 'korkyt[mt-local]' (or: pip install ctranslate2 sentencepiece)"
_OPUS_NAME = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})$", re.IGNORECASE)


def _import(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        message = f"the CTranslate2 engine needs the Python package {module!r}: {EXTRA_HINT}"
        raise MissingExtra(message) from exc


class CTranslate2Engine(BaseEngine):
    """Translate with a CTranslate2 model directory (CPU by default)."""

    name = "ctranslate2"
    batch_size = 32

    def __init__(
        self,
        path: str | Path,
        *,
        name: str | None = None,
        pairs: Iterable[tuple[str, str]] | None = None,
        device: str = "cpu",
        beam_size: int = 4,
        threads: int = 0,
        max_decoding_length: int = 256,
    ) -> None:
        directory = Path(path).expanduser()
        if not directory.is_dir():
            raise ConfigError(f"model: {directory} is not a directory (give the converted CTranslate2 model)")
        if not (directory / "model.bin").is_file():
            raise ConfigError(
                f"model: {directory} is not a CTranslate2 model directory: model.bin is missing "
                "(convert a model with ct2-transformers-converter first)"
            )
        if (directory / "sentencepiece.bpe.model").is_file():
            self.flavour = "nllb"
            if pairs is None:
                pairs = list(permutations(NLLB_CODES, 2))
        elif (directory / "source.spm").is_file() and (directory / "target.spm").is_file():
            self.flavour = "opus"
            if pairs is None:
                match = _OPUS_NAME.search(directory.name)
                if match is None:
                    raise ConfigError(
                        f"pairs: {directory} is an OPUS-MT model; name its language pair in the settings "
                        "(pairs: [[source, target]]) or name the directory like opus-mt-tr-az"
                    )
                pairs = [(match.group(1), match.group(2))]
        else:
            raise ConfigError(
                f"model: {directory} has model.bin but no tokenizer: expected sentencepiece.bpe.model "
                "(NLLB) or source.spm and target.spm (OPUS-MT)"
            )
        super().__init__(name=name, pairs=pairs)
        self.directory = directory
        self.device = device
        self.beam_size = beam_size
        self.threads = threads
        self.max_decoding_length = max_decoding_length
        self._loaded: tuple[Any, Any, Any] | None = None
        self._load_lock = threading.Lock()

    def _discover_pairs(self) -> Iterable[tuple[str, str]]:  # pragma: no cover - pairs are always set
        return ()

    def _load(self) -> tuple[Any, Any, Any]:
        with self._load_lock:
            if self._loaded is None:
                ctranslate2 = _import("ctranslate2")
                sentencepiece = _import("sentencepiece")
                try:
                    translator = ctranslate2.Translator(
                        str(self.directory), device=self.device, intra_threads=self.threads
                    )
                    if self.flavour == "nllb":
                        source_sp = sentencepiece.SentencePieceProcessor(
                            model_file=str(self.directory / "sentencepiece.bpe.model")
                        )
                        target_sp = source_sp
                    else:
                        source_sp = sentencepiece.SentencePieceProcessor(
                            model_file=str(self.directory / "source.spm")
                        )
                        target_sp = sentencepiece.SentencePieceProcessor(
                            model_file=str(self.directory / "target.spm")
                        )
                except (RuntimeError, OSError, ValueError) as exc:
                    message = f"{self.name}: cannot load the model in {self.directory}: {exc}"
                    raise EngineUnavailable(message) from exc
                self._loaded = (translator, source_sp, target_sp)
            return self._loaded

    def _translate_batch(
        self, segments: Sequence[Segment], source: str, target: str
    ) -> list[tuple[str, float | None]]:
        translator, source_sp, target_sp = self._load()
        # Each line of a cue is translated on its own so the cue keeps its line breaks.
        lines: list[str] = []
        shape: list[int] = []
        for segment in segments:
            parts = segment.text.split("\n")
            shape.append(len(parts))
            lines.extend(parts)
        batch: list[list[str]] = []
        prefix: list[list[str]] | None = None
        if self.flavour == "nllb":
            src, tgt = engine_code(source, NLLB_CODES), engine_code(target, NLLB_CODES)
            if src is None or tgt is None:
                raise UnsupportedPair(source, target, f"{self.name}: NLLB has no code for this script")
            batch = [[src, *source_sp.encode(line, out_type=str), "</s>"] for line in lines]
            prefix = [[tgt] for _ in lines]
        else:
            tgt = None
            batch = [[*source_sp.encode(line, out_type=str), "</s>"] for line in lines]
        try:
            results = translator.translate_batch(
                batch,
                target_prefix=prefix,
                beam_size=self.beam_size,
                # The score is then the sum of the token log-probabilities divided by the length: the mean.
                length_penalty=1.0,
                return_scores=True,
                max_batch_size=self.batch_size,
                max_decoding_length=self.max_decoding_length,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineUnavailable(f"{self.name}: translation failed: {exc}") from exc
        texts: list[str] = []
        scores: list[float | None] = []
        for line, result in zip(lines, results, strict=True):
            tokens = list(result.hypotheses[0])
            if tgt is not None and tokens and tokens[0] == tgt:
                tokens = tokens[1:]
            texts.append(target_sp.decode(tokens) if line.strip() else "")
            raw = result.scores[0] if getattr(result, "scores", None) else None
            scores.append(math.exp(raw) if raw is not None else None)  # already the mean (length_penalty=1)
        output: list[tuple[str, float | None]] = []
        position = 0
        for count in shape:
            part_scores = [s for s in scores[position : position + count] if s is not None]
            score = min(part_scores) if part_scores else None
            output.append(("\n".join(texts[position : position + count]), score))
            position += count
        return output
