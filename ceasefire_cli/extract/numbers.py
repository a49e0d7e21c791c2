"""Number grammar: every quantity a news text states, as the interval a reader allows.

``find_quantities`` scans a text once. One compiled pattern finds number
*cores* (a digit run such as ``71,000`` or a number word such as ``seventy``);
small anchored patterns then read around each core: scale and number words
after it, a range, ``%``/``percent``, and the context that shows a label,
date or time. Words *before* a core (hedges, labels, months) are read by
matching reversed phrases against the reversed text at a fixed offset, so no
pattern scans a window and every check costs a few characters.

Figures
    Digits with ``,`` or a thin, narrow no-break or no-break space (U+2009,
    U+202F, U+00A0) between thousands (``71,000``); a plain space is never a
    separator. Decimals (``2.5``), scale words and abbreviations
    (``1.9 million``, ``2m``, ``1.2bn``, ``10k``). Number words of any size
    (``four hundred forty-seven``, ``two hundred and fifty-one``,
    ``3 hundred and 21``, ``a dozen``, ``three dozen``, ``half a million``,
    ``one and a half million``) in lower, Capitalised or UPPER case.
    ``a``/``an`` count only before a scale word; a bare ``one`` only after a
    hedge (``at least one``) or in a range (``one or two``), since alone it is
    mostly a pronoun (``one official said``). Money (``$3 million``) is a
    count; the currency symbol is part of the text.

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

Not quantities
    Labels (``Resolution 2803``, ``Route 60``, ``Phase 2``, ``No. 5``, ``#4``,
    ``Channel 12``), identifiers (``F-16``, ``COVID-19``, ``A320``, ``2.5.1``,
    phone numbers, runs of bare digit groups), ordinals (``2nd``, ``fourth``),
    dates (``October 7``, ``23 November``, ``2025-11-23``, ``11/23/2025``),
    times (``10:30``, ``3 p.m.``, ``9am``, ``1500 GMT``), compound adjectives
    (``20-point``, ``two-state``, ``3-year-old``), ages (``21 years old``,
    ``aged 21``, ``Alexander (21)``), comment-widget counts (``5 Comments``),
    and years: four bare digits from 1900 to 2100 are a year unless a hedge
    precedes them or a count noun follows (``2000 people``); ``2,000`` is
    always a count. ``1948 refugees`` stays a year (the Nakba), so
    ``refugees`` is deliberately not a count noun. Durations (``15 months``)
    are counts; the claim layer decides what they measure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from ceasefire_cli.models import Quantity

__all__ = ["find_quantities"]

from .number_lexicon import (  # noqa: F401 - the grammar's vocabulary and patterns
    _UNITS,
    _TENS,
    _SCALES,
    _ABBREVIATIONS,
    _PLURAL,
    _VAGUE,
    _HEDGES,
    _PREFIXES,
    _BEFORE_KIND,
    _phrase,
    _CORE_AT,
    _CORE,
    _NEXT,
    _ABBREVIATION,
    _JUNK,
    _DASH_DIGIT,
    _PHONE,
    _DIGIT_GROUP,
    _SPACED_GROUPS,
    _AFTER,
    _TRAILING_KIND,
    _CURRENCY,
    _MONTH_AFTER,
    _TIME_UNIT_AFTER,
    _AND_A_HALF,
    _COUNT_NOUN_AFTER,
    _OF_SCALE,
    _OF,
    _NEXT_WORD,
    _BEFORE_REV,
    _PREFIX_REV,
    _CHANGE_REV,
    _NAME_PAREN_REV,
    _NO_SEPARATORS,
    _INFINITY,
)


class _Number(NamedTuple):
    """One figure as read: its span, value, and how it was written."""

    start: int
    end: int
    value: Decimal
    head: Decimal  # the figure before its final multiplier ("2" in "2 million")
    mult: int  # that multiplier, 1 when none
    plain: bool  # bare digits: no separator, decimal point, scale or word
    lone_one: bool  # the single word "one"


class _State(NamedTuple):
    """Where the number-word grammar stands after some tokens."""

    total: Decimal  # completed scale groups ("71,000" of "71,247")
    group: Decimal  # the group below the last scale
    last: str  # class of the last token
    top: Decimal  # smallest scale used so far; the next must be smaller
    head: Decimal
    mult: int


def _word_class(word: str) -> tuple[str, int]:
    """The grammar class and value of one lower-case number word."""
    if word in _UNITS:
        return ("teen" if _UNITS[word] >= 10 else "unit"), _UNITS[word]
    if word in _TENS:
        return "ten", _TENS[word]
    if word == "hundred":
        return "hundred", 100
    if word == "dozen":
        return "dozen", 12
    if word in _SCALES:
        return "scale", _SCALES[word]
    return "vague", 0


def _advance(state: _State, cls: str, val: Decimal, sep: str) -> _State | None:
    """The state after one more token, or None when the token cannot continue the number."""
    total, group, last, top, _, _ = state
    if cls in ("unit", "teen", "ten", "digits"):
        if last == "ten" and cls == "unit" and sep != "and":  # twenty-one
            return _State(total, group + val, "unit", top, group + val, 1)
        digits_ok = cls != "digits" or sep == "and"  # "3 hundred and 21", never "3 hundred 21"
        if digits_ok and (last == "hundred" and val < 100 or last == "scale" and val < 1000):
            return _State(total, group + val, cls, top, group + val, 1)
        return None
    if sep == "and":
        return None
    if cls == "hundred" and last in ("unit", "teen", "ten", "digits", "prefix") and 0 < group < 100:
        return _State(total, group * 100, "hundred", top, group, 100)
    if cls == "scale" and last != "dozen" and group > 0 and val < top:
        return _State(total + group * val, Decimal(0), "scale", val, group, int(val))
    if cls == "dozen" and last in ("unit", "teen", "digits", "prefix") and 0 < group <= 20:
        return _State(total, group * 12, "dozen", top, group, 12)
    return None


def _start_state(text: str, rev: str, core: re.Match[str]) -> tuple[int, _State] | None:
    """The state after the core token; a bare scale word needs "a", "half a" ... before it."""
    token = core.group(1)
    if token[0].isdigit():
        value = Decimal(token.translate(_NO_SEPARATORS))
        return core.start(1), _State(Decimal(0), value, "digits", _INFINITY, value, 1)
    cls, val = _word_class(token.lower())
    if cls in ("unit", "teen", "ten"):
        return core.start(1), _State(Decimal(0), Decimal(val), cls, _INFINITY, Decimal(val), 1)
    prefix = _PREFIX_REV.match(rev, len(text) - core.start(1))
    factor = _PREFIXES.get(_phrase(prefix)) if prefix else None
    if factor is None:
        return None
    begun = _advance(_State(Decimal(0), Decimal(str(factor)), "prefix", _INFINITY, Decimal(0), 1), cls, Decimal(val), " ")
    return (len(text) - prefix.end(), begun) if begun and prefix else None


def _always(pattern: re.Pattern[str], text: str, at: int) -> int:
    """Where ``pattern`` (which may match nothing, so always matches) ends when tried at ``at``."""
    m = pattern.match(text, at)
    return m.end() if m else at


def _read(text: str, rev: str, core: re.Match[str]) -> _Number | None:
    """Read the figure at ``core``: digits or words, then scales and further number words."""
    end, token = core.end(1), core.group(1)
    step = _NEXT.match(text, end)
    if token[0].isdigit():
        abbreviation = _ABBREVIATION.match(text, end)
        if abbreviation:
            mult = _ABBREVIATIONS[(abbreviation.group(1) or abbreviation.group(2)).lower()]
            value = Decimal(token.translate(_NO_SEPARATORS))
            return _Number(core.start(1), abbreviation.end(), value * mult, value, mult, False, False)
        if not step and "half" not in text[end:end + 16].lower():  # the common case: digits alone
            value = Decimal(token.translate(_NO_SEPARATORS))
            return _Number(core.start(1), end, value, value, 1, token.isdigit(), False)
    begun = _start_state(text, rev, core)
    if begun is None:
        return None
    start, state = begun
    tokens, rollback = 1, None
    while step and state.last != "dozen":
        sep = "and" if step.group(1) else ("-" if step.group(2) else " ")
        if step.group(3):
            cls, word = _word_class(step.group(3).lower())
            val = Decimal(word)
        else:
            cls, val = "digits", Decimal(step.group(4))  # Decimal: int() refuses over 4,300 digits
        new = None if cls == "vague" else _advance(state, cls, val, sep)
        if new is None:
            # "two hundred and three hundred": that "and" joins a range, not this number.
            if rollback and cls in ("hundred", "scale", "dozen"):
                end, state = rollback
            break
        rollback = (end, state) if sep == "and" else None
        end, state, tokens = step.end(), new, tokens + 1
        step = _NEXT.match(text, end)
    # ("half" in the next few characters is a cheap pre-filter for the pattern)
    small = state.last in ("unit", "teen", "ten", "digits")
    half = _AND_A_HALF.match(text, end) if small and "half" in text[end:end + 16].lower() else None
    if half:  # "one and a half million"
        cls, word = _word_class(half.group(1).lower())
        new = _advance(state._replace(group=state.group + Decimal("0.5")), cls, Decimal(word), " ")
        if new:
            end, state, tokens = half.end(), new, tokens + 1
    value = state.total + state.group
    head, mult = (state.head, state.mult) if state.last in ("hundred", "scale", "dozen") else (value, 1)
    plain = tokens == 1 and token.isdigit()
    return _Number(start, end, value, head, mult, plain, tokens == 1 and token.lower() == "one")


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


def _digits_screen(text: str, start: int, end: int, first: bool = True) -> bool:
    """False when the characters around a digit core show an identifier, not a figure.

    ``first`` is False for the second figure of a range, whose left is the connector.
    """
    before = text[start - 1] if start and first else " "
    if before.isalnum() or before in "_/:.,#@&+":
        return False
    if before == "-" and start >= 2 and text[start - 2].isalnum():
        return False  # F-16, COVID-19
    token = text[start:end]
    if token[0] == "0" and len(token) > 1 and token[1] != ".":
        return False  # 0800, 05: clock times and codes
    return len(token) <= 15 or len(token.split(".")[0].translate(_NO_SEPARATORS)) <= 15


def _bad_suffix(text: str, end: int) -> bool:
    """True when what follows a figure makes it part of a word, label, time or code."""
    after = text[end:end + 2]
    if not after:
        return False
    if after[0].isalpha() or after[0] == "_":
        return True  # 2nd, 9am, 10km, 5G
    if after[0] in ".,:/" and after[1:].isdigit():
        return True  # 2.5.1, 10:30, 11/23, 1,2
    if after[0] != "-" or not after[1:].isalpha():
        return False
    trailing = _AFTER.match(text, end)  # "20-point" is a label, "20-plus" a hedge
    return not (trailing and trailing.lastgroup == "trailing")


def _vague(text: str, rev: str, core: re.Match[str]) -> Quantity | None:
    """``dozens``, ``hundreds of thousands``, ``scores of``, ``several hundred`` as intervals."""
    token, start, end = core.group(1), core.start(1), core.end(1)
    word = token.lower()
    if word not in _PLURAL and (word, None) not in _VAGUE:
        return None
    if word in _PLURAL:  # a singular scale word: only "several hundred", "a few thousand"
        prefix = _PREFIX_REV.match(rev, len(text) - start)
        if not prefix or _PREFIXES.get(_phrase(prefix), 0) is not None:
            return None
        start, word = len(text) - prefix.end(), _PLURAL[word]
        nxt = _NEXT.match(text, end)
        if nxt and nxt.group(3) and (word, _PLURAL.get(nxt.group(3).lower())) in _VAGUE:
            return _vague_quantity(text, start, nxt.end(), (word, _PLURAL[nxt.group(3).lower()]))
        return _vague_quantity(text, start, end, (word, None))
    of_scale = _OF_SCALE.match(text, end)
    if of_scale and (word, of_scale.group(1).lower()) in _VAGUE:
        return _vague_quantity(text, start, of_scale.end(), (word, of_scale.group(1).lower()))
    if word in ("tens", "scores") and not _OF.match(text, end):
        return None  # "test scores", "the tens digit"
    if token[0].isupper() and not token.isupper():
        nxt = _NEXT_WORD.match(text, end)
        if nxt and nxt.group(1)[0].isupper():
            return None  # Thousands Street
    return _vague_quantity(text, start, end, (word, None))


def _vague_quantity(text: str, start: int, end: int, key: tuple) -> Quantity:
    low, high = _VAGUE[key]
    return Quantity(start, end, text[start:end], float(low), float(high), float(low), "vague")


def _is_year(n: _Number) -> bool:
    """Four bare digits that read as a year."""
    return n.plain and n.end - n.start == 4 and 1900 <= n.value <= 2100


def _second(text: str, rev: str, at: int) -> _Number | None:
    """The second figure of a range, starting at ``at`` (just after the connector)."""
    core = _CORE_AT.match(text, _always(_CURRENCY, text, at))
    if not core:
        return None
    token = core.group(1)
    if token[0].isdigit() and not _digits_screen(text, core.start(1), core.end(1), first=False):
        return None
    if not token[0].isdigit() and _word_class(token.lower())[0] == "vague":
        return None
    n = _read(text, rev, core)
    return None if n is None or _bad_suffix(text, n.end) else n


class _Extent(NamedTuple):
    """A figure's full reach: the range it opens (if any), its unit, and what follows it."""

    start: int
    end: int
    low: Decimal
    high: Decimal
    hedge: str  # "exact" or "range"
    unit: str
    last: _Number  # the figure that ends the extent
    after: re.Match[str] | None  # _AFTER at ``end``


