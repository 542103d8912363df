"""Opening a collection database: checks, pragmas, schema creation and version.

The database is SQLite in WAL mode with foreign keys on, ``synchronous=FULL``
(an answer is on disk once its transaction commits, even across a power cut)
and a busy timeout; tests open it with ``durable=False`` (``synchronous=OFF``). The schema
version is kept both in ``PRAGMA user_version`` and in the ``meta`` table.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, Index, PoolProxiedConnection, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import Pool

from srsapp.core.errors import CollectionError, DamagedCollectionError
from srsapp.store.models import (
    CARD_SORT_TRIGGERS,
    REVLOG_HOURS_TRIGGERS,
    SCHEMA_VERSION,
    Base,
    rebuild_card_sort_keys,
    rebuild_revlog_hours,
)
from srsapp.store.queries import META, sqlite_connection

SQLITE_MAGIC = b"SQLite format 3\x00"
# indexes an earlier version created and a wider one now replaces (dropped at open);
# ix_cards_queue (state, due) is the head of ix_cards_due_pos: no query chose it, and every
# answer moved its entry (two of the ~15 pages an answer's commit writes and fsyncs);
# ix_cards_deck_id (deck_id) and ix_cards_concept_id (concept_id) are the heads of
# ix_cards_deck_due / ix_cards_deck_sibling and ix_cards_stats: every query that read them
# reads one of those instead (EXPLAIN QUERY PLAN of the tests' and benchmarks' statements),
# and an import built each again over the whole cards table (20k cards: ≈ 0.02 s);
# ix_cards_due_pos (state, due, …) and ix_cards_due_sort (new last, due, …) ordered the same
# cards by due: ix_cards_by_due (the latter with suspended) serves both, one index an answer
# moves instead of two
OBSOLETE_INDEXES = (
    "ix_cards_due", "ix_cards_deck_queue", "ix_cards_due_order", "ix_cards_queue",
    "ix_cards_deck_id", "ix_cards_concept_id", "ix_cards_due_pos", "ix_cards_due_sort",
)  # fmt: skip
BUSY_TIMEOUT_MS = 5000


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise CollectionError("is a folder, expected a collection database", str(path))
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise CollectionError(f"cannot be read ({exc.strerror})", str(path)) from exc
    if head and head[:16] != SQLITE_MAGIC:
        raise DamagedCollectionError("is not an SQLite database (left untouched)", str(path))
    if head:
        # a file in WAL mode already (every collection we wrote) needs no read-only look
        # first: connecting for writing leaves its header as it is, and ``Database.open``
        # refuses a newer or foreign database on that connection with the same words
        if head[18:20] != b"\x02\x02":
            _refuse_foreign(path)
    elif _has_backups(path.parent):  # an empty file where a collection was: damage, not new
        raise DamagedCollectionError("is empty (0 bytes; left untouched)", str(path))


def _has_backups(data_dir: Path) -> bool:
    from srsapp.store.backup_names import BACKUP_DIR, parse_backup_name

    folder = data_dir / BACKUP_DIR
    try:
        return folder.is_dir() and any(parse_backup_name(p.name) for p in folder.iterdir())
    except OSError:
        return False


def _unreadable(path: Path, exc: UnicodeDecodeError) -> DamagedCollectionError:
    return DamagedCollectionError(
        f"is damaged (its list of tables is not text: byte {exc.object[exc.start]:#04x}; "
        "left untouched)",
        str(path),
    )


def _refuse_foreign(path: Path) -> None:
    """Refuse a newer or foreign database before connecting for writing: a writing connection
    switches the file to WAL, which changes its header."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # the normal open reports it
    try:
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error:
        return
    except UnicodeDecodeError as exc:  # flipped bytes in the schema
        raise _unreadable(path, exc) from exc
    finally:
        con.close()
    if version > SCHEMA_VERSION:
        raise CollectionError(
            f"was written by a newer srsapp (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); left untouched",
            str(path),
        )
    if tables and "cards" not in tables:
        raise CollectionError("is an SQLite database but not an srsapp collection", str(path))


@functools.cache
def _model_indexes() -> tuple[Index, ...]:
    """Every index the models declare, tables in dependency order (sorted once, not at every
    open)."""
    return tuple(i for t in Base.metadata.sorted_tables for i in t.indexes)


