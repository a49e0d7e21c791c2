"""What is known of an article besides its text: Markdown front matter and the folder's sources.yaml.

YAML is only ever composed with PyYAML's *safe* loader and never
constructed into objects: values are read from the node tree as the
strings written, which keeps each key's line for error messages, lets an
impossible date such as ``2025-02-30`` be reported instead of crashing, and
means an alias "bomb" costs nothing (only the few scalars needed are read).

This is deliberately not :func:`ceasefire_cli.yamlcheck.parse_yaml`, which
constructs every value (``title: yes`` would become ``True``, ``1948`` an
int, and ``2025-02-30`` raises a bare ValueError) and walks the whole tree,
aliases included. What the two share is the safe loader, the ``file:line``
error style and :func:`~ceasefire_cli.yamlcheck.suggest` for unknown keys.

Front matter is article content, so anything in it is only ever a warning;
sources.yaml is configuration, so anything wrong in it is a
:class:`~ceasefire_cli.errors.ConfigError` that names the key and its line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ConfigError
from .files import printable, read_limited
from ..models import Problem

SOURCES_NAME = "sources.yaml"
#: A leading ``---`` block longer than this is not front matter but text.
MAX_FRONT_MATTER = 64 * 1024
#: A sources.yaml lists one entry per article: 10 MB is some 60,000 of them.
MAX_SOURCES_BYTES = 10_000_000
#: Deeper YAML nesting is refused before PyYAML's recursive composer sees it.
MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class Meta:
    """What a sources.yaml entry or a front matter says about one article."""

    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None


class _FieldError(Exception):
    """A bad YAML value: ``(message, 0-based line)``; the caller makes it a ConfigError or a Problem."""


# --- front matter -------------------------------------------------------------------

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_FRONT_KEYS = {"published": ("published", "date"), "outlet": ("outlet", "source"), "title": ("title",), "url": ("url",)}
_SOURCE_KEYS: dict[str, tuple[str, ...]] = {"published": ("published",), "outlet": ("outlet",), "title": ("title",), "url": ("url",)}
#: Allowed in a sources.yaml entry but not read: a note on how the date was worked out.
_SOURCE_NOTES = ("basis",)


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


def read_front_matter(text: str, display: str) -> tuple[str, Meta, list[Problem]]:
    """Split off a Markdown file's front matter: ``(text with it blanked, metadata, warnings)``.

    The front matter's characters become spaces (newlines kept), so that the
    body keeps its offsets and line numbers while no figure or date in the
    metadata is read as a claim. Bad YAML is a warning, never an error.

    >>> read_front_matter("---\\ntitle: Talks\\n---\\nBody", "a.md")[1].title
    'Talks'
    """
    block, end = front_matter(text)
    if not end:
        return text, Meta(), []
    if len(block) > MAX_FRONT_MATTER:
        message = f"a leading '---' block longer than {MAX_FRONT_MATTER // 1024} KB is not front matter; read as text"
        return text, Meta(), [Problem(display, message, "warning")]
    try:
        root = _compose(block)
        meta = _meta(root, "", _FRONT_KEYS) if root is not None else Meta()
        return blank(text, end), meta, []
    except _FieldError as exc:
        message, line = exc.args
        # The block starts on the file's second line.
        warning = Problem(display, printable(f"front matter, line {line + 2}: {message}; metadata ignored"), "warning")
        return blank(text, end), Meta(), [warning]


# --- sources.yaml -------------------------------------------------------------------


def read_sources(path: Path, where: str) -> dict[str, Meta]:
    """Parse a sources.yaml into file name -> metadata; errors are ConfigError at ``where:line``.

    The file is ``documents: {<file name>: {published, outlet, title, url, basis}}``
    (``basis`` is a note for people, not read); any other key is an error,
    so that a typo cannot silently drop a date.
    """
    try:
        text = read_limited(path, MAX_SOURCES_BYTES).decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", where) from None
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", where) from None
    except ValueError as exc:  # too large: never read into memory
        raise ConfigError(str(exc).removesuffix(", skipped"), where) from None
    try:
        root = _compose(text)
        if root is None:
            return {}
        top = _pairs(root, "the top level", "", ("documents",))
        if "documents" not in top or _is_null(top["documents"][1]):
            return {}
        entries = _pairs(top["documents"][1], "'documents'", "documents.")
        # An entry with nothing under it ("a.txt:") says nothing about the file.
        listed = {name: node for name, (_, node) in entries.items() if not _is_null(node)}
        return {name: _meta(node, f"documents.{name}.", _SOURCE_KEYS) for name, node in listed.items()}
    except _FieldError as exc:
        message, line = exc.args
        raise ConfigError(printable(message), f"{where}:{line + 1}") from None


# --- reading YAML nodes -------------------------------------------------------------

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (safe loader, nothing constructed).

    libyaml's loader, when PyYAML has it, reads a front matter about ten
    times faster; on any error the pure-Python loader reads the text again,
    so the message users see stays the one the tests pin.
    """
    if _FAST_LOADER is not None:
        try:
            _check_depth(text, _FAST_LOADER)
            return yaml.compose(text, Loader=_FAST_LOADER)
        except (yaml.YAMLError, _FieldError):
            pass
    try:
        _check_depth(text)
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "unreadable"
        if exc.context and what.startswith("but "):  # "expected a single document…, but found…"
            what = f"{exc.context}, {what}"
        raise _FieldError(f"YAML syntax error: {what}", mark.line if mark else 0) from None
    except yaml.reader.ReaderError as exc:  # a control character: it has a position, not a line
        line = text.count("\n", 0, exc.position)
        raise _FieldError(f"YAML syntax error: character #x{exc.character:04x} is not allowed", line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error above carries a place
        raise _FieldError(f"YAML error: {exc}", 0) from None


def _check_depth(text: str, loader: type = yaml.SafeLoader) -> None:
    """Refuse nesting deeper than MAX_DEPTH: PyYAML composes recursively and would crash."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _FieldError(f"YAML nested more than {MAX_DEPTH} levels deep", event.start_mark.line if event.start_mark else 0)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _is_null(node: yaml.Node) -> bool:
    """True for an empty value or ``null``/``~``."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _pairs(
    node: yaml.Node, name: str, prefix: str = "", allowed: tuple[str, ...] | None = None
) -> dict[str, tuple[int, yaml.Node]]:
    """A mapping node as key -> (0-based line of the key, value node).

    A duplicate key, or one not in ``allowed``, is an error. Lines are the
    key's, not the value's: an alias's value was written elsewhere.
    """
    if not isinstance(node, yaml.MappingNode):
        raise _FieldError(f"{name} must be a mapping", node.start_mark.line)
    out: dict[str, tuple[int, yaml.Node]] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            raise _FieldError(f"a key in {name} must be a plain name, not a list or mapping", line)
        key = str(key_node.value)
        if allowed is not None and key not in allowed:
            raise _FieldError(f"unknown key '{prefix}{key}'{_suggest(key, allowed)}", line)
        if key in out:
            raise _FieldError(f"duplicate key '{prefix}{key}'", line)
        out[key] = (line, value_node)
    return out


