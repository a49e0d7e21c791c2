"""A cache of extracted claims in SQLite, so a re-run over an unchanged archive extracts nothing.

One row per document. Its key is the SHA-256 of everything extraction
depends on: the document's text and the metadata that steers it (id,
publication date, where its comment section starts), the extractor's
version and the validated taxonomy. Change any of them and the key changes,
so a stale row is never found; it is simply not used again.

The file lives in ``$CFCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/cfcheck``,
else ``~/.cache/cfcheck``. It is trusted only when it proves itself:

* a file that is not SQLite, or has other tables or columns, is deleted and
  created afresh;
* a file written by another version of cfcheck is emptied (the version
  includes a digest of the package's source, so an edited checkout never
  reads claims an older extractor made);
* a row is a miss unless it proves itself (:func:`decode_claims`): its
  checksum, a digest of the row's key (the text's hash, the version and the
  settings) and its bytes, must match, and every value must have its type and
  fit the document's text: offsets inside the text and over the claim's own
  words, line and column where those offsets are, ids numbered in order, the
  document's own claims only. A row that fails is extracted again, never
  trusted and never fatal;
* a database another process holds locked beyond the busy timeout is not
  written this time (the claims were extracted; only the saving is lost).

Rows are JSON, never pickle, so a tampered file cannot run code; their
layout and the checks each must pass are in :mod:`.rows`. Claims decoded
from one row share their sentence strings and dates.

Only the process that opened the cache reads and writes it (parallel
extraction returns claims to the parent), and the database is in WAL mode,
so several cfcheck runs at once neither block readers nor crash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..config import Settings
from ..errors import CfcheckError
from ..models import Claim, Document
from .rows import decode_claims, encode_claims

__all__ = ["CacheError", "ClaimCache", "cache_dir", "decode_claims", "document_key", "encode_claims", "open_cache", "settings_digest"]

#: Environment variable naming the cache folder (tests and CI point it at a temporary folder).
ENV_DIR = "CFCHECK_CACHE_DIR"
FILE_NAME = "claims.sqlite3"
#: Layout of the database and of its rows; bump on any change to either.
SCHEMA = "2"
#: Seconds to wait for another process's write lock before giving up a write.
BUSY_TIMEOUT = 5.0
#: Keys per SELECT (well under SQLite's smallest limit on bound parameters, 999).
_BATCH = 500

_TABLES = {
    "meta": [("name", "TEXT"), ("value", "TEXT")],
    "claims": [("key", "BLOB"), ("data", "BLOB")],
}
_CREATE = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (key BLOB PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
"""


class CacheError(CfcheckError):
    """The cache folder cannot be used; the run can go on without a cache."""


