"""Reading a figure in its clause: is it a count at all, of which group, over which span.

Pure functions over the text and the compiled :class:`~ceasefire_cli.extract.lexicon.Lexicon`;
:mod:`ceasefire_cli.extract.claims` calls them for every figure that has a metric word.

The clause is the stretch of the sentence around the figure between
punctuation (``, ; : — ( )``) and the words that open a new clause ("as",
"while", "after", "bringing" …): "Toll rises to 31,200 as attacks kill 96
more" has two clauses and two spans. Cues are looked for in the clause first,
then — for the cues of a span that reaches back to a date ("since October 7,
…") — in the whole sentence.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon, phrase_key
from ..models import Quantity

# Where a clause ends: punctuation, or a word that opens another clause.
_BOUNDARY = re.compile(
    r"[;:—–()\[\]]|,(?!\d)|(?<![\w-])(?:as|while|after|when|whereas|but|bringing|raising|taking|pushing|"
    r"lifting|amid|before|following|which|who|where|and then)(?![\w-])",
    re.IGNORECASE,
)
# "96 more", "12 more hostages": an added count (but "more than 96" is a hedge, read by the grammar).
_MORE_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,2}?\s+(?:more|additional|new)(?![\w-])(?!\s+than)", re.IGNORECASE)
# "rose by 20,000", "has grown by about 3,600", "an increase of 196": the size of a rise, not the level reached.
_BY_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:ris\w*|rose|grew|grown|grows|increas\w*|climb\w*|jump\w*|went\s+up|go(?:es)?\s+up|swell\w*|fell|fallen|drop\w*)\s+by"
    r"|(?:an?\s+)?(?:increase|rise|jump|climb|fall|drop)\s+of)\s+(?:(?:more\s+than|over|about|around|nearly|almost|some|roughly|at\s+least|another)\s+)?$",
    re.IGNORECASE,
)
# "4,229 deaths were added (over the same period)": what a count grew by.
_ADDED_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,2}?\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+added(?![\w-])", re.IGNORECASE)
_ANOTHER_BEFORE = re.compile(r"(?<![\w-])(?:another|a further|an additional|further)\s+$", re.IGNORECASE)
# A modal right after the figure: "6,000 could die", "33 would be released".
_MODAL_AFTER = re.compile(
    # ("may", never the month: "34,568 on 1 May", "by May 2024")
    r"(?:\s+[\w’'-]+){0,6}?\s+(?:could|would|might|will|(?<!\d\s)(?-i:may)(?!\s+\d)|are expected to|are set to|are due to|are to|"
    r"(?:are\s+)?(?:under threat|at risk|in danger)|"
    # A headline's infinitive: "12 captives held in Gaza to be freed today", a plan, not a release.
    r"to\s+be\s+(?:freed|released|handed\s+over|returned|exchanged|evacuated|admitted|deported))(?![\w-])",
    re.IGNORECASE,
)
# An operation named right before "to free", "to rescue": its purpose, not a plan ("a raid to free 4 hostages").
_PURPOSE_OF_OPERATION = re.compile(r"(?<![\w-])(?:raid|raids|operation|operations|mission|rescue|assault|strike|incursion)\s+$", re.IGNORECASE)
# How far before a figure a modal word still governs it, in characters.
_MODAL_REACH = 50
# "17 and 19," after "two cousins,": ages in apposition, never counts.
_APPOSITION_BEFORE = re.compile(r"[A-Za-z’']{2,}\s*[,(]\s*(?:\d{1,3}\s*(?:,|and|&)\s*)*$")
_APPOSITION_AFTER = re.compile(r"(?:\s*(?:,|and|&)\s*\d{1,3})*\s*[,)]")
# "three in four", "one in five", "9 out of 10": a ratio, never a count.
_RATIO_AFTER = re.compile(
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?!\s*(?:[-,.]\d|hours?|days?|weeks?|months?|years?|minutes?|attacks?|strikes?|raids?))(?![\w-])",
    re.IGNORECASE,
)
# The second figure of a ratio: "three in *four* residents", "one out of *five* people".
_RATIO_BEFORE = re.compile(r"(?<![\w-])(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.IGNORECASE)
# "19-month war", "a 12-year-old", "a 20-point plan": a measure glued to its unit.
_HYPHEN_UNIT = re.compile(
    r"-(?:years?|months?|weeks?|days?|hours?|minutes?|miles?|metres?|meters?|km|kilometres?|"
    r"kilometers?|storey|story|point|member|nation|page|floor|bed|hectare)(?![\w])",
    re.IGNORECASE,
)
_CURRENCY = "$€£₪¥"
_CURRENCY_BEFORE = re.compile(r"(?:US|USD|EUR|NIS)\s*\$?\s*$|[$€£₪¥]\s*$", re.IGNORECASE)
# (Not "Gaza" as an adjective of something else: "since the Gaza ceasefire" names no place of the dead.)
_GAZA = re.compile(
    r"(?<![\w-])Gaza(?:\s+Strip|\s+City)?(?![\w-])"
    r"(?!\s+(?:ceasefire|truce|deal|agreement|war|talks|plan|health\s+ministry|Health\s+Ministry|Government\s+Media\s+Office)(?![\w-]))"
)


def clause_bounds(text: str, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    """The clause around ``[start, end)`` within the sentence ``[s0, s1)``.

    >>> t = "Toll rises to 31,200 as attacks kill 96 more."
    >>> c0, c1 = clause_bounds(t, 0, len(t), 37, 39); t[c0:c1].strip()
    'attacks kill 96 more.'
    """
    c0 = s0
    for before in _BOUNDARY.finditer(text, max(s0, start - 300), start):
        c0 = before.end()
    # A figure in a list ("freed 30 prisoners, five women and 25 children"; "31 Palestinians,
    # 12 Israelis released") shares the verb of the whole list: its clause runs across the items.
    while c0 > s0 and text[c0 - 1] == "," and _ITEM_START.fullmatch(text, c0, start) and _ITEM_BEFORE.search(text, max(s0, c0 - 50), c0 - 1):
        c0 = next((b.end() for b in reversed(list(_BOUNDARY.finditer(text, max(s0, c0 - 300), c0 - 1)))), s0)
    after = _BOUNDARY.search(text, end, min(s1, end + 300))
    while after is not None and after.group() == "," and _ITEM_WORDS.fullmatch(text, end, after.start()) and (item := _ITEM_AFTER.match(text, after.end())):
        end = item.end()
        after = _BOUNDARY.search(text, end, min(s1, end + 300))
    if after is not None and after.group() == "," and _ASIDE.match(text, after.end()):
        # "More than 200 hostages, including children, are still held": the clause goes on past
        # an aside between commas to its verb.
        close = text.find(",", after.end(), min(s1, after.end() + _ASIDE_REACH))
        if close != -1 and not _NEXT_ITEM.match(text, close + 1):
            # (Unless another figure follows the aside: "freed 1,968 prisoners, including 250
            # serving life terms, and about 1,700 detained during the war" lists a second count.)
            after = _BOUNDARY.search(text, close + 1, min(s1, end + 300))
    return c0, (after.start() if after else s1)


# List items: a figure with at most two words of its own ("12 Israelis", "four Thai nationals").
#: A figure written in digits or words, for patterns that look for "another figure" nearby.
FIGURE_WORD = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty)"
_ITEM_WORDS = re.compile(r"(?:\s+[\w’'-]+){0,2}\s*")
_ITEM_START = re.compile(r"\s*(?:and\s+)?")
_ITEM_BEFORE = re.compile(rf"(?<![\w,.-]){FIGURE_WORD}(?:\s+[\w’'-]+){{0,2}}\s*$", re.IGNORECASE)
_ITEM_AFTER = re.compile(rf"\s*(?:and\s+)?{FIGURE_WORD}(?:\s+[\w’'-]+){{1,2}}?(?:\s+and\s+(?:{FIGURE_WORD}|an?)(?:\s+[\w’'-]+){{1,2}}?)?(?=\s*(?:,|$|\s(?:were|was|have|has|had|are|released|freed|killed|wounded|injured)\b))", re.IGNORECASE)


# An aside between commas after a figure's noun: "including children", "most of them women".
_ASIDE = re.compile(r"\s*(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them|mostly|mainly)(?![\w-])", re.IGNORECASE)
_ASIDE_REACH = 80
# What opens another item of a list after an aside: "and about 1,700 people …".
_NEXT_ITEM = re.compile(
    rf"\s*(?:and\s+)?(?:(?:about|around|some|nearly|almost|roughly|over|more\s+than|at\s+least|another)\s+)?{FIGURE_WORD}(?![\w-])",
    re.IGNORECASE,
)


# "Gaza's population of 2.3 million": the size of a population, not a count of what befell it.
_POPULATION_OF = re.compile(r"(?<![\w-])(?:population|populace|inhabitants)\s+of\s+(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$", re.IGNORECASE)

# "the enclave's 2.3 million people", "its 2.1 million residents": a possessive before
# the figure and a word for inhabitants after it give a population's size.
_POSSESSIVE_BEFORE = re.compile(r"(?:[\w-]['’]s?|(?<![\w-])its)\s+(?:entire\s+|whole\s+|some\s+|about\s+|nearly\s+|more\s+than\s+)?$", re.IGNORECASE)
_INHABITANTS_AFTER = re.compile(r"\s+(?:people|residents|inhabitants|population|Palestinians|Gazans|civilians)\b", re.IGNORECASE)

# "the 2.1 million people of Gaza", "all 2.3 million residents of the Strip": a population's size.
_PEOPLE_OF_PLACE_AFTER = re.compile(
    r"\s+(?:people|residents|inhabitants|Palestinians)\s+(?:of|in|living\s+in)\s+(?:the\s+)?(?:Gaza|Strip|enclave|territory)\b(?!\s+(?:have|had|were|was)\b)",
    re.IGNORECASE,
)
_THE_OR_ALL_BEFORE = re.compile(r"(?<![\w-])(?:the|all|all\s+the|its|whole|entire)\s+$", re.IGNORECASE)


def not_a_count(lex: Lexicon, text: str, s0: int, q: Quantity) -> bool:
    """True when the figure is a measure, an amount of money, an age, a ratio or a count of things.

    >>> from ceasefire_cli.extract.lexicon import build_lexicon
    >>> from ceasefire_cli.config import load_settings
    >>> from ceasefire_cli.extract.numbers import find_quantities
    >>> lex = build_lexicon(load_settings())
    >>> t = "Two cousins, 17 and 19, were killed."
    >>> [not_a_count(lex, t, 0, q) for q in find_quantities(t)]
    [False, True, True]
    """
    if q.text[:1] in _CURRENCY or _CURRENCY_BEFORE.search(text, max(s0, q.start - 5), q.start):
        return True
    if _POPULATION_OF.search(text, max(s0, q.start - 40), q.start):
        return True
    if _POSSESSIVE_BEFORE.search(text, max(s0, q.start - 20), q.start) and _INHABITANTS_AFTER.match(text, q.end):
        return True
    if _THE_OR_ALL_BEFORE.search(text, max(s0, q.start - 12), q.start) and _PEOPLE_OF_PLACE_AFTER.match(text, q.end):
        return True
    if _HYPHEN_UNIT.match(text, q.end) or _RATIO_AFTER.match(text, q.end) or _RATIO_BEFORE.search(text, max(s0, q.start - 25), q.start):
        return True
    if lex.units and lex.units.match(text, q.end):
        return True
    if lex.units and _converted(lex, text, s0, q):
        return True
    if lex.nouns and lex.nouns.match(text, q.end):
        return True  # "struck 30 targets": a count of things, not of people
    return q.hedge == "exact" and q.high is not None and q.high < 120 and _is_apposition(text, s0, q)


def _converted(lex: Lexicon, text: str, s0: int, q: Quantity) -> bool:
    """"28 square kilometers (from 17 to 11 square miles)", "300 metres (about 1,000 feet)": a measure in another unit."""
    opening = text.rfind("(", max(s0, q.start - 40), q.start)
    if opening < 0 or ")" in text[opening : q.start]:
        return False
    before = text[max(s0, opening - 40) : opening].rstrip()
    return any(m.end() == len(before) for m in lex.units.finditer(before)) if lex.units else False


def _is_apposition(text: str, s0: int, q: Quantity) -> bool:
    """"two cousins, 17 and 19, were": numbers set off by commas after a noun are ages."""
    before = text[max(s0, q.start - 40) : q.start]
    if not _APPOSITION_BEFORE.search(before):
        return False
    word = re.search(r"([A-Za-z’']+)\s*[,(]\s*(?:\d{1,3}\s*(?:,|and|&)\s*)*$", before)
    if word and word.group(1).lower() in _VERBISH:
        return False
    return bool(_APPOSITION_AFTER.match(text, q.end))


# Words before a comma after which a number is a count, not an age ("killed, 27").
_VERBISH = frozenset(
    "killed wounded injured dead died including among them total toll say says said reported "
    "while and or but than least most about over nearly almost".split()
)


def is_projection(lex: Lexicon, text: str, c0: int, c1: int, q: Quantity) -> bool:
    """True when the clause makes the figure a forecast, plan or demand: "could kill 6,000"."""
    if _MODAL_AFTER.match(text, q.end, c1):
        return True
    pattern = dict(lex.scopes).get("projection")
    # Near the figure: "a proposal to release 33", not "will continue despite anger over the killing of three".
    for cue in pattern.finditer(text, max(c0, q.start - _MODAL_REACH), q.start) if pattern else ():
        if _PURPOSE_OF_OPERATION.search(text, max(c0, cue.start() - 30), cue.start()) and cue.group().lower().startswith("to "):
            continue  # "a raid to free 4 hostages kills 270": the purpose of an operation that took place
        return True
    return False


def is_increment(text: str, c0: int, c1: int, q: Quantity, *, running_total: bool = False) -> bool:
    """True for an added count: "96 more", "another 12", "4,229 deaths were added" (unless the sentence
    counts from the war's start: "has since killed 39,090 and injured another 90,147")."""
    if _MORE_AFTER.match(text, q.end, c1) or _BY_BEFORE.search(text, max(c0, q.start - 30), q.start) or _ADDED_AFTER.match(text, q.end, c1):
        return True  # ("the toll rose by more than 20,000": what it grew by)
    return not running_total and bool(_ANOTHER_BEFORE.search(text, max(c0, q.start - 20), q.start))


# "(the toll) went from 72,116 (to 72,312)": the earlier of two values of one running total.
_RISE_FROM = r"(?<![\w-])(?:went|gone|rose|risen|rising|climbed|increased|grew|grown|jumped|fell|fallen|dropped|moved)\s+from\s+"
_ROUGHLY = r"(?:(?:about|around|nearly|some|more\s+than|over|almost)\s+)?"
_FROM_BEFORE = re.compile(_RISE_FROM + _ROUGHLY + "$", re.IGNORECASE)
_TO_AFTER = re.compile(r"\s+to\s+" + _ROUGHLY + r"\d", re.IGNORECASE)
_FROM_TO_BEFORE = re.compile(_RISE_FROM + _ROUGHLY + r"[\d,.]+\s+to\s+" + _ROUGHLY + "$", re.IGNORECASE)


def rise_end(text: str, s0: int, q: Quantity) -> str | None:
    """Which end of a running total's rise the figure is: "from" ("went *from 72,116* to 72,312"), "to", or None."""
    if _FROM_BEFORE.search(text, max(s0, q.start - 30), q.start) and _TO_AFTER.match(text, q.end):
        return "from"
    return "to" if _FROM_TO_BEFORE.search(text, max(s0, q.start - 60), q.start) else None


def is_growth(text: str, c0: int, c1: int, q: Quantity) -> bool:
    """True for what a running total grew by ("grew by 4,340", "an increase of 196", "2,600 deaths were added"): no day's event."""
    return bool(_BY_BEFORE.search(text, max(c0, q.start - 30), q.start) or _ADDED_AFTER.match(text, q.end, c1))


def subset_marker(lex: Lexicon, text: str, c0: int, q: Quantity, s1: int) -> bool:
    """True when the figure counts part of a total named before it.

    "including 4,000 children", "among them 5,000 mothers", "5 of them",
    "five of those killed".
    """
    if lex.subsets is None:
        return False
    window = text[max(0, q.start - 40) : q.start]  # no punctuation may stand between marker and figure
    before = None
    for before in lex.subsets.finditer(window):
        pass
    if before is not None and not re.search(r"[.;:,]", window[before.end() :]) and len(window) - before.end() <= 30:
        # "Among the 64 killed … were 19 children": "among the" right before a figure names the total.
        return not (phrase_key(before.group()) == "among the" and not window[before.end() :].strip())
    # "5 of them", "13,000 women among the dead": the marker after the figure and at most two words.
    starts = [q.end + 1]
    stop = _PUNCT.search(text, q.end, min(s1, q.end + 40))
    for lead in _WORD_AFTER.finditer(text, q.end, stop.start() if stop else min(s1, q.end + 40)):
        if len(starts) == 3:
            break
        starts.append(lead.end() + 1)
    for start in starts:
        after = lex.subsets.match(text, start, min(s1, start + 40))
        if after and after.group().lower().startswith(("of", "among")):
            return True
    return False



_WORD_AFTER = re.compile(r"\s+[\w’'-]+(?=\s)")
_PUNCT = re.compile(r"[,;:.()!?]")


def population_words(lex: Lexicon, text: str, s0: int, s1: int) -> tuple[tuple[str, int, int], ...]:
    """(population, start, end) of every population word of a sentence: read once, shared by its figures."""
    if lex.population is None:
        return ()
    return tuple((lex.population_names[phrase_key(m.group())], m.start(), m.end()) for m in lex.population.finditer(text, s0, s1))


def place_population(
    lex: Lexicon, text: str, s0: int, s1: int, q: Quantity, words: tuple[tuple[str, int, int], ...] | None = None,
    own_only: bool = False,
) -> str | None:
    """The place population ("west_bank", "lebanon", …) the figure is about, if a place word is nearer it than Gaza.

    Only the figure's sentence is read; "in Gaza" nearer the figure keeps the default.
    """
    places = lex.settings.place_populations
    if not places or lex.population is None:
        return None
    best: tuple[int, str | None] | None = None
    for name, start, end in population_words(lex, text, s0, s1) if words is None else words:
        if name in places and (not own_only or _place_distance(q, start, end, text) < 0):
            best = _nearer(best, _place_distance(q, start, end, text), name)
    if best is None:
        return None
    for m in _GAZA.finditer(text, s0, s1):
        best = _nearer(best, _place_distance(q, m.start(), m.end(), text), None)
    return best[1]


# A place in the figure's own phrase: "(18) in southern Gaza", "(4) killed in Jenin".
_OWN_PLACE = re.compile(r"(?:\s+[\w’'-]+){0,2}?\s+(?:in|from|at|near)\s+(?:the\s+)?(?:[\w’'-]+\s+)?", re.IGNORECASE)


def _place_distance(q: Quantity, start: int, end: int, text: str) -> int:
    """:func:`distance`, except that a place in the figure's own phrase after it is nearest of all."""
    if start >= q.end and _OWN_PLACE.fullmatch(text, q.end, start):
        return -1
    return distance(q, start, end, text)


def names_other_front(lex: Lexicon, text: str, s0: int, s1: int, words: tuple[tuple[str, int, int], ...] | None = None) -> bool:
    """True when the sentence names another front of the war ("Hezbollah", "the West Bank"): its events are not Gaza's."""
    if lex.front_words is not None and lex.front_words.search(text, s0, s1):
        return True
    places = lex.settings.front_populations
    if not places or lex.population is None:
        return False
    return any(name in places for name, _, _ in (population_words(lex, text, s0, s1) if words is None else words))


def _nearer(best: tuple[int, str | None] | None, d: int, name: str | None) -> tuple[int, str | None]:
    return (d, name) if best is None or d < best[0] else best


def distance(q: Quantity, start: int, end: int, text: str | None = None) -> int:
    """Characters between the figure and a span of its sentence.

    With ``text``, each clause boundary (, ; : —) crossed counts as 100
    characters more: "killed a commander on Sunday, and five members on
    Saturday" dates the five to Saturday.
    """
    gap = (q.end, start) if start >= q.end else (end, q.start)
    d = max(0, gap[1] - gap[0])
    if text is not None:
        d += 100 * sum(text.count(mark, gap[0], gap[1]) for mark in ",;:—")
    return d


#: One scope cue found in a sentence: (scope, start, end, the phrase as the taxonomy spells it).
Cue = tuple[str, int, int, str]


def scope_cues(lex: Lexicon, text: str, s0: int, s1: int) -> tuple[Cue, ...]:
    """Every scope cue of a sentence but projection's, in scope order: read once, shared by its figures.

    A span that measures a superlative is not a count's ("the deadliest day since the
    ceasefire took effect"): it is left out.
    """
    return tuple(
        c for c in _scope_cues(lex, text, s0, s1) if not (c[3].startswith("since") and _SUPERLATIVE_BEFORE.search(text, max(s0, c[1] - 40), c[1]))
    )


# "the deadliest day since", "the worst attack since", "for the third time since": a superlative or
# an ordinal and its noun right before a span.
_SUPERLATIVE_BEFORE = re.compile(
    r"(?<![\w-])(?:deadliest|bloodiest|worst|heaviest|fiercest|largest|biggest|most\s+intense|most\s+violent|highest|"
    r"first|last|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+"
    rf"(?:(?!{FIGURE_WORD}\s)[\w-]+\s+){{0,2}}$",
    re.IGNORECASE,
)


def _scope_cues(lex: Lexicon, text: str, s0: int, s1: int) -> tuple[Cue, ...]:
    if lex.cue_starts is None:
        return tuple(
            (name, m.start(), m.end(), phrase_key(m.group())) for name, pattern in lex.scopes if name != "projection" for m in pattern.finditer(text, s0, s1)
        )
    # One scan finds every place where some scope's cue starts (most sentences have few or
    # none); each scope's pattern is tried only there, which finds what its finditer would
    # find: its leftmost match at or after the end of the one before.
    starts = [m.start() for m in lex.cue_starts.finditer(text, s0, s1)]
    if not starts:
        return ()
    found = []
    for name, pattern in lex.scopes:
        if name == "projection":
            continue
        after = s0
        for start in starts:
            if start >= after and (m := pattern.match(text, start, s1)) is not None:
                found.append((name, start, m.end(), phrase_key(m.group())))
                after = m.end()
    return tuple(found)


def clause_scope(lex: Lexicon, text: str, c0: int, c1: int, q: Quantity, cues: tuple[Cue, ...] | None = None) -> tuple[str, int, int] | None:
    """The scope the figure's own clause gives it, as (scope, cue start, cue end), or None.

    The cue nearest the figure wins, except that a running-total cue of
    ``clauses.weak`` ("toll", "rose to") gives way to an event cue in the same
    clause: "the toll from a strike on a school rose to 30" counts one strike.
    Projection is settled before (see :func:`is_projection`).
    """
    strong: tuple[int, str, int, int] | None = None
    weak: tuple[int, str, int, int] | None = None
    has_event = False
    campaign: set[str] = set()
    for name, start, end, key in scope_cues(lex, text, c0, c1) if cues is None else cues:
        if start < c0 or end > c1:
            continue
        kind = lex.kind(name)
        if start < q.end and end > q.start and key not in lex.weak:
            continue  # the figure's own words ("more than 4,000") are its hedge, not a cue
        d = distance(q, start, end)
        if end <= q.start and _CONJUNCTION.search(text, end, q.start):
            d += 50  # "280 killed since the ceasefire began and 69,000 over the whole war": the cue is the 280's
        item = (d, name, start, end)
        if kind == "event_count" and not _plural(key):
            has_event = True  # "a strike on a school"; "air raids" describe a campaign
        elif kind == "event_count":
            campaign.add(name)
        if key in lex.weak:
            if not _TOLL_VERB.search(key) or _TOLL_NOUN.search(text, c0, c1):
                weak = min(weak, item) if weak else item  # "173 trucks crossed" is no toll
        else:
            strong = min(strong, item) if strong else item
    if weak is not None and not has_event and (strong is None or strong[1] in campaign):
        return weak[1], weak[2], weak[3]  # "the toll from Israeli air raids has risen above 5,000"
    return (strong[1], strong[2], strong[3]) if strong else None


#: A coordinating word that joins two clauses (shared with metrics.py, which adds punctuation).
#: "the figure had risen to", "that number now stands at": the count before, told again.
THE_FIGURE = re.compile(
    r"(?<![\w-])(?:the|that|this)\s+(?:[\w-]+\s+)?(?:figure|number|tally|count)\s+(?:(?:has|had|have)\s+)?(?:(?:since|now)\s+)?"
    r"(?:risen|rose|climbed|grown|jumped|reached|stands|stood|is|was|passed|passes|topped|tops|crossed|crosses|exceeded|"
    r"exceeds|surpassed|surpasses|hit|hits)\s+(?:to\s+|at\s+)?"
    r"(?:(?:more\s+than|over|nearly|almost|about|around|some|at\s+least)\s+)?$",
    re.IGNORECASE,
)
# The same with the verb read into the figure's hedge ("that count has *passed 1,000*").
_THE_COUNT = re.compile(
    r"(?<![\w-])(?:the|that|this)\s+(?:[\w-]+\s+)?(?:figure|number|tally|count)\s+(?:(?:has|had|have)\s+)?(?:(?:since|now)\s+)?$",
    re.IGNORECASE,
)


def points_back(text: str, s0: int, q: Quantity) -> re.Match[str] | None:
    """"the figure had risen to 400", "that count has passed 1,000": the words that tell the count before again."""
    told = THE_FIGURE.search(text, max(s0, q.start - 60), q.start)
    if told is None and q.text[:1].isalpha() and q.hedge in ("above", "below"):
        told = _THE_COUNT.search(text, max(s0, q.start - 40), q.start)
    return told


CONJUNCTION = r"(?<![\w-])(?:and|while|whereas|but)(?![\w-])"
_CONJUNCTION = re.compile(CONJUNCTION, re.IGNORECASE)

# Nouns that make a running total of a verb like "passes" or "reached": "the toll", "the number of wounded".
_TOLL_VERB = re.compile(
    r"(?<![\w-])(?:ris\w*|rose|climb\w*|soar\w*|jump\w*|reach\w*|hits|tops?|topped|pass\w*|surpass\w*|exceed\w*|"
    r"near\w*|stands|stood|cross\w*|verge)(?![\w-])",
    re.IGNORECASE,
)
_TOLL_NOUN = re.compile(r"(?<![\w-])(?:toll|tally|total|number|figure|count|deaths|casualties|fatalities)(?![\w-])", re.IGNORECASE)
_SUBORDINATE = re.compile(r"(?<![\w-])(?:which|who|whose|that|after|since|following|before)(?![\w-])", re.IGNORECASE)


# An event word whose relative clause holds the figure: "the attack on Israel on October 7,
# in which 1,200 were killed", "the strike, which killed 30". The event is the count's.
_RELATIVE_TO_FIGURE = re.compile(r"[^.;:!?\d]{0,40}?(?:,\s*|\s+)(?:in\s+which|which|that)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)


def _segment_start(text: str, s0: int, at: int) -> int:
    """Where the comma-bounded stretch holding offset ``at`` begins."""
    return max(s0, max(text.rfind(mark, s0, at) for mark in ",;:—") + 1)


def _plural(cue: str) -> bool:
    """"air raids", "strikes": an event word in the plural names a campaign, not one event."""
    last = cue.split()[-1].lower()
    return last.endswith("s") and not last.endswith("ss")


_A_FIGURE = re.compile(rf"(?<![\w,.]){FIGURE_WORD}(?![\w])", re.IGNORECASE)


_MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$", re.IGNORECASE)


def _owned_by_another(text: str, s0: int, s1: int, start: int, end: int, q: Quantity) -> bool:
    """True when a cue opens a toll statement of its own, in another clause, about another figure
    ("…, overall death toll passes 30,000"): the figure follows the cue closely, and is no day of a date."""
    figures = [m for m in _A_FIGURE.finditer(text, end, min(s1, end + 30)) if not q.start <= m.start() < q.end]
    if not figures:
        return False  # (most cues: no figure right after them, no clause to work out)
    k0, k1 = clause_bounds(text, s0, s1, start, end)
    if k0 <= q.start < k1:
        return False
    return any(m.start() < k1 and not _MONTH_BEFORE.search(text, max(k0, m.start() - 12), m.start()) for m in figures)


def sentence_span(
    lex: Lexicon, text: str, s0: int, s1: int, q: Quantity, *, events: bool = False, cues: tuple[Cue, ...] | None = None
) -> tuple[str, int, int] | None:
    """A span the sentence gives all its figures ("Since October 7, …", "since the ceasefire"), or None.

    Only cumulative and since-another-date cues that are not weak reach across
    clauses; with ``events``, event cues do too ("18 dead after an air strike
    hit a church").
    """
    best: tuple[int, str, int, int] | None = None
    for name, start, end, key in scope_cues(lex, text, s0, s1) if cues is None else cues:
        kind = lex.kind(name)
        if not (kind == "cumulative" or name in ("since_other", "period", "increment") or (events and kind == "event_count")):
            continue
        if key in lex.weak:
            continue
        if kind == "cumulative" and _owned_by_another(text, s0, s1, start, end, q):
            continue  # "100 killed seeking aid, overall toll passes 30,000": the cue is the 30,000's
        if (
            kind == "event_count"
            and start < q.start
            and _SUBORDINATE.search(text[_segment_start(text, s0, start) : start])
            and not _RELATIVE_TO_FIGURE.fullmatch(text, end, q.start)
        ):
            continue  # "the war, which escalated after an attack on Israel, …": background, not this count
        item = (distance(q, start, end, text), name, start, end)
        best = min(best, item) if best else item
    return (best[1], best[2], best[3]) if best else None


# Where one event happened: a named place after "in", "at", "near", "on" ("in Nuseirat", "at
# al-Shifa Hospital"), else the kind of place struck ("a school", "a tent camp").
_PLACE_NAME = re.compile(
    r"(?<![\w-])(?:in|at|near|on|outside|inside|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)\s+(?:the\s+)?"
    r"((?:(?:al|el|ad|an|as|ash|az)-)?[A-Z][\w’'-]+(?:\s+(?:(?:al|el)-)?[A-Z][\w’'-]+){0,3})"
)
_NOT_A_PLACE = re.compile(
    r"(?:Gaza|Gaza Strip|Strip|Israel|Israeli|Palestine|Palestinian|Hamas|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Oct|Nov|Dec|Jan|Feb|Aug|Sept?)(?:\s.*)?$"
)
# Who speaks from a place: "medics at", "doctors at al-Aqsa Hospital in"; and a place its source speaks from.
_SOURCE_BEFORE = re.compile(
    r"(?<![\w-])(?:medics|doctors|officials|staff|sources|spokesman|spokeswoman|spokesperson|paramedics|nurses|director|"
    r"correspondent|reporter|residents\s+said)(?:\s+[\w’'-]+){0,4}?\s*$",
    re.IGNORECASE,
)
_SAYS_AFTER = re.compile(r"[\s,]*(?:said|says|told|reported)(?![\w-])", re.IGNORECASE)
_FACILITY = re.compile(
    r"(?<![\w-])(?:on|at|in|into|hit|hitting|struck|striking|targeted|targeting|near|outside|inside)\s+"
    r"(?:(?:a|an|the|their|its)\s+)?(?:[\w’'-]+\s+){0,2}?"
    r"(school|shelter|hospital|clinic|camp|tent|tents|market|mosque|church|convoy|bakery|home|house|"
    r"building|tower|apartment|car|vehicle|ambulance|aid site|distribution site|distribution point|queue|crowd)(?![\w-])",
    re.IGNORECASE,
)


def event_place(text: str, s0: int, s1: int, q: Quantity) -> str | None:
    """A key for where a counted event happened, or None: the named place nearest the figure, else the kind of place.

    >>> t = "An Israeli strike on a school in Nuseirat killed 27 people."
    >>> from ceasefire_cli.extract.numbers import find_quantities
    >>> event_place(t, 0, len(t), find_quantities(t)[0])
    'nuseirat'
    """
    best: tuple[int, str] | None = None
    for m in _PLACE_NAME.finditer(text, s0, s1):
        name = m.group(1)
        if _NOT_A_PLACE.match(name) and not name.startswith("Gaza City"):
            continue
        if _SOURCE_BEFORE.search(text, max(s0, m.start() - 45), m.start()) or _SAYS_AFTER.match(text, m.end(1)):
            continue  # "medics at Nasser Hospital said": where the source is, not where people died
        d = distance(q, m.start(1), m.end(1), text)
        if best is None or d < best[0]:
            best = (d, name)
    if best is not None:
        return " ".join(best[1].lower().split())
    facilities = [f for f in _FACILITY.finditer(text, s0, s1) if not _SOURCE_BEFORE.search(text, max(s0, f.start() - 45), f.start() + 1)]
    facility = min(facilities, key=lambda m: distance(q, m.start(), m.end(), text), default=None)
    return facility.group(1).lower() if facility else None
