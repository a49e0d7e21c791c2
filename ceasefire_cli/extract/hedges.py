"""Hedges to intervals: the range of values a reader allows a hedged figure.

Hedges -> intervals (n = the stated figure)
    ``step`` is the place value of the last non-zero digit of n, at least 1:
    one step of its last significant digit. 71,000 -> 1,000; 500 -> 100;
    340 -> 10; 447 -> 1; 1.9 million -> 100,000; 2.5 -> 1. "More than 100"
    may be 150: a reporter rounds down to the last round figure passed. A
    hedge that hugs the figure (nearly, about) takes at most 10% of n instead,
    since "nearly 100" is never 1 and "about 500" is not 400.
    Lower bounds never go below 0.

    ========  =========================================================  ==================
    hedge     words                                                      interval
    ========  =========================================================  ==================
    exact     none, or a verb that keeps the figure (rose to, reached)   [n, n]
    above     more than, over, in excess of, tops, surpassed, ...        [n, n + step]
    at_least  at least, no fewer than, a minimum of, ``20+``, or more    [n, None]
    below     nearly, almost, close to, just under, nears, ...           [n - step, n]
    about     about, around, roughly, some, an estimated, ``~``, or so   [n - step, n + step]
    at_most   up to, as many as, fewer than, under, no more than, ...    [None, n]
    range     ``20 to 21``, ``between 150 and 200``, ``150-200``,        [a, b] with b > a
              ``20 or 21``, ``from 150 to 200`` (not ``rose from``)
    vague     dozens [24, 99]; scores of [40, 199]; tens of [20, 99];    table below
              hundreds [200, 999]; thousands [2000, 9999]; tens of
              thousands [20000, 99999]; hundreds of thousands
              [200000, 999999]; millions [2e6, 9.99e6], and tens or
              hundreds of millions, and billions, alike
    ========  =========================================================  ==================

    ``.text`` holds the hedge words (``more than 71,000``, ``tops 10,000``) but
    not an exact verb (``rises to``). A hedge before a range yields to it
    (``at least 20 to 21`` -> [20, 21]). ``several``/``a few`` + a scale word
    reads as the plural (``several hundred`` = hundreds). ``value`` is n, the
    first figure of a range, or the low end of a vague interval. A capitalised
    vague word before a capitalised word is a name (``Thousands Street``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ceasefire_cli.models import Quantity

from .figures import Extent, Figure, is_year, read_before
from .number_lexicon import (  # the grammar's vocabulary and patterns
    PLURAL,
    VAGUE,
    HEDGES,
    PREFIXES,
    phrase_of,
    NEXT,
    TRAILING_KIND,
    TIME_UNIT_AFTER,
    COUNT_NOUN_AFTER,
    OF_SCALE,
    OF,
    NEXT_WORD,
    PREFIX_REV,
)


def _step(value: Decimal, *, hugs: bool = False) -> float:
    """Place value of the last non-zero digit, at least 1; with ``hugs``, at most 10% of the figure.

    >>> [_step(Decimal(v)) for v in ("71000", "500", "340", "447", "1900000.0", "2.5")]
    [1000.0, 100.0, 10.0, 1.0, 100000.0, 1.0]
    >>> [_step(Decimal(v), hugs=True) for v in ("100", "500", "340", "2000000")]
    [10.0, 50.0, 10.0, 200000.0]
    """
    whole = int(value)
    if whole != value or whole == 0:
        return 1.0
    digits = str(whole)
    place = 10 ** (len(digits) - len(digits.rstrip("0")))
    return max(1.0, min(float(place), float(value) / 10) if hugs else float(place))


def read_vague(text: str, rev: str, core: re.Match[str]) -> Quantity | None:
    """``dozens``, ``hundreds of thousands``, ``scores of``, ``several hundred`` as intervals.

    >>> from ceasefire_cli.extract.number_lexicon import CORE
    >>> text = "killed hundreds of thousands"
    >>> q = read_vague(text, text[::-1], CORE.search(text))
    >>> q.text, q.low, q.high
    ('hundreds of thousands', 200000.0, 999999.0)
    """
    token, start, end = core.group(1), core.start(1), core.end(1)
    word = token.lower()
    if word not in PLURAL and (word, None) not in VAGUE:
        return None
    if word in PLURAL:  # a singular scale word: only "several hundred", "a few thousand"
        prefix = PREFIX_REV.match(rev, len(text) - start)
        if not prefix or PREFIXES.get(phrase_of(prefix), 0) is not None:
            return None
        start, word = len(text) - prefix.end(), PLURAL[word]
        nxt = NEXT.match(text, end)
        if nxt and nxt.group(3) and (word, PLURAL.get(nxt.group(3).lower())) in VAGUE:
            return _vague_quantity(text, start, nxt.end(), (word, PLURAL[nxt.group(3).lower()]))
        return _vague_quantity(text, start, end, (word, None))
    of_scale = OF_SCALE.match(text, end)
    if of_scale and (word, of_scale.group(1).lower()) in VAGUE:
        return _vague_quantity(text, start, of_scale.end(), (word, of_scale.group(1).lower()))
    if word in ("tens", "scores") and not OF.match(text, end):
        return None  # "test scores", "the tens digit"
    if token[0].isupper() and not token.isupper():
        nxt = NEXT_WORD.match(text, end)
        if nxt and nxt.group(1)[0].isupper():
            return None  # Thousands Street
    return _vague_quantity(text, start, end, (word, None))


def _vague_quantity(text: str, start: int, end: int, key: tuple) -> Quantity:
    low, high = VAGUE[key]
    return Quantity(start, end, text[start:end], float(low), float(high), float(low), "vague")


# Verbs whose particle is "over": "handed over 13", "turned over 30". ("Took over 240
# hostages" stays a hedge: it is read "took more than 240" as often as not.)
_PHRASAL_OVER = re.compile(r"(?<![\w-])(?:hand|hands|handed|handing|turn|turns|turned|turning)\s+$", re.IGNORECASE)


# A lone "one" that counts: before a person's noun and then a verb or a break ("one child was
# killed", "one Palestinian died"; not "one Palestinian official said"), before what befell it
# ("two brothers stripped, one taken captive"; never "no one killed"), or ending a list of places
# ("four in Jenin and one near Hebron").
_ONE_COUNTS = re.compile(
    r"\s+(?:(?:(?:more|other|further)\s+)?(?:person|man|woman|child|boy|girl|baby|infant|teenager|Palestinian|Israeli|hostage|"
    r"captive|soldier|journalist|medic|paramedic|doctor|nurse|detainee|prisoner|civilian|fighter|militant|resident)"
    r"(?=\s*(?:[,.;:]|(?:was|is|has|had|died|dies|killed|dead|wounded|injured|in|near|at|on|from|who)(?![\w-])))|"
    r"(?:was\s+)?(?:killed|dead|died|injured|wounded|hurt|taken\s+captive|taken\s+hostage|detained|arrested)(?![\w-]))",
    re.IGNORECASE,
)
_NOT_ONE = re.compile(r"(?<![\w-])(?:no|any|every|some|each|the|this|that|which|no-)\s*$", re.IGNORECASE)
_ONE_PLACE = re.compile(r"\s+(?:in|near|at|from)\s+(?:the\s+)?[A-Z]")
_LIST_BEFORE_ONE = re.compile(
    r"(?:\d|(?<![\w-])(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![\w-]))[^.;:!?]{0,60}\s(?:in|near|at|from)\s[^.;:!?]{0,40},?\s+and\s+$",
    re.IGNORECASE,
)


def hedged(text: str, rev: str, n1: Figure, extent: Extent, hedge: str, hedge_start: int,
           floor: int) -> tuple[Quantity | None, int]:
    """Attach currency, ``~`` and hedge words to a figure, then apply the year and "one" rules."""
    start, end, kind = extent.start, extent.end, extent.hedge
    if start == n1.start and start and text[start - 1] in "$€£₪¥":
        start -= 1
        hedge, hedge_start = read_before(text, rev, start)
        hedge = hedge if hedge in HEDGES else ""
    if kind == "exact" and start and text[start - 1] == "~":
        start, kind = start - 1, "about"
    elif hedge and hedge_start >= floor and start in (n1.start, n1.start - 1) and not (
            text[hedge_start:start].lower().split() == ["over"]
            and (TIME_UNIT_AFTER.match(text, end) or _PHRASAL_OVER.search(text, max(0, hedge_start - 12), hedge_start))):
        # ("killed 15 over 24 hours": "over" a span of time means "during", not "more than";
        # "hands over 13 captives": "over" belongs to the verb)
        start, kind = hedge_start, (hedge if kind == "exact" else kind)
    trailing = extent.after
    if kind == "exact" and trailing and trailing.lastgroup == "trailing":
        word = trailing.group("sign") or trailing.group("suffix") or trailing.group("orword")
        kind, end = TRAILING_KIND[word.lower()], trailing.end()
    resume = max(end, n1.end)
    if is_year(n1) and kind in ("exact", "range") and not hedge and not (
            kind == "exact" and COUNT_NOUN_AFTER.match(text, end)):
        return None, resume
    if n1.lone_one and kind == "exact" and (_NOT_ONE.search(text, max(0, start - 8), start) or not (
            _ONE_COUNTS.match(text, end) or (_ONE_PLACE.match(text, end) and _LIST_BEFORE_ONE.search(text, max(0, start - 80), start)))):
        return None, resume
    return _build(text, start, end, n1.value, extent.low, extent.high, kind, extent.unit), resume


def _build(text: str, start: int, end: int, value: Decimal, low: Decimal, high: Decimal,
           hedge: str, unit: str) -> Quantity:
    """Turn a figure and its hedge into a Quantity with the interval the hedge allows."""
    n = float(value)
    if hedge == "range":
        return Quantity(start, end, text[start:end], float(low), float(high), float(low), hedge, unit)
    if hedge == "exact":
        lo, hi = n, n
    elif hedge == "at_least":
        lo, hi = n, None
    elif hedge == "at_most":
        lo, hi = None, n
    else:
        step = _step(value, hugs=hedge != "above")
        lo = max(0.0, n - step) if hedge in ("below", "about") else n
        hi = n + step if hedge in ("above", "about") else n
    return Quantity(start, end, text[start:end], lo, hi, n, hedge, unit)
