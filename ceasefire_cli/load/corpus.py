"""paths -> Documents: find the files, decode them, attach their metadata, mark comment sections.

:func:`load` takes files and folders (see :mod:`ceasefire_cli.load.files` for how
folders are walked and files named). One bad file never stops the run: it
becomes a :class:`Problem` and every other file is still loaded. Only a
missing input path (:class:`InputError`) or a malformed ``sources.yaml``
(:class:`ConfigError`) raises, because both mean the user asked for
something that cannot be done.

Documents come out sorted by id, whatever order the paths were given in,
so that a report does not depend on the command line's word order.

``Document.text`` is the decoded file exactly as written (only a byte order
mark is dropped), because every later offset, line and column points into
it. The one exception is Markdown front matter, blanked by
:func:`ceasefire_cli.load.metadata.read_front_matter`.

The publication date comes from, in order: the folder's ``sources.yaml``,
the file's own metadata (front matter, JSON fields, HTML metadata), a date
in its path or URL, a byline or dated dateline at its top (see
:mod:`ceasefire_cli.load.dating`), else it stays unknown — never a date inside the
story; ``published_basis`` says which. Outlet,
title and URL come from ``sources.yaml``, else the front matter.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO, overload

from .comments import find_comments
from .dating import publication_date
from .directives import read_markdown
from .files import SOURCES_NAME, Found, expand, read_limited, reason, size_text as _size
from .ingest import html_record, json_item_lines, json_records
from .metadata import Meta, blank, front_matter, read_front_matter, read_sources
from ..models import Document, Problem

__all__ = ["LoadResult", "Sources", "load", "find_sources", "iter_load", "documents_from_bytes", "decode", "MAX_FILE_BYTES", "find_comments", "front_matter", "blank", "read_sources"]

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
#: Larger files are not articles (a data dump, a log): skipped unread, so memory and time stay bounded.
MAX_FILE_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The documents that could be read, and what went wrong with the others."""

    documents: tuple[Document, ...] = ()
    problems: tuple[Problem, ...] = ()


