"""Machinery of the leak suite: an isolated sandbox whose files are scanned, a tap on every log
record, a recording proxy around the data service, a scriptable hostile API server, a
subprocess runner, and helpers that read what a Textual screen shows."""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import os
import re
import ssl
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from paiws.core.i18n import _
from tests.leaks.leak_canaries import assert_no_canary

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# -- files ------------------------------------------------------------------------------------


def _snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    files: dict[Path, tuple[int, int]] = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            files[path] = (stat.st_size, stat.st_mtime_ns)
    return files


@dataclass
class Sandbox:
    """HOME, the XDG directories, TMPDIR and the working directory of one test, all under
    ``root``. Files present at ``baseline()`` (written by the test itself, e.g. a CLI profile
    holding the canary secret) are not scanned; everything the program writes is."""

    root: Path
    home: Path
    tmp: Path
    cwd: Path
    _baseline: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def baseline(self) -> None:
        self._baseline = _snapshot(self.root)

    def written(self) -> list[Path]:
        return [p for p, sig in _snapshot(self.root).items() if self._baseline.get(p) != sig]

    def assert_clean(self) -> None:
        for path in self.written():
            relative = path.relative_to(self.root)
            assert_no_canary(str(relative), where=f"the file name {relative}")
            assert_no_canary(path.read_bytes(), where=f"the file {relative}")


# -- logs -------------------------------------------------------------------------------------


