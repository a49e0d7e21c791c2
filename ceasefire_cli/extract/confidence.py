"""How sure a count's reading is: its confidence level and the doubts behind it.

A count is ``high`` when its own clause states the metric, its sentence the
span and its group; each doubt is named so an editor sees why a reading was
held back (see :func:`confidence_of`).
"""

from __future__ import annotations

import re

from ..models import Quantity
from .lexicon import Lexicon

__all__ = ["FIRST_DAYS", "both_sides", "confidence_of", "dash_appositive", "first_week"]


# A sentence where both sides fight: "Israel battles Hamas militants as death toll nears 1,200".
_ISRAEL = re.compile(r"(?<![\w-])Israel(?:i|is)?(?![\w])")


_HAMAS = re.compile(r"(?<![\w-])(?:Hamas|militants|gunmen)(?![\w])")


_FIGHT = re.compile(r"(?<![\w-])(?:battle|battles|battling|fight|fights|fighting|clash|clashes)(?![\w-])", re.IGNORECASE)


_OWN_SIDE = re.compile(r"(?<![\w-])(?:Gaza|Gazan|Gazans|Palestinian|Palestinians|Israel|Israeli|Israelis)(?![\w-])")


_TOLL_WORD = re.compile(r"(?:death\s+)?toll|tally", re.IGNORECASE)


#: Days after the war's start (its vetted fact ``date.war_start``) in which a toll naming no side
#: may be either side's or both sides' together, as headlines gave them.
FIRST_DAYS = 7


def first_week(lex: Lexicon, published) -> bool:
    """True when the document dates from the first :data:`FIRST_DAYS` of the war (by its vetted start date)."""
    start = lex.settings.war_start
    return start is not None and published is not None and 0 <= (published - start).days < FIRST_DAYS


def both_sides(lex: Lexicon, text: str, s0: int, s1: int, c0: int, c1: int, population, named: bool, metric_match) -> bool:
    """True for a toll whose clause names no side, in a sentence where both sides fight: in a war's
    first days such a toll is often both sides' or the other side's ("death toll nears 1,200" on 7 October)."""
    if named or population != lex.settings.default_population or not _TOLL_WORD.fullmatch(metric_match.group()):
        return False
    if _OWN_SIDE.search(text, c0, c1):
        return False
    return bool(_ISRAEL.search(text, s0, s1) and _HAMAS.search(text, s0, s1) and _FIGHT.search(text, s0, s1))


def dash_appositive(text: str, metric_match: re.Match[str], c0: int, q: Quantity) -> bool:
    """True when the figure opens an aside after a dash that the metric word before it heads:
    "those killed in Gaza – now more than 38,000 in total"."""
    return metric_match.end() <= c0 and c0 > 0 and text[c0 - 1] in "–—" and len(text[c0 : q.start].split()) <= 2


def confidence_of(scope: str, doubts: list[str]) -> tuple[str, str | None]:
    """(level, doubts) of a count: what its own clause leaves to context or to guesswork.

    ``low``: a vague figure ("dozens"), or a span unsettled or projected;
    ``high``: the clause states the metric, the sentence states the span and
    the group is the sentence's own. A missing source is noted but lowers nothing: headlines
    and ledes state tolls without one.

    >>> confidence_of("war", ["no source named"])
    ('high', 'no source named')
    >>> confidence_of("war", ["span not stated in its sentence"])
    ('medium', 'span not stated in its sentence')
    """
    if "vague figure" in doubts or scope in ("unknown", "projection"):
        level = "low"
    elif any(d != "no source named" for d in doubts):
        level = "medium"
    else:
        level = "high"
    return level, ", ".join(doubts) or None
