"""What reading one document needs at hand: its text, the lexicon, its sentences and dates, and per-sentence caches."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..models import DateMention, Document
from .clauses import Cue, population_words, scope_cues
from .lexicon import Lexicon
from .sentences import TextIndex


@dataclass(frozen=True, slots=True)
class DocContext:
    """What one document's extraction needs at hand."""

    doc: Document
    lex: Lexicon
    index: TextIndex
    dates: tuple[DateMention, ...]
    #: ``dates[i].start``, for bisecting: find_dates returns them sorted and non-overlapping.
    date_starts: tuple[int, ...] = ()
    #: Per-sentence and per-date results that the several claims of one sentence would recompute.
    memo: dict = field(default_factory=dict)

    def dates_starting(self, low: int, high: int) -> tuple[DateMention, ...]:
        """The date mentions that start in ``[low, high)``, in text order."""
        return self.dates[bisect.bisect_left(self.date_starts, low) : bisect.bisect_left(self.date_starts, high)]

    def overlaps_date(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a date mention."""
        i = bisect.bisect_left(self.date_starts, end) - 1
        return i >= 0 and self.dates[i].end > start

    def words(self, s0: int, s1: int) -> tuple[tuple[str, int, int], ...]:
        """The sentence's population words, read once for all its figures and dates."""
        found = self.memo.get(("words", s0))
        if found is None:
            found = self.memo[("words", s0)] = population_words(self.lex, self.doc.text, s0, s1)
        return found

    def cues(self, s0: int, s1: int) -> tuple[Cue, ...]:
        """The sentence's scope cues, read once for all its figures."""
        found = self.memo.get(("cues", s0))
        if found is None:
            found = self.memo[("cues", s0)] = scope_cues(self.lex, self.doc.text, s0, s1)
        return found
