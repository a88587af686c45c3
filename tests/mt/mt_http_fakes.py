"""A small HTTP server on 127.0.0.1 that tests program to speak an engine's protocol."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def form(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(self.body.decode("utf-8"))


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


Responder = Callable[[Request], Reply]


class FakeServer:
    """Routes (method, path) to responders; a list of replies is served in order, the last one repeating."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Responder | list[Reply]] = {}
        self.requests: list[Request] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _handle(self, method: str) -> None:
                parsed = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(
                    method, parsed.path, urllib.parse.parse_qs(parsed.query), dict(self.headers), body
                )
                server.requests.append(request)
                reply = server._reply(request)
                if reply.delay:
                    time.sleep(reply.delay)
                payload = reply.encoded()
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def on(self, method: str, path: str, responder: Responder | Reply | list[Reply]) -> None:
        if isinstance(responder, Reply):
            responder = [responder]
        self.routes[(method, path)] = responder

    def _reply(self, request: Request) -> Reply:
        route = self.routes.get((request.method, request.path))
        if route is None:
            return Reply(404, {"error": "Not Found"})
        if isinstance(route, list):
            return route.pop(0) if len(route) > 1 else route[0]
        return route(request)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port_url() -> str:
    """A loopback URL where nothing listens (the port was bound and released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
