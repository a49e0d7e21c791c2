"""paths -> Documents: file types, encodings, front matter, sources.yaml, comment sections.

:func:`load` takes files and folders. Folders are read recursively for
``.txt``, ``.md`` and ``.markdown`` files, in path order; hidden entries
(``.git``, ``.notes.txt``) are skipped and a folder reached twice through
symbolic links is read once. A file named explicitly is read whatever its
extension. One bad file never stops the run: it becomes a :class:`Problem`
and every other file is still loaded. Only a missing input path
(:class:`InputError`) or a malformed ``sources.yaml`` (:class:`ConfigError`)
raises, because both mean the user asked for something that cannot be done.

``Document.text`` is the decoded file exactly as written (only a byte order
mark is dropped), because every later offset, line and column points into
it. The one exception is Markdown front matter: its characters are replaced
by spaces, newlines kept, so that the body keeps its offsets and line
numbers while no figure or date in the metadata is read as a claim.

The publication date comes from, in order: the folder's ``sources.yaml``,
the front matter, the first full date written in the body (never the
comments), else it stays unknown; ``published_basis`` says which. Outlet,
title and URL come from ``sources.yaml``, else the front matter.

YAML is only ever composed with PyYAML's *safe* loader and never
constructed into objects: values are read from the node tree as plain
strings, which keeps each key's line for error messages and lets an
impossible date such as ``2025-02-30`` be reported instead of crashing.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .errors import ConfigError, InputError
from .models import Document, Problem

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")
SOURCES_NAME = "sources.yaml"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The documents that could be read, and what went wrong with the others."""

    documents: tuple[Document, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class _Found:
    """A file to read: its display path (also its document id) and where it is."""

    display: str
    actual: Path


@dataclass(frozen=True, slots=True)
class _Meta:
    """What a sources.yaml entry or a front matter says about one article."""

    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None


class _FieldError(Exception):
    """A bad YAML value: ``(message, 0-based line)``; the caller makes it a ConfigError or a Problem."""


# --- public entry point -----------------------------------------------------------


def load(paths: Sequence[str | os.PathLike[str]], *, base: str | None = None) -> LoadResult:
    """Read every article under ``paths``; relative paths are taken from ``base`` (default: cwd).

    Ids and ``path`` stay as the user wrote them (POSIX form), so reports
    name files the way the command line did.

    >>> load(["seeds"], base=".").documents[0].id  # doctest: +SKIP
    'seeds/000_f18b52ff7516bb79.txt'
    """
    found: list[_Found] = []
    problems: list[Problem] = []
    for given in paths:
        more, trouble = _expand(given, base)
        found += more
        problems += trouble
    documents: list[Document] = []
    by_id: set[str] = set()
    by_real: dict[str, str] = {}
    sources: dict[str, dict[str, _Meta]] = {}
    for item in found:
        real = os.path.realpath(item.actual)
        if item.display in by_id:
            problems.append(Problem(item.display, "duplicate: already loaded, skipped", "warning"))
            continue
        if real in by_real:
            message = f"duplicate: same file as {by_real[real]}, skipped"
            problems.append(Problem(item.display, message, "warning"))
            continue
        by_id.add(item.display)
        by_real[real] = item.display
        document, trouble = _read_document(item, sources)
        problems += trouble
        if document is not None:
            documents.append(document)
    return LoadResult(tuple(documents), tuple(problems))


# --- finding files ------------------------------------------------------------------


def _join(display: str, rel: PurePosixPath) -> str:
    """The display path of ``rel`` inside a folder shown as ``display``."""
    return PurePosixPath(display, rel).as_posix()


def _reason(exc: OSError) -> str:
    """An OS error in plain words, e.g. ``cannot read: Permission denied``."""
    return f"cannot read: {exc.strerror or exc}"


def _is_text_name(name: str) -> bool:
    """True for the file names a folder walk picks up."""
    return name.lower().endswith(TEXT_SUFFIXES)


def _expand(given: str | os.PathLike[str], base: str | None) -> tuple[list[_Found], list[Problem]]:
    """The files one command-line path stands for, and any trouble finding them."""
    raw = os.fspath(given)
    display = Path(raw).as_posix()
    actual = Path(base, raw) if base else Path(raw)
    if not os.path.lexists(actual):
        raise InputError("no such file or directory", raw)
    try:
        mode = os.stat(actual).st_mode
    except FileNotFoundError:
        return [], [Problem(display, "broken symbolic link, skipped")]
    except OSError as exc:
        return [], [Problem(display, _reason(exc))]
    if stat.S_ISDIR(mode):
        return _walk(actual, display)
    if not stat.S_ISREG(mode):
        return [], [Problem(display, "not a regular file, skipped")]
    if actual.name == SOURCES_NAME:
        return [], [Problem(display, "sources.yaml holds metadata, not an article; skipped", "warning")]
    return [_Found(display, actual)], []


def _walk(root: Path, display: str) -> tuple[list[_Found], list[Problem]]:
    """Text files under ``root`` sorted by path; hidden entries skipped, link loops cut."""
    found: list[tuple[str, _Found]] = []
    problems: list[Problem] = []
    # Real paths of folders already listed: a link back to one of them is a loop.
    visited = {os.path.realpath(root)}
    pending = [(root, PurePosixPath())]
    while pending:
        folder, rel = pending.pop()
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            problems.append(Problem(_join(display, rel), _reason(exc)))
            continue
        for name in names:
            if name.startswith("."):
                continue
            path, sub = folder / name, rel / name
            shown = _join(display, sub)
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                # Only complain about entries that would have been read.
                if _is_text_name(name):
                    broken = isinstance(exc, FileNotFoundError) and os.path.islink(path)
                    problems.append(Problem(shown, "broken symbolic link, skipped" if broken else _reason(exc)))
                continue
            if stat.S_ISDIR(mode):
                real = os.path.realpath(path)
                if real in visited:
                    problems.append(Problem(shown, "symbolic link to a folder already read, skipped", "warning"))
                else:
                    visited.add(real)
                    pending.append((path, sub))
            elif stat.S_ISREG(mode) and _is_text_name(name):
                found.append((sub.as_posix(), _Found(shown, path)))
    found.sort(key=lambda pair: pair[0])
    problems.sort(key=lambda problem: problem.path)
    if not found:
        problems.append(Problem(display, "no .txt, .md or .markdown files found", "warning"))
    return [item for _, item in found], problems


# --- one file -----------------------------------------------------------------------


def _read_document(item: _Found, sources: dict[str, dict[str, _Meta]]) -> tuple[Document | None, list[Problem]]:
    """Decode one file and gather its metadata; a failure becomes a Problem."""
    try:
        text, encoding = decode(item.actual.read_bytes())
    except OSError as exc:
        return None, [Problem(item.display, _reason(exc))]
    except ValueError as exc:
        return None, [Problem(item.display, str(exc))]
    if not text.strip():
        return None, [Problem(item.display, "empty file, skipped", "warning")]
    problems: list[Problem] = []
    if encoding in _FALLBACK_NOTES:
        problems.append(Problem(item.display, _FALLBACK_NOTES[encoding], "warning"))
    listed = _sources_for(item, sources).get(item.actual.name, _Meta())
    front = _Meta()
    if item.actual.name.lower().endswith(MARKDOWN_SUFFIXES):
        block, end = front_matter(text)
        if end:
            text = blank(text, end)
            front, trouble = _front_meta(block, item.display)
            problems += trouble
    body_end = find_comments(text)
    published, basis = listed.published, "sources.yaml"
    if published is None:
        published, basis = front.published, "front matter"
    if published is None:
        published, basis = _text_date(text[:body_end]), "text"
    document = Document(
        id=item.display,
        path=item.display,
        text=text,
        published=published,
        published_basis=basis if published else None,
        outlet=listed.outlet or front.outlet,
        title=listed.title or front.title,
        url=listed.url or front.url,
        body_end=body_end,
        encoding=encoding,
    )
    return document, problems


def _text_date(body: str) -> dt.date | None:
    """The first full date written in the body (dates.py is imported only when needed)."""
    from .dates import find_full_date

    return find_full_date(body)


# --- decoding -----------------------------------------------------------------------

_FALLBACK_NOTES = {
    "cp1252": "not valid UTF-8; decoded as cp1252",
    "latin-1": "not valid UTF-8 or cp1252; decoded as latin-1",
}
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
# Control characters that never occur in prose (tab, newlines, form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding)``, the byte order mark removed.

    Raises ValueError, with the message to report, for a binary file.

    >>> decode(b"\\xef\\xbb\\xbfGaza\\r\\n")
    ('Gaza\\r\\n', 'utf-8-sig')
    >>> decode("“Rafah”".encode("cp1252"))
    ('“Rafah”', 'cp1252')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            text = data[2:].decode(encoding)
        except UnicodeDecodeError:
            raise ValueError("not valid UTF-16 despite its byte order mark, skipped") from None
    elif b"\x00" in data or data.startswith(_MAGIC):
        raise ValueError("binary file, skipped")
    else:
        text, encoding = _decode_8bit(data)
    head = text[:4096]
    if len(_CONTROL.findall(head)) > len(head) / 10:
        raise ValueError("binary file, skipped")
    return text, encoding


def _decode_8bit(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else cp1252, else latin-1, which never fails."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


# --- front matter -------------------------------------------------------------------

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_FRONT_KEYS = {"published": ("published", "date"), "outlet": ("outlet", "source"), "title": ("title",), "url": ("url",)}
_SOURCE_KEYS = {"published": ("published",), "outlet": ("outlet",), "title": ("title",), "url": ("url",)}


def front_matter(text: str) -> tuple[str, int]:
    """The YAML between a leading ``---`` line and the next one, and the offset after it.

    ``("", 0)`` when the text has no front matter.

    >>> front_matter("---\\ntitle: Talks\\n---\\nBody")
    ('title: Talks\\n', 21)
    >>> front_matter("No front matter")
    ('', 0)
    """
    opening = _OPEN.match(text)
    closing = _CLOSE.search(text, opening.end()) if opening else None
    if not opening or not closing:
        return "", 0
    return text[opening.end() : closing.start()], closing.end()


def blank(text: str, end: int) -> str:
    """Replace every character before ``end`` by a space, except line breaks.

    >>> blank("---\\na: 1\\n---\\nBody", 12)
    '   \\n    \\n   \\nBody'
    """
    return re.sub(r"[^\r\n]", " ", text[:end]) + text[end:]


def _front_meta(block: str, display: str) -> tuple[_Meta, list[Problem]]:
    """Metadata from a front-matter block; bad YAML is a warning, never an error."""
    try:
        root = _compose(block)
        return (_meta(root, "", _FRONT_KEYS) if root is not None else _Meta()), []
    except _FieldError as exc:
        message, line = exc.args
        # The block starts on the file's second line.
        return _Meta(), [Problem(display, f"front matter, line {line + 2}: {message}; metadata ignored", "warning")]


# --- sources.yaml -------------------------------------------------------------------


def _sources_for(item: _Found, cache: dict[str, dict[str, _Meta]]) -> dict[str, _Meta]:
    """The sources.yaml entries of the file's folder, read once per folder."""
    folder = item.actual.parent
    key = os.path.realpath(folder)
    if key not in cache:
        path = folder / SOURCES_NAME
        where = PurePosixPath(PurePosixPath(item.display).parent, SOURCES_NAME).as_posix()
        cache[key] = read_sources(path, where) if path.is_file() else {}
    return cache[key]


def read_sources(path: Path, where: str) -> dict[str, _Meta]:
    """Parse a sources.yaml into file name -> metadata; errors are ConfigError at ``where:line``."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(_reason(exc), where) from None
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", where) from None
    try:
        root = _compose(text)
        if root is None:
            return {}
        top = _pairs(root, "the top level")
        if "documents" not in top or _is_null(top["documents"]):
            return {}
        entries = _pairs(top["documents"], "'documents'", "documents.")
        # An entry with nothing under it ("a.txt:") says nothing about the file.
        listed = {name: node for name, node in entries.items() if not _is_null(node)}
        return {name: _meta(node, f"documents.{name}.", _SOURCE_KEYS) for name, node in listed.items()}
    except _FieldError as exc:
        message, line = exc.args
        raise ConfigError(message, f"{where}:{line + 1}") from None


# --- reading YAML nodes -------------------------------------------------------------


def _compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (safe loader, nothing constructed)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "unreadable"
        if exc.context and what.startswith("but "):  # "expected a single document…, but found…"
            what = f"{exc.context}, {what}"
        raise _FieldError(f"YAML syntax error: {what}", mark.line if mark else 0) from None


def _is_null(node: yaml.Node) -> bool:
    """True for an empty value or ``null``/``~``."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _pairs(node: yaml.Node, name: str, prefix: str = "") -> dict[str, yaml.Node]:
    """A mapping node as key -> value node; a duplicate key is an error."""
    if not isinstance(node, yaml.MappingNode):
        raise _FieldError(f"{name} must be a mapping", node.start_mark.line)
    out: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key in out:
            raise _FieldError(f"duplicate key '{prefix}{key}'", key_node.start_mark.line)
        out[key] = value_node
    return out


def _meta(node: yaml.Node, prefix: str, keys: dict[str, tuple[str, ...]]) -> _Meta:
    """Metadata from one mapping; ``keys`` lists each field's accepted names, first wins."""
    fields = _pairs(node, f"'{prefix[:-1]}'" if prefix else "the front matter", prefix)
    values = {field: _first(fields, names, prefix) for field, names in keys.items()}
    day = values.pop("published")
    strings = {field: found[0] for field, found in values.items() if found}
    return _Meta(published=_date(*day) if day else None, **strings)


def _first(fields: dict[str, yaml.Node], names: tuple[str, ...], prefix: str) -> tuple[str, str, int] | None:
    """The first non-empty value among ``names``: (value, dotted key, 0-based line)."""
    for name in names:
        if name in fields and (value := _string(fields[name], prefix + name)) is not None:
            return value, prefix + name, fields[name].start_mark.line
    return None


def _string(node: yaml.Node, name: str) -> str | None:
    """A scalar as written (None when empty or null); lists and mappings are errors."""
    if not isinstance(node, yaml.ScalarNode):
        raise _FieldError(f"'{name}' must be a single value", node.start_mark.line)
    return None if _is_null(node) or not node.value.strip() else node.value.strip()


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z ]*)?")


