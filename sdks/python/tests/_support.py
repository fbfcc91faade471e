"""Test helpers: put ``src/`` on the import path, and a scripted local HTTP server.

Every test module imports this first, so ``python3 -m unittest discover -s tests`` works from
``sdks/python`` (and from anywhere else) without installing the package.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

SDK_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(SDK_ROOT, "src")
REPO_ROOT = os.path.dirname(os.path.dirname(SDK_ROOT))
if SRC not in sys.path:
    sys.path.insert(0, SRC)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Recorded:
    """One request the local server received."""

    method: str
    path: str
    headers: Dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8")) if self.body else None

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())


@dataclass
class Reply:
    """What the local server answers: a status, headers, and a JSON body (or raw bytes)."""

    status: int = 200
    body: Union[Any, bytes] = None
    headers: Dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop_connection: bool = False


Responder = Callable[[Recorded], Reply]


class LocalServer:
    """A threaded ``http.server`` on 127.0.0.1 that answers from a script and records requests.

    ``script`` replies are used in order, the last one repeats; or set ``responder`` to decide per
    request."""

    def __init__(self) -> None:
        self.requests: List[Recorded] = []
        self.script: List[Reply] = [Reply(200, {})]
        self.responder: Optional[Responder] = None
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorded = Recorded(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
                reply = outer._next(recorded)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop_connection:
                    self.close_connection = True
                    try:
                        self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    return
                payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    headers = {"Content-Type": "application/json; charset=utf-8", **reply.headers}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def _next(self, recorded: Recorded) -> Reply:
        with self._lock:
            self.requests.append(recorded)
            if self.responder is not None:
                return self.responder(recorded)
            if len(self.script) > 1:
                return self.script.pop(0)
            return self.script[0]

    def reply(self, *replies: Reply) -> None:
        with self._lock:
            self.script = list(replies)
            self.responder = None

    def start(self) -> "LocalServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def poy_error(status: int, type_: str, message: str, request_id: str = "req_test0001") -> Dict[str, Any]:
    return {"error": {"code": status, "message": message, "type": type_, "requestId": request_id}}


def connect_error(code: str, reason: str, request_id: str = "req_test0002") -> Dict[str, Any]:
    return {"status": "failure", "failure_code": code, "failure_reason": reason, "request_id": request_id}


class SleepRecorder:
    """Stands in for ``time.sleep`` so retry tests are instant and can assert the waits."""

    def __init__(self) -> None:
        self.calls: List[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def header_pairs(headers: Dict[str, str]) -> List[Tuple[str, str]]:
    return sorted(headers.items())