def load(
    paths: Sequence[str | os.PathLike[str]] | Sources,
    *,
    base: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    stdin: BinaryIO | None = None,
) -> LoadResult:
    """Read every article under ``paths``; relative paths are taken from ``base`` (default: cwd).

    ``-`` stands for standard input (``stdin`` in tests), read as Markdown
    and refused, like a file, when it holds more than ``max_bytes``; only a
    bare ``-`` does (``./-`` is a file).
    Ids and ``path`` stay as the user wrote them (POSIX form, control
    characters escaped), so reports name files the way the command line did.
    Documents and problems are sorted by path; when one file is reached under
    two names, the name that sorts first is kept. ``paths`` may be the
    :class:`Sources` already found (:func:`find_sources`).

    >>> load(["seeds"], base=".").documents[0].id  # doctest: +SKIP
    'seeds/000_f18b52ff7516bb79.txt'
    """
    problems: list[Problem] = []
    documents: list[Document] = []
    for item in iter_load(paths, base=base, max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            documents.append(item)
    problems.sort(key=lambda problem: problem.path)
    documents.sort(key=lambda d: d.id)
    return LoadResult(tuple(documents), tuple(problems))


@dataclass(frozen=True, slots=True)
class Sources:
    """The files under the paths given, found but not yet read, and what was read or went wrong on the way.

    ``ready`` holds standard input's document and the problems of walking
    the paths; ``files`` are in display order, duplicates still among them.
    """

    files: tuple[Found, ...] = ()
    ready: tuple[Document | Problem, ...] = ()
    max_bytes: int = MAX_FILE_BYTES


def find_sources(
    paths: Sequence[str | os.PathLike[str]],
    *,
    base: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    stdin: BinaryIO | None = None,
) -> Sources:
    """Walk ``paths`` (reading standard input for ``-``) without reading any file; see :func:`load`.

    Raises :class:`~ceasefire_cli.errors.InputError` when a path is missing.
    """
    found: list[Found] = []
    ready: list[Document | Problem] = []
    _real_folder.cache_clear()  # folders are resolved afresh by every load
    for given in sorted(paths, key=os.fspath):
        if os.fspath(given) == "-":
            # Standard input, read as Markdown (front matter and cfcheck comments allowed).
            data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
            if len(data) > max_bytes:  # refused as a file of that size is: never cut short in silence
                ready.append(Problem("-", f"too large (over {_size(max_bytes)}), skipped"))
                continue
            read, trouble = documents_from_bytes(data, "-", "-.md")
            ready += [*read, *trouble]
            continue
        more, trouble = expand(given, base)
        found += more
        ready += trouble
    found.sort(key=lambda item: item.display)
    return Sources(tuple(found), tuple(ready), max_bytes)


def iter_load(
    paths: Sequence[str | os.PathLike[str]] | Sources,
    *,
    base: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Problem]:
    """:func:`load`'s documents and problems one file at a time, as they are read, in no promised order.

    A caller that extracts each article as it comes never holds every text
    at once; sorting (by id, as :func:`load` does) is left to it. ``paths``
    may be the :class:`Sources` already found.
    """
    sources = paths if isinstance(paths, Sources) else find_sources(paths, base=base, max_bytes=max_bytes, stdin=stdin)
    yield from sources.ready
    by_id: set[str] = set()
    by_identity: dict[tuple[int, int], str] = {}
    listed: dict[str, dict[str, Meta]] = {}
    for item in sources.files:
        if item.display in by_id:
            yield Problem(item.display, "duplicate: already loaded, skipped", "warning")
            continue
        if item.identity in by_identity:
            yield Problem(item.display, f"duplicate: same file as {by_identity[item.identity]}, skipped", "warning")
            continue
        by_id.add(item.display)
        by_identity[item.identity] = item.display
        read, trouble = _read_document(item, listed, sources.max_bytes)
        yield from trouble
        yield from read


# --- one file -----------------------------------------------------------------------


def _read_document(item: Found, sources: dict[str, dict[str, Meta]], max_bytes: int) -> tuple[list[Document], list[Problem]]:
    """Decode one file and gather its metadata; a failure becomes a Problem."""
    try:
        data = read_limited(item.actual, max_bytes)
    except OSError as exc:
        return [], [Problem(item.display, reason(exc))]
    except ValueError as exc:
        return [], [Problem(item.display, str(exc))]
    name = os.path.basename(item.actual)
    listed = _sources_for(item, sources).get(name, Meta())
    return documents_from_bytes(data, item.display, name, listed)


def documents_from_bytes(data: bytes, display: str, name: str, listed: Meta = Meta()) -> tuple[list[Document], list[Problem]]:
    """The articles in one file's bytes, by its name's suffix (``name`` "-.md" for stdin).

    .md: front matter read and blanked, code and HTML comments blanked,
    ``cfcheck`` comments read; .html: the page's main text; .json/.jsonl: one
    article per record (ids ``file#n`` / ``file:line``); anything else: text.
    """
    try:
        text, encoding, guess = decode(data)
    except ValueError as exc:
        return [], [Problem(display, str(exc))]
    if not text or text.isspace():  # (not strip(): that would copy the whole text)
        return [], [Problem(display, "empty file, skipped", "warning")]
    problems: list[Problem] = []
    if guess:
        problems.append(Problem(display, guess, "warning"))
    if nuls := text.count("\x00"):
        problems.append(Problem(display, f"contains {nuls} NUL character{'s' if nuls > 1 else ''}; read as text", "warning"))
    suffix = PurePosixPath(name.lower()).suffix
    if suffix in (".json", ".jsonl"):
        return _records(text, display, encoding, listed, lines=suffix == ".jsonl", problems=problems)
    front, basis_of_front = Meta(), "front matter"
    silenced: tuple[tuple[int, str], ...] = ()
    head = text[:2000]
    if suffix in MARKDOWN_SUFFIXES:
        text, front, trouble = read_front_matter(text, display)
        problems += trouble
        head = text[:2000]  # before code is blanked: a byline may sit in a code span
        text, silenced = read_markdown(text)
    elif suffix in HTML_SUFFIXES:
        try:
            page = html_record(text)
        except ValueError as exc:
            return [], [*problems, Problem(display, f"{exc}, skipped")]
        text, basis_of_front, head = page.text, "metadata", page.text[:2000]
        front = Meta(published=page.published, outlet=page.outlet, title=page.title, url=page.url)
    return [_document(display, text, encoding, listed, front, basis_of_front, silenced, head)], problems


def _records(text: str, display: str, encoding: str, listed: Meta, *, lines: bool, problems: list[Problem]) -> tuple[list[Document], list[Problem]]:
    try:
        records, skipped = json_records(text, lines=lines)
    except ValueError as exc:
        return [], [*problems, Problem(display, f"{exc}, skipped")]
    problems += [Problem(display, f"{why}, skipped", "warning") for why in skipped]
    docs = []
    starts = () if lines else json_item_lines(text)
    for r in records:
        meta = Meta(published=r.published, outlet=r.outlet, title=r.title, url=r.url)
        doc = _document(f"{display}{r.key}", r.text, encoding, listed, meta, "metadata", (), r.text[:2000])
        docs.append(replace(doc, record=(display, _record_line(r.key, starts))))
    return docs, problems


def _record_line(key: str, starts: tuple[int, ...]) -> int:
    """The line a record starts on: a JSON Lines key is its line (":7"); a JSON key its position ("#2")."""
    if key.startswith(":"):
        return int(key[1:])
    n = int(key[1:]) if key[1:].isdigit() else 1
    return starts[n - 1] if 0 < n <= len(starts) else 1


def _document(display: str, text: str, encoding: str, listed: Meta, front: Meta, front_basis: str, silenced, head: str) -> Document:
    """A Document dated from sources.yaml, else the file's own metadata, else its path, URL, byline or dateline.

    Never from a date inside the story (see :mod:`ceasefire_cli.load.dating`).
    """
    body_end = find_comments(text)
    published, basis = listed.published, "sources.yaml"
    if published is None:
        published, basis = front.published, front_basis
    if published is None:
        published, found = publication_date(display, listed.url or front.url, head[:body_end])
        basis = found or ""
    return Document(
        id=display,
        path=display,
        text=mend_surrogates(text),
        published=published,
        published_basis=basis if published else None,
        outlet=mend_surrogates(listed.outlet or front.outlet),
        title=mend_surrogates(listed.title or front.title),
        url=mend_surrogates(listed.url or front.url),
        body_end=body_end,
        encoding=encoding,
        silenced=silenced,
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


@overload
def mend_surrogates(text: str) -> str: ...


@overload
def mend_surrogates(text: None) -> None: ...


def mend_surrogates(text: str | None) -> str | None:
    """``text`` with each lone surrogate replaced by U+FFFD, one character for one.

    JSON and YAML escapes (``"\\ud800"``) can spell half a UTF-16 pair, which
    no UTF-8 output can encode: the cache, the terminal and every report
    would fail on it. The replacement keeps the length, so offsets hold.

    >>> mend_surrogates("a\\ud800b") == "a\\ufffdb", mend_surrogates(None)
    (True, None)
    """
    if text is None or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


# One realpath per folder and load, not one per file (each costs several lstat calls).
_real_folder = functools.lru_cache(maxsize=4096)(os.path.realpath)


def _sources_for(item: Found, cache: dict[str, dict[str, Meta]]) -> dict[str, Meta]:
    """The sources.yaml entries of the file's folder, read once per folder."""
    folder = Path(item.actual).parent
    key = _real_folder(str(folder))
    if key not in cache:
        path = folder / SOURCES_NAME
        where = PurePosixPath(PurePosixPath(item.display).parent, SOURCES_NAME).as_posix()
        cache[key] = read_sources(path, where) if path.is_file() else {}
    return cache[key]


# --- decoding -----------------------------------------------------------------------

#: The warning for each encoding that is a guess rather than a certainty.
_GUESSES = {
    "cp1252": "not valid UTF-8; decoded as cp1252",
    "latin-1": "not valid UTF-8 or cp1252; decoded as latin-1",
    "utf-16-le": "no byte order mark, but UTF-16 by its zero bytes; decoded as utf-16-le",
    "utf-16-be": "no byte order mark, but UTF-16 by its zero bytes; decoded as utf-16-be",
}
_BOMS = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF",
          b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*")
# Characters that never occur in prose (tab, newlines and form feed do); the
# C1 range only appears when bytes fell back to latin-1.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 4096


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Decode a file's bytes: ``(text, encoding, warning)``, the byte order mark removed.

    In order: a byte order mark (UTF-8, UTF-16, UTF-32) decides; a known
    binary signature (PNG, PDF, ZIP, …) is refused; zero bytes at every
    other position mean UTF-16 without a mark; else UTF-8, else cp1252, else
    latin-1, which never fails. Text whose first 4096 characters are more
    than a tenth control characters is binary whatever it decoded as.
    ``warning`` says so when the encoding is a guess (no mark, not UTF-8).
    Raises ValueError, with the message to report, for a binary file.

    >>> decode(b"\\xef\\xbb\\xbfGaza\\r\\n")
    ('Gaza\\r\\n', 'utf-8-sig', None)
    >>> decode("“Rafah”".encode("cp1252"))
    ('“Rafah”', 'cp1252', 'not valid UTF-8; decoded as cp1252')
    >>> decode("Gaza".encode("utf-16-le"))[:2]
    ('Gaza', 'utf-16-le')
    """
    text, encoding, marked = _decode(data)
    head = text[:_SAMPLE]
    if len(_CONTROL.findall(head)) > len(head) / 10:
        raise ValueError("binary file, skipped")
    return text, encoding, None if marked else _GUESSES.get(encoding)


def _decode(data: bytes) -> tuple[str, str, bool]:
    """The text, its encoding, and whether a byte order mark said so; before the binary check."""
    for bom, encoding, family in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, True
            except UnicodeDecodeError:
                raise ValueError(f"not valid {family} despite its byte order mark, skipped") from None
    if data.startswith(_MAGIC):
        raise ValueError("binary file, skipped")
    if b"\x00" in data[:_SAMPLE] and (wide := _utf16_without_bom(data)):
        return (*wide, False)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", True
        except UnicodeDecodeError:  # a mark, then other bytes: as if there were no mark
            data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding, False
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1", False


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text of mostly ASCII letters: one byte of each pair is zero, the other never is."""
    sample = data[:_SAMPLE]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, letters, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) == 0:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None
