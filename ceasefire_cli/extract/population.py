"""Who a figure counts: the population named by its own noun phrase, its metric word, or its clause.

``claims.py`` reads a count's metric and scope; this module reads its group
("six Palestinian *journalists*", "Israeli deaths", "attacks in Israel ...
which killed 1,200"), from the taxonomy's population words in ``Lexicon``.
"""

from __future__ import annotations

import re

from ..models import Quantity
from .clauses import FIGURE_WORD
from .lexicon import Lexicon, phrase_key

__all__ = ["GAZA_BEFORE", "PHRASE_REACH", "actor_of", "population_of"]

# How far after a figure its own noun phrase may reach, in characters.
PHRASE_REACH = 60

# How far before its clause a group named for a figure may stand ("attacks in Israel … which killed 1,200").
_BEFORE_REACH = 60

# A figure of its own: digits or a number word.
_ANOTHER_FIGURE = re.compile(r"\d|(?<![\w-])(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)(?![\w-])", re.IGNORECASE)

# A day of a month or a year is a date, not another figure: "the attack on October 7,
# in which 1,200 were killed", "killed in the 7 October attacks". Not DocContext.overlaps_date:
# the date grammar rightly reads no date in "the October 7 attacks" (an event's name).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_NUMBER = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}(?!\w)|\b(?:19|20)\d\d\b(?!,\d)")

# The rest of a figure and the space after it: "0 " of "30 Palestinians".
_FIGURE_REST = re.compile(r"[\d,.]*\s*")

# An adjective of a people right after a figure, then the list goes on: "13 Israeli, four Thai captives".
_LIST_ADJECTIVE = re.compile(
    rf"\s+([A-Z][\w’'-]+)\s*(?:,|\sand)\s+{FIGURE_WORD}(?![\w-])",
    re.IGNORECASE,
)

# Words that say what a figure's people were mostly, not whom it counts.
_COMPOSITION = re.compile(r"(?<![\w-])(?:mostly|mainly|largely|predominantly|most\s+of\s+them|many\s+of\s+them)(?![\w-])", re.IGNORECASE)

# The enclave's name as the adjective of a metric word ("Gaza death toll", "Gaza's toll").
_GAZA_WORD = re.compile(r"Gaza(?:['’]s?)?")
#: The enclave's name right before a metric word, read backwards from it.
GAZA_BEFORE = re.compile(r"(?<![\w-])Gaza(?:['’]s?)?\s+$")
# Metric words of a toll of the dead, the ones "Gaza" before them makes the enclave's own.
_DEATHS = re.compile(r"(?:death\s+)?toll|deaths|dead|fatalities", re.IGNORECASE)

# Where a figure's own noun phrase ends, short of punctuation.
_PHRASE_END = re.compile(r"\s(?:in exchange for|in return for|in return|for|against|versus|compared with|than)\s", re.IGNORECASE)

# Group words next to each other: "Palestinian journalists", "Israeli and foreign hostages".
_ADJACENT = re.compile(r"\s+")

# A figure right before an adjective: "20 *living* hostages".
_FIGURE_BEFORE = re.compile(rf"(?<![\w,.-]){FIGURE_WORD}\s+$", re.IGNORECASE)

# Between a verb and the figure that is its object ("killed 1,200", "wounded at least 30").
_OBJECT_NEXT = re.compile(r"\s+(?:(?:at\s+least|more\s+than|over|about|around|nearly|almost|some|roughly|up\s+to)\s+)?", re.IGNORECASE)

# "in Israel strike", "in Israeli attack": a place word used as an adjective.
_ATTRIBUTIVE = re.compile(
    r"(?:\s+|['’]s\s+(?:[\w-]+\s+)?)(?:strikes?|attacks?|raids?|air|bombing|bombardment|shelling|fire|forces|army|military|"
    r"war|offensive|campaign|assault|siege|blockade|genocide)(?![\w-])",
    re.IGNORECASE,
)


