"""The HTTP side of Anki's sync protocol (version 11), as a self-hosted Anki sync server
(``python -m anki.syncserver``, ``anki-sync-server``) and AnkiWeb speak it.

Every call is a POST to ``<server>/sync/<method>`` (``/msync/<method>`` for media). The body
is zstd-compressed; an ``anki-sync`` header carries the request's metadata as JSON:
``{"v": protocol version, "k": host key, "c": client version, "s": session key}``. The
response body is zstd-compressed too, and an ``anki-original-size`` header gives its size
before compression. JSON requests and responses are plain JSON objects; the collection
upload sends, and the download returns, the raw SQLite file.

Failures become ``SyncError`` with one line a person can act on. Nothing here touches the
collection: callers decide what a result changes.
"""

from __future__ import annotations

import http.client
import json
import platform
import secrets
import string
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import IO, Any, cast

import zstandard

from srsapp import __version__
from srsapp.core.errors import SrsError

SYNC_VERSION = 11  # zstd bodies and the anki-sync header; schema 18 downloads
TIMEOUT_S = 60.0  # per socket operation: a stalled transfer ends with an error
_CHUNK = 1 << 20


class SyncError(SrsError):
    """A sync could not be done; ``kind`` says why (for the GUI and tests):
    ``unreachable``, ``auth``, ``version``, ``server``, ``transfer``, ``refused``."""

    def __init__(self, message: str, kind: str = "server") -> None:
        self.kind = kind
        super().__init__(message)


