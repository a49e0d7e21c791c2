"""One object for equal values across the claims a run keeps: sentences, dates, words and numbers.

Claims that come from worker processes (as tuples of their fields) or from
the cache each bring their own copies of values that many claims share: the
sentence that several figures stand in, the same sentence in syndicated copy,
a source's name, an offset. A large run keeps hundreds of thousands of
claims, so the parent makes them again sharing one object for each value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from operator import attrgetter
from typing import Any

from ..models import Claim

_FIELDS = tuple(f.name for f in fields(Claim))
#: A claim as the tuple of its fields, in field order (what a worker sends).
ROW = attrgetter(*_FIELDS)
_SENTENCE = _FIELDS.index("sentence")
_DATES = tuple(i for i, f in enumerate(fields(Claim)) if "date" in str(f.type))

#: Fields whose values repeat from claim to claim (a figure's words, a source, a doubt, offsets, values):
#: one object for all equal values, as dates are shared.
_SHARED = tuple(
    _FIELDS.index(name)
    for name in ("text", "attribution", "event", "doubts", "population", "basis", "start", "end", "line", "column", "low", "high")
)
_DOCUMENT = _FIELDS.index("document")


class Sharing:
    """The values seen so far in a run, one object each: claims made through it share them.

    A sentence is one string however many claims and articles carry it (copy
    syndicated from a wire service repeats whole sentences); claims that come
    from workers or the cache otherwise each bring their own copies.
    """

    __slots__ = ("days", "shared", "sentences")

    def __init__(self) -> None:
        self.days: dict[dt.date, dt.date] = {}
        self.shared: dict[Any, Any] = {}
        self.sentences: dict[str, str] = {}

    def rows(self, rows: list[tuple[Any, ...]], document: str) -> tuple[Claim, ...]:
        """Claims from the field tuples a worker sends (:data:`ROW`).

        >>> c = Claim("a#1", "a", "count", "447", 18, 21, 1, 19, "Israel has killed 447 Palestinians.")
        >>> share = Sharing()
        >>> x, y = share.rows([ROW(c)], "a") + share.rows([ROW(c)], "a")
        >>> x == y == c and x.sentence is y.sentence
        True
        """
        return _rebuild(rows, document, self.days, self.shared, self.sentences)

    def claims(self, claims: tuple[Claim, ...], document: str) -> tuple[Claim, ...]:
        """The claims made again with their values shared."""
        return _rebuild([ROW(c) for c in claims], document, self.days, self.shared, self.sentences)


def _rebuild(
    rows: list[tuple[Any, ...]], document: str, days: dict[dt.date, dt.date], shared: dict[Any, Any], sentences: dict[str, str]
) -> tuple[Claim, ...]:
    """Claims from field tuples, sharing one object for equal sentences, dates, words and numbers."""
    out = []
    for row in rows:
        values = list(row)
        values[_SENTENCE] = sentences.setdefault(values[_SENTENCE], values[_SENTENCE])
        if values[_DOCUMENT] == document:
            values[_DOCUMENT] = document
        for i in _DATES:
            day = values[i]
            if day is not None:
                values[i] = days.setdefault(day, day)
        for i in _SHARED:
            value = values[i]
            if value is not None:
                # Keyed by type too (3 == 3.0), and a float by its bits (0.0 == -0.0).
                key = value.hex() if type(value) is float else (type(value), value)
                values[i] = shared.setdefault(key, value)
        out.append(Claim(*values))
    return tuple(out)
