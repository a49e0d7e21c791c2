"""In-draft suppression comments, and blanking of Markdown that is not prose.

``<!-- cfcheck: ignore CF102 -->`` silences that code (several may be listed,
comma- or space-separated) on the next non-blank line; ``<!-- cfcheck off -->``
and ``<!-- cfcheck on -->`` silence every code on the lines between them.
Only real HTML comments count: one shown inside a code block or code span
is an example, not a directive. Which is which is read by
:mod:`ceasefire_cli.load.markdown`, in time linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .markdown import LineIndex, Span, markdown_spans

_IGNORE = re.compile(r"^\s*cfcheck\s*:\s*ignore\s+([A-Za-z0-9,\s]+?)\s*$")
_SWITCH = re.compile(r"^\s*cfcheck\s+(off|on)\s*$")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")

#: (line, code) pairs: a finding on ``line`` with ``code`` ("*" = any) is silenced.
Silenced = tuple[tuple[int, str], ...]


def read_markdown(text: str) -> tuple[str, Silenced]:
    """A Markdown text with code and comments blanked, and what its cfcheck comments silence.

    >>> read_markdown("<!-- cfcheck: ignore CF102 -->\\n`5` and 20 killed\\n")
    ('                              \\n    and 20 killed\\n', ((2, 'CF102'),))
    """
    spans = markdown_spans(text)
    return blank_markdown(text, spans), parse_directives(text, spans)


def parse_directives(text: str, spans: Sequence[Span] | None = None) -> Silenced:
    """The lines and codes a document's cfcheck comments silence (``spans``: its :func:`markdown_spans`).

    >>> parse_directives("a\\n<!-- cfcheck: ignore CF102, CF104 -->\\nb 20 killed\\n")
    ((3, 'CF102'), (3, 'CF104'))
    >>> parse_directives("<!-- cfcheck off -->\\nx\\ny\\n<!-- cfcheck on -->\\nz")
    ((2, '*'), (3, '*'))
    >>> parse_directives("```\\n<!-- cfcheck off -->\\n```\\n20 killed\\n")
    ()
    """
    if "cfcheck" not in text:  # the common case: no directive, no parse
        return ()
    out: list[tuple[int, str]] = []
    lines = text.split("\n")
    index = LineIndex.of(text)
    next_prose: dict[int, int] = {}  # end line -> the next non-blank line, found once per line
    off_from: int | None = None
    for span in markdown_spans(text) if spans is None else spans:
        if span.kind != "comment" or "cfcheck" not in text[span.start : span.end]:
            continue
        body = text[span.start + 4 : max(span.start + 4, span.end - 3)]
        line, end_line = index.line(span.start), index.line(span.end - 1)
        if (m := _IGNORE.match(body)) is not None:
            if end_line not in next_prose:
                target = end_line + 1
                while target <= len(lines) and not lines[target - 1].strip():
                    target += 1
                next_prose[end_line] = target
            out.extend((next_prose[end_line], code.upper()) for code in re.split(r"[\s,]+", m.group(1)) if code)
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


def blank_markdown(text: str, spans: Sequence[Span] | None = None) -> str:
    """Blank code blocks, code spans and HTML comments, keeping every offset and line break.

    >>> blank_markdown("a `20 killed` b <!-- 5 --> c")
    'a             b            c'
    >>> blank_markdown("~~~\\n5 killed\\n")  # an unclosed fence runs to the end
    '   \\n        \\n'
    """
    pieces: list[str] = []
    done = 0
    for span in markdown_spans(text) if spans is None else spans:
        start = max(span.start, done)
        if start >= span.end:
            continue
        pieces += (text[done:start], _NOT_LINE_BREAK.sub(" ", text[start : span.end]))
        done = span.end
    return "".join(pieces) + text[done:] if pieces else text