def _date(value: str, name: str, line: int) -> dt.date:
    """A ``YYYY-MM-DD`` value (a time after it is ignored) as a real calendar date."""
    match = _ISO_DAY.fullmatch(value)
    try:
        if match:
            return dt.date(*map(int, match.groups()))
    except ValueError:  # 2025-02-30 has the right shape but is no day
        pass
    raise _FieldError(f"'{name}': {value!r} is not a date (expected YYYY-MM-DD)", line)


# --- comment sections ---------------------------------------------------------------

# Headers that can only introduce reader comments.
_HEADER = re.compile(
    r"""(?ix)
    (?: \d{1,6}\ +(?:reader\ +)?(?:comments?|responses?|replies|reply)
      | (?:comments|responses|replies)\ *(?:\(\d{1,6}\)|\[\d{1,6}\]|:\ *\d{1,6})
      | comments
      | readers?'?\ +comments
      | leave\ +a\ +(?:comment|reply)
      | join\ +the\ +(?:conversation|discussion)
      | what\ +(?:our\ +)?readers\ +(?:say|think)
      | (?:show|view)\ +comments
    )\ *:?"""
)
# Headers that are also ordinary subheadings ("Responses" to a strike): they
# count only when commenter names follow.
_WEAK_HEADER = re.compile(r"(?i)(?:responses|replies) *:?")
_MAX_HEADER = 40
_LOOKAHEAD = 6


