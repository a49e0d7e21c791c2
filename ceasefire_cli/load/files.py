"""Command-line paths -> the files to read, and the names reports give them.

A folder is walked without recursion (a 200-level tree costs no stack) and
in sorted order; hidden entries (``.git``, ``.notes.txt``) are skipped, and
a folder reached twice through symbolic links is read once, under the name
of its real location when it has one in the tree, so a link loop cannot
hang the walk. A file named explicitly is taken whatever its extension.

Names are shown the way the command line wrote them (POSIX form), with
anything a terminal would act on escaped (see :func:`printable`), so that a
file called ``"a\\nb.txt"`` or ``"\\x1b[31m.txt"`` is still one line of
plain text in every report, and with backslashes doubled
(:func:`display_name`), so that no two files ever print alike.
:func:`read_limited` reads a file, or refuses it, without ever holding more
than a set number of bytes.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..models import Problem

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
SOURCES_NAME = "sources.yaml"


@dataclass(frozen=True, slots=True)
class Found:
    """A file to read: its display path (also its document id) and where it is."""

    display: str
    #: Where it is, as a string: a ``Path`` costs several times the memory, and a
    #: newsroom archive lists a hundred thousand of these before reading one.
    actual: str
    #: ``(st_dev, st_ino)``: the same file under two names (links, bind mounts) is read once.
    identity: tuple[int, int]


# C0 and C1 controls, zero-width and bidi controls, line separators, and the
# lone surrogates with which Python stands for undecodable bytes in a name.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[{_CONTROLS}]")
# In a file name the backslash is escaped too, so that no two names print
# alike: a file called 'a\\nb.txt' and one with a newline in its name.
_UNSAFE_IN_NAME = re.compile(f"[\\\\{_CONTROLS}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    # \xNN stands for a byte (above) or an ASCII control; a C1 character is \u0085, never \x85.
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` with control, bidi and undecodable characters written as escapes.

    >>> printable("a\\nb\\x1b[31m\\u202e.txt")
    'a\\\\nb\\\\x1b[31m\\\\u202e.txt'
    >>> printable("Gaza – “70”")
    'Gaza – “70”'
    """
    return _UNSAFE.sub(_escape, text)


def display_name(path: str) -> str:
    """A file name as reports show it: :func:`printable`, with backslashes doubled so that names stay distinct.

    >>> display_name("a\\nb.txt"), display_name("a\\\\nb.txt")
    ('a\\\\nb.txt', 'a\\\\\\\\nb.txt')
    """
    return _UNSAFE_IN_NAME.sub(_escape, path)


def reason(exc: OSError) -> str:
    """An OS error in plain words, e.g. ``cannot read: Permission denied``."""
    return f"cannot read: {exc.strerror or exc}"


def is_text_name(name: str) -> bool:
    """True for the file names a folder walk picks up."""
    return name.lower().endswith(TEXT_SUFFIXES)


def expand(given: str | os.PathLike[str], base: str | None) -> tuple[list[Found], list[Problem]]:
    """The files one command-line path stands for, and any trouble finding them.

    Raises InputError when the path does not exist at all.
    """
    raw = os.fspath(given)
    display = display_name(Path(raw).as_posix())
    if display == "-":  # "./-" names a file called "-"; only a bare "-" is standard input
        display = "./-"
    actual = Path(base, raw) if base else Path(raw)
    if not os.path.lexists(actual):
        raise InputError("no such file or directory", printable(raw))
    try:
        info = os.stat(actual)
    except FileNotFoundError:
        return [], [Problem(display, "broken symbolic link, skipped")]
    except OSError as exc:
        return [], [Problem(display, reason(exc))]
    if stat.S_ISDIR(info.st_mode):
        return walk(actual, display, (info.st_dev, info.st_ino))
    if not stat.S_ISREG(info.st_mode):
        return [], [Problem(display, "not a regular file, skipped")]
    if actual.name == SOURCES_NAME:
        return [], [Problem(display, "sources.yaml holds metadata, not an article; skipped", "warning")]
    return [Found(display, os.fspath(actual), (info.st_dev, info.st_ino))], []


def _join(display: str, rel: str) -> str:
    """The display path of ``rel`` (a path inside a folder, "/"-separated) inside a folder shown as ``display``."""
    return _Joiner(display)(rel)


