"""Claims as intervals: rounding, bounds, how they are written and compared.

Intervals are compared with the slack ``defaults.tolerance`` of claims.yaml:
``a`` lies above ``b`` when ``a.low > b.high * (1 + tolerance)``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..models import Claim

_INF = math.inf


#: A figure written round and unhedged ("injured another 90,000") may be rounded by up to half its
#: last non-zero place, and by no more than this share of itself.
ROUNDING = 0.02


def last_place(figure: float) -> int:
    """The place value of a whole figure's last non-zero digit.

    >>> last_place(47293), last_place(70100), last_place(90000)
    (1, 100, 10000)
    """
    n, step = int(figure), 1
    while n and n % (step * 10) == 0:
        step *= 10
    return step


#: Against a reference series (an exact count), a writer's round figure may stand further
#: from it than from another writer's: "15,000 killed" for a ministry count of 14,800 or 15,348.
SERIES_ROUNDING = 0.035


def rounding(c: Claim, cap: float = ROUNDING) -> float:
    """How far an unhedged round figure (a thousand or more, three zeros or more) may be from the count it rounds.

    >>> from ceasefire_cli.models import Claim
    >>> c = Claim("a#1", "a", "count", "15,000", 0, 6, 1, 1, "", low=15000.0, high=15000.0, hedge="exact")
    >>> rounding(c), rounding(c, SERIES_ROUNDING)
    (300.0, 500.0)
    """
    if c.hedge != "exact" or c.low is None or c.low != c.high or c.low < 1000 or c.low % 1000:
        return 0.0
    return min(last_place(c.low) / 2, c.low * cap)


def lower(c: Claim) -> float:
    return -_INF if c.low is None else c.low - rounding(c)


def upper(c: Claim) -> float:
    return _INF if c.high is None else c.high + rounding(c)


def fmt_number(x: float) -> str:
    """A figure as an editor writes it: 71,000, 2.5.

    >>> fmt_number(71000.0), fmt_number(2.5)
    ('71,000', '2.5')
    """
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def fmt_interval(c: Claim) -> str:
    """The interval a claim allows: "447", "340–350", "≥ 20", "≤ 500", "2025-11-01–2025-11-30"."""
    if c.kind == "date":
        assert c.first and c.last
        return c.first.isoformat() if c.first == c.last else f"{c.first.isoformat()}–{c.last.isoformat()}"
    if c.low is not None and c.high is not None:
        return fmt_number(c.low) if c.low == c.high else f"{fmt_number(c.low)}–{fmt_number(c.high)}"
    if c.low is not None:
        return f"≥ {fmt_number(c.low)}"
    return f"≤ {fmt_number(c.high)}" if c.high is not None else "any"


def describe_claim(c: Claim) -> str:
    """A claim as a message names it: document, date, source, figure as written, interval."""
    when = c.as_of.isoformat() if c.as_of else "undated"
    source = f", {c.attribution}" if c.attribution else ""
    return f'{c.document} ({when}{source}): "{c.text}" [{fmt_interval(c)}]'


def describe_many(claims: Iterable[Claim]) -> str:
    """Claims as a message lists them, ``; ``-separated, near-identical copies folded into the first.

    A sentence copied across outlets or across versions of one story (the same
    figure as written, the same interval, the same sentence) is one report
    said several times: it is listed once, with the other places it appears.

    >>> import datetime as dt
    >>> def c(doc, day): return Claim(f"{doc}#1", doc, "count", "over 38,000", 0, 1, 1, 1, "The war has killed over 38,000.",
    ...                               low=38000.0, high=39000.0, as_of=dt.date(2024, 7, day))
    >>> print(describe_many([c("a.md", 19), c("b.md", 20), c("c.md", 21)]))
    a.md (2024-07-19): "over 38,000" [38,000–39,000], the same sentence also in b.md (2024-07-20), c.md (2024-07-21)
    """
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        key = (" ".join(c.sentence.split()).lower(), c.text, c.low, c.high) if c.sentence else (c.id,)
        groups.setdefault(key, []).append(c)
    parts = []
    for members in groups.values():
        first, *copies = members
        also = ", ".join(f"{c.document} ({c.as_of.isoformat() if c.as_of else 'undated'})" for c in copies)
        parts.append(describe_claim(first) + (f", the same sentence also in {also}" if copies else ""))
    return "; ".join(parts)


def above(a: Claim, b: Claim, tolerance: float, slack: float = 0.0) -> bool:
    """True when ``a``'s interval lies wholly above ``b``'s, beyond the relative tolerance and an absolute slack."""
    high = upper(b)
    return lower(a) > (high * (1 + tolerance) if high >= 0 else high) + slack


def agree(a: Claim, b: Claim, tolerance: float) -> bool:
    """True when neither claim's interval lies wholly above the other's (the test every finding uses)."""
    return not above(a, b, tolerance) and not above(b, a, tolerance)


def same_sentence(a: Claim, b: Claim) -> bool:
    return a.document == b.document and a.sentence == b.sentence


def opposed(a: Claim, b: Claim, sides: dict[str, str]) -> bool:
    pair = {sides.get(a.party or ""), sides.get(b.party or "")}
    return pair == {"palestinian", "israeli"}


def sure(c: Claim) -> bool:
    """A count read with high confidence (claims made before confidence existed count as sure)."""
    return c.confidence in (None, "high")


def other_bases(a: Claim, b: Claim) -> bool:
    """True when both claims name their counting basis and the bases differ."""
    return a.basis is not None and b.basis is not None and a.basis != b.basis