def _same_sql(stored: str | None, ddl: str) -> bool:
    """Whether SQLite's copy of a CREATE statement is ``ddl`` (it drops "IF NOT EXISTS")."""
    if stored is None:
        return False
    want = _as_stored(ddl)
    return stored == want or " ".join(stored.split()) == want  # (the first: every open)


@functools.cache
def _as_stored(ddl: str) -> str:
    """``ddl`` as SQLite keeps it in ``sqlite_master``, white space made single spaces."""
    return " ".join(ddl.replace(" IF NOT EXISTS", "").split())


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries, where the platform can) to the disk."""
    if path.is_dir() and not hasattr(os, "O_DIRECTORY"):
        return  # Windows: folders cannot be opened for fsync
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _whole_collection(path: Path) -> str | None:
    """None if ``path`` is an intact collection database, else what is wrong with it."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        row = con.execute("PRAGMA quick_check").fetchone()
        if not row or row[0] != "ok":
            return f"quick_check: {row[0] if row else 'no answer'}"
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'cards'").fetchone() is None:
            return "no cards table"
        return None
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        return str(exc)
    finally:
        con.close()


def _pragmas(synchronous: str) -> Callable[[sqlite3.Connection, object], None]:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's transaction handling drive BEGIN; we issue pragmas first.
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute(f"PRAGMA synchronous = {synchronous}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    return on_connect


def make_engine(path: Path, *, durable: bool = True) -> Engine:
    """``durable=False`` (test mode) sets ``synchronous=OFF``: commits are not fsynced. A
    killed process still loses nothing (the OS has the pages); a power cut could."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _pragmas("FULL" if durable else "OFF"))
    return engine


class Database:
    """An open collection database: an engine plus a session factory."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._checkpoint: threading.Thread | None = None
        # called before every write transaction (the collection lock's ``ensure_held``)
        self.before_write: Callable[[], None] | None = None
        # transactions committed through this engine, by any writer on any thread (a cache of
        # what the tables hold, such as the study queue, compares it with the count it was
        # built at)
        self.commits = 0
        # whether the file had the "seeded" mark when opened (read with the schema: the
        # collection's first open imports the bundled deck)
        self.seeded_at_open = False
        self._commits_lock = threading.Lock()
        event.listen(engine, "commit", self._committed)
        # the study hot path's own connection (``raw_transaction`` / ``raw_reading`` on the
        # thread that first used them, when not already in use there): no pool check-out and
        # reset on every use (≈ 10 µs), and the card read for the review screen and the
        # answer's write share one page cache; other threads (and a nested use) take pooled
        # connections, as every other reader and writer does
        self._hot: PoolProxiedConnection | None = None
        self._hot_raw: sqlite3.Connection | None = None  # its sqlite3 connection
        self._hot_pool: Pool | None = None
        self._hot_thread: int | None = None
        self._hot_busy = False
        self._closed = False

    def _committed(self, _conn: object) -> None:
        with self._commits_lock:
            self.commits += 1

    @classmethod
    def open(cls, path: Path, now: datetime | None = None, *, durable: bool = True) -> Database:
        _check_file(path)
        engine = make_engine(path, durable=durable)
        try:
            with engine.connect() as conn:
                # on the sqlite3 connection itself: three reads at every open, where
                # SQLAlchemy's result objects would cost more than the reads
                raw = sqlite_connection(conn)
                version = int(raw.execute("PRAGMA user_version").fetchone()[0])
                schema = [
                    (str(kind), str(name), sql)
                    for kind, name, sql in raw.execute("SELECT type, name, sql FROM sqlite_master")
                ]
                tables = {name for kind, name, _sql in schema if kind == "table"}
                seeded = "meta" in tables and bool(
                    (raw.execute("SELECT value FROM meta WHERE key = 'seeded'").fetchone()
                     or (None,))[0]
                )  # fmt: skip
        except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            orig = exc.orig if isinstance(exc, DatabaseError) else exc
            damaged = not isinstance(orig, sqlite3.OperationalError)  # not "locked", "busy"
            error = DamagedCollectionError if damaged else CollectionError
            raise error(f"cannot open database ({orig})", str(path)) from exc
        except UnicodeDecodeError as exc:
            engine.dispose()
            raise _unreadable(path, exc) from exc
        if version > SCHEMA_VERSION:
            engine.dispose()
            raise CollectionError(
                f"was written by a newer srsapp (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); left untouched",
                str(path),
            )
        db = cls(path, engine)
        db.seeded_at_open = seeded
        if not tables:
            db._create()
        elif "cards" not in tables:
            engine.dispose()
            raise CollectionError("is an SQLite database but not an srsapp collection", str(path))
        elif version < SCHEMA_VERSION:
            from srsapp.store.backup_names import BACKUP_DIR, unique_backup_path
            from srsapp.store.migrations import migrate

            # A consistent copy first (VACUUM INTO); the migration itself is one transaction.
            db.backup_to(
                unique_backup_path(
                    path.parent / BACKUP_DIR,
                    now or datetime.now(UTC),
                    f"before-migration-v{version}",
                )
            )
            try:
                migrate(db.engine, version)
            except (DatabaseError, OperationalError) as exc:
                engine.dispose()
                raise CollectionError(
                    f"upgrading from schema {version} failed ({exc.orig}); left as it was",
                    str(path),
                ) from exc
        if tables:
            if version < SCHEMA_VERSION:  # migrated: the schema read above is not the file's
                schema = db._schema()
            db.ensure_indexes(schema)
            db.ensure_triggers(schema)
        return db

    def _schema(self) -> list[tuple[str, str, str | None]]:
        """(type, name, sql) of every entry of ``sqlite_master``."""
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT type, name, sql FROM sqlite_master")
            return [(str(kind), str(name), sql) for kind, name, sql in rows]

    def ensure_indexes(self, schema: list[tuple[str, str, str | None]] | None = None) -> None:
        """Create any index of the models that the file lacks. Indexes only make queries
        faster (no data changes), so adding one needs no schema version. ``schema``: what
        ``sqlite_master`` holds, when already read."""
        schema = self._schema() if schema is None else schema
        have = {name for kind, name, _sql in schema if kind == "index"}
        missing = [i for i in _model_indexes() if i.name not in have]
        obsolete = [name for name in OBSOLETE_INDEXES if name in have]
        if missing or obsolete:
            with self.engine.begin() as conn:
                for index in missing:
                    index.create(conn, checkfirst=False)  # known missing (no reflection)
                for name in obsolete:
                    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")

    def ensure_triggers(self, schema: list[tuple[str, str, str | None]] | None = None) -> None:
        """Bring the triggers of the derived tables up to date: when their SQL has changed
        (imported answers counted since issue 19), drop them, create them anew and recompute
        the table (``revlog_hours`` from the review log, ``card_sort_keys`` from the cards;
        one transaction each). ``schema``: as for ``ensure_indexes``."""
        schema = self._schema() if schema is None else schema
        have = {name: sql for kind, name, sql in schema if kind == "trigger"}
        for triggers, rebuild in (
            (REVLOG_HOURS_TRIGGERS, rebuild_revlog_hours),
            (CARD_SORT_TRIGGERS, rebuild_card_sort_keys),
        ):
            if all(_same_sql(have.get(name), ddl) for name, ddl in triggers.items()):
                continue
            with self.engine.begin() as conn:
                for name in triggers:
                    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
                rebuild(conn)

    def _create(self) -> None:
        with self.engine.begin() as conn:
            Base.metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute(META.insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error (a full disk: a
        CollectionError that says so, nothing of the unit written)."""
        if self.before_write is not None:
            self.before_write()
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            self._raise_if_full(exc.orig, exc)
            raise
        finally:
            session.close()

    def _raise_if_full(self, orig: BaseException | None, exc: BaseException) -> None:
        if isinstance(orig, sqlite3.OperationalError) and "full" in str(orig):
            raise CollectionError(
                "the disk is full: nothing of this change was saved (free some space and "
                "try again)",
                str(self.path),
            ) from exc

    def _hot_connection(self) -> sqlite3.Connection | None:
        """The hot path's own connection, when this thread may use it now (else None: use
        the pool). Taken from the engine's pool once, and again after the pool was replaced
        (``engine.dispose``: a connect listener added since applies to it too)."""
        if self._hot_busy or self._closed:
            return None
        me = threading.get_ident()
        if self._hot_thread is None:
            self._hot_thread = me
        elif self._hot_thread != me:
            return None
        if self._hot is not None and self._hot_pool is not self.engine.pool:
            self._drop_hot(invalid=True)
        raw = self._hot_raw
        if raw is None:
            self._hot_pool = self.engine.pool
            self._hot = self.engine.raw_connection()
            raw = self._hot.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            self._hot_raw = raw  # (the pool's wrapper reads it through three properties)
        return raw

    def _drop_hot(self, *, invalid: bool = False) -> None:
        """Give the hot path's connection back to its pool (``invalid``: close it — its
        pool was replaced, or an error may have left it unusable)."""
        hot, self._hot, self._hot_raw = self._hot, None, None
        if hot is not None:
            if invalid:
                hot.invalidate()
            hot.close()

    @contextmanager
    def _hot_use(self, raw: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """The hot path's connection for a read (``raw_transaction`` writes on it itself)."""
        self._hot_busy = True
        try:
            yield raw
        except sqlite3.Error:
            self._drop_hot(invalid=True)  # a fresh one next time
            raise
        finally:
            self._hot_busy = False

    def raw_transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """``transaction`` for a hot path (an answer): the sqlite3 connection itself, no ORM
        session. sqlite3 keeps each statement prepared in its cache, keyed by its text, so
        constant SQL is parsed once per connection. Commit on success, roll back on error."""
        if self.before_write is not None:
            self.before_write()
        hot = self._hot_connection()
        if hot is not None:
            return _HotTransaction(self, hot)
        return self._pooled_transaction()

    def _hot_ended(self, error: BaseException | None) -> None:
        """The hot path's transaction is over (``error``: why it was rolled back, if it
        was): an sqlite3 error leaves the connection to the pool (a fresh one next time);
        a full disk is said in words."""
        self._hot_busy = False
        if error is None:
            self._committed(None)
        elif isinstance(error, sqlite3.Error):
            self._drop_hot(invalid=True)
            if isinstance(error, sqlite3.OperationalError):
                self._raise_if_full(error, error)

    @contextmanager
    def _pooled_transaction(self) -> Iterator[sqlite3.Connection]:
        """``raw_transaction`` on the pool's connection itself: no SQLAlchemy Connection and
        transaction objects (≈ 25 µs of an answer's CPU); SQLAlchemy emits no BEGIN for
        SQLite either way."""
        pooled = self.engine.raw_connection()
        try:
            raw = pooled.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            with _committing(raw):
                yield raw
        except OperationalError as exc:
            self._raise_if_full(exc.orig, exc)
            raise
        except sqlite3.OperationalError as exc:
            self._raise_if_full(exc, exc)
            raise
        finally:
            pooled.close()  # back to the pool (reset there, as after any use)
        self._committed(None)  # (what the engine's "commit" event counts)

    @contextmanager
    def raw_reading(self) -> Iterator[sqlite3.Connection]:
        """``reading`` for a hot path: the sqlite3 connection, no ORM session."""
        hot = self._hot_connection()
        if hot is not None:
            with self._hot_use(hot) as conn:
                yield conn
            return
        pooled = self.engine.raw_connection()
        try:
            raw = pooled.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            yield raw
        finally:
            pooled.close()

    @contextmanager
    def transaction_attached(
        self, name: str, data: bytes, *, foreign_keys: bool = True
    ) -> Iterator[tuple[Session, Callable[[str, bytes | None], None]]]:
        """``transaction`` with the SQLite database ``data`` (bytes, kept in memory) attached
        to its connection as schema ``name``, for ``INSERT ... SELECT`` from it; yields the
        session and ``attach(name, data)`` to attach more during the transaction (``data``
        None: a new empty in-memory database, whose pages stay in memory as they are written:
        no page cache to spill into a copy, as a deserialized one has). The
        connection stays checked out until the transaction has ended and every database is
        detached again (SQLite cannot detach inside a transaction). ``foreign_keys=False``:
        not checked during this transaction, for a writer whose references hold by
        construction (a 10k-note import: 0.017 s of lookups)."""
        names: list[str] = []
        if self.before_write is not None:
            self.before_write()
        with self.engine.connect() as conn:
            raw = sqlite_connection(conn)
            if not foreign_keys:
                raw.execute("PRAGMA foreign_keys = OFF")  # before the transaction begins
            # a bulk write: its commit does not also copy the WAL into the database file
            # (SQLite's auto-checkpoint: 17 MB after a 10k-note import, 0.02 s); a thread
            # does that right after instead (``checkpoint_soon``)
            autocheckpoint = int(raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
            raw.execute("PRAGMA wal_autocheckpoint = 0")

            def attach(name: str, data: bytes | None) -> None:
                if not name.isidentifier() or name in names:
                    raise ValueError(f"not a new schema name: {name!r}")
                raw.execute(f"ATTACH ':memory:' AS {name}")
                names.append(name)
                if data is not None:
                    raw.deserialize(data, name=name)

            try:
                attach(name, data)
                session = self._sessions(bind=conn)
                try:
                    with session.begin():
                        yield session, attach
                finally:
                    session.close()
            finally:
                try:
                    if raw.in_transaction:
                        raw.rollback()
                    for attached in names:
                        raw.execute(f"DETACH {attached}")
                    raw.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}")
                    raw.execute("PRAGMA foreign_keys = ON")
                except sqlite3.Error:
                    conn.invalidate()  # never hand the pool a connection with one attached
        self.checkpoint_soon()

    def checkpoint_soon(self) -> None:
        """Copy the WAL into the database file in a background thread, on a connection of
        its own (a passive checkpoint: it never blocks readers or writers). ``close`` waits
        for it."""
        if self._checkpoint is not None and self._checkpoint.is_alive():
            return
        self._checkpoint = threading.Thread(
            target=_checkpoint, args=(self.path,), name="srsapp-checkpoint", daemon=True
        )
        self._checkpoint.start()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
        finally:
            session.close()  # ends the read transaction; loaded objects stay readable

    def integrity_check(self) -> list[str]:
        try:
            with self.engine.connect() as conn:
                rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        except DatabaseError as exc:  # damage can stop the check itself
            return [str(exc.orig or exc)]
        return [r[0] for r in rows if r[0] != "ok"]

    def backup_to(self, dest: Path) -> None:
        """A consistent copy of the live database (``VACUUM INTO``), written under a temporary
        name, fsynced and checked (``quick_check``, our tables) before it is renamed to
        ``dest``: a backup killed half-way leaves nothing under a backup's name (its remains
        are ``backup_names.leftovers``)."""
        from srsapp.store.backup_names import partial_backup_path

        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = partial_backup_path(dest)
        journal = tmp.with_name(tmp.name + "-journal")
        try:
            for stale in (tmp, journal):
                stale.unlink(missing_ok=True)
            with self.engine.connect() as conn:
                conn.execute(text("VACUUM INTO :dest"), {"dest": str(tmp)})
            _fsync(tmp)
            problem = _whole_collection(tmp)
            if problem:
                raise CollectionError(f"the new backup did not check out ({problem})", str(dest))
            os.replace(tmp, dest)
            _fsync(dest.parent)
        finally:
            for left in (tmp, journal):
                left.unlink(missing_ok=True)

    def close(self) -> None:
        self._closed = True
        self._drop_hot()  # back to the pool, which closes it below
        if self._checkpoint is not None:
            self._checkpoint.join()
        # the pool's connections closed (``engine.dispose`` would also make a new pool for
        # an engine nobody uses again: a tenth of a close)
        self.engine.pool.dispose()


class _HotTransaction:
    """``raw_transaction`` on the hot path's own connection: an object with ``__enter__``
    and ``__exit__`` instead of a generator (no generator and wrapper made and stepped at
    every answer)."""

    __slots__ = ("_db", "_conn")

    def __init__(self, db: Database, conn: sqlite3.Connection) -> None:
        self._db = db
        self._conn = conn
        db._hot_busy = True

    def __enter__(self) -> sqlite3.Connection:
        return self._conn

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _tb: object
    ) -> None:
        conn = self._conn
        try:
            if exc is None:
                try:
                    conn.commit()
                except BaseException:
                    conn.rollback()
                    raise
            else:
                conn.rollback()
        except BaseException as failed:
            self._db._hot_ended(failed)
            raise
        self._db._hot_ended(exc)


@contextmanager
def _committing(raw: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Commit what was done on ``raw`` in the block, or roll it back on any error."""
    try:
        yield raw
        raw.commit()
    except BaseException:
        raw.rollback()
        raise


def _checkpoint(path: Path) -> None:
    try:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        pass  # the next commit's auto-checkpoint (or the last close) does it instead
