"""A small JSON-over-HTTP client for engine adapters: timeouts on every call, bounded retries.

The timeout bounds each attempt from the request to the last byte of the answer: a server trickling its
status line, headers or body slowly is cut off like one that does not answer.

Standard library only. Failures become the MT errors callers act on: HTTP 429 → RateLimited (with the
server's Retry-After), timeouts, refused connections and HTTP 5xx → EngineUnavailable, anything that is
not the JSON the adapter expects → BadResponse. RateLimited and EngineUnavailable are retried with
exponential backoff a bounded number of times.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any

from korkyt.mt.errors import BadResponse, ConfigError, EngineUnavailable, MTError, RateLimited

MAX_RESPONSE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry RateLimited and EngineUnavailable.

    ``attempts`` counts the first try. The wait doubles from ``base_delay`` up to ``max_delay``; a
    Retry-After longer than ``max_delay`` is not waited for: the RateLimited error is raised at once.
    """

    attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 10.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ConfigError("retry attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ConfigError("retry delays must not be negative")


class HttpStatusError(BadResponse):
    """The engine answered with an HTTP error status other than 429 or 5xx (e.g. 400, 401, 404)."""

    def __init__(self, message: str, status: int, body: str) -> None:
        self.status = status
        self.body = body
        super().__init__(message)


def validate_base_url(url: object, *, field: str = "url") -> str:
    """Check that ``url`` is an absolute http(s) URL and return it without a trailing slash."""
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{field}: an http(s) URL is required")
    parsed = urllib.parse.urlsplit(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(f"{field}: {url!r} is not an http:// or https:// URL")
    return url.strip().rstrip("/")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"refused redirect to {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class JsonHttpClient:
    """Calls one engine's HTTP API and decodes JSON answers."""

    def __init__(
        self,
        base_url: str,
        *,
        engine: str,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if timeout <= 0:
            raise ConfigError("timeout must be a positive number of seconds")
        self.base_url = validate_base_url(base_url)
        self.engine = engine
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.headers = dict(headers or {})
        self._sleep = sleep or time.sleep

    # -- public -----------------------------------------------------------------------------------
    def get_json(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        """GET ``path`` (with query ``params``) and return the decoded JSON body."""
        url = self._url(path)
        if params:
            url = f"{url}?{urllib.parse.urlencode(params)}"
        return self._with_retries(lambda: self._request("GET", url, None, {}))

    def post_json(self, path: str, body: Any) -> Any:
        """POST ``body`` as JSON to ``path`` and return the decoded JSON answer."""
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        return self._with_retries(lambda: self._request("POST", self._url(path), data, headers))

    def post_form(self, path: str, form: Mapping[str, str] | list[tuple[str, str]]) -> Any:
        """POST an urlencoded form to ``path`` and return the decoded JSON answer."""
        data = urllib.parse.urlencode(form).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        return self._with_retries(lambda: self._request("POST", self._url(path), data, headers))

    # -- internals --------------------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def _with_retries(self, call: Callable[[], Any]) -> Any:
        policy = self.retry
        for attempt in range(1, policy.attempts + 1):
            try:
                return call()
            except (RateLimited, EngineUnavailable) as exc:
                if attempt == policy.attempts:
                    raise
                delay = min(policy.base_delay * 2 ** (attempt - 1), policy.max_delay)
                if isinstance(exc, RateLimited) and exc.retry_after is not None:
                    if exc.retry_after > policy.max_delay:
                        raise
                    delay = max(delay, exc.retry_after)
                self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, method: str, url: str, data: bytes | None, headers: Mapping[str, str]) -> Any:
        request = urllib.request.Request(  # noqa: S310 - scheme checked in validate_base_url
            url, data=data, method=method, headers={**self.headers, **headers, "Accept": "application/json"}
        )
        where = f"{self.engine} at {self.base_url}"
        deadline = time.monotonic() + self.timeout
        with _Watchdog(self.timeout) as watchdog:
            opener = urllib.request.build_opener(
                _HttpOnlyRedirects, _WatchedHTTPHandler(watchdog), _WatchedHTTPSHandler(watchdog)
            )
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    raw = _read_until(response, deadline)
                    if watchdog.fired:  # the socket was shut down: what was read may be cut short
                        raise TimeoutError("the whole answer did not arrive in time")
            except urllib.error.HTTPError as exc:
                raise _status_error(exc, where) from exc
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                raise _unavailable(exc, where, self.timeout, timed_out=watchdog.fired) from exc
        if len(raw) > MAX_RESPONSE_BYTES:
            raise BadResponse(f"{where} answered with more than {MAX_RESPONSE_BYTES} bytes")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadResponse(f"{where} answered with something that is not JSON: {_snippet(raw)}") from exc


_CHUNK_BYTES = 64 * 1024


def _read_until(response: Any, deadline: float) -> bytes:
    """The body of ``response`` (at most ``MAX_RESPONSE_BYTES + 1`` bytes), read before ``deadline``.

    The socket timeout bounds each read, not the whole call: a server sending a byte now and then would
    never trip it. So the body is read in chunks as they arrive, each read waiting at most the time left,
    and TimeoutError is raised when the deadline passes.
    """
    read = getattr(response, "read1", None) or response.read
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_RESPONSE_BYTES:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the whole answer did not arrive in time")
        sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed: the read below returns what is left
                sock.settimeout(remaining)
        chunk = read(min(_CHUNK_BYTES, MAX_RESPONSE_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _unavailable(exc: BaseException, where: str, timeout: float, *, timed_out: bool) -> EngineUnavailable:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if timed_out or isinstance(reason, TimeoutError | socket.timeout):
        return EngineUnavailable(f"{where} did not answer within {timeout:g} s")
    if isinstance(exc, urllib.error.URLError):
        return EngineUnavailable(f"{where} cannot be reached: {reason}")
    return EngineUnavailable(f"{where} broke the connection: {exc!r}")


class _Watchdog:
    """Shuts down the connections of one request when its time is up.

    Socket timeouts bound each read, so a server sending its status line or headers a byte at a time would
    never trip them; shutting the socket down ends any read in progress.
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watched(http_class: type[http.client.HTTPConnection], watchdog: _Watchdog) -> Any:
    class Watched(http_class):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            watchdog.watch(self.sock)

    return Watched


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def do_open(self, http_class: Any, req: urllib.request.Request, **kwargs: Any) -> Any:
        return super().do_open(_watched(http_class, self._watchdog), req, **kwargs)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._watchdog = watchdog

    def do_open(self, http_class: Any, req: urllib.request.Request, **kwargs: Any) -> Any:
        return super().do_open(_watched(http_class, self._watchdog), req, **kwargs)


def _status_error(exc: urllib.error.HTTPError, where: str) -> MTError:
    try:
        body = exc.read(64 * 1024).decode("utf-8", "replace")
    except Exception:  # the body is only used in the message
        body = ""
    detail = _error_detail(body)
    status = exc.code
    if status == 429:
        retry_after = parse_retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        wait = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        return RateLimited(f"{where} is rate limiting requests (HTTP 429){wait}{detail}", retry_after)
    if status >= 500:
        return EngineUnavailable(f"{where} failed with HTTP {status}{detail}")
    return HttpStatusError(f"{where} refused the request with HTTP {status}{detail}", status, body)


def _error_detail(body: str) -> str:
    if not body:
        return ""
    try:
        decoded = json.loads(body)
    except json.JSONDecodeError:
        return f": {body[:200]}"
    if isinstance(decoded, dict):
        for key in ("error", "message", "detail", "explanation", "responseDetails"):
            value = decoded.get(key)
            if isinstance(value, dict):
                value = value.get("message")
            if isinstance(value, str) and value:
                return f": {value[:200]}"
    return f": {body[:200]}"


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if absent/invalid."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        return None
    return max(0.0, seconds)


def _snippet(raw: bytes) -> str:
    text = raw[:120].decode("utf-8", "replace")
    return repr(text) + ("…" if len(raw) > 120 else "")
