"""Which metric a figure counts: the metric word nearest it, the verb that moves its people, or where they are held.

``claims.py`` asks this module for a figure's metric word (:func:`nearest_metric`)
and, when none stands near it, for the metric its flow verb implies
(:func:`flow_metric`: "30 Palestinians freed" are prisoners, "10 Israelis were
released" captives). The words come from the taxonomy (``Lexicon``).
"""

from __future__ import annotations

import re

from ..models import Quantity
from .clauses import CONJUNCTION, FIGURE_WORD, distance, points_back
from .lexicon import Lexicon, phrase_key
from .population import PHRASE_REACH

# Another figure, in a clause joined by ", and" (or after ";"), between a figure and a metric word
# after it: the word is that figure's noun ("150 women will be released, and 50 hostages freed").
# An aside's figure ("Nine people, among them four women, were killed", "Two cousins, 17 and 19,
# were shot dead") is not one.
_FIGURE_BETWEEN = re.compile(
    rf"(?:,\s*(?:and|while|whereas)|;)\s+(?:[\w’'-]+\s+){{0,2}}?{FIGURE_WORD}(?![\w])",
    re.IGNORECASE,
)

__all__ = ["CLAUSE_START", "counts_people_not_things", "flow_metric", "held_metric", "nearest_metric", "told_before"]


# A clause that starts between a figure and a metric word after it: "targeted dozens
# of militants after a soldier was killed" does not count the dead.
# ("listed as missing", "described as dead": "as" after such a verb opens no clause.)
CLAUSE_START = re.compile(
    r"(?<![\w-])(?:after|before|when|while|because|although|whereas|following|"
    r"(?<!listed )(?<!described )(?<!counted )(?<!registered )(?<!classified )(?<!recorded )(?<!identified )as"
    r"(?!\s+(?:hostages|hostage|captives|prisoners|detainees)(?![\w-])))(?![\w-])",
    re.IGNORECASE,
)


# Up to two words between a figure and its own noun ("four other captives").
_OWN_METRIC = re.compile(r"(?:\s+(?!(?:and|or|but|while|who|were|was|have|had|are|is)(?![\w-]))[\w’'-]+){0,2}\s+", re.IGNORECASE)


# Between a metric word before the figure and the figure: a new coordinate clause.
_COORDINATE = re.compile(r"[,;]|" + CONJUNCTION, re.IGNORECASE)


# A flow verb in the passive after a people's figure: "10 Israelis were released", "31 Palestinians, 12 Israelis released".
_FLOW_AFTER_GAP = re.compile(
    r"(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are\s+being|being|will\s+be|would\s+be|are\s+to\s+be|to\s+be|"
    r"later|earlier|also|then))*\s+$",
    re.IGNORECASE,
)


# An active flow verb right before the figure and its people: "Israel frees 30 Palestinians".
_FLOW_BEFORE_GAP = re.compile(r"\s+(?:(?:some|about|around|nearly|over|more\s+than|at\s+least)\s+)?$", re.IGNORECASE)


# The rest of a list of peoples' figures after the first: ", 12 Israelis", " and three foreigners".
_LIST_REST = re.compile(r"(?:\s*(?:,|\band\b)\s*(?:\d[\d,]*|[A-Za-z]+)\s+[\w’'-]+(?:\s+[\w’'-]+)?)*", re.IGNORECASE)


def _list_end(text: str, start: int, stop: int) -> int:
    """Where a list of figures that goes on after ``start`` ends, short of ``stop``."""
    m = _LIST_REST.match(text, start, stop)
    return m.end() if m else start


# Metric words that also stand as an adjective before another metric's noun ("dead captives").
_ADJECTIVE = re.compile(r"dead|deceased|slain|wounded|injured|missing", re.IGNORECASE)


def nearest_metric(lex: Lexicon, text: str, s0: int, s1: int, q: Quantity) -> re.Match[str] | None:
    """The metric word closest to the figure: right after it, or before it in the sentence.

    A metric word before the figure that a clause break separates from it
    ("870 have died and 2,530 were treated for injuries") gives way to one
    after it in the figure's own clause.
    """
    # A metric phrase that starts within reach is read whole, even past it ("kidnapped by Israeli army").
    after = lex.metric.search(text, q.end, s1)
    if after is not None and after.start() >= q.end + PHRASE_REACH:
        after = None
    if after is not None and _FIGURE_BETWEEN.search(text, q.end, after.start()):
        after = None  # "150 women will be released, and 50 hostages": that word is the 50's
    if after and (opener := CLAUSE_START.search(text, q.end, after.end())) and opener.start() < after.start():
        after = None  # (searched up to the metric word's end: "200 people as hostages" opens no clause)
    if after is not None and _ADJECTIVE.fullmatch(after.group()) and text[after.end() : after.end() + 1] == " " and (
        head := lex.metric.match(text, after.end() + 1)
    ) is not None:
        after = head  # "the 28 dead captives", "three wounded hostages": the noun heads its adjective
    before = None
    for match in lex.metric.finditer(text, s0, q.start):
        before = match
    if after and before:
        if _OWN_METRIC.fullmatch(text, q.end, after.start()):
            return after  # "the bodies of four other captives": the figure's own noun
        if _COORDINATE.search(text, before.end(), q.start) and not re.search(r"[,;:]", text[q.end : after.start()]):
            return after
        # Crossing a comma costs more than words: "killed ... now nears 400, while injuries ...".
        return after if distance(q, after.start(), after.end(), text) <= distance(q, before.start(), before.end(), text) else before
    return after or before


