"""HTTP failure handling shared by the adapters, exercised through the LibreTranslate adapter."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from mt_http_fakes import FakeServer, Reply, free_port_url

from korkyt.mt import (
    BadResponse,
    ConfigError,
    EngineUnavailable,
    LibreTranslateEngine,
    RateLimited,
    RetryPolicy,
    Segment,
)
from korkyt.mt.http import parse_retry_after

OK = Reply(200, {"translatedText": ["Merhaba"]})


def engine(url: str, sleeps: list[float], **kwargs: object) -> LibreTranslateEngine:
    options: dict = {"pairs": [("kk", "tr")], "timeout": 2.0, "retry": RetryPolicy(3, 0.5, 10.0)}
    options.update(kwargs)
    return LibreTranslateEngine(url, sleep=sleeps.append, **options)


def test_rate_limit_is_retried_after_the_servers_retry_after(server: FakeServer, sleeps: list[float]) -> None:
    server.on("POST", "/translate", [Reply(429, {"error": "Slowdown"}, {"Retry-After": "3"}), OK])
    result = engine(server.url, sleeps).translate([Segment("Сәлем")], "kk", "tr")
    assert [t.text for t in result] == ["Merhaba"]
    assert sleeps == [3.0]
    assert len(server.requests) == 2


def test_rate_limit_that_persists_raises_rate_limited_with_retry_after(
    server: FakeServer, sleeps: list[float]
) -> None:
    server.on("POST", "/translate", Reply(429, {"error": "Slowdown"}, {"Retry-After": "2"}))
    with pytest.raises(RateLimited) as caught:
        engine(server.url, sleeps).translate([Segment("Сәлем")], "kk", "tr")
    assert caught.value.retry_after == 2.0
    assert "Slowdown" in str(caught.value)
    assert len(server.requests) == 3  # bounded: three attempts, then give up
    assert sleeps == [2.0, 2.0]


def test_retry_after_longer_than_the_policy_allows_is_not_waited_for(
    server: FakeServer, sleeps: list[float]
) -> None:
    server.on("POST", "/translate", Reply(429, b"", {"Retry-After": "3600"}))
    with pytest.raises(RateLimited) as caught:
        engine(server.url, sleeps).translate([Segment("Сәлем")], "kk", "tr")
    assert caught.value.retry_after == 3600.0
    assert sleeps == []
    assert len(server.requests) == 1


def test_server_error_is_retried_with_doubling_backoff(server: FakeServer, sleeps: list[float]) -> None:
    server.on("POST", "/translate", [Reply(503, "busy"), Reply(502, "bad gateway"), OK])
    result = engine(server.url, sleeps).translate([Segment("Сәлем")], "kk", "tr")
    assert result[0].text == "Merhaba"
    assert sleeps == [0.5, 1.0]


def test_persistent_server_error_raises_engine_unavailable_naming_the_status(
    server: FakeServer, sleeps: list[float]
) -> None:
    server.on("POST", "/translate", Reply(500, {"error": "model crashed"}))
    with pytest.raises(EngineUnavailable, match=r"HTTP 500: model crashed"):
        engine(server.url, sleeps).translate([Segment("Сәлем")], "kk", "tr")


def test_timeout_raises_engine_unavailable(server: FakeServer, sleeps: list[float]) -> None:
    server.on("POST", "/translate", Reply(200, {"translatedText": ["late"]}, delay=1.0))
    slow = engine(server.url, sleeps, timeout=0.2, retry=RetryPolicy(attempts=2, base_delay=0.0))
    with pytest.raises(EngineUnavailable, match=r"did not answer within 0.2 s"):
        slow.translate([Segment("Сәлем")], "kk", "tr")
    assert len(sleeps) == 1


@pytest.fixture(params=["headers", "body"])
def trickling_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A server that sends its answer one byte every 0.1 s (about 3 s): from the status line on, or the
    body only (the headers at once)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            body = b'{"translatedText": ["' + b"x" * 8 + b'"]}'
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
            answer = head % len(body) + body
            at_once = 0 if request.param == "headers" else len(answer) - len(body)
            try:
                conn.sendall(answer[:at_once])
                for byte in answer[at_once:]:
                    if stop.wait(0.1):
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()
    thread.join(5)


def test_timeout_bounds_the_whole_call_not_each_read(trickling_url: str, sleeps: list[float]) -> None:
    slow = engine(trickling_url, sleeps, timeout=0.5, retry=RetryPolicy(attempts=1))
    # The whole answer would come, byte by byte, in 8 s (each read well inside 0.5 s): the call is cut off.
    with pytest.raises(EngineUnavailable, match=r"libretranslate at .* did not answer within 0.5 s"):
        slow.translate([Segment("Сәлем")], "kk", "tr")


def test_connection_refused_raises_engine_unavailable(sleeps: list[float]) -> None:
    with pytest.raises(EngineUnavailable, match="cannot be reached"):
        engine(free_port_url(), sleeps).translate([Segment("Сәлем")], "kk", "tr")
    assert len(sleeps) == 2


def test_garbage_body_raises_bad_response_quoting_it(server: FakeServer, sleeps: list[float]) -> None:
    server.on("POST", "/translate", Reply(200, b"<html>Welcome to nginx</html>"))
    with pytest.raises(BadResponse, match=r"not JSON.*nginx"):
        engine(server.url, sleeps).translate([Segment("Сәлем")], "kk", "tr")
    assert sleeps == []  # a bad answer is not retried


def test_non_utf8_body_raises_bad_response(server: FakeServer, sleeps: list[float]) -> None:
    server.on("POST", "/translate", Reply(200, b"\xff\xfe\x00garbage"))
    with pytest.raises(BadResponse):
        engine(server.url, sleeps).translate([Segment("Сәлем")], "kk", "tr")


def test_client_error_is_bad_response_with_the_servers_message(
    server: FakeServer, sleeps: list[float]
) -> None:
    server.on("POST", "/translate", Reply(403, {"error": "Invalid API key"}))
    with pytest.raises(BadResponse, match="HTTP 403: Invalid API key"):
        engine(server.url, sleeps).translate([Segment("Сәлем")], "kk", "tr")
    assert len(server.requests) == 1


@pytest.mark.parametrize("url", ["", "ftp://example.org", "localhost:5000", "file:///etc/passwd"])
def test_non_http_url_is_refused_at_configuration(url: str) -> None:
    with pytest.raises(ConfigError, match="url"):
        LibreTranslateEngine(url)


def test_retry_after_header_forms() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past: retry now


def test_retry_policy_rejects_zero_attempts() -> None:
    with pytest.raises(ConfigError):
        RetryPolicy(attempts=0)


def test_redirect_to_another_http_url_is_followed(server: FakeServer, sleeps: list[float]) -> None:
    server.on("GET", "/languages", Reply(302, b"", {"Location": server.url + "/v2/languages"}))
    server.on("GET", "/v2/languages", Reply(200, [{"code": "kk", "targets": ["tr"]}]))
    assert LibreTranslateEngine(server.url, sleep=sleeps.append).pairs() == {("kk", "tr")}


def test_redirect_to_a_file_url_is_refused(server: FakeServer, sleeps: list[float]) -> None:
    server.on("POST", "/translate", Reply(302, b"", {"Location": "file:///etc/passwd"}))
    with pytest.raises(BadResponse, match="HTTP 302"):
        engine(server.url, sleeps).translate(["Сәлем"], "kk", "tr")
