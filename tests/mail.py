"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 at a free port, keeping each message it receives."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Collector:
    """The aiosmtpd handler: parses every message delivered (DATA) and keeps it with its envelope."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.lock:
            self.received.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class SMTPServer:
    """A running SMTP server: `host`, `port`, and `messages` (parsed EmailMessage objects, oldest first)."""

    def __init__(self, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host = host
        self.port = port or free_port()
        self.collector = Collector()
        self.controller = Controller(self.collector, hostname=self.host, port=self.port)

    def start(self) -> SMTPServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        with self.collector.lock:
            return list(self.collector.received)

    def clear(self) -> None:
        with self.collector.lock:
            self.collector.received.clear()
            self.collector.envelopes.clear()

    def messages_to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in str(m.get("To", "")).lower()]

    def wait_for(self, count: int = 1, timeout: float = 15.0, to: str | None = None) -> list[EmailMessage]:
        """Waits until at least `count` messages (to `to`, if given) arrived; returns them all (may be fewer)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.messages_to(to) if to else self.messages
            if len(found) >= count or time.monotonic() >= deadline:
                return found
            time.sleep(0.1)

    def settings(self) -> dict[str, str]:
        """Environment variables that point a process of ours (a worker, a server) at this server."""
        return {
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": str(self.port),
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": "false",
        }


def body_text(message: EmailMessage) -> str:
    """The plain-text body of a message (its text/plain part, else the first text part)."""
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""
