"""HTTP plumbing: a loopback-only ThreadingHTTPServer that hands requests to the Dispatcher."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from paiws.emulator.dispatch import Dispatcher, Incoming
from paiws.emulator.requestlog import NO_RESPONSE

MAX_BODY = 1 << 20  # CreateWorkspace bodies are tiny; refuse anything absurd


def loopback_address(host: str) -> tuple[str, socket.AddressFamily]:
    """Resolve ``host`` to a loopback IP without any DNS lookup, or raise ValueError.

    Accepted: 127.0.0.0/8, ::1 and the name ``localhost`` (taken as 127.0.0.1). The check
    happens before any socket is created, so a refused host is never bound, not even briefly.
    """
    refusal = (
        f"Refusing to bind the emulator to {host!r}: it only listens on loopback addresses "
        "(127.0.0.1, ::1 or localhost)."
    )
    if host == "localhost":
        return "127.0.0.1", socket.AF_INET
    try:
        address = ipaddress.ip_address(host[1:-1] if host.startswith("[") else host)
    except ValueError:
        raise ValueError(refusal) from None
    if not address.is_loopback:
        raise ValueError(refusal)
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    return str(address), family


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a hung client never keeps the process (or a test run) alive

    def __init__(self, host: str, port: int, dispatcher: Dispatcher) -> None:
        ip, family = loopback_address(host)
        self.address_family = family
        self.dispatcher = dispatcher
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__((ip, port), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup we do not want.
        socketserver.TCPServer.server_bind(self)
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    @property
    def base_url(self) -> str:
        host, port = str(self.server_address[0]), int(self.server_address[1])
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Cut open keep-alive connections so stop() leaves no handler thread waiting."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out or hang up are normal in fault tests; stay quiet (and never
        # print request data).
        pass


class _Handler(BaseHTTPRequestHandler):
    server: EmulatorHTTPServer
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDKs' connection pools expect
    server_version = "paiws-emulator"
    sys_version = ""
    timeout = 30  # idle keep-alive connections are closed after this many seconds
    # Headers and body go out in separate writes; with Nagle's algorithm on, a keep-alive
    # client's delayed ACK would stall every response by ~40 ms.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the request log is the record; stderr stays clean

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        raw_path, _, raw_query = self.path.partition("?")
        incoming = Incoming(
            method=self.command,
            raw_path=raw_path,
            raw_query=raw_query,
            headers=tuple((str(k), str(v)) for k, v in self.headers.items()),
            body=body,
        )
        outgoing = self.server.dispatcher.process(incoming)
        if outgoing.status == NO_RESPONSE:
            self.close_connection = True
            return
        self.send_response(outgoing.status)
        self.send_header("Content-Type", outgoing.content_type)
        self.send_header("Content-Length", str(len(outgoing.body)))
        if outgoing.request_id:
            self.send_header("x-acs-request-id", outgoing.request_id)
        self.end_headers()
        self.wfile.write(outgoing.body)
