"""Listening: the port bound by us (a busy one is a coded error), and connections held to time.

uvicorn times out an idle kept-alive connection, but not one that is still sending its request
line and headers: a client that opens connections and trickles a byte now and then (slowloris)
keeps each one forever, until the process runs out of descriptors. The protocol below gives
every request `header_timeout_s` to deliver its headers, and closes connections beyond
`max_connections` as they arrive.
"""

from __future__ import annotations

import asyncio
import errno
import socket
from typing import Any

from truce.errors import TruceError
from truce.server.settings import ServerSettings


class PortInUse(TruceError):
    code = "A440"
    default_hint = "pass another --port (or TRUCE_PORT), or stop the program listening there"


class CannotListen(TruceError):
    code = "A441"
    default_hint = "check --host names an interface of this machine and the port is allowed"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a coded error saying why there cannot be one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(f"port {port} on {host} is already in use") from None
        raise CannotListen(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def guarded_protocol(header_timeout_s: float, max_connections: int) -> type[asyncio.Protocol]:
    """uvicorn's httptools protocol with a deadline on headers and a cap on connections."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class Guarded(HttpToolsProtocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            if len(self.connections) > max_connections:
                self.transport.close()  # before a byte is read: the cheapest refusal
                return
            self._arm()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self._header_timer is None:  # the next request on a kept-alive connection
                self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._header_timer = self.loop.call_later(header_timeout_s, self._too_slow)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _too_slow(self) -> None:
            self._header_timer = None
            if not self.transport.is_closing():
                self.transport.close()

    return Guarded


def run(app: Any, settings: ServerSettings, sock: socket.socket) -> None:
    """Serve `app` on the socket `bind` gave until interrupted."""
    import uvicorn

    config = uvicorn.Config(
        app,
        http=guarded_protocol(settings.header_timeout_s, settings.max_connections),
        timeout_keep_alive=settings.keep_alive_s,  # type: ignore[arg-type]
        log_level="warning",
    )
    uvicorn.Server(config).run(sockets=[sock])
