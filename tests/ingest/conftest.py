"""A local web server the tests control, for links and feeds (the fetcher is allowed to reach it only where a
test says so)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Route = Callable[["Request"], tuple[int, dict[str, str], bytes]]


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class LocalSite:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def page(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        raw = body.encode() if isinstance(body, str) else body
        self.routes[path] = lambda request: (status, {"Content-Type": content_type, **(headers or {})}, raw)
        return self.base + path

    def redirect(self, path: str, location: str) -> str:
        self.routes[path] = lambda request: (302, {"Location": location}, b"")
        return self.base + path

    def slow(self, path: str, seconds: float) -> str:
        def answer(request: Request) -> tuple[int, dict[str, str], bytes]:
            time.sleep(seconds)
            return 200, {"Content-Type": "text/html"}, b"<p>late</p>"

        self.routes[path] = answer
        return self.base + path


@pytest.fixture
def site() -> Iterator[LocalSite]:
    local = LocalSite(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            request = Request(path=self.path, headers={k.lower(): v for k, v in self.headers.items()})
            local.requests.append(request)
            route = local.routes.get(self.path.split("?")[0])
            status, headers, body = route(request) if route else (404, {"Content-Type": "text/plain"}, b"not here")
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # A client that gave up (a timeout test) is not the server's problem.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    local.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield local
    server.shutdown()
    server.server_close()