class LogTap(logging.Handler):
    """Sees every record any logger creates (not only those that reach a handler), plus the
    root logger at DEBUG as `logging.basicConfig(level=DEBUG)` would set it up."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self._ids: set[int] = set()  # records are kept alive in the list, so ids are unique
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        self.note(record)

    def note(self, record: logging.LogRecord) -> None:
        with self._guard:
            if id(record) not in self._ids:
                self._ids.add(id(record))
                self.records.append(record)

    def text(self) -> str:
        lines = []
        formatter = logging.Formatter()
        for record in list(self.records):
            try:
                lines.append(f"{record.name}: {record.getMessage()}")
            except Exception as exc:  # a bad format string is not a leak
                lines.append(f"{record.name}: <unformattable {type(exc).__name__}>")
            if record.exc_info:
                lines.append(formatter.formatException(record.exc_info))
            if record.stack_info:
                lines.append(record.stack_info)
        return "\n".join(lines)


# -- the data service, recorded ----------------------------------------------------------------


class RecordingService:
    """Wraps a DataService: every value a method returns (and every page a generator yields)
    and every exception it raises is kept, so tests can check the repr of each one."""

    _OWN = frozenset({"_inner", "results", "errors"})

    def __init__(self, inner: Any) -> None:
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "results", [])
        object.__setattr__(self, "errors", [])

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not callable(value) or name.startswith("_"):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                result = value(*args, **kwargs)
            except BaseException as exc:
                self.errors.append(exc)
                raise
            if isinstance(result, Iterator):
                return self._pages(result)
            self.results.append(result)
            return result

        return call

    def _pages(self, pages: Iterator[Any]) -> Iterator[Any]:
        try:
            for page in pages:
                self.results.append(page)
                yield page
        except BaseException as exc:
            self.errors.append(exc)
            raise

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._inner, name, value)

    def __repr__(self) -> str:
        return f"<RecordingService {self._inner!r}>"

    def transcript(self) -> str:
        """repr() of every result, and message, repr and traceback (with locals) of every
        error: what a log line, a crash report or a debugger could print."""
        parts = [repr(r) for r in self.results]
        for exc in self.errors:
            parts.append(exception_text(exc))
        return "\n".join(parts)


def service_for(
    base_url: str, *, read_only: bool = False, denied: bool = False
) -> RecordingService:
    """The real WorkspaceService with the canary STS credentials (or the denied key), recorded."""
    from paiws.core.factory import emulator_service
    from tests.leaks.leak_canaries import DENIED_KEY_ID, DENIED_SECRET, KEY_ID, SECRET, TOKEN

    key, secret = (DENIED_KEY_ID, DENIED_SECRET) if denied else (KEY_ID, SECRET)
    inner = emulator_service(
        base_url,
        access_key_id=key.value,
        access_key_secret=secret.value,
        security_token=None if denied else TOKEN.value,
        read_only=read_only,
    )
    return RecordingService(inner)


def exception_text(exc: BaseException) -> str:
    """Everything an exception can print: str, repr, hint, and its traceback with the repr of
    every local of every frame (what Textual's crash report and `rich.traceback` show),
    following chained exceptions as Python and Rich display them. Frames of the test code
    itself are left out: a test's own locals hold the hostile input on purpose."""
    parts: list[str] = []
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        parts.extend(
            [type(current).__name__, _safe_repr(current), str(getattr(current, "hint", ""))]
        )
        try:
            parts.append(str(current))
        except Exception as error:
            parts.append(f"<str failed: {type(error).__name__}>")
        tb = current.__traceback__
        while tb is not None:
            frame = tb.tb_frame
            if not Path(frame.f_code.co_filename).is_relative_to(REPO / "tests"):
                parts.append(f"{frame.f_code.co_filename}:{tb.tb_lineno}")
                parts.extend(
                    f"{name} = {_safe_repr(value)}" for name, value in frame.f_locals.items()
                )
            tb = tb.tb_next
        # What Python and Rich print: the cause, or the context unless `raise ... from None`.
        pending.append(current.__cause__)
        if not current.__suppress_context__:
            pending.append(current.__context__)
    return "\n".join(parts)


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception as error:  # a repr() that raises prints nothing
        return f"<repr failed: {type(error).__name__}>"


# -- a scriptable hostile API server ---------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes | str | Any = b"{}"  # bytes/str as sent; anything else is JSON-encoded
    content_type: str = "application/json;charset=utf-8"

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


ACTIVATED = Reply(
    body={
        "RequestId": "R-1",
        "Products": [
            {"ProductCode": "PAI_share", "IsPurchased": True, "HasPermissionToPurchase": True}
        ],
    }
)


@dataclass(frozen=True)
class Seen:
    operation: str
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


def operation_of(method: str, path: str, query: Mapping[str, str]) -> str:
    if path == "/api/v1/products":
        return "ListProducts"
    if path == "/api/v1/workspaces":
        if method == "POST":
            return "CreateWorkspace"
        option = query.get("Option")
        return f"ListWorkspaces:{option}" if option else "ListWorkspaces"
    if path.startswith("/api/v1/workspaces/"):
        member = _member_operation(method, path.split("/")[4:])
        if member is not None:
            return member
        return {"GET": "GetWorkspace", "PUT": "UpdateWorkspace", "DELETE": "DeleteWorkspace"}.get(
            method, "Unknown"
        )
    return "Unknown"


def _member_operation(method: str, rest: list[str]) -> str | None:
    """The member operations under /api/v1/workspaces/{id}/ (SPEC §3 members table)."""
    if rest[1:2] == ["members"] and len(rest) == 2:
        return {"GET": "ListMembers", "POST": "CreateMember", "DELETE": "DeleteMembers"}.get(
            method, "Unknown"
        )
    if rest[1:2] == ["members"] and len(rest) == 5 and rest[3] == "roles":
        return {"POST": "AddMemberRole", "DELETE": "RemoveMemberRole"}.get(method, "Unknown")
    if rest[1:] == ["member"]:
        return "GetMember"
    if rest[1:] == ["users"]:
        return "ListWorkspaceUsers"
    return None


class HostileServer:
    """Answers each operation with a scripted reply (ListProducts: activated by default).
    No authentication: it plays a broken or malicious endpoint, not the API."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.tls = tls
        self.script: dict[str, Reply | Callable[[Seen], Reply]] = {"ListProducts": ACTIVATED}
        self.seen: list[Seen] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms stalls

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path, _, raw_query = self.path.partition("?")
                query = dict(parse_qsl(raw_query, keep_blank_values=True))
                op = operation_of(self.command, path, query)
                seen = Seen(op, self.command, path, query, dict(self.headers.items()))
                outer.seen.append(seen)
                reply = outer.script.get(op) or outer.script.get(op.split(":")[0])
                if callable(reply):
                    reply = reply(seen)
                if reply is None:
                    reply = Reply(404, {"Code": "InvalidApi.NotFound", "Message": "not scripted"})
                body = reply.encoded()
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._server.server_address[1]}"

    def operations(self) -> list[str]:
        return [s.operation for s in self.seen]

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# -- TLS ------------------------------------------------------------------------------------


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A throw-away certificate for 127.0.0.1 and localhost (cert file, key file)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "paiws leak suite")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def server_tls(cert_file: Path, key_file: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


# -- the CLI in-process and in a subprocess -----------------------------------------------------


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


CliRunner = Callable[..., CliResult]


@dataclass(frozen=True)
class Completed:
    code: int
    out: bytes
    err: bytes

    @property
    def text(self) -> str:
        return (self.out + self.err).decode("utf-8", errors="replace")


def run_paiws(
    args: list[str], env: Mapping[str, str], *, cwd: Path, timeout: float = 30
) -> Completed:
    """`python -m paiws ARGS` with exactly ``env``; stdout/stderr are pipes (not a terminal)."""
    proc = subprocess.run(
        [PYTHON, "-m", "paiws", *args],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Completed(proc.returncode, proc.stdout, proc.stderr)


_MANY = """
import json, sys
from paiws.cli import main
codes = []
for argv in json.loads(sys.argv[1]):
    for stream in (sys.stdout, sys.stderr):
        stream.write("\\n=== paiws ===\\n")
        stream.flush()
    codes.append(main(argv))
    sys.stdout.flush()
    sys.stderr.flush()
print("=== codes", json.dumps(codes), file=sys.stderr)
"""
_SEPARATOR = b"\n=== paiws ===\n"


def run_paiws_many(
    commands: list[list[str]], env: Mapping[str, str], *, cwd: Path, timeout: float = 60
) -> list[Completed]:
    """Several `paiws` commands in one fresh process (paiws.cli.main each, stdout/stderr pipes):
    the start-up cost is paid once. One Completed per command."""
    proc = subprocess.run(
        [PYTHON, "-c", _MANY, json.dumps(commands)],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    err, _, tail = proc.stderr.rpartition(b"=== codes ")
    assert proc.returncode == 0 and tail, proc.stderr[-3000:]
    codes = json.loads(tail)
    outs = proc.stdout.split(_SEPARATOR)[1:]
    errs = err.split(_SEPARATOR)[1:]
    assert len(outs) == len(errs) == len(codes) == len(commands)
    return [Completed(c, o, e) for c, o, e in zip(codes, outs, errs, strict=True)]


def on_screen(message: str) -> bytes:
    """The start of ``message`` (up to its first placeholder) as the interface language shows
    it: what to wait for in a terminal's output before pressing the next key."""
    return _(message).split("{")[0].strip().encode()


def child_env(sandbox: Sandbox, **extra: str) -> dict[str, str]:
    """A minimal environment for a child process: the sandbox's HOME/XDG/TMPDIR, no
    credentials, proxies or DEBUG inherited from the machine."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(sandbox.home),
        "XDG_STATE_HOME": str(sandbox.root / "state"),
        "XDG_CONFIG_HOME": str(sandbox.root / "config"),
        "XDG_CACHE_HOME": str(sandbox.root / "cache"),
        "XDG_DATA_HOME": str(sandbox.root / "data"),
        "TMPDIR": str(sandbox.tmp),
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
        "ALIBABA_CLOUD_CREDENTIALS_FILE": str(sandbox.home / "absent-credentials.ini"),
        "PYTHONPATH": str(REPO),
        "LANG": "C.UTF-8",
        # the leak suite runs in each language (conftest's interface_language); so do children
        "PAIWS_LANG": os.environ.get("PAIWS_LANG", "en"),
        "PYTHONIOENCODING": "utf-8",
    }
    env.update(extra)
    return env


# -- a real terminal ---------------------------------------------------------------------------


@dataclass
class Terminal:
    code: int | None
    output: bytes
    sent: list[bytes]


def run_in_terminal(
    argv: list[str],
    env: Mapping[str, str],
    *,
    cwd: Path,
    keys: list[tuple[bytes, bytes]],
    timeout: float = 30,
) -> Terminal:
    """Run a program in a pseudo-terminal (as a user's terminal would), answering ``keys``:
    each (wait for these bytes in the output, then type these). Returns everything the program
    wrote to the terminal. The program is killed if it is still running at the end."""
    import os
    import pty
    import select
    import time

    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen(
        argv,
        env=dict(env),
        cwd=cwd,
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        close_fds=True,
        start_new_session=True,
    )
    os.close(child_fd)
    received = bytearray()
    pending = list(keys)
    sent: list[bytes] = []
    searched_from = 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the program closed the terminal
                    break
                if not chunk:
                    break
                received += chunk
            if pending and pending[0][0] in received[searched_from:]:
                searched_from = len(received)
                time.sleep(0.3)  # let the screen settle before typing
                os.write(main_fd, pending[0][1])
                sent.append(pending.pop(0)[1])
            if not ready and proc.poll() is not None:
                break
        try:
            code: int | None = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main_fd)
    return Terminal(code, bytes(received), sent)


# -- what a Textual screen shows --------------------------------------------------------------

_SVG_TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.S)


def svg_text(svg: str) -> str:
    """The characters an SVG screenshot shows, in order (one string per screen line)."""
    return html.unescape("".join(_SVG_TEXT.findall(svg))).replace("\xa0", " ")


def _held(value: Any, depth: int = 0) -> Iterator[str]:
    """Text inside a value a widget keeps: strings, Rich Text, the fields of view models, and
    a few levels of containers of those."""
    from rich.text import Text

    if isinstance(value, str):
        yield value
    elif isinstance(value, Text):
        yield value.plain
    elif isinstance(value, BaseException):
        yield repr(value)
        yield str(value)
    elif depth < 4 and dataclasses.is_dataclass(value) and not isinstance(value, type):
        # The text fields, not the repr: a float's digits (an elapsed time) must not be
        # mistaken for a numeric canary; every value R8 masks is a string in a view model.
        for item in dataclasses.fields(value):
            yield from _held(getattr(value, item.name), depth + 1)
    elif depth < 4 and isinstance(value, Mapping):
        for key, item in list(value.items()):
            yield from _held(key, depth + 1)
            yield from _held(item, depth + 1)
    elif depth < 4 and isinstance(value, list | tuple | set | frozenset):
        for item in list(value):
            yield from _held(item, depth + 1)


def widget_text(app: Any) -> str:
    """Text held by the widgets of every screen on the stack, including what is scrolled out
    of view or kept privately (R9: raw data never reaches a widget): every string, Rich Text
    and view model in a widget's attributes, DataTable cells, Static contents, notifications."""
    from textual.widgets import DataTable, Static

    parts: list[str] = []
    for screen in list(app.screen_stack):
        for widget in screen.walk_children(with_self=True):
            parts.extend(_held(vars(widget)))
            if isinstance(widget, DataTable):
                for row in range(widget.row_count):
                    parts.extend(str(cell) for cell in widget.get_row_at(row))
            elif isinstance(widget, Static):
                parts.append(str(widget.visual))
    for notification in list(app._notifications):
        parts.append(f"{notification.title} {notification.message}")
    return "\n".join(parts)


# The endpoint rule's sentence (core/endpoint.py), as the catalogue knows it.
PLAIN_HTTP_REFUSED = (
    "Plain http:// is allowed only for loopback endpoints (127.0.0.1, ::1, localhost); "
    "use https:// for any other host."
)