def flow_metric(lex: Lexicon, text: str, s0: int, s1: int, q: Quantity) -> tuple[str, re.Match[str]] | None:
    """(metric, flow verb) for a people's figure that no metric word names, from the verb that moves them.

    "Israel frees 30 Palestinians after 10 Israelis were released": freed
    Palestinians are prisoners and freed Israelis captives, each the metric
    whose people (claims.yaml ``population``) the figure names; a people no
    such metric counts ("three foreigners") goes to the flow metric that does
    not count the default people. Only a people's word right after the figure
    and a flow verb right after that (or right before the figure) count.
    """
    if lex.population is None:
        return None
    people = lex.population.match(text, q.end + 1) if text[q.end : q.end + 1] == " " else None
    if people is None:
        return None
    group = lex.population_names[phrase_key(people.group())]
    while (more := lex.population.match(text, people.end() + 1)) is not None and text[people.end() : people.end() + 1] == " ":
        people = more  # "150 Palestinian women and children": the people is the first word, the phrase runs on
    settings = lex.settings
    stop = min(s1, _list_end(text, people.end(), s1) + 40)
    candidates = []
    for metric in settings.metrics:
        flows = lex.flow_pattern(metric.name)
        if flows is None or metric.population is None:
            continue
        verb = next((m for m in flows.finditer(text, people.end(), stop) if _FLOW_AFTER_GAP.fullmatch(text, _list_end(text, people.end(), m.start()), m.start())), None)
        if verb is None:
            verb = next((m for m in flows.finditer(text, max(s0, q.start - 40), q.start) if _FLOW_BEFORE_GAP.fullmatch(text, m.end(), q.start)), None)
        if verb is not None:
            candidates.append((metric, verb))
    own = [c for c in candidates if c[0].population == group]
    if not own and group != settings.default_population:
        own = [c for c in candidates if c[0].population != settings.default_population]
    return (own[0][0].name, own[0][1]) if len(own) == 1 else None


def held_metric(lex: Lexicon, text: str, metric_match: re.Match[str], metric_name: str, s1: int):
    """The metric of people held whose flow the figure's metric word is: "dead in Hamas custody",
    "killed in captivity" count captives; None when no such word follows closely."""
    after = lex.metric.search(text, metric_match.end(), min(s1, metric_match.end() + 25))
    if after is None or re.search(r"[,;:.\d]", text[metric_match.end() : after.start()]):
        return None
    if not after.group().lower().startswith(("in ", "held ")):
        return None  # a place or state of holding ("in captivity", "held in Gaza"), not another verb
    other = next((m for m in lex.settings.metrics if m.name == lex.metric_names[phrase_key(after.group())]), None)
    if other is None or other.name == metric_name:
        return None
    flows = lex.flow_pattern(other.name)
    return other if flows is not None and flows.fullmatch(metric_match.group()) else None


def counts_people_not_things(lex: Lexicon, text: str, q: Quantity, metric_match: re.Match[str]) -> bool:
    """True when a figure whose own noun is a people follows, across a clause break, a metric of things (no population)."""
    name = lex.metric_names[phrase_key(metric_match.group())]
    metric = next((m for m in lex.settings.metrics if m.name == name), None)
    if metric is None or metric.population is not None or lex.population is None or text[q.end : q.end + 1] != " ":
        return False
    return lex.population.match(text, q.end + 1) is not None and CLAUSE_START.search(text, metric_match.end(), q.start) is not None


# A sentence that opens on a bare figure: "Four have since been released.", "The 24 freed include …".
_OPENS_BARE = re.compile(r"[\s\"“‘'#*-]*(?:(?:the|only|all|another|just)\s+)?", re.IGNORECASE)
# Between such a figure and its verb: "have since been", "were later", nothing.
_BARE_GAP = re.compile(
    r"\s+(?:(?:have|has|had|were|was|are|is|will|would)\s+)?(?:(?:since|later|now|also|already|then|subsequently)\s+)?(?:been\s+|be\s+)?",
    re.IGNORECASE,
)


def told_before(lex: Lexicon, text: str, s0: int, q: Quantity, before: dict | None) -> tuple[str, re.Match[str]] | None:
    """(metric, the words that point back) for a figure whose own sentence names no metric, from the count before.

    "Hamas seized some 220 people as hostages. Four have since been released.": a
    bare figure that opens its sentence with a flow verb of the metric counted
    in the sentence before counts that metric; so does "By last summer, that
    number had grown to 400". ``before`` is the last count of the sentence
    right before (None when there is none).
    """
    if before is None:
        return None
    figure = points_back(text, s0, q)
    if figure is not None:
        return before["metric"], figure
    if not _OPENS_BARE.fullmatch(text, s0, q.start):
        return None
    gap = _BARE_GAP.match(text, q.end)
    flows = lex.flow_pattern(before["metric"])
    verb = flows.match(text, gap.end()) if flows is not None and gap is not None else None
    return (before["metric"], verb) if verb is not None else None
