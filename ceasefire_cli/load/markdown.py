"""Where a Markdown text is not prose: code and HTML comments, with offsets into the text as written.

Blocks come from markdown-it-py, a CommonMark parser, so fences are read
as CommonMark reads them: a ```````` fence holding a ``` line runs on to
its own closing ````````, an unclosed fence runs to the end of its
container (the document, a list item, a quote), and a four-space indent
is code. markdown-it-py reports each block's lines; that is all it is asked
for, because its inline parser reports no offsets and has costly corners
(runs of ``[`` or ``![``) that prose does not need.

Inside the lines of prose blocks and HTML blocks, code spans and HTML
comments are found by :func:`_inline_spans`, one left-to-right pass
following CommonMark's rules: a code span closes at the next run of exactly
as many backticks, a backslash escapes the character after it, and an
unclosed ``<!--`` or backtick run in prose is plain text (in an HTML block an
open comment runs to the block's end, as a browser reads it). Every search moves forward
only, so the pass is linear in the text: ``<!--`` repeated 50,000 times, or
thousands of unclosed fences, cost what any text of that size costs.

Front matter is not found here: it is read and blanked first, by
:func:`ceasefire_cli.load.metadata.read_front_matter`, so this module sees
blank lines where it was.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a Markdown text that is not prose: ``text[start:end]``."""

    start: int
    end: int
    kind: Literal["code", "comment"]


@functools.cache
def _parser() -> MarkdownIt:
    """A CommonMark block parser; inline parsing is off (see the module's docstring).

    Imported here, not at the top: a run without Markdown files does not pay its 20 ms.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


def markdown_spans(text: str) -> tuple[Span, ...]:
    """The code blocks, code spans and HTML comments of ``text``, in order, as offsets into it.

    >>> [(s.kind, "a ``b`` <!-- c --> d\\n"[s.start:s.end]) for s in markdown_spans("a ``b`` <!-- c --> d\\n")]
    [('code', '``b``'), ('comment', '<!-- c -->')]
    >>> [(s.kind, s.start, s.end) for s in markdown_spans("````\\n```\\n5 killed\\n")]
    [('code', 0, 17)]
    """
    # markdown-it reads a lone \r as a line break; a space in its place keeps
    # its line numbers those of str.split("\n"), and every offset unchanged.
    source = text.replace("\r", " ") if "\r" in text else text
    starts = [0, *(m.end() for m in re.finditer("\n", source))]
    ends = [*(s - 1 for s in starts[1:]), len(source)]  # each line's end, before its \n

    def lines(first: int, last: int) -> tuple[int, int]:
        last = min(max(last, first + 1), len(starts))
        return starts[first], ends[last - 1]

    spans: list[Span] = []
    for token in _parser().parse(source):
        if token.map is None:
            continue
        start, end = lines(*token.map)
        if token.type in ("fence", "code_block"):
            spans.append(Span(start, end, "code"))
        elif token.type == "html_block":
            spans += _inline_spans(source, start, end, code=False)
        elif token.type == "inline":
            spans += _inline_spans(source, start, end, code=True)
    return tuple(spans)


_BACKTICKS = re.compile("`+")
#: Where something may start: an escape, a backtick run or a comment (in prose); a comment (in HTML).
_STOPS = re.compile(r"[\\`]|<!--")
_COMMENT_STOP = re.compile("<!--")


def _inline_spans(text: str, start: int, end: int, *, code: bool) -> list[Span]:
    """Code spans and HTML comments in prose (``code``), or HTML comments in an HTML block, in one forward pass.

    >>> [(s.kind, s.start, s.end) for s in _inline_spans("`a` \\\\`b` ``c`` <!--> x", 0, 22, code=True)]
    [('code', 0, 3), ('code', 9, 14), ('comment', 15, 20)]
    """
    out: list[Span] = []
    # Closing backtick runs by length, each list read through once with a cursor.
    runs: dict[int, list[int]] = {}
    if code:
        for match in _BACKTICKS.finditer(text, start, end):
            runs.setdefault(match.end() - match.start(), []).append(match.start())
    cursor = dict.fromkeys(runs, 0)
    no_close_after = end + 1  # once "-->" is missing after some point, no later "<!--" closes
    stops = _STOPS if code else _COMMENT_STOP
    pos = start
    while pos < end:
        found = stops.search(text, pos, end)  # skip plain text at C speed
        if found is None:
            break
        pos = found.start()
        char = text[pos]
        if char == "\\" and code:
            pos += 2  # an escaped character is literal (in prose; raw HTML has no escapes)
            continue
        if char == "`" and code:
            run_end = pos + 1
            while run_end < end and text[run_end] == "`":
                run_end += 1
            closer = _next_run(runs, cursor, run_end - pos, run_end)
            if closer is None:
                pos = run_end  # no closer: the backticks are plain text
                continue
            out.append(Span(pos, closer + run_end - pos, "code"))
            pos = closer + run_end - pos
            continue
        if char == "<" and text.startswith("<!--", pos):
            close = _comment_end(text, pos, end) if pos < no_close_after else -1
            if close < 0 and not code:  # in an HTML block an open comment runs to the block's end, as in a browser
                out.append(Span(pos, end, "comment"))
                break
            if close < 0:  # in prose an unclosed "<!--" is plain text
                no_close_after = pos
                pos += 4
                continue
            out.append(Span(pos, close, "comment"))
            pos = close
            continue
        pos += 1  # a "<" that opens no comment
    return out


def _next_run(runs: dict[int, list[int]], cursor: dict[int, int], length: int, after: int) -> int | None:
    """Start of the first backtick run of exactly ``length`` at or after ``after``; cursors only advance."""
    places = runs.get(length)
    if not places:
        return None
    i = cursor[length]
    while i < len(places) and places[i] < after:
        i += 1
    cursor[length] = i
    return places[i] if i < len(places) else None


def _comment_end(text: str, pos: int, end: int) -> int:
    """The offset after the comment opened at ``pos`` (``<!-->`` and ``<!--->`` included), or -1."""
    if text.startswith(">", pos + 4, end):
        return pos + 5
    if text.startswith("->", pos + 4, end):
        return pos + 6
    close = text.find("-->", pos + 4, end)
    return close + 3 if close >= 0 else -1


@dataclass(frozen=True, slots=True)
class LineIndex:
    """The offsets of a text's newlines, to turn an offset into a 1-based line in log time."""

    newlines: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        """The index of ``text``."""
        return cls(tuple(m.start() for m in re.finditer("\n", text)))

    def line(self, offset: int) -> int:
        """The 1-based line holding ``offset``.

        >>> index = LineIndex.of("a\\nb\\nc")
        >>> index.line(0), index.line(1), index.line(2), index.line(4)
        (1, 1, 2, 3)
        """
        return bisect_left(self.newlines, offset) + 1