def _source_digest() -> str:
    """A short digest of the package's modules ('' when they cannot be read).

    All of them, not a hand-kept list of the extractor's: a list would go
    stale the day extraction imports one more module. Reading them takes a
    few milliseconds, and only when the cache is used.
    """
    h = hashlib.sha256()
    try:
        package = Path(__file__).resolve().parent.parent
        for path in sorted(package.rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    except OSError:  # e.g. run from a zip: the package version alone must do
        return ""
    return h.hexdigest()[:16]


#: The extractor's version: the package version plus a digest of the package's source.
VERSION = f"{__version__}+{_source_digest()}"


def cache_dir(environ: dict[str, str] | None = None) -> Path:
    """The folder the cache lives in: ``$CFCHECK_CACHE_DIR``, else the XDG user cache folder.

    >>> cache_dir({"CFCHECK_CACHE_DIR": "/tmp/c"}).as_posix()
    '/tmp/c'
    >>> cache_dir({"XDG_CACHE_HOME": "/var/cache/me", "HOME": "/home/me"}).as_posix()
    '/var/cache/me/cfcheck'
    """
    env = os.environ if environ is None else environ
    if env.get(ENV_DIR):
        return Path(env[ENV_DIR])
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec says a relative value is to be ignored
        return Path(xdg, "cfcheck")
    home = env.get("HOME") or os.path.expanduser("~")
    return Path(home, ".cache", "cfcheck")


def settings_digest(settings: Settings) -> str:
    """A digest of the validated taxonomy (where the file lives plays no part).

    Hashing the validated settings rather than the file's bytes means an edit
    to a comment in claims.yaml keeps the cache, and any edit that changes a
    phrase, a default or a threshold empties it.
    """
    return hashlib.sha256(repr(replace(settings, path="")).encode("utf-8")).hexdigest()


def document_key(doc: Document, namespace: str) -> bytes:
    """The SHA-256 key of ``doc``'s claims under ``namespace`` (version and settings)."""
    h = hashlib.sha256(namespace.encode("utf-8"))
    published = "" if doc.published is None else str(doc.published)  # str(date) is its ISO form
    h.update(f"\0{doc.id}\0{published}\0{doc.body_end}\0".encode("utf-8", "surrogatepass"))
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    return h.digest()


# --- the database -------------------------------------------------------------------


class _Untrusted(Exception):
    """The file is SQLite but not our layout: delete it and start again."""


class ClaimCache:
    """Claims of documents already extracted, in one SQLite file; open with :func:`open_cache`.

    ``hits``, ``misses`` and ``skipped_writes`` count what this run did;
    ``rebuilt`` says whether an unusable file was replaced on opening.
    """

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.namespace = f"{VERSION}\0{settings_digest(settings)}"
        self.hits = 0
        self.misses = 0
        self.skipped_writes = 0
        self.rebuilt = False
        self._days: dict[str, dt.date] = {}
        self._con: sqlite3.Connection | None = self._open()

    # --- opening, checking, rebuilding

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except (sqlite3.DatabaseError, _Untrusted):
            self.rebuilt = True
            self._remove()
        try:
            return self._connect()
        except (sqlite3.DatabaseError, _Untrusted, OSError) as exc:
            raise CacheError(f"cannot use the cache: {exc} (remove the file, set {ENV_DIR}, or pass --no-cache)", str(self.path)) from None

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")  # the first read: fails here on a non-SQLite file
            con.execute("PRAGMA synchronous=NORMAL")
            con.executescript(_CREATE)
            for table, columns in _TABLES.items():
                found = [(r[1], r[2].upper()) for r in con.execute(f"PRAGMA table_info({table})")]
                if found != columns:
                    raise _Untrusted(f"table {table} has columns {found}")
            meta = dict(con.execute("SELECT name, value FROM meta"))
            if meta.get("schema", SCHEMA) != SCHEMA:
                raise _Untrusted(f"schema {meta['schema']}")
            if meta.get("version") != VERSION:
                # Rows of another version are useless but harmless: empty the table.
                with con:
                    con.execute("BEGIN IMMEDIATE")
                    if dict(con.execute("SELECT name, value FROM meta")).get("version") != VERSION:
                        con.execute("DELETE FROM claims")
                        con.executemany(
                            "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
                            [("schema", SCHEMA), ("version", VERSION)],
                        )
        except BaseException:
            con.close()
            raise
        return con

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise CacheError(f"cannot replace the unusable cache file: {exc.strerror}", str(self.path)) from None

    def _broken(self) -> None:
        """The file turned out corrupt mid-run: replace it, or go on without a cache."""
        self.close()
        self.rebuilt = True
        try:
            self._remove()
            self._con = self._connect()
        except (CacheError, sqlite3.DatabaseError, _Untrusted, OSError):
            self._con = None

    # --- reading and writing

    def key(self, doc: Document) -> bytes:
        """The key of ``doc``'s claims in this cache."""
        return document_key(doc, self.namespace)

    def get_many(self, documents: Sequence[Document], keys: Sequence[bytes]) -> list[tuple[Claim, ...] | None]:
        """The cached claims of each document (``None`` for a miss), in the order given."""
        found: dict[bytes, bytes] = {}
        if self._con is not None:
            try:
                for i in range(0, len(keys), _BATCH):
                    batch = list(keys[i : i + _BATCH])
                    marks = ",".join("?" * len(batch))
                    found.update(self._con.execute(f"SELECT key, data FROM claims WHERE key IN ({marks})", batch))
            except sqlite3.OperationalError:
                found = {}
            except sqlite3.DatabaseError:
                self._broken()
                found = {}
        out: list[tuple[Claim, ...] | None] = []
        for doc, key in zip(documents, keys):
            data = found.get(key)
            claims = None
            if data is not None:
                try:
                    claims = decode_claims(doc, data, self._days, key)
                except ValueError:
                    claims = None
            if claims is None:
                self.misses += 1
            else:
                self.hits += 1
            out.append(claims)
        return out

    def put_many(self, entries: Iterable[tuple[bytes, Document, Sequence[Claim]]]) -> None:
        """Store the claims of each ``(key, document, claims)``; a lock held too long skips the write."""
        rows = [(key, encode_claims(doc, claims, key)) for key, doc, claims in entries]
        if not rows or self._con is None:
            return
        try:
            with self._con:
                self._con.execute("BEGIN IMMEDIATE")
                self._con.executemany("INSERT OR REPLACE INTO claims (key, data) VALUES (?, ?)", rows)
        except sqlite3.OperationalError:
            self.skipped_writes += len(rows)
        except sqlite3.DatabaseError:
            self.skipped_writes += len(rows)
            self._broken()

    def close(self) -> None:
        """Close the database; the object is not usable afterwards."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> ClaimCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_cache(settings: Settings, directory: str | os.PathLike[str] | None = None) -> ClaimCache:
    """Open (creating, or rebuilding when unusable) the claim cache for ``settings``.

    Raises :class:`CacheError` when the folder cannot be created or the file
    cannot be written; the caller can warn and go on without a cache.
    """
    folder = Path(directory) if directory is not None else cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CacheError(f"cannot create the cache folder: {exc.strerror} (set {ENV_DIR} or pass --no-cache)", str(folder)) from None
    return ClaimCache(folder / FILE_NAME, settings)
