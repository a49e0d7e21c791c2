"""Reading one figure: digits or number words, with their scales, as a value.

The number-word grammar (``four hundred forty-seven``, ``one and a half
million``, ``3 hundred and 21``), the screens that tell a figure from an
identifier, a label or a time by the characters around it, and the phrase
read backwards before a figure (hedge, label, month). ``numbers.py`` scans a
text with these; ``hedges.py`` turns what they read into intervals.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from .number_lexicon import (  # the grammar's vocabulary and patterns
    UNITS,
    TENS,
    SCALES,
    ABBREVIATIONS,
    PREFIXES,
    BEFORE_KIND,
    phrase_of,
    NEXT,
    ABBREVIATION,
    AFTER,
    AND_A_HALF,
    BEFORE_REV,
    PREFIX_REV,
    NO_SEPARATORS,
    INFINITY,
)


class Figure(NamedTuple):
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


def word_class(word: str) -> tuple[str, int]:
    """The grammar class and value of one lower-case number word.

    >>> word_class("seventy"), word_class("million"), word_class("dozens")
    (('ten', 70), ('scale', 1000000), ('vague', 0))
    """
    if word in UNITS:
        return ("teen" if UNITS[word] >= 10 else "unit"), UNITS[word]
    if word in TENS:
        return "ten", TENS[word]
    if word == "hundred":
        return "hundred", 100
    if word == "dozen":
        return "dozen", 12
    if word in SCALES:
        return "scale", SCALES[word]
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
        value = Decimal(token.translate(NO_SEPARATORS))
        return core.start(1), _State(Decimal(0), value, "digits", INFINITY, value, 1)
    cls, val = word_class(token.lower())
    if cls in ("unit", "teen", "ten"):
        return core.start(1), _State(Decimal(0), Decimal(val), cls, INFINITY, Decimal(val), 1)
    prefix = PREFIX_REV.match(rev, len(text) - core.start(1))
    factor = PREFIXES.get(phrase_of(prefix)) if prefix else None
    if factor is None:
        return None
    begun = _advance(_State(Decimal(0), Decimal(str(factor)), "prefix", INFINITY, Decimal(0), 1), cls, Decimal(val), " ")
    return (len(text) - prefix.end(), begun) if begun and prefix else None


def skip(pattern: re.Pattern[str], text: str, at: int) -> int:
    """Where ``pattern`` (which may match nothing, so always matches) ends when tried at ``at``.

    >>> from ceasefire_cli.extract.number_lexicon import JUNK
    >>> skip(JUNK, "2023-24 season", 4)
    7
    """
    m = pattern.match(text, at)
    return m.end() if m else at


def read_figure(text: str, rev: str, core: re.Match[str]) -> Figure | None:
    """Read the figure at ``core``: digits or words, then scales and further number words.

    >>> from ceasefire_cli.extract.number_lexicon import CORE
    >>> text = "killed 1.9 million"
    >>> n = read_figure(text, text[::-1], CORE.search(text))
    >>> n.start, n.end, n.value, n.head, n.mult
    (7, 18, Decimal('1900000.0'), Decimal('1.9'), 1000000)
    """
    end, token = core.end(1), core.group(1)
    step = NEXT.match(text, end)
    if token[0].isdigit():
        abbreviation = ABBREVIATION.match(text, end)
        if abbreviation:
            mult = ABBREVIATIONS[(abbreviation.group(1) or abbreviation.group(2)).lower()]
            value = Decimal(token.translate(NO_SEPARATORS))
            return Figure(core.start(1), abbreviation.end(), value * mult, value, mult, False, False)
        if not step and "half" not in text[end:end + 16].lower():  # the common case: digits alone
            value = Decimal(token.translate(NO_SEPARATORS))
            return Figure(core.start(1), end, value, value, 1, token.isdigit(), False)
    begun = _start_state(text, rev, core)
    if begun is None:
        return None
    start, state = begun
    tokens, rollback = 1, None
    while step and state.last != "dozen":
        sep = "and" if step.group(1) else ("-" if step.group(2) else " ")
        if step.group(3):
            cls, word = word_class(step.group(3).lower())
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
        step = NEXT.match(text, end)
    # ("half" in the next few characters is a cheap pre-filter for the pattern)
    small = state.last in ("unit", "teen", "ten", "digits")
    half = AND_A_HALF.match(text, end) if small and "half" in text[end:end + 16].lower() else None
    if half:  # "one and a half million"
        cls, word = word_class(half.group(1).lower())
        new = _advance(state._replace(group=state.group + Decimal("0.5")), cls, Decimal(word), " ")
        if new:
            end, state, tokens = half.end(), new, tokens + 1
    value = state.total + state.group
    head, mult = (state.head, state.mult) if state.last in ("hundred", "scale", "dozen") else (value, 1)
    plain = tokens == 1 and token.isdigit()
    return Figure(start, end, value, head, mult, plain, tokens == 1 and token.lower() == "one")


def digits_screen(text: str, start: int, end: int, first: bool = True) -> bool:
    """False when the characters around a digit core show an identifier, not a figure.

    ``first`` is False for the second figure of a range, whose left is the connector.

    >>> digits_screen("F-16 jets", 2, 4), digits_screen("71,000 dead", 0, 6)
    (False, True)
    """
    before = text[start - 1] if start and first else " "
    if before.isalnum() or before in "_/:.,#@&+":
        return False
    if before == "-" and start >= 2 and text[start - 2].isalnum():
        return False  # F-16, COVID-19
    token = text[start:end]
    if token[0] == "0" and len(token) > 1 and token[1] != ".":
        return False  # 0800, 05: clock times and codes
    return len(token) <= 15 or len(token.split(".")[0].translate(NO_SEPARATORS)) <= 15


def bad_suffix(text: str, end: int) -> bool:
    """True when what follows a figure makes it part of a word, label, time or code.

    >>> [bad_suffix(t, 2) for t in ("2nd day", "20-point plan", "20-plus dead", "20 dead")]
    [True, True, False, False]
    """
    after = text[end:end + 2]
    if not after:
        return False
    if after[0].isalpha() or after[0] == "_":
        return True  # 2nd, 9am, 10km, 5G
    if after[0] in ".,:/" and after[1:].isdigit():
        return True  # 2.5.1, 10:30, 11/23, 1,2
    if after[0] != "-" or not after[1:].isalpha():
        return False
    trailing = AFTER.match(text, end)  # "20-point" is a label, "20-plus" a hedge
    return not (trailing and trailing.lastgroup == "trailing")


def is_year(n: Figure) -> bool:
    """Four bare digits that read as a year.

    >>> is_year(Figure(0, 4, Decimal(2025), Decimal(2025), 1, True, False))
    True
    """
    return n.plain and n.end - n.start == 4 and 1900 <= n.value <= 2100


class Extent(NamedTuple):
    """A figure's full reach: the range it opens (if any), its unit, and what follows it."""

    start: int
    end: int
    low: Decimal
    high: Decimal
    hedge: str  # "exact" or "range"
    unit: str
    last: Figure  # the figure that ends the extent
    after: re.Match[str] | None  # AFTER at ``end``


def read_before(text: str, rev: str, at: int) -> tuple[str, int]:
    """What the phrase ending at ``at`` means (hedge kind, label, month, lead) and its start.

    >>> [read_before(t, t[::-1], len(t) - 2) for t in ("killed more than 70", "Resolution 28")]
    [('above', 7), ('label', 0)]
    """
    found = BEFORE_REV.match(rev, len(text) - at)
    if not found:
        return "", at
    phrase = phrase_of(found)
    kind = BEFORE_KIND[phrase]
    if kind == "month" and not found.group(1)[-1].isupper():
        return "", at  # "may 5" is a verb; "May 5" a date
    start = len(text) - found.end()
    if phrase == "top" and not _TOP_SUBJECT.search(text, max(0, start - 30), start):
        return "label", start  # "deaths top 20,000" is a verb; "kill the top three leaders" a rank
    return (phrase if kind == "lead" else kind), start


# A plural subject or a toll right before "top": "(deaths|the toll) top 20,000".
_TOP_SUBJECT = re.compile(r"(?:(?<!['’])s|toll|tally|number|figure|count)\s+$", re.IGNORECASE)