def _after(text: str, end: int) -> tuple[str, int, re.Match[str] | None]:
    """Step over a percent sign at ``end``: the unit, the new end, and what follows."""
    after = _AFTER.match(text, end)
    if after and after.lastgroup == "percent":
        end = after.end()
        return "percent", end, _AFTER.match(text, end)
    return "count", end, after


def _extent(text: str, rev: str, n1: _Number, lead: str, lead_start: int) -> _Extent | int:
    """Extend ``n1`` over a percent sign and a range; an int is the resume offset of a code.

    ``lead`` is "between", "from", or "changed" for "rose from", which states two figures.
    """
    unit, end, after = _after(text, n1.end)
    single = _Extent(n1.start, end, n1.value, n1.value, "exact", unit, n1, after)
    if lead == "changed" or not after or after.lastgroup != "connector":
        return single
    connector = after
    dash, word = connector.group("dash"), (connector.group("word") or "").lower()
    n2 = _second(text, rev, connector.end()) if word != "and" or lead == "between" else None
    if n2 is None:
        if dash and text[connector.end():connector.end() + 1].isdigit():
            return _always(_JUNK, text, n1.end)
        return single
    low = n1.value
    if n1.mult == 1 and n2.mult > 1 and n1.value < n2.head and unit == "count":
        low = n1.value * n2.mult  # "1.5 to 2 million", "five to seven hundred"
    years = _is_year(n1) and (_is_year(n2) or n2.end - n2.start == 2)
    phone = n1.plain and n2.plain and n1.end - n1.start == 3 and n2.end - n2.start == 4
    if n2.value <= low or years or (dash and (phone or _DASH_DIGIT.match(text, n2.end))):
        # a hyphenated pair that is no range is a score, date or phone number: 3-1, 2023-24
        return _always(_JUNK, text, n1.end) if dash or years else single
    unit2, end, after = _after(text, n2.end)
    unit = "percent" if "percent" in (unit, unit2) else "count"
    return _Extent(lead_start if lead else n1.start, end, low, n2.value, "range", unit, n2, after)