def find_comments(text: str) -> int:
    """Offset of the line that opens a reader-comment section, or ``len(text)``.

    A header is a short line on its own ("5 Comments", "Comments (3)",
    "Join the conversation", …) that either starts in the second half of the
    text or is followed by at least two name-like lines.

    >>> find_comments("Talks resumed.\\nHe declined to comment.\\n")
    39
    >>> find_comments("Talks resumed in Cairo.\\n2 Comments\\nAmal\\nGood.\\nSami\\nBad.\\n")
    24
    """
    lines = [(m.start(), m.group().strip()) for m in re.finditer(r"[^\n]*\n?", text) if m.group()]
    half = len(text) / 2
    for index, (start, line) in enumerate(lines):
        if index == 0 or not line or len(line) > _MAX_HEADER:
            continue
        strong = _HEADER.fullmatch(line) is not None
        if not strong and not _WEAK_HEADER.fullmatch(line):
            continue
        following = [rest for _, rest in lines[index + 1 :] if rest][:_LOOKAHEAD]
        named = sum(map(_looks_like_name, following)) >= 2
        if named or (strong and start >= half):
            return start
    return len(text)


def _looks_like_name(line: str) -> bool:
    """1-3 capitalised words, short, no final punctuation: a commenter's name line.

    >>> [_looks_like_name(s) for s in ("Donatello", "Amal K", "It failed.", "the end")]
    [True, True, False, False]
    """
    words = line.split()
    short = 1 <= len(words) <= 3 and len(line) <= _MAX_HEADER
    return short and line[-1] not in ".,;:!?\"'”’)" and all(word[0].isupper() for word in words)
