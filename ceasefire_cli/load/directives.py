"""In-draft suppression comments, and blanking of Markdown that is not prose.

``<!-- cfcheck: ignore CF102 -->`` silences that code (several may be listed,
comma- or space-separated) on the next non-blank line; ``<!-- cfcheck off -->``
and ``<!-- cfcheck on -->`` silence every code on the lines between them.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_IGNORE = re.compile(r"^\s*cfcheck\s*:\s*ignore\s+([A-Za-z0-9,\s]+?)\s*$")
_SWITCH = re.compile(r"^\s*cfcheck\s+(off|on)\s*$")
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]+`")

#: (line, code) pairs: a finding on ``line`` with ``code`` ("*" = any) is silenced.
Silenced = tuple[tuple[int, str], ...]


def parse_directives(text: str) -> Silenced:
    """The lines and codes a document's cfcheck comments silence.

    >>> parse_directives("a\\n<!-- cfcheck: ignore CF102, CF104 -->\\nb 20 killed\\n")
    ((3, 'CF102'), (3, 'CF104'))
    >>> parse_directives("<!-- cfcheck off -->\\nx\\ny\\n<!-- cfcheck on -->\\nz")
    ((2, '*'), (3, '*'))
    """
    out: list[tuple[int, str]] = []
    lines = text.split("\n")
    off_from: int | None = None
    for match in _COMMENT.finditer(text):
        body = match.group(1)
        line = text.count("\n", 0, match.start()) + 1
        end_line = text.count("\n", 0, match.end()) + 1
        if (m := _IGNORE.match(body)) is not None:
            target = end_line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            out.extend((target, code.upper()) for code in re.split(r"[\s,]+", m.group(1)) if code)
        elif (m := _SWITCH.match(body)) is not None:
            if m.group(1) == "off" and off_from is None:
                off_from = end_line + 1
            elif m.group(1) == "on" and off_from is not None:
                out.extend((n, "*") for n in range(off_from, line))
                off_from = None
    if off_from is not None:
        out.extend((n, "*") for n in range(off_from, len(lines) + 1))
    return tuple(out)


def is_silenced(silenced: Silenced, line: int, code: str) -> bool:
    """True when ``code`` is silenced on ``line``."""
    return (line, code) in silenced or (line, "*") in silenced


def _spaces(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def blank_markdown(text: str) -> str:
    """Blank fenced code, inline code and HTML comments, keeping every offset and line.

    >>> blank_markdown("a `20 killed` b <!-- 5 --> c")
    'a             b            c'
    """
    text = _FENCE.sub(_spaces, text)
    text = _COMMENT.sub(_spaces, text)
    return _INLINE_CODE.sub(_spaces, text)
