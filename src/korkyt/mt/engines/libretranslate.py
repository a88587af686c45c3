"""LibreTranslate HTTP API adapter (``POST /translate``, ``GET /languages``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from korkyt.mt.base import Segment
from korkyt.mt.engines._base import BaseEngine, require_text
from korkyt.mt.errors import BadResponse, UnsupportedPair
from korkyt.mt.http import HttpStatusError, JsonHttpClient, RetryPolicy
from korkyt.mt.languages import canonical_tag


class LibreTranslateEngine(BaseEngine):
    """Translate with a LibreTranslate server (self-hosted or a service; ``api_key`` when it wants one).

    LibreTranslate codes are ISO 639-1 language codes, which are Korkyt tags in each language's default
    script (``kk``, ``az``, ``tr``), so no code map is needed. It gives no quality score.
    """

    name = "libretranslate"
    batch_size = 50

    def __init__(
        self,
        url: str,
        *,
        api_key: str | None = None,
        name: str | None = None,
        pairs: Iterable[tuple[str, str]] | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        batch_size: int | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(name=name, pairs=pairs)
        self.client = JsonHttpClient(url, engine=self.name, timeout=timeout, retry=retry, sleep=sleep)
        self.api_key = api_key
        if batch_size is not None:
            self.batch_size = batch_size

    def _discover_pairs(self) -> Iterable[tuple[str, str]]:
        answer = self.client.get_json("/languages")
        if not isinstance(answer, list):
            raise BadResponse(f"{self.name}: /languages did not answer with a list of languages")
        pairs = set()
        for entry in answer:
            if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
                raise BadResponse(f"{self.name}: /languages listed an entry without a code: {entry!r:.80}")
            source = _tag(entry["code"])
            targets = entry.get("targets", [])
            if source is None or not isinstance(targets, list):
                continue
            for code in targets:
                target = _tag(code) if isinstance(code, str) else None
                if target is not None and target != source:
                    pairs.add((source, target))
        return pairs

    def _translate_batch(
        self, segments: Sequence[Segment], source: str, target: str
    ) -> list[tuple[str, float | None]]:
        body: dict[str, object] = {
            "q": [segment.text for segment in segments],
            "source": source,
            "target": target,
            "format": "text",
        }
        if self.api_key:
            body["api_key"] = self.api_key
        try:
            answer = self.client.post_json("/translate", body)
        except HttpStatusError as exc:
            if exc.status == 400 and "not supported" in exc.body.lower():
                raise UnsupportedPair(source, target, f"{self.name}: {exc}") from exc
            raise
        if not isinstance(answer, dict) or "translatedText" not in answer:
            raise BadResponse(f"{self.name}: /translate answered without 'translatedText': {answer!r:.120}")
        texts = answer["translatedText"]
        if isinstance(texts, str) and len(segments) == 1:
            texts = [texts]
        if not isinstance(texts, list):
            raise BadResponse(f"{self.name}: 'translatedText' is not a list of translations")
        return [(require_text(text, self.name, "translatedText item"), None) for text in texts]


def _tag(code: str) -> str | None:
    try:
        return canonical_tag(code)
    except ValueError:
        return None