def _before(text: str, rev: str, at: int) -> tuple[str, int]:
    """What the phrase ending at ``at`` means (hedge kind, label, month, lead) and its start."""
    found = _BEFORE_REV.match(rev, len(text) - at)
    if not found:
        return "", at
    phrase = _phrase(found)
    kind = _BEFORE_KIND[phrase]
    if kind == "month" and not found.group(1)[-1].isupper():
        return "", at  # "may 5" is a verb; "May 5" a date
    return (phrase if kind == "lead" else kind), len(text) - found.end()


def _quantity_at(text: str, rev: str, core: re.Match[str], floor: int) -> tuple[Quantity | None, int]:
    """The quantity whose core is ``core`` (or None), and the offset to resume scanning at."""
    token, resume = core.group(1), core.end(1)
    if token[0].isdigit() and not _digits_screen(text, core.start(1), core.end(1)):
        plus = core.start(1) and text[core.start(1) - 1] == "+"
        return None, _always(_PHONE if plus else _JUNK, text, resume)  # +20 2 2794 5555
    if not token[0].isdigit():
        before = text[core.start(1) - 1] if core.start(1) else " "
        if before.isalnum() or before == "-" and core.start(1) >= 2 and text[core.start(1) - 2].isalnum():
            return None, resume
    vague = not token[0].isdigit() and _word_class(token.lower())[0] == "vague"
    n1 = None if vague else _read(text, rev, core)
    if n1 is None:
        return _vague(text, rev, core), resume
    if _bad_suffix(text, n1.end):
        return None, _always(_JUNK, text, n1.end)
    if n1.plain and text[n1.end + 1:n1.end + 2].isdigit() and (group := _DIGIT_GROUP.match(text, n1.end)) \
            and not _bad_suffix(text, group.end()):
        spaced = _SPACED_GROUPS.match(text, n1.end) if len(token) <= 3 and token != "0" else None
        if spaced is None or _DIGIT_GROUP.match(text, spaced.end()) or _bad_suffix(text, spaced.end()):
            return None, _always(_PHONE, text, n1.end)  # 2794 5555: a phone number or code
        value = Decimal(text[n1.start:spaced.end()].replace(" ", ""))  # "1 350": a thousands separator
        n1 = n1._replace(end=spaced.end(), value=value, head=value, plain=False)
    kind, kind_start = _before(text, rev, n1.start)
    lead = kind if kind in ("between", "from") else ""
    if lead == "from" and _CHANGE_REV.match(rev, len(text) - kind_start):
        lead = "changed"  # "rose from 150 to 200" states two figures, not a range
    extent = _extent(text, rev, n1, lead, kind_start)
    if isinstance(extent, int):
        return None, extent
    resume = max(resume, extent.end)
    last = extent.last
    if extent.after and extent.after.lastgroup == "notcount" or (
            last.plain and last.value <= 31 and _MONTH_AFTER.match(text, last.end)):
        return None, resume  # 3 p.m., 21 years old, 5 Comments, 23 November
    if kind == "label" or kind == "month" and n1.plain and n1.value <= 31:
        return None, resume  # Resolution 2803, October 7
    if lead and _before(text, rev, kind_start)[0] == "label":
        return None, resume  # aged between 18 and 25
    if n1.plain and text[n1.start - 1:n1.start] == "(" and text[n1.end:n1.end + 1] == ")" \
            and _NAME_PAREN_REV.match(rev, len(text) - n1.start):
        return None, resume  # Alexander (21)
    return _hedged(text, rev, n1, extent, kind if kind in _HEDGES else "", kind_start, floor)