def _suggest(key: str, allowed: tuple[str, ...]) -> str:
    """`` (did you mean 'x'?)`` or `` (expected one of: …)``, worded as for claims.yaml."""
    from ..yamlcheck import suggest  # imported late: it loads rapidfuzz

    return suggest(key, allowed)


def _meta(node: yaml.Node, prefix: str, keys: dict[str, tuple[str, ...]]) -> Meta:
    """Metadata from one mapping; ``keys`` lists each field's accepted names, first wins.

    In sources.yaml (a ``prefix``) only those names are allowed; front matter
    may carry any other key (``layout``, ``tags``, …), which is ignored.
    """
    allowed = (*(name for names in keys.values() for name in names), *_SOURCE_NOTES) if prefix else None
    fields = _pairs(node, f"'{prefix[:-1]}'" if prefix else "the front matter", prefix, allowed)
    values = {field: _first(fields, names, prefix) for field, names in keys.items()}
    day = values.pop("published")
    strings = {field: found[0] for field, found in values.items() if found}
    return Meta(published=_date(*day) if day else None, **strings)


def _first(fields: dict[str, tuple[int, yaml.Node]], names: tuple[str, ...], prefix: str) -> tuple[str, str, int] | None:
    """The first non-empty value among ``names``: (value, dotted key, 0-based line)."""
    for name in names:
        if name in fields and (value := _string(*fields[name], prefix + name)) is not None:
            return value, prefix + name, fields[name][0]
    return None


def _string(line: int, node: yaml.Node, name: str) -> str | None:
    """A scalar as written (None when empty or null); lists and mappings are errors."""
    if not isinstance(node, yaml.ScalarNode):
        raise _FieldError(f"'{name}' must be a single value", line)
    return None if _is_null(node) or not node.value.strip() else node.value.strip()


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z ]{0,40})?")


def _date(value: str, name: str, line: int) -> dt.date:
    """A ``YYYY-MM-DD`` value (a time after it is ignored) as a real calendar date."""
    match = _ISO_DAY.fullmatch(value)
    try:
        if match:
            return dt.date(*map(int, match.groups()))
    except ValueError:  # 2025-02-30 has the right shape but is no day
        pass
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise _FieldError(f"'{name}': {shown!r} is not a date (expected YYYY-MM-DD)", line)