def _carries(lex: Lexicon, name: str | None) -> bool:
    """True when the population ``name`` is a people or a place: what later figures of a list, or of a clause, share."""
    return name is not None and (name in lex.settings.place_populations or any(m.population == name for m in lex.settings.metrics))


def _another_figure(text: str, start: int, stop: int) -> re.Match[str] | None:
    """The first figure in text[start:stop] that is not a day or year of a date.

    >>> _another_figure("attack on October 7, in which", 0, 29) is None
    True
    >>> _another_figure("killed in the 7 October attacks, and 250 taken", 0, 46).group()
    '2'
    """
    for m in _ANOTHER_FIGURE.finditer(text, start, stop):
        if not any(d.start() <= m.start() < d.end() for d in _DATE_NUMBER.finditer(text, max(0, m.start() - 12), min(len(text), m.end() + 8))):
            return m
    return None


def population_of(lex: Lexicon, text: str, q: Quantity, metric: re.Match[str], clause: tuple[int, int], s0: int) -> str | None:
    """Who the figure counts: its own noun phrase, an adjective on the metric word, else a group named earlier in its clause.

    In the noun phrase the last of adjacent group words wins ("six
    Palestinian journalists" counts journalists); the phrase ends at
    punctuation and at "in exchange for", "for", "against" ("30 hostages in
    exchange for Palestinian prisoners" counts hostages).

    >>> from ceasefire_cli.config import load_settings
    >>> from ceasefire_cli.extract.lexicon import build_lexicon
    >>> from ceasefire_cli.extract.numbers import find_quantities
    >>> lex = build_lexicon(load_settings())
    >>> t = "Israeli deaths rose to 1,200."
    >>> population_of(lex, t, find_quantities(t)[0], lex.metric.search(t), (0, len(t)), 0)
    'israelis'
    """
    if lex.population is None:
        return None
    c0, c1 = clause
    listed = _LIST_ADJECTIVE.match(text, q.end)
    if listed is not None:
        # "13 Israeli, four Thai captives": a people's adjective before the next item of a list.
        word = listed.group(1).lower()
        name = lex.population_names.get(word) or lex.population_names.get(word + "s")
        if name is not None:
            return name
    stop = min(c1, q.end + PHRASE_REACH)
    for i in range(q.end, stop):
        if text[i] in ",;:()\n–—":
            stop = i
            break
    cut = _PHRASE_END.search(text, q.end, stop)
    stop = cut.start() if cut else stop
    another = _another_figure(text, q.end, stop)  # "64 killed on Saturday were 19 children": the 19's
    if another is not None:
        # Past another figure only a people or a place still speaks for this one
        # ("1,200 were killed and 251 taken captive in the October 7 assault").
        # A group right after that figure is its own ("20 captives held by Hamas and 30 Palestinians").
        beyond = [
            lex.population_names[phrase_key(m.group())] for m in lex.population.finditer(text, another.end(), c1)
            if not _FIGURE_REST.fullmatch(text, another.end(), m.start())
        ]
        nation = next((n for n in beyond if n in lex.settings.place_populations or any(x.population == n for x in lex.settings.metrics)), None)
        stop = another.start()
    else:
        nation = None
    found: list[re.Match[str]] = []
    mix = _COMPOSITION.search(text, q.end, stop)
    if mix is not None:
        stop = mix.start()  # "kill 13, mostly children": who most of them were, not whom the figure counts
    for m in lex.population.finditer(text, q.end, stop):
        if _ATTRIBUTIVE.match(text, m.end()) and phrase_key(m.group()).startswith("in "):
            continue  # "killed in Israel strike on Gaza", "in Israel's two-year war": who struck, not who died
        if found and not _ADJACENT.fullmatch(text[found[-1].end() : m.start()]):
            break
        found.append(m)
    gaza_toll = metric.end() <= q.start and GAZA_BEFORE.search(text, max(0, metric.start() - 10), metric.start()) is not None
    if found:
        names = [lex.population_names[phrase_key(m.group())] for m in found]
        # "six Palestinian journalists": the head noun; "three American soldiers": the nation.
        name = next((n for n in names if n in lex.settings.place_populations), names[-1])
        if gaza_toll and name in lex.settings.place_populations:
            return lex.settings.default_population  # "Gaza death toll tops 17,700 and Yemen's rebels …": Gaza's own
        return name
    if nation is not None:
        return nation
    # "Israeli deaths", "Palestinian death toll": an adjective on the metric word.
    adjective = re.search(r"([\w’'.-]+)\s+$", text[max(0, metric.start() - 30) : metric.start()])
    if adjective and _GAZA_WORD.fullmatch(adjective.group(1)) and _DEATHS.fullmatch(metric.group()):
        return lex.settings.default_population  # "Gaza death toll", "Gaza's toll": the enclave's own people
    if adjective and metric.end() <= q.start and _OBJECT_NEXT.fullmatch(text, metric.end(), q.start):
        adjective = None  # "gunmen killed 1,200 people": a verb's subject is who killed, not who died
    if adjective and metric.end() <= c0 and not _carries(lex, lex.population_names.get(adjective.group(1).lower())):
        # "Of the 28 bodies held when the living hostages came home, Hamas has returned 15": a
        # sub-group's word on another clause's metric word is not this figure's.
        adjective = None
    word_at = max(0, metric.start() - 30) + (adjective.start(1) if adjective else 0)
    if adjective and metric.end() <= q.start and _FIGURE_BEFORE.search(text, max(0, word_at - 30), word_at) and not _carries(lex, lex.population_names.get(adjective.group(1).lower())):
        # "20 living hostages and the remains of 27 others": a sub-group's word is the 20's
        # ("Three Palestinians killed in Tulkarem and 19 in Gaza": a people's goes on).
        adjective = None
    if adjective:
        # "US death toll": the capitals say the country, never the pronoun "us".
        word = "american" if adjective.group(1) in ("US", "U.S.") else adjective.group(1).lower()
        name = lex.population_names.get(word)
        if name:
            return name
    # "Hamas's attack on Israel left 1,200 dead", "attacks in Israel on October 7 which killed
    # 1,200": a group named shortly before the figure, with no other figure between.
    earlier = None
    for earlier in lex.population.finditer(text, max(c0 - _BEFORE_REACH, s0), q.start):
        pass
    if earlier is None or _another_figure(text, earlier.end(), q.start):
        return None
    if _ANOTHER_FIGURE.search(text, max(s0, earlier.start() - 20), earlier.start()):
        return None  # "183 Palestinian prisoners ... for three hostages": that group is the 183's
    name = lex.population_names[phrase_key(earlier.group())]
    # Only a people or a place carries over: a sub-group named earlier ("children") is its own count.
    return name if _carries(lex, name) else None


