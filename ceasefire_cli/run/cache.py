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

Rows are JSON, never pickle, so a tampered file cannot run code. Each row is
16 bytes of checksum, then ``[sentences, claims]``: the distinct sentences of
the document, then one array per claim in :class:`~ceasefire_cli.models.Claim`
field order, dates as ISO strings, the sentence as an index, the id as its
number (ids are ``<document id>#<n>``) and the document as ``null`` (the
row's own). Claims decoded from one row share their sentence strings and
dates. The checksum catches a damaged or hand-edited row; it is no signature
(whoever can write the file can recompute it), which is why every value is
checked against the text as well.

Only the process that opened the cache reads and writes it (parallel
extraction returns claims to the parent), and the database is in WAL mode,
so several cfcheck runs at once neither block readers nor crash.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import math
import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..config import Settings
from ..errors import CfcheckError
from ..models import Claim, Document

#: Environment variable naming the cache folder (tests and CI point it at a temporary folder).
ENV_DIR = "CFCHECK_CACHE_DIR"
FILE_NAME = "claims.sqlite3"
#: Layout of the database and of its rows; bump on any change to either.
SCHEMA = "2"
#: Seconds to wait for another process's write lock before giving up a write.
BUSY_TIMEOUT = 5.0
#: Keys per SELECT (well under SQLite's smallest limit on bound parameters, 999).
_BATCH = 500

_FIELDS = tuple(f.name for f in fields(Claim))
_ID, _DOCUMENT, _SENTENCE = (_FIELDS.index(n) for n in ("id", "document", "sentence"))
_KIND, _TEXT, _START, _END, _LINE, _COLUMN, _SECTION, _LOW, _HIGH, _HEDGE = (
    _FIELDS.index(n) for n in ("kind", "text", "start", "end", "line", "column", "section", "low", "high", "hedge")
)
_DATES = tuple(i for i, f in enumerate(fields(Claim)) if "date" in str(f.type))
#: Fields that hold a word or nothing (the rest are checked one by one in :func:`_check_row`).
_WORDS = tuple(i for i, f in enumerate(fields(Claim)) if str(f.type) == "str | None")
_KINDS = frozenset({"count", "date"})
_SECTIONS = frozenset({"body", "comments"})
_CHECKSUM = 16
_NEWLINE = re.compile("\n")
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


# --- rows ---------------------------------------------------------------------------


def _checksum(key: bytes, payload: bytes) -> bytes:
    return hashlib.sha256(key + b"\0" + payload).digest()[:_CHECKSUM]


def encode_claims(doc: Document, claims: Sequence[Claim], key: bytes = b"") -> bytes:
    """One document's claims as the checksummed JSON row described in the module docstring.

    ``key`` is the row's key in the cache (:func:`document_key`), which the checksum covers.
    """
    sentences: dict[str, int] = {}
    rows = []
    prefix = doc.id + "#"
    for c in claims:
        row: list[Any] = [getattr(c, name) for name in _FIELDS]
        for i in _DATES:
            if row[i] is not None:
                row[i] = row[i].isoformat()
        n = c.id[len(prefix) :]
        if c.id.startswith(prefix) and n.isdigit() and str(int(n)) == n:
            row[_ID] = int(n)
        if c.document == doc.id:
            row[_DOCUMENT] = None
        row[_SENTENCE] = sentences.setdefault(c.sentence, len(sentences))
        rows.append(row)
    payload = json.dumps([list(sentences), rows], ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return _checksum(key, payload) + payload


def decode_claims(doc: Document, data: bytes, days: dict[str, dt.date] | None = None, key: bytes = b"") -> tuple[Claim, ...]:
    """The claims of a row made by :func:`encode_claims` under ``key``; ValueError unless the row proves itself.

    ``days`` memoises ISO strings to dates, so claims share their date objects.
    """
    days = {} if days is None else days
    if not isinstance(data, bytes) or len(data) < _CHECKSUM or data[:_CHECKSUM] != _checksum(key, data[_CHECKSUM:]):
        raise ValueError("cache row: checksum does not match")
    try:
        sentences, rows = json.loads(data[_CHECKSUM:].decode("utf-8", "surrogatepass"))
        if not isinstance(sentences, list) or not isinstance(rows, list) or not all(type(x) is str for x in sentences):
            raise ValueError("cache row: not [sentences, claims]")
        lines = _line_starts(doc.text) if rows else []
        out = []
        for number, row in enumerate(rows, 1):
            _check_row(row, number, doc.text, lines, sentences)
            row[_ID] = f"{doc.id}#{number}"
            row[_DOCUMENT] = doc.id
            row[_SENTENCE] = sentences[row[_SENTENCE]]
            for i in _DATES:
                iso = row[i]
                if iso is not None:
                    day = days.get(iso)
                    if day is None:
                        day = days[iso] = dt.date.fromisoformat(iso)
                    row[i] = day
            out.append(Claim(*row))
        return tuple(out)
    except (TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise ValueError(f"malformed cache row: {type(exc).__name__}") from None


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def _is_int(x: object) -> bool:
    return type(x) is int


def _check_row(row: Any, number: int, text: str, lines: list[int], sentences: list[str]) -> None:
    """Raise ValueError unless ``row`` is claim ``number`` of ``text`` as extraction would have written it."""
    if not isinstance(row, list) or len(row) != len(_FIELDS):
        raise ValueError("cache row: a claim has the wrong number of fields")
    start, end, line, column = row[_START], row[_END], row[_LINE], row[_COLUMN]
    if row[_ID] != number or not _is_int(row[_ID]) or row[_DOCUMENT] is not None:
        raise ValueError("cache row: a claim's id or document is not the row's")
    if not (_is_int(start) and _is_int(end) and _is_int(line) and _is_int(column) and 0 <= start <= end <= len(text)):
        raise ValueError("cache row: offsets outside the text")
    if row[_TEXT] != text[start:end] or not start < end:
        raise ValueError("cache row: the claim's text is not the text at its offsets")
    i = bisect.bisect_right(lines, start) - 1
    if (line, column) != (i + 1, start - lines[i] + 1):
        raise ValueError("cache row: line and column are not where the offsets are")
    n = row[_SENTENCE]
    if not _is_int(n) or not 0 <= n < len(sentences) or " ".join(row[_TEXT].split()) not in sentences[n]:
        raise ValueError("cache row: the claim is not in its sentence")
    if row[_KIND] not in _KINDS or row[_SECTION] not in _SECTIONS or type(row[_HEDGE]) is not str:
        raise ValueError("cache row: unknown kind, section or hedge")
    low, high = row[_LOW], row[_HIGH]
    for x in (low, high):
        if x is not None and (type(x) not in (int, float) or not math.isfinite(x)):
            raise ValueError("cache row: a value that is not a finite number")
    if low is not None and high is not None and low > high:
        raise ValueError("cache row: low above high")
    if row[_KIND] == "count" and low is None and high is None:
        raise ValueError("cache row: a count without a value")
    for i in _WORDS:
        if row[i] is not None and type(row[i]) is not str:
            raise ValueError("cache row: a word that is not a string")
    for i in _DATES:
        if row[i] is not None and type(row[i]) is not str:
            raise ValueError("cache row: a date that is not a string")
    if type(row[_TEXT]) is not str:  # pragma: no cover - equal to a slice of the text above
        raise ValueError("cache row: text is not a string")


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
