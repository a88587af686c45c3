"""Adapter for any OpenAI-compatible chat-completions server (llama.cpp server, vLLM, Ollama, …).

A batch of segments is sent as a numbered JSON object in one request; the model is asked to answer with
a JSON array holding one translation per number. The answer is parsed leniently (code fences, a
``<think>`` preamble, prose around the array, an array of objects or an object keyed by number), and
anything else is a BadResponse that quotes what came back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import permutations
from typing import Any

from korkyt.mt.base import Segment
from korkyt.mt.engines._base import BaseEngine
from korkyt.mt.errors import BadResponse
from korkyt.mt.http import JsonHttpClient, RetryPolicy
from korkyt.mt.languages import describe

# Languages offered when the configuration names no pairs: the network's languages in both scripts used.
DEFAULT_LANGUAGES = ("kk", "kk-Latn", "az", "ky", "tk", "tr", "uz", "uz-Cyrl", "ru", "en")

SYSTEM_PROMPT = (
    "You are a professional subtitle translator. You translate film subtitles from {source} into "
    "{target}. The user sends a JSON object mapping numbers to subtitle texts. Answer with only a JSON "
    "array of {count} strings: the translations in the same order, one per number, nothing else. Keep line "
    "breaks (\\n) and markup such as <i>…</i> or {{\\an8}} as they are; keep names of people and places."
)


class OpenAIChatEngine(BaseEngine):
    """Translate with a chat model behind ``/v1/chat/completions`` (``api_key`` when the server wants one)."""

    name = "openai"
    batch_size = 20

    def __init__(
        self,
        url: str,
        *,
        model: str,
        api_key: str | None = None,
        name: str | None = None,
        pairs: Iterable[tuple[str, str]] | None = None,
        timeout: float = 120.0,
        retry: RetryPolicy | None = None,
        batch_size: int | None = None,
        temperature: float = 0.0,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if pairs is None:
            pairs = list(permutations(DEFAULT_LANGUAGES, 2))
        super().__init__(name=name, pairs=pairs)
        if not isinstance(model, str) or not model.strip():
            raise ValueError("model: the chat-completions engine needs a model name")
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = JsonHttpClient(
            url, engine=self.name, timeout=timeout, retry=retry, headers=headers, sleep=sleep
        )
        self.model = model.strip()
        self.temperature = temperature
        if batch_size is not None:
            self.batch_size = batch_size
        self._path = "/chat/completions" if self.client.base_url.endswith("/v1") else "/v1/chat/completions"

    def _discover_pairs(self) -> Iterable[tuple[str, str]]:  # pragma: no cover - pairs are always set
        return ()

    def build_messages(self, segments: Sequence[Segment], source: str, target: str) -> list[dict[str, str]]:
        """The chat messages sent for one batch (public so the prompt can be inspected and tested)."""
        system = SYSTEM_PROMPT.format(source=describe(source), target=describe(target), count=len(segments))
        numbered = {str(i): segment.text for i, segment in enumerate(segments, start=1)}
        parts = []
        context = _batch_context(segments)
        if context:
            parts.append("Context, not to be translated:\n" + context)
        request = json.dumps(numbered, ensure_ascii=False)
        parts.append(f"Translate these {len(segments)} subtitles:\n{request}")
        return [{"role": "system", "content": system}, {"role": "user", "content": "\n\n".join(parts)}]

    def _translate_batch(
        self, segments: Sequence[Segment], source: str, target: str
    ) -> list[tuple[str, float | None]]:
        body = {
            "model": self.model,
            "messages": self.build_messages(segments, source, target),
            "temperature": self.temperature,
            "stream": False,
        }
        answer = self.client.post_json(self._path, body)
        content = _message_content(answer, self.name)
        texts = parse_translations(content, len(segments), engine=self.name)
        return [(text, None) for text in texts]


def _batch_context(segments: Sequence[Segment]) -> str:
    lines = []
    first, last = segments[0].context, segments[-1].context
    title = next((s.context.film_title for s in segments if s.context and s.context.film_title), None)
    if title:
        lines.append(f"Film: {title}")
    if first and first.previous:
        lines.append("Lines before: " + json.dumps(list(first.previous), ensure_ascii=False))
    if last and last.next:
        lines.append("Lines after: " + json.dumps(list(last.next), ensure_ascii=False))
    return "\n".join(lines)


def _message_content(answer: Any, engine: str) -> str:
    try:
        content = answer["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise BadResponse(
            f"{engine}: the chat-completions answer has no choices[0].message.content: {answer!r:.160}"
        ) from None
    if not isinstance(content, str):
        raise BadResponse(f"{engine}: the model's message content is not text")
    return content


_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


def parse_translations(content: str, count: int, *, engine: str = "openai") -> list[str]:
    """Extract ``count`` translations from a model's answer or raise BadResponse quoting it.

    Accepted: a JSON array of strings; an array of objects with a ``translation``/``text`` field; an
    object keyed ``"1"`` … ``"n"``; each possibly inside a code fence or with prose around it.
    """
    cleaned = _THINK.sub("", content).strip()
    candidates = [m.group(1) for m in _FENCE.finditer(cleaned)] + [cleaned]
    for candidate in candidates:
        for decoded in _json_values(candidate):
            texts = _as_texts(decoded, count)
            if texts is not None:
                return texts
    raise BadResponse(
        f"{engine}: expected a JSON array of {count} translations, the model answered: "
        f"{content[:200]!r}{'…' if len(content) > 200 else ''}"
    )


def _json_values(text: str) -> list[Any]:
    values = []
    decoder = json.JSONDecoder()
    for opener in ("[", "{"):
        start = text.find(opener)
        tries = 0
        while start != -1 and tries < 50:  # bounded: a long answer full of brackets must not take forever
            tries += 1
            try:
                value, _ = decoder.raw_decode(text, start)
            except json.JSONDecodeError:
                start = text.find(opener, start + 1)
                continue
            values.append(value)
            break
    return values


def _as_texts(decoded: Any, count: int) -> list[str] | None:
    if isinstance(decoded, dict):
        if all(str(i) in decoded for i in range(1, count + 1)) and len(decoded) == count:
            decoded = [decoded[str(i)] for i in range(1, count + 1)]
        elif len(decoded) == 1 and isinstance(next(iter(decoded.values())), list):
            decoded = next(iter(decoded.values()))
        else:
            return None
    if not isinstance(decoded, list) or len(decoded) != count:
        return None
    texts = []
    for item in decoded:
        if isinstance(item, dict):
            item = next((item[k] for k in ("translation", "text", "target") if k in item), None)
        if not isinstance(item, str):
            return None
        texts.append(item)
    return texts