# Words that make a side the source of a count, not its doer: "Israel says", "the army accused".
_SPEAKS = re.compile(
    r"['’]?s?\s*(?:[\w’'-]+\s+){0,1}?(?:said|says|say|reported|reports|told|stated|counts|counted|claims|claimed|accuses|accused|"
    r"alleges|alleged|listed|lists|recorded|records|documented|tallied)(?![\w-])",
    re.IGNORECASE,
)


def actor_of(lex: Lexicon, text: str, s0: int, s1: int, metric: re.Match[str]) -> str | None:
    """The group whose deed a ``by_actor`` count counts, named nearest its metric word in the sentence, or None.

    "The Israeli military says Hamas has violated the truce about 120 times": Hamas (the
    military speaks); "the media office counts more than 1,600 Israeli violations": Israelis.
    """
    if lex.actor is None:
        return None
    best: tuple[int, str] | None = None
    for m in lex.actor.finditer(text, s0, s1):
        if _SPEAKS.match(text, m.end()):
            continue
        gap = metric.start() - m.end() if m.end() <= metric.start() else m.start() - metric.end()
        if gap < 0 or gap > 60 or re.search(r"[;:]", text[min(m.end(), metric.end()) : max(m.start(), metric.start())]):
            continue
        if best is None or gap < best[0]:
            best = (gap, lex.actor_names[phrase_key(m.group())])
    return best[1] if best else None
