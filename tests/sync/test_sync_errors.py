"""Sync failures give one clear line and change nothing: a stand-in server on a free port
answers as a broken, foreign or mismatched server would."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import zstandard

from srsapp.cli import main
from srsapp.service.ankisync import login
from srsapp.service.ankisync.client import SyncClient, SyncError, normalize_endpoint
from srsapp.service.ankisync.sync import sync
from tests.sync.conftest import free_port

# path -> (status, headers, body) for a request body
Route = Callable[[bytes], tuple[int, dict[str, str], bytes]]


def zjson(value: object) -> tuple[int, dict[str, str], bytes]:
    raw = json.dumps(value).encode()
    return 200, {"anki-original-size": str(len(raw))}, zstandard.ZstdCompressor().compress(raw)


META = {"mod": 5, "scm": 5, "usn": 3, "ts": 1, "msg": "", "cont": True, "hostNum": 0,
        "empty": False, "media_usn": 0}  # fmt: skip
LOGGED_IN: dict[str, Route] = {
    "/sync/hostKey": lambda body: zjson({"key": "k123"}),
    "/sync/meta": lambda body: zjson(META),
}


@pytest.fixture
def stub() -> Iterator[Callable[[dict[str, Route]], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(routes: dict[str, Route]) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                route = routes.get(self.path)
                status, headers, data = route(body) if route else (404, {}, b"404")
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # a short poll: shutdown() waits one poll interval (0.5 s by default, per test)
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def _attempt(col, url: str) -> SyncError:  # type: ignore[no-untyped-def]
    state = login.local_state(col)
    cards, reviews = col.card_count(), col.revlog_count()
    with pytest.raises(SyncError) as err:
        sync(col, datetime.now(UTC), server=url, user="u", password=lambda: "p", timeout=5)
    assert "\n" not in str(err.value)
    assert (login.local_state(col), col.card_count(), col.revlog_count()) == (
        state, cards, reviews)  # fmt: skip
    assert login.remembered(col) == login.Remembered(None, None, None, None)
    return err.value


def test_unreachable_server(col) -> None:  # type: ignore[no-untyped-def]
    err = _attempt(col, f"http://127.0.0.1:{free_port()}/")
    assert err.kind == "unreachable" and "cannot reach the sync server" in str(err)


def test_unreachable_server_from_the_cli(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SRSAPP_SYNC_PASSWORD", "p")
    url = f"http://127.0.0.1:{free_port()}/"
    argv = ["--data-dir", str(tmp_path / "d"), "sync", "--server", url, "--user", "u"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("srsapp: cannot reach the sync server at") and err.count("\n") == 1


def test_not_an_anki_server(col, stub) -> None:  # type: ignore[no-untyped-def]
    url = stub({"/sync/hostKey": lambda body: (200, {}, b"<html>hello</html>")})
    err = _attempt(col, url)
    assert err.kind == "version" and "not an Anki sync server" in str(err)


@pytest.mark.parametrize("status", [400, 501])
def test_server_older_or_newer(col, stub, status: int) -> None:  # type: ignore[no-untyped-def]
    url = stub({"/sync/hostKey": LOGGED_IN["/sync/hostKey"],
                "/sync/meta": lambda body: (status, {}, str(status).encode())})  # fmt: skip
    err = _attempt(col, url)
    assert err.kind == "version" and "older or newer than this srsapp" in str(err)


def test_server_says_stop(col, stub) -> None:  # type: ignore[no-untyped-def]
    url = stub({**LOGGED_IN,
                "/sync/meta": lambda body: zjson({**META, "cont": False, "msg": "upgrade"})})  # fmt: skip
    assert "upgrade" in str(_attempt(col, url))


@pytest.mark.parametrize("http_complete", [False, True])
def test_interrupted_download_changes_nothing(col, stub, http_complete: bool) -> None:  # type: ignore[no-untyped-def]
    whole = zstandard.ZstdCompressor().compress(b"SQLite format 3\x00" + os.urandom(200_000))
    part = whole[: len(whole) // 20]

    def cut(body: bytes) -> tuple[int, dict[str, str], bytes]:
        # the connection closes after a twentieth of the data: in the middle of the HTTP
        # body, or at its (short) end in the middle of the zstd stream
        sent = len(part) if http_complete else len(whole)
        return 200, {"anki-original-size": "200016", "Content-Length": str(sent)}, part

    err = _attempt(col, stub({**LOGGED_IN, "/sync/download": cut}))
    assert err.kind == "transfer" and "broke off" in str(err) and "nothing was changed" in str(err)


def test_damaged_download_changes_nothing(col, stub) -> None:  # type: ignore[no-untyped-def]
    junk = b"SQLite format 3\x00" + bytes(range(256)) * 64
    url = stub({**LOGGED_IN, "/sync/download": lambda body: (
        200, {"anki-original-size": str(len(junk))}, zstandard.ZstdCompressor().compress(junk))})  # fmt: skip
    err = _attempt(col, url)
    assert err.kind == "transfer" and "nothing was changed" in str(err)


def test_refused_upload(col, stub) -> None:  # type: ignore[no-untyped-def]
    empty = {**META, "empty": True}
    refusal = b"Your upload was corrupt."
    url = stub({**LOGGED_IN, "/sync/meta": lambda body: zjson(empty),
                "/sync/upload": lambda body: (200, {"anki-original-size": str(len(refusal))},
                                              zstandard.ZstdCompressor().compress(refusal))})  # fmt: skip
    col.ensure_deck("D")
    err = _attempt(col, url)
    assert err.kind == "refused" and "Your upload was corrupt." in str(err)


def test_request_shape(stub) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def host_key(body: bytes) -> tuple[int, dict[str, str], bytes]:
        seen["body"] = json.loads(zstandard.ZstdDecompressor().decompress(body))
        return zjson({"key": "k9"})

    client = SyncClient(stub({"/sync/hostKey": host_key}))
    assert client.login("me", "pw") == "k9" and client.hkey == "k9"
    assert seen["body"] == {"u": "me", "p": "pw"}


@pytest.mark.parametrize(("given", "expected"), [
    ("192.168.1.5:8080", "http://192.168.1.5:8080/"),
    ("https://sync.example.org/anki", "https://sync.example.org/anki/"),
    (" http://h/ ", "http://h/"),
])  # fmt: skip
def test_endpoint(given: str, expected: str) -> None:
    assert normalize_endpoint(given) == expected


def test_bad_endpoint() -> None:
    with pytest.raises(SyncError):
        normalize_endpoint("ftp://h/")
