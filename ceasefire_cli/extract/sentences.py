"""Sentence spans and line/column positions for a text, computed once per document."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and
# something that can open a sentence; a line break always ends one, because
# headlines, datelines and comment posts carry no final stop.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|\n")

# Words whose final dot is not a full stop when a capital follows.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt st sen rep gov pres jr sr "
    "jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc ltd co "
    "u.s u.n u.k e.u a.m p.m".split()
)
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.[\"'”’)\]]*[ \t]*$")
# Longer "sentences" (a table flattened to one line, a page without stops) are
# cut at a space near this length: every look-up around a figure scans its
# sentence, so an unbounded sentence makes extraction quadratic.
MAX_SENTENCE = 1000


@dataclass(frozen=True, slots=True)
class TextIndex:
    """Sentence spans and line starts of one text, for fast offset look-ups."""

    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    line_starts: tuple[int, ...]

    def sentence(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``offset``."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        i = max(i, 0)
        return self.sentence_starts[i], self.sentence_ends[i]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the dot ending at ``stop`` closes an abbreviation, not a sentence."""
    match = _LAST_WORD.search(text, max(0, stop - 12), stop + 1)
    if not match:
        return False
    word = match.group(1).lower()
    # "U.S." and single initials ("J. Smith") are abbreviations too.
    return word in _ABBREVIATIONS or len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def index_text(text: str) -> TextIndex:
    """Split ``text`` into sentences and lines.

    >>> ix = index_text("Talks began. The U.S. envoy left.\\nNext line")
    >>> [ (s, e) for s, e in zip(ix.sentence_starts, ix.sentence_ends)]
    [(0, 12), (13, 33), (34, 43)]
    >>> ix.position(35)
    (2, 2)
    """
    starts: list[int] = []
    ends: list[int] = []
    begin = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() != "\n" and _is_abbreviation(text, match.start()):
            continue
        end = match.start() if match.group() == "\n" else match.start() + 1
        end = _close_quotes(text, end, match.end())
        if end > begin:
            _append(text, begin, end, starts, ends)
        begin = match.end()
    if begin < len(text) or not starts:
        _append(text, begin, len(text), starts, ends)
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    return TextIndex(tuple(starts), tuple(ends), tuple(line_starts))


def _append(text: str, begin: int, end: int, starts: list[int], ends: list[int]) -> None:
    """Add the sentence ``[begin, end)``, cut into pieces of at most MAX_SENTENCE characters.

    A cut falls on the last space in the second half of a piece, else (no
    space there) at the limit itself.
    """
    while end - begin > MAX_SENTENCE:
        cut = text.rfind(" ", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE)
        cut = cut if cut > begin else begin + MAX_SENTENCE
        starts.append(begin)
        ends.append(cut)
        begin = cut + 1 if text[cut] == " " else cut
    starts.append(begin)
    ends.append(end)


def _close_quotes(text: str, end: int, limit: int) -> int:
    """Extend a sentence end over closing quotes and brackets."""
    while end < limit and text[end] in "\"'”’)]":
        end += 1
    return end