class _Joiner:
    """:func:`_join` for one folder, its display path normalised once (a walk joins thousands of names to it).

    >>> _Joiner("./corpus/")("a/b.md"), _Joiner(".")("a.md"), _Joiner("/")("a.md")
    ('corpus/a/b.md', 'a.md', '/a.md')
    """

    def __init__(self, display: str) -> None:
        base = PurePosixPath(display).as_posix()
        self.prefix = "" if base == "." else base if base.endswith("/") else base + "/"

    def __call__(self, rel: str) -> str:
        # (the names come from listing folders: no "." parts and no empty ones, as PurePosixPath would drop)
        return self.prefix + display_name(rel)


def walk(root: Path, display: str, root_identity: tuple[int, int]) -> tuple[list[Found], list[Problem]]:
    """Text files under ``root`` sorted by path; hidden entries skipped, link loops cut.

    Real folders are listed before any folder reached through a symbolic
    link, so a link into the tree is the copy that is skipped, whatever the
    names sort as. Folders are told apart by device and inode, which also
    catches a bind mount of a folder inside itself.
    """
    found: list[tuple[str, Found]] = []
    problems: list[Problem] = []
    join = _Joiner(display)
    # Every folder listed or queued: reaching one again means a link loop or a second name.
    visited = {root_identity}
    # Paths as strings ("rel" is "/"-separated, "" at the root): a walk of 100,000 files made
    # 300,000 Path objects before reading one.
    pending: list[tuple[str, str]] = [(os.fspath(root), "")]
    linked: list[tuple[str, str, tuple[int, int]]] = []
    while pending or linked:
        if not pending:
            path, rel, identity = linked.pop(0)
            if identity in visited:
                problems.append(Problem(join(rel), "symbolic link to a folder already read, skipped", "warning"))
                continue
            visited.add(identity)
            pending.append((path, rel))
        folder, rel = pending.pop()
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            problems.append(Problem(join(rel) if rel else PurePosixPath(display).as_posix(), reason(exc)))
            continue
        for name in names:
            if name.startswith("."):
                continue
            path, sub = os.path.join(folder, name), (f"{rel}/{name}" if rel else name)
            try:
                info = os.stat(path)
            except OSError as exc:
                # Only complain about entries that would have been read.
                if is_text_name(name):
                    broken = isinstance(exc, FileNotFoundError) and os.path.islink(path)
                    problems.append(Problem(join(sub), "broken symbolic link, skipped" if broken else reason(exc)))
                continue
            identity = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                if os.path.islink(path):
                    linked.append((path, sub, identity))
                elif identity in visited:
                    problems.append(Problem(join(sub), "folder already read under another name, skipped", "warning"))
                else:
                    visited.add(identity)
                    pending.append((path, sub))
            elif is_text_name(name):
                if stat.S_ISREG(info.st_mode):
                    shown = join(sub)
                    # One string for both when they are equal, as they are for relative paths given.
                    found.append((sub, Found(shown, shown if shown == path else path, identity)))
                else:  # a FIFO, socket or device named like an article: never opened
                    problems.append(Problem(join(sub), "not a regular file, skipped"))
        linked.sort(key=lambda entry: entry[1])
    found.sort(key=lambda pair: pair[0])
    problems.sort(key=lambda problem: problem.path)
    if not found:
        problems.append(Problem(display, f"no article files found ({', '.join(TEXT_SUFFIXES)})", "warning"))
    return [item for _, item in found], problems


def read_limited(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """A regular file's bytes; ValueError (the message to report) when it is too large or not a file.

    Opened without blocking, so that a file swapped for a FIFO after the walk
    cannot hang the run, and never read past ``max_bytes``, so that a device
    (``/dev/zero``) or a file that keeps growing cannot fill memory. OSError
    passes through for the caller to word (see :func:`reason`).

    >>> read_limited("/dev/zero", 100)
    Traceback (most recent call last):
    ValueError: not a regular file, skipped
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file, skipped")
        if info.st_size > max_bytes:
            raise ValueError(f"too large ({size_text(info.st_size)}; the limit is {size_text(max_bytes)}), skipped")
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while being read, or a size the OS does not report
        raise ValueError(f"too large (over {size_text(max_bytes)}), skipped")
    return data


def size_text(size: int) -> str:
    """A size for a message, in decimal units like ``ls -h --si``.

    >>> size_text(104_857_600), size_text(5_000), size_text(10)
    ('104.9 MB', '5.0 kB', '10 bytes')
    """
    if size >= 1e6:
        return f"{size / 1e6:.1f} MB"
    return f"{size / 1e3:.1f} kB" if size >= 1e3 else f"{size} bytes"
