"""Command-line paths -> the files to read, and the names reports give them.

A folder is walked without recursion (a 200-level tree costs no stack) and
in sorted order; hidden entries (``.git``, ``.notes.txt``) are skipped, and
a folder reached twice through symbolic links is read once, under the name
of its real location when it has one in the tree, so a link loop cannot
hang the walk. A file named explicitly is taken whatever its extension.

Names are shown the way the command line wrote them (POSIX form), with
anything a terminal would act on escaped (see :func:`printable`), so that a
file called ``"a\\nb.txt"`` or ``"\\x1b[31m.txt"`` is still one line of
plain text in every report.
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
    actual: Path
    #: ``(st_dev, st_ino)``: the same file under two names (links, bind mounts) is read once.
    identity: tuple[int, int]


# C0 and C1 controls, zero-width and bidi controls, line separators, and the
# lone surrogates with which Python stands for undecodable bytes in a name.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` with control, bidi and undecodable characters written as escapes.

    >>> printable("a\\nb\\x1b[31m\\u202e.txt")
    'a\\\\nb\\\\x1b[31m\\\\u202e.txt'
    >>> printable("Gaza – “70”")
    'Gaza – “70”'
    """
    return _UNSAFE.sub(_escape, text)


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
    display = printable(Path(raw).as_posix())
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
    return [Found(display, actual, (info.st_dev, info.st_ino))], []


def _join(display: str, rel: PurePosixPath) -> str:
    """The display path of ``rel`` inside a folder shown as ``display``."""
    return PurePosixPath(display, printable(rel.as_posix())).as_posix()


def walk(root: Path, display: str, root_identity: tuple[int, int]) -> tuple[list[Found], list[Problem]]:
    """Text files under ``root`` sorted by path; hidden entries skipped, link loops cut.

    Real folders are listed before any folder reached through a symbolic
    link, so a link into the tree is the copy that is skipped, whatever the
    names sort as. Folders are told apart by device and inode, which also
    catches a bind mount of a folder inside itself.
    """
    found: list[tuple[str, Found]] = []
    problems: list[Problem] = []
    # Every folder listed or queued: reaching one again means a link loop or a second name.
    visited = {root_identity}
    pending: list[tuple[Path, PurePosixPath]] = [(root, PurePosixPath())]
    linked: list[tuple[Path, PurePosixPath, tuple[int, int]]] = []
    while pending or linked:
        if not pending:
            path, rel, identity = linked.pop(0)
            if identity in visited:
                problems.append(Problem(_join(display, rel), "symbolic link to a folder already read, skipped", "warning"))
                continue
            visited.add(identity)
            pending.append((path, rel))
        folder, rel = pending.pop()
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            problems.append(Problem(_join(display, rel), reason(exc)))
            continue
        for name in names:
            if name.startswith("."):
                continue
            path, sub = folder / name, rel / name
            try:
                info = os.stat(path)
            except OSError as exc:
                # Only complain about entries that would have been read.
                if is_text_name(name):
                    broken = isinstance(exc, FileNotFoundError) and os.path.islink(path)
                    problems.append(Problem(_join(display, sub), "broken symbolic link, skipped" if broken else reason(exc)))
                continue
            identity = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                if os.path.islink(path):
                    linked.append((path, sub, identity))
                elif identity in visited:
                    problems.append(Problem(_join(display, sub), "folder already read under another name, skipped", "warning"))
                else:
                    visited.add(identity)
                    pending.append((path, sub))
            elif is_text_name(name):
                if stat.S_ISREG(info.st_mode):
                    found.append((sub.as_posix(), Found(_join(display, sub), path, identity)))
                else:  # a FIFO, socket or device named like an article: never opened
                    problems.append(Problem(_join(display, sub), "not a regular file, skipped"))
        linked.sort(key=lambda entry: entry[1].as_posix())
    found.sort(key=lambda pair: pair[0])
    problems.sort(key=lambda problem: problem.path)
    if not found:
        problems.append(Problem(display, f"no article files found ({', '.join(TEXT_SUFFIXES)})", "warning"))
    return [item for _, item in found], problems