# Verbs whose particle is "over": "handed over 13", "turned over 30". ("Took over 240
# hostages" stays a hedge: it is read "took more than 240" as often as not.)
_PHRASAL_OVER = re.compile(r"(?<![\w-])(?:hand|hands|handed|handing|turn|turns|turned|turning)\s+$", re.IGNORECASE)


def _hedged(text: str, rev: str, n1: _Number, extent: _Extent, hedge: str, hedge_start: int,
            floor: int) -> tuple[Quantity | None, int]:
    """Attach currency, ``~`` and hedge words to a figure, then apply the year and "one" rules."""
    start, end, kind = extent.start, extent.end, extent.hedge
    if start == n1.start and start and text[start - 1] in "$€£₪¥":
        start -= 1
        hedge, hedge_start = _before(text, rev, start)
        hedge = hedge if hedge in _HEDGES else ""
    if kind == "exact" and start and text[start - 1] == "~":
        start, kind = start - 1, "about"
    elif hedge and hedge_start >= floor and start in (n1.start, n1.start - 1) and not (
            text[hedge_start:start].lower().split() == ["over"]
            and (_TIME_UNIT_AFTER.match(text, end) or _PHRASAL_OVER.search(text, max(0, hedge_start - 12), hedge_start))):
        # ("killed 15 over 24 hours": "over" a span of time means "during", not "more than";
        # "hands over 13 captives": "over" belongs to the verb)
        start, kind = hedge_start, (hedge if kind == "exact" else kind)
    trailing = extent.after
    if kind == "exact" and trailing and trailing.lastgroup == "trailing":
        word = trailing.group("sign") or trailing.group("suffix") or trailing.group("orword")
        kind, end = _TRAILING_KIND[word.lower()], trailing.end()
    resume = max(end, n1.end)
    if _is_year(n1) and kind in ("exact", "range") and not hedge and not (
            kind == "exact" and _COUNT_NOUN_AFTER.match(text, end)):
        return None, resume
    if n1.lone_one and kind == "exact":
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


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity ``text`` states, in order, with the interval its hedge allows.

    >>> [(q.text, q.low, q.high) for q in find_quantities(
    ...     "Israel has killed more than 71,000 people, and 447 since Oct. 10.")]
    [('more than 71,000', 71000.0, 72000.0), ('447', 447.0, 447.0)]
    >>> [(q.text, q.hedge) for q in find_quantities("at least 20 to 21 killed; Resolution 2803")]
    [('at least 20 to 21', 'range')]
    """
    rev = text[::-1]  # hedges and labels are read backwards, by anchored matches on this
    found: list[Quantity] = []
    floor = 0
    search = _CORE.search
    core = _CORE_AT.match(text) or search(text)
    while core:
        quantity, resume = _quantity_at(text, rev, core, floor)
        if quantity is not None and quantity.start >= floor:
            found.append(quantity)
            floor = quantity.end
        # Step back one character: the scanner reads the character before a core.
        core = search(text, max(resume, core.end(1)) - 1)
    return found
