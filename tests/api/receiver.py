"""A real HTTP receiver of callbacks on 127.0.0.1, checking every signature as an operator's backend would."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from domain.callbacks import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, SignatureError, verify


@dataclass
class Received:
    """One POST the receiver got, and what it answered."""

    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool
    answered: int

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def delivery(self) -> str:
        return self.headers[DELIVERY_HEADER.lower()]

    @property
    def event(self) -> str:
        return self.headers[EVENT_HEADER.lower()]


@dataclass
class Receiver:
    """Answers 401 to a bad signature, 500 while `failures` remain (or while `down`), else 200."""

    secret: str
    url: str = ""
    failures: int = 0
    down: bool = False
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> int:
        try:
            verify(self.secret, headers.get(SIGNATURE_HEADER.lower(), ""), body, now=time.time())
            verified = True
        except SignatureError:
            verified = False
        with self.lock:
            if not verified:
                status = 401
            elif self.down or self.failures > 0:
                self.failures = max(0, self.failures - 1)
                status = 500
            else:
                status = 200
            self.received.append(Received(path, headers, body, verified, status))
        return status

    def of(self, delivery_id: str) -> list[Received]:
        """The POSTs of one delivery, in order."""
        with self.lock:
            return [r for r in self.received if r.headers.get(DELIVERY_HEADER.lower()) == delivery_id]


@contextmanager
def running_receiver(secret: str, **options: Any) -> Iterator[Receiver]:
    """A receiver serving in a thread until the block ends; its `url` ends in `/hook`."""
    receiver = Receiver(secret, **options)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status = receiver.answer(self.path, headers, body)
            payload = b"ok" if status == 200 else b"receiver says no"
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
