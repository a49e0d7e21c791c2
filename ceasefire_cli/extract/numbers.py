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

Hedges -> intervals
    See ``hedges.py``: each hedge word widens the figure to the interval a
    reader allows (``more than 71,000`` -> [71000, 72000]).

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

from ceasefire_cli.models import Quantity

__all__ = ["find_quantities"]

from .figures import (
    Extent, Figure, bad_suffix, digits_screen, is_year, read_before, read_figure, skip, word_class,
)
from .hedges import hedged, read_vague
from .number_lexicon import (  # the grammar's vocabulary and patterns
    HEDGES,
    CORE_AT,
    CORE,
    JUNK,
    DASH_DIGIT,
    PHONE,
    DIGIT_GROUP,
    SPACED_GROUPS,
    AFTER,
    CURRENCY,
    MONTH_AFTER,
    CHANGE_REV,
    NAME_PAREN_REV,
)


def _second(text: str, rev: str, at: int) -> Figure | None:
    """The second figure of a range, starting at ``at`` (just after the connector)."""
    core = CORE_AT.match(text, skip(CURRENCY, text, at))
    if not core:
        return None
    token = core.group(1)
    if token[0].isdigit() and not digits_screen(text, core.start(1), core.end(1), first=False):
        return None
    if not token[0].isdigit() and word_class(token.lower())[0] == "vague":
        return None
    n = read_figure(text, rev, core)
    return None if n is None or bad_suffix(text, n.end) else n


def _after(text: str, end: int) -> tuple[str, int, re.Match[str] | None]:
    """Step over a percent sign at ``end``: the unit, the new end, and what follows."""
    after = AFTER.match(text, end)
    if after and after.lastgroup == "percent":
        end = after.end()
        return "percent", end, AFTER.match(text, end)
    return "count", end, after


def _extent(text: str, rev: str, n1: Figure, lead: str, lead_start: int) -> Extent | int:
    """Extend ``n1`` over a percent sign and a range; an int is the resume offset of a code.

    ``lead`` is "between", "from", or "changed" for "rose from", which states two figures.
    """
    unit, end, after = _after(text, n1.end)
    single = Extent(n1.start, end, n1.value, n1.value, "exact", unit, n1, after)
    if lead == "changed" or not after or after.lastgroup != "connector":
        return single
    connector = after
    dash, word = connector.group("dash"), (connector.group("word") or "").lower()
    n2 = _second(text, rev, connector.end()) if word != "and" or lead == "between" else None
    if n2 is None:
        if dash and text[connector.end():connector.end() + 1].isdigit():
            return skip(JUNK, text, n1.end)
        return single
    if is_year(n1) and n2.value > 10 * n1.value:
        return single  # "the toll since October 2023 to 68,500": a year, then the figure, no range
    low = n1.value
    if n1.mult == 1 and n2.mult > 1 and n1.value < n2.head and unit == "count":
        low = n1.value * n2.mult  # "1.5 to 2 million", "five to seven hundred"
    years = is_year(n1) and (is_year(n2) or n2.end - n2.start == 2)
    phone = n1.plain and n2.plain and n1.end - n1.start == 3 and n2.end - n2.start == 4
    if n2.value <= low or years or (dash and (phone or DASH_DIGIT.match(text, n2.end))):
        # a hyphenated pair that is no range is a score, date or phone number: 3-1, 2023-24
        return skip(JUNK, text, n1.end) if dash or years else single
    unit2, end, after = _after(text, n2.end)
    unit = "percent" if "percent" in (unit, unit2) else "count"
    return Extent(lead_start if lead else n1.start, end, low, n2.value, "range", unit, n2, after)


def _quantity_at(text: str, rev: str, core: re.Match[str], floor: int) -> tuple[Quantity | None, int]:
    """The quantity whose core is ``core`` (or None), and the offset to resume scanning at."""
    token, resume = core.group(1), core.end(1)
    if token[0].isdigit() and not digits_screen(text, core.start(1), core.end(1)):
        plus = core.start(1) and text[core.start(1) - 1] == "+"
        return None, skip(PHONE if plus else JUNK, text, resume)  # +20 2 2794 5555
    if not token[0].isdigit():
        before = text[core.start(1) - 1] if core.start(1) else " "
        if before.isalnum() or before == "-" and core.start(1) >= 2 and text[core.start(1) - 2].isalnum():
            return None, resume
    vague = not token[0].isdigit() and word_class(token.lower())[0] == "vague"
    n1 = None if vague else read_figure(text, rev, core)
    if n1 is None:
        return read_vague(text, rev, core), resume
    if bad_suffix(text, n1.end):
        return None, skip(JUNK, text, n1.end)
    if n1.plain and text[n1.end + 1:n1.end + 2].isdigit() and (group := DIGIT_GROUP.match(text, n1.end)) \
            and not bad_suffix(text, group.end()):
        spaced = SPACED_GROUPS.match(text, n1.end) if len(token) <= 3 and token != "0" else None
        if spaced is None or DIGIT_GROUP.match(text, spaced.end()) or bad_suffix(text, spaced.end()):
            return None, skip(PHONE, text, n1.end)  # 2794 5555: a phone number or code
        value = Decimal(text[n1.start:spaced.end()].replace(" ", ""))  # "1 350": a thousands separator
        n1 = n1._replace(end=spaced.end(), value=value, head=value, plain=False)
    kind, kind_start = read_before(text, rev, n1.start)
    lead = kind if kind in ("between", "from") else ""
    if lead == "from" and CHANGE_REV.match(rev, len(text) - kind_start):
        lead = "changed"  # "rose from 150 to 200" states two figures, not a range
    extent = _extent(text, rev, n1, lead, kind_start)
    if isinstance(extent, int):
        return None, extent
    resume = max(resume, extent.end)
    last = extent.last
    if extent.after and extent.after.lastgroup == "notcount" or (
            last.plain and last.value <= 31 and MONTH_AFTER.match(text, last.end)):
        return None, resume  # 3 p.m., 21 years old, 5 Comments, 23 November
    if kind == "label" or kind == "month" and n1.plain and n1.value <= 31:
        return None, resume  # Resolution 2803, October 7
    if lead and read_before(text, rev, kind_start)[0] == "label":
        return None, resume  # aged between 18 and 25
    if n1.plain and text[n1.start - 1:n1.start] == "(" and text[n1.end:n1.end + 1] == ")" \
            and NAME_PAREN_REV.match(rev, len(text) - n1.start):
        return None, resume  # Alexander (21)
    return hedged(text, rev, n1, extent, kind if kind in HEDGES else "", kind_start, floor)


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
    search = CORE.search
    core = CORE_AT.match(text) or search(text)
    while core:
        quantity, resume = _quantity_at(text, rev, core, floor)
        if quantity is not None and quantity.start >= floor:
            found.append(quantity)
            floor = quantity.end
        # Step back one character: the scanner reads the character before a core.
        core = search(text, max(resume, core.end(1)) - 1)
    return found
