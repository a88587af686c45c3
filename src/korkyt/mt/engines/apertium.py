"""Apertium APy HTTP API adapter (``/translate``, ``/listPairs``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from korkyt.mt.base import Segment
from korkyt.mt.engines._base import BaseEngine, require_text
from korkyt.mt.errors import BadResponse, UnsupportedPair
from korkyt.mt.http import HttpStatusError, JsonHttpClient, RetryPolicy
from korkyt.mt.languages import APERTIUM_CODES, canonical_tag, engine_code, tag_for_code


class ApertiumEngine(BaseEngine):
    """Translate with an Apertium APy server (rule-based; kaz↔kir, kaz↔tur, tur↔uzb, tur→aze …).

    APy translates one text per request, so a batch is sent segment by segment. Unknown words are not
    marked (``markUnknown=no``). It gives no quality score.
    """

    name = "apertium"

    def __init__(
        self,
        url: str,
        *,
        name: str | None = None,
        pairs: Iterable[tuple[str, str]] | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(name=name, pairs=pairs)
        self._codes = dict(APERTIUM_CODES)  # tag → APy code, extended with script variants found
        self.client = JsonHttpClient(url, engine=self.name, timeout=timeout, retry=retry, sleep=sleep)

    def _discover_pairs(self) -> Iterable[tuple[str, str]]:
        answer = self.client.get_json("/listPairs")
        data = answer.get("responseData") if isinstance(answer, dict) else None
        if not isinstance(data, list):
            raise BadResponse(f"{self.name}: /listPairs answered without a 'responseData' list")
        pairs = set()
        for entry in data:
            if not isinstance(entry, dict):
                raise BadResponse(f"{self.name}: /listPairs listed a non-pair: {entry!r:.80}")
            source = self._tag(str(entry.get("sourceLanguage")))
            target = self._tag(str(entry.get("targetLanguage")))
            if source and target and source != target:
                pairs.add((source, target))
        return pairs

    def _tag(self, code: str) -> str | None:
        """The Korkyt tag of an APy code: ``kaz`` → ``kk``, a script variant ``uzb_Cyrl`` → ``uz-Cyrl``."""
        tag = tag_for_code(code, APERTIUM_CODES)
        if tag is not None:
            return tag
        base, _, variant = code.partition("_")
        language = tag_for_code(base, APERTIUM_CODES)
        if language is None or len(variant) != 4 or not variant.isalpha():
            return None
        tag = canonical_tag(f"{language}-{variant}")
        self._codes.setdefault(tag, code)
        return tag

    def _translate_batch(
        self, segments: Sequence[Segment], source: str, target: str
    ) -> list[tuple[str, float | None]]:
        src, tgt = engine_code(source, self._codes), engine_code(target, self._codes)
        if src is None or tgt is None:
            raise UnsupportedPair(source, target, f"{self.name} has no Apertium code for this script")
        results: list[tuple[str, float | None]] = []
        for segment in segments:
            form = {"langpair": f"{src}|{tgt}", "q": segment.text, "markUnknown": "no"}
            try:
                answer = self.client.post_form("/translate", form)
            except HttpStatusError as exc:
                if exc.status == 400 and "not installed" in exc.body.lower():
                    raise UnsupportedPair(source, target, f"{self.name}: {exc}") from exc
                raise
            data = answer.get("responseData") if isinstance(answer, dict) else None
            if not isinstance(data, dict):
                raise BadResponse(f"{self.name}: /translate answered without 'responseData': {answer!r:.120}")
            results.append((require_text(data.get("translatedText"), self.name, "translatedText"), None))
        return results