@dataclass(frozen=True)
class ServerMeta:
    """The server's answer to ``meta``: its collection's modification and schema times
    (epoch ms), update sequence number, whether it holds no card, its media usn, and
    whether we may go on (``cont``; ``msg`` says why not)."""

    mod: int
    scm: int
    usn: int
    ts: int
    empty: bool
    media_usn: int
    cont: bool
    msg: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServerMeta:
        try:
            return cls(
                mod=int(data["mod"]),
                scm=int(data["scm"]),
                usn=int(data["usn"]),
                ts=int(data.get("ts", 0)),
                empty=bool(data.get("empty", False)),
                media_usn=int(data.get("media_usn", 0)),
                cont=bool(data.get("cont", True)),
                msg=str(data.get("msg", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncError(f"the server's meta answer is not understood ({exc})") from exc


def normalize_endpoint(url: str) -> str:
    """``url`` as the base of the sync paths: http(s), a host, ending in ``/``."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SyncError(f"not a server address: {url!r} (e.g. http://192.168.1.5:8080/)",
                        "unreachable")  # fmt: skip
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def client_version() -> str:
    return f"srsapp,{__version__},{platform.system().lower() or 'unknown'}"


def _session_key() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(8))


class SyncClient:
    """One sync session with a server: ``endpoint`` (normalised), the host key once logged in."""

    def __init__(self, endpoint: str, hkey: str = "", *, timeout: float = TIMEOUT_S) -> None:
        self.endpoint = normalize_endpoint(endpoint)
        self.hkey = hkey
        self.timeout = timeout
        self.session = _session_key()
        self.sent = 0  # compressed bytes sent and received, for reports
        self.received = 0

    # ---- the methods

    def login(self, user: str, password: str) -> str:
        """Ask for a host key with the user's name and password; keep and return it."""
        self.hkey = ""
        answer = self._json("sync/hostKey", {"u": user, "p": password})
        key = answer.get("key") if isinstance(answer, dict) else None
        if not isinstance(key, str) or not key:
            raise SyncError("the server's login answer holds no key", "server")
        self.hkey = key
        return key

    def meta(self) -> ServerMeta:
        answer = self._json("sync/meta", {"v": SYNC_VERSION, "cv": client_version()})
        if not isinstance(answer, dict):
            raise SyncError("the server's meta answer is not understood", "server")
        return ServerMeta.from_json(answer)

    def upload(self, collection: bytes) -> None:
        """Replace the server's collection with ``collection`` (an Anki SQLite file)."""
        answer = self._post("sync/upload", collection).decode("utf-8", "replace")
        if answer != "OK":
            raise SyncError(f"the server refused the upload: {answer}", "refused")

    def download(self, out: IO[bytes]) -> int:
        """Write the server's collection (an Anki SQLite file, schema 18) to ``out``; the
        number of bytes. Raises ``SyncError`` if the transfer broke off."""
        return self._post_to("sync/download", b"{}", out)

    # ---- the normal (incremental) sync: one server transaction from ``start`` to
    # ``finish`` (or ``abort``); rows as Anki's protocol sends them (JSON arrays)

    def start(self, min_usn: int, local_is_newer: bool) -> dict[str, list[int]]:
        """Begin a normal sync; the server's deletions since ``min_usn`` (cards, notes,
        decks)."""
        answer = self._json("sync/start", {"minUsn": min_usn, "lnewer": local_is_newer,
                                           "graves": None})  # fmt: skip
        return _graves(answer)

    def apply_graves(self, graves: dict[str, list[int]]) -> None:
        self._json("sync/applyGraves", {"chunk": graves})

    def apply_changes(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Send our note types, decks and deck options; the server's changed ones."""
        answer = self._json("sync/applyChanges", {"changes": changes})
        if not isinstance(answer, dict):
            raise SyncError("the server's changes are not understood", "server")
        return answer

    def chunk(self) -> dict[str, Any]:
        """The next chunk of the server's changed rows (``done`` on the last)."""
        answer = self._json("sync/chunk", {})
        if not isinstance(answer, dict):
            raise SyncError("the server's chunk is not understood", "server")
        return answer

    def apply_chunk(self, chunk: dict[str, Any]) -> None:
        self._json("sync/applyChunk", {"chunk": chunk})

    def sanity_check(self, counts: list[Any]) -> dict[str, Any]:
        answer = self._json("sync/sanityCheck2", {"client": counts})
        if not isinstance(answer, dict):
            raise SyncError("the server's sanity check answer is not understood", "server")
        return answer

    def finish(self) -> int:
        """End the normal sync (the server commits); the server's new modification time."""
        answer = self._json("sync/finish", {})
        if not isinstance(answer, int):
            raise SyncError("the server's finish answer is not understood", "server")
        return answer

    def abort(self) -> None:
        """Ask the server to roll back the normal sync under way (errors are ignored: the
        server also drops a sync that is not finished)."""
        try:
            self._json("sync/abort", {})
        except SyncError:
            pass

    # ---- media (``/msync/``): answers wrapped as {"data": ..., "err": ""}

    def media_begin(self) -> int:
        """Start a media sync; the server's media update sequence number."""
        data = self._media_json("msync/begin", {"v": client_version()})
        return int(data["usn"]) if isinstance(data, dict) and "usn" in data else 0

    def media_changes(self, last_usn: int) -> list[tuple[str, int, str]]:
        """The server's media changes after ``last_usn`` (a page of them, oldest first):
        (file name, usn, sha1 in hex; empty for a deletion)."""
        data = self._media_json("msync/mediaChanges", {"lastUsn": last_usn})
        try:
            return [(str(n), int(u), str(h)) for n, u, h in data]
        except (TypeError, ValueError) as exc:
            raise SyncError("the server's media list is not understood", "server") from exc

    def media_download(self, names: list[str]) -> bytes:
        """A zip of the named files and ``_meta`` ({"0": name, ...})."""
        return self._post("msync/downloadFiles", json.dumps({"files": names}).encode())

    def media_upload(self, zip_data: bytes) -> int:
        """Send a zip of files (``_meta``: [[name, member], ...]); the files processed."""
        data = self._media_json_raw("msync/uploadChanges", zip_data)
        try:
            return int(data[0])
        except (TypeError, ValueError, IndexError, KeyError) as exc:
            raise SyncError("the server's media upload answer is not understood") from exc

    def _media_json(self, path: str, payload: Any) -> Any:
        return self._media_json_raw(path, json.dumps(payload).encode())

    def _media_json_raw(self, path: str, body: bytes) -> Any:
        try:
            answer = json.loads(self._post(path, body))
        except ValueError as exc:
            raise SyncError(f"the server's answer to {path} is not JSON", "server") from exc
        if not isinstance(answer, dict):
            raise SyncError(f"the server's answer to {path} is not understood", "server")
        if answer.get("err"):
            raise SyncError(f"the server's media sync failed: {answer['err']}", "server")
        return answer.get("data")

    # ---- transport

    def _json(self, path: str, payload: Any) -> Any:
        raw = self._post(path, json.dumps(payload).encode())
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise SyncError(f"the server's answer to {path} is not JSON", "server") from exc

    def _post(self, path: str, body: bytes) -> bytes:
        buf = _Buffer()
        self._post_to(path, body, buf)
        return bytes(buf.data)

    def _post_to(self, path: str, body: bytes, out: IO[bytes] | _Buffer) -> int:
        header = {"v": SYNC_VERSION, "k": self.hkey, "c": client_version(), "s": self.session}
        data = zstandard.ZstdCompressor(level=3).compress(body)
        request = urllib.request.Request(
            self.endpoint + path,
            data=data,
            method="POST",
            headers={
                "anki-sync": json.dumps(header),
                "Content-Type": "application/octet-stream",
            },
        )
        method = path.rsplit("/", 1)[-1]
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                self.sent += len(data)
                size = response.headers.get("anki-original-size")
                if size is None or not size.isdigit():
                    raise SyncError(
                        f"{self.endpoint} answered but is not an Anki sync server "
                        f"(protocol {SYNC_VERSION})", "version"
                    )  # fmt: skip
                written = self._decompress(response, out)
        except urllib.error.HTTPError as exc:
            error = self._http_error(exc, method)
            exc.close()  # the error is the response: its socket
            raise error from exc
        except SyncError:
            raise
        except TimeoutError as exc:
            raise SyncError(f"the sync server at {self.endpoint} stopped answering "
                            f"(no data for {self.timeout:g} s); nothing was changed",
                            "transfer") from exc  # fmt: skip
        except urllib.error.URLError as exc:
            reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
            raise SyncError(f"cannot reach the sync server at {self.endpoint} ({reason})",
                            "unreachable") from exc  # fmt: skip
        except (OSError, http.client.HTTPException, zstandard.ZstdError, EOFError) as exc:
            raise SyncError(f"the transfer from {self.endpoint} broke off ({exc}); "
                            "nothing was changed", "transfer") from exc  # fmt: skip
        if written != int(size):
            raise SyncError(f"the transfer from {self.endpoint} broke off ({written} of {size} "
                            "bytes); nothing was changed", "transfer")  # fmt: skip
        return written

    def _decompress(self, response: Any, out: IO[bytes] | _Buffer) -> int:
        counted = _Counting(response)
        reader = zstandard.ZstdDecompressor().stream_reader(
            cast(IO[bytes], counted), read_across_frames=True
        )
        written = 0
        while chunk := reader.read(_CHUNK):
            out.write(chunk)
            written += len(chunk)
        self.received += counted.count
        return written

    def _http_error(self, exc: urllib.error.HTTPError, method: str) -> SyncError:
        code = exc.code
        where = self.endpoint
        if code == 403:
            if method == "hostKey":
                return SyncError(f"{where} refused the user name or password", "auth")
            return SyncError(f"{where} no longer accepts the saved login; log in again "
                             "(give the password)", "auth")  # fmt: skip
        if code == 501 or (code == 400 and method in ("hostKey", "meta")):
            return SyncError(f"{where} does not speak Anki's sync protocol {SYNC_VERSION} "
                             f"(HTTP {code}): it is older or newer than this srsapp",
                             "version")  # fmt: skip
        if code in (301, 302, 307, 308):
            moved = exc.headers.get("Location", "another address")
            return SyncError(f"{where} has moved to {moved}; sync with --server {moved}",
                             "unreachable")  # fmt: skip
        if code == 404:
            return SyncError(f"{where} has no Anki sync server (HTTP 404 for {method})",
                             "version")  # fmt: skip
        if code == 409:
            return SyncError(f"{where} is busy with another sync of this user; try again",
                             "server")  # fmt: skip
        if code == 413:
            return SyncError(f"{where} refused the collection as too large (HTTP 413; the "
                             "server's MAX_SYNC_PAYLOAD_MEGS raises the limit)",
                             "refused")  # fmt: skip
        return SyncError(f"{where} failed the {method} request (HTTP {code})", "server")


def _graves(answer: Any) -> dict[str, list[int]]:
    if not isinstance(answer, dict):
        raise SyncError("the server's deletions are not understood", "server")
    try:
        return {k: [int(i) for i in answer.get(k) or []] for k in ("cards", "notes", "decks")}
    except (TypeError, ValueError) as exc:
        raise SyncError("the server's deletions are not understood", "server") from exc


class _Buffer:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, chunk: bytes) -> int:
        self.data += chunk
        return len(chunk)


class _Counting:
    """A response read through, counting the compressed bytes."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.count = 0

    def read(self, n: int = -1) -> bytes:
        chunk: bytes = self.raw.read(n)
        self.count += len(chunk)
        return chunk
