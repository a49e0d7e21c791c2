"""Quantities and dates in their sentences -> classified :class:`Claim` records.

For every count the extractor answers, from the sentence it stands in and the
taxonomy in claims.yaml (the clause-level reading is in :mod:`.clauses`):

* is it a count at all — not money, a measure, an age, a ratio, a rate or a
  count of things (:func:`.clauses.not_a_count`);
* metric — the metric word that is the figure's own noun ("four other
  *captives*"), else the nearest one after it in its clause or before it in
  the sentence ("*killing* 447 Palestinians");
* population — the figure's own group words ("six Palestinian *journalists*":
  the head noun), an adjective on the metric, a place nearer than Gaza (here
  or in the sentence before), a sub-group's or a joined figure's total;
* scope — the span it covers, by evidence (:mod:`.scope`), and for one event
  its day and place (:mod:`.when`);
* attribution — "according to X", or the source before a reporting verb
  (:mod:`.attribution`).

Dates become claims too; a date in a sentence that names an event of the
taxonomy (a subject and a verb: "the truce that came into effect on
October 10") dates that event.
"""

from __future__ import annotations

import re

from ..models import Claim, DateMention, Document, Quantity
from .attribution import attribution, basis_of
from .clauses import FIGURE_WORD, clause_bounds, clause_scope, is_projection, not_a_count, place_population, rise_end, sentence_span, subset_marker
from .confidence import both_sides, confidence_of, dash_appositive, first_week
from .context import DocContext
from .dates import find_dates
from .lexicon import Lexicon, build_lexicon, phrase_key, phrase_pattern
from .metrics import CLAUSE_START, counts_people_not_things, flow_metric, held_metric, nearest_metric, told_before
from .numbers import find_quantities
from .population import GAZA_BEFORE, actor_of, population_of
from .scope import read_scope, stretch
from .sentences import index_text
from .tables import has_table, table_cell
from .when import event_of, event_place_of, event_scope, is_report_date

__all__ = ["extract_claims", "build_lexicon", "phrase_pattern", "Lexicon"]


# Between two figures of one statement: "45,206, with 107,512", "killing 447 and wounding".
_JOINED = re.compile(r"[\s\w’'-]{0,25}?(?:,\s*|\s+)(?:with|and|plus)\s+(?:[\w’'-]+\s+){0,2}?", re.IGNORECASE)

# Where captives or prisoners are freed says nothing of whose they are.
_RELEASE = re.compile(r"(?<![\w-])(?:freed|free|released|releases|release|returned|return|returns|handed|exchange|swap|bodies|remains)(?![\w-])", re.IGNORECASE)

# "Gaza" named in a sentence: the count is Gaza's unless a place stands nearer.
_GAZA = re.compile(r"(?<![\w-])Gaza(?![\w-])(?!\s+(?:ceasefire|truce|deal|agreement|war|talks|plan)(?![\w-]))")

# A metric word as the figure's own noun, right after it ("12 hostages", "3 dead").
_OWN_METRIC_NOUN = re.compile(r"\s+(?:of\s+(?:the|those)\s+)?(?:[\w’'-]+\s+)?(?:hostages|captives|prisoners|detainees|dead|killed|wounded|injured|deaths|bodies)(?![\w-])", re.IGNORECASE)

# What a part of people held is, right after its figure: "(of which 39) are believed to be dead",
# "(44 of them) are presumed deceased".
_DEAD_PART = re.compile(
    r"(?:\s+(?:of\s+)?(?:them|whom|which|those))?\s+(?:are|were|is|was|have\s+been|had\s+been)\s+(?:now\s+)?"
    r"(?:(?:believed|thought|presumed|confirmed|said|known|declared|understood)\s+)?(?:to\s+(?:be|have\s+been)\s+)?"
    r"(?:dead|deceased|killed)(?![\w-])",
    re.IGNORECASE,
)

# The plural noun right after a figure, possibly after one adjective ("three older sisters").
# ("his", "this", "was" are no nouns.)
_NEXT_NOUN = re.compile(
    r"\s+(?:[a-z’'-]+\s+)?(?!(?:his|this|its|was|has|is|does|us|thus|as)(?![\w’'-]))([a-z][a-z’'-]*[a-rt-z]s)(?![\w-])"
)
# "three of his children", "two of their daughters": part of a family, who are the verb's people.
_OF_FAMILY = re.compile(r"\s+of\s+(?:his|her|their|my|our|your)\s", re.IGNORECASE)

# People taken in an attack: "abducted", "taken hostage", "kidnapped".
_TAKEN = re.compile(
    r"(?<![\w-])(?:abducted|kidnapped|abducting|kidnapping|taken\s+(?:hostage|captive|(?:from|out\s+of)\s+Israel|(?:in)?to\s+(?:Gaza|the\s+strip|the\s+enclave)))(?![\w-])",
    re.IGNORECASE,
)

# "94 academics have been killed": a group the taxonomy does not name, counted on its own.
_UNNAMED_GROUP = re.compile(
    r"\s+([a-z][a-z’'-]*[a-rt-z]s)\s+(?:have|had|were|are|was)\s+(?:been\s+|now\s+been\s+)?(?:killed|wounded|injured|died|detained|arrested)(?![\w-])"
)

# The whole a part was just told against: "(1,020 killed since the truce,) out of 73,233 (since the war began)".
_OUT_OF = re.compile(r"(?<![\w-])(?:out\s+of|of\s+a\s+total\s+of)\s+(?:(?:about|some|more\s+than|nearly|over)\s+)?$", re.IGNORECASE)

# A state its people are in, right after a fallback count's noun: "(people) are starving",
# "(Palestinians) live in tents", "(people) were in the hospital".
_IN_A_STATE = re.compile(
    r"(?:\s*,[^,]{1,40},)?\s+(?:(?:are|is)(?:\s+now|\s+still)?\s+(?!(?:to|set|expected|likely|due)\s)[\w“”\"'’-]+|"
    r"(?:remain|remains|live|lives|face|faces|still\s+live|now\s+live)(?![\w-])|(?:were|was)\s+(?:in|inside|at|trapped|sheltering|stranded)(?![\w-]))",
    re.IGNORECASE,
)

# A day's report of a count right before it: "(the ministry) reported 40,005", "it counted 41,909".
_REPORTED = re.compile(
    r"(?<![\w-])(?:reported|counted|recorded|registered|listed|gave|put\s+(?:the\s+(?:death\s+)?toll|the\s+number|it)\s+at)\s+"
    r"(?:(?:a\s+toll\s+of|about|around|some|nearly|more\s+than|over|at\s+least)\s+)?$",
    re.IGNORECASE,
)

# The day of a report named before it: "its update on (15 January)", "the ministry's figures for (Thursday)".
_REPORT_OF = re.compile(r"(?<![\w-])(?:update|report|figures|bulletin|statement|tally|count),?\s+(?:on|of|for|dated)\s+(?:the\s+)?$", re.IGNORECASE)

# A list of peoples' figures right after a total, set off by a comma: "freed 105 captives, (81 Israelis),
# 23 Thais and one Filipino".
_BREAKDOWN_GAP = re.compile(r"(?:\s+[\w’'-]+){0,2}\s*,\s*$")
_BREAKDOWN_NEXT = re.compile(r"\s+[\w’'-]+(?:\s+[\w’'-]+)?\s*(?:,|\band\b)\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)", re.IGNORECASE)


def _breakdown(text: str, prev_end: int, q: Quantity) -> bool:
    """True for the first item of a breakdown set off after a total ("105 captives, 81 Israelis, 23 Thais")."""
    return 0 <= q.start - prev_end <= 40 and _BREAKDOWN_GAP.fullmatch(text, prev_end, q.start) is not None and _BREAKDOWN_NEXT.match(text, q.end) is not None


# A total of several groups right before a figure: "(bringing) the day's total to", "a total of".
_TOTAL_BEFORE = re.compile(r"(?<![\w-])(?:total|totals|altogether)\s+(?:of|to|at|is|was|stood\s+at|reached)?\s*(?:(?:about|some|nearly|more\s+than)\s+)?$", re.IGNORECASE)

# A day fronted at the sentence's start: "On the first anniversary, (7 October 2024), it counted".
_FRONTED_DAY = re.compile(r"[\s\"“‘'*#-]*(?:on|by|as\s+of|at)\s[^.;:!?\d]{0,30}?,?\s*", re.IGNORECASE)

# A figure that sums the counts before it: "(giving) a combined total of", "combined, (more than)".
_COMBINED = re.compile(r"(?<![\w-])combined(?:\s+(?:total|toll|figure|count|tally))?(?:\s+of)?[\s,]+(?:(?:about|around|roughly|some|nearly|more\s+than|over)\s+)?$", re.IGNORECASE)

# A past stock told after its figure: "(240 people) were held in Gaza after (7 October)".
_WERE_HELD = re.compile(r"(?<![\w-])(?:were|was|had\s+been)\s+(?:still\s+)?(?:held|captive|in\s+captivity)(?![\w-])", re.IGNORECASE)
_AFTER_DAY = re.compile(r"(?<![\w-])(?:after|following|in\s+the\s+days\s+after)\s+(?:the\s+)?$", re.IGNORECASE)


def _held_after_day(ctx: DocContext, q: Quantity, s1: int):
    """The day a past stock was told of ("240 were held in Gaza after 7 October"), or None (up to a semicolon)."""
    text = ctx.doc.text
    stop = text.find(";", q.end, s1)
    stop = s1 if stop < 0 else stop
    held = _WERE_HELD.search(text, q.end, min(stop, q.end + 40))
    if held is None:
        return None
    day = next((d for d in ctx.dates_starting(held.end(), stop) if _AFTER_DAY.search(text, max(held.end(), d.start - 25), d.start)), None)
    return day.last if day is not None else None


#: The doubt of a count whose span its own sentence does not state.
_NOT_SETTLED = "span not stated in its sentence"

# A possessive right before a figure: "her four children", "their two sons".
_OWNED = re.compile(r"(?<![\w-])(?:my|his|her|their|our|your)\s+$", re.IGNORECASE)

# A poll's sample before a figure: "a poll of 1,000 Israelis", "surveyed 500 Gazans".
_SAMPLE = re.compile(r"(?<![\w-])(?:poll|polls|survey|surveys|surveyed|polled|sample|questioned|interviewed)(?:\s+of)?\s+(?:about\s+|some\s+|nearly\s+|more\s+than\s+)?$", re.IGNORECASE)

# The same, after a people's adjective, with or without an auxiliary: "4,000 Palestinian school students killed".
_PEOPLES_GROUP = re.compile(
    r"\s+[A-Z][\w’'-]+\s+(?:[a-z][a-z’'-]*\s+)?([a-z][a-z’'-]*[a-rt-z]s)\s+"
    r"(?:(?:have|had|were|are|was)\s+(?:been\s+|now\s+been\s+)?)?(?:killed|wounded|injured|died|detained|arrested)(?![\w-])"
)

# A figure right after another with its metric only: "…killed, 7,500 injured", "… and 7,500 wounded".
_JOINED_BARE = re.compile(r"[\s\w’'-]{0,40}?(?:,\s*|\s+and\s+)", re.IGNORECASE)

# "…, up from 345": the same running total's earlier value.
_UP_FROM = re.compile(r"(?<![\w-])(?:up|down|rising|risen|increased|climbing|climbed)\s+from\s+(?:(?:about|around|nearly|some|more\s+than)\s+)?$", re.IGNORECASE)

# Between two items of a dated list ("240 on 30 October, 280 …") and after an item ("280 on 18 November").
_DATED_ITEM = re.compile(r"(?:\s+[\w’'-]+){0,2}?\s+(?:on|by|in)\s+[\w ]{3,25}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)", re.IGNORECASE)
_DATED_ITEM_END = re.compile(r"\s+(?:on|by|in)\s+", re.IGNORECASE)

# A correction's quote of what it got wrong: "An earlier version of this article said 140 …; the
# ministry's figure was 104". Its figures and dates up to the semicolon are no claims.
_RETRACTION = re.compile(
    r"(?<![\w-])(?:an?\s+|the\s+)?(?:earlier|previous|original)\s+version\s+(?:of\s+this\s+[\w-]+\s+)?(?:also\s+)?"
    r"(?:said|stated|misstated|gave|reported|wrongly\s+said|incorrectly\s+(?:said|stated|reported|gave))(?![\w-])",
    re.IGNORECASE,
)


def _retracted(text: str, s0: int, at: int) -> bool:
    """True when ``at`` stands in a correction's quote of its own error, before the semicolon that ends it."""
    if text.find("version", s0, at) == -1:  # (most sentences: one scan in C, no pattern)
        return False
    found = None
    for found in _RETRACTION.finditer(text, s0, at):
        pass
    return found is not None and ";" not in text[found.end() : at]


# Head nouns that stand for the counted people themselves.
_HEAD_NOUNS = frozenset("people persons others civilians individuals residents victims members relatives".split())


# "44 people", "250 others": a head noun of its own, so no group is carried over from the count before.
_OWN_NOUN = re.compile(r"\s+(?:people|persons|others|civilians|individuals)(?![\w-])", re.IGNORECASE)

# "15 of the 28 hostages": a part and its whole, not two counts of one thing.
_PART_OF = re.compile(rf"\s+of\s+(?:the\s+|all\s+|some\s+)?(?:\d|{FIGURE_WORD}(?![\w-]))", re.IGNORECASE)

_OF_BEFORE = re.compile(r"(?<![\w-])of\s+(?:the\s+|all\s+|some\s+)?$", re.IGNORECASE)

# ("one of 30 prisoners released" names the 30 as a count: "one of" is a member, not a part.)
_PART_BEFORE = re.compile(rf"(?:\d[\d,.]*|(?<![\w-])(?!one\s){FIGURE_WORD})\s+(?:of\s+)?(?:the\s+|all\s+|some\s+)?$", re.IGNORECASE)

# "4,000 trucks a week": a rate, even with a noun between the figure and its period.
# A count per head: "each in exchange for 50 prisoners", "30 prisoners for each hostage", "50 apiece".
_EACH_BEFORE = re.compile(r"(?<![\w-])(?:each|apiece)\s+(?:(?:in\s+exchange|in\s+return)\s+)?for\s+(?:about\s+|some\s+)?$", re.IGNORECASE)
_EACH_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,2}?\s+(?:for\s+(?:each|every)|per\s+(?:hostage|captive|prisoner|person|soldier|body)|apiece)(?![\w-])", re.IGNORECASE)

# ("11,000 in a month", "400 within a week": a period's count, not a rate.)
_RATE = re.compile(
    r"(?:\s+(?!(?:in|within|over|for|during|under|than)\s)[\w’'-]+){0,3}\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|hour|night)(?![\w-])",
    re.IGNORECASE,
)


def extract_claims(doc: Document, lex: Lexicon) -> tuple[Claim, ...]:
    """Every count and date claim in ``doc``, in text order, ids ``<doc id>#<n>``."""
    text = doc.text
    dates = tuple(find_dates(text, doc.published))
    ctx = DocContext(doc, lex, index_text(text), dates, tuple(d.start for d in dates))
    ctx.memo["first_week"] = first_week(lex, doc.published)  # read once per document, not per figure
    ctx.memo["tables"] = has_table(text)  # (a table's rows are read by their heads: tables.py)
    # Claims are field dicts until the end, then records made once with their final id
    # (dataclasses.replace on every claim cost a tenth of the extraction).
    raw: list[dict] = []
    last_in_sentence: dict[int, dict] = {}
    for q in find_quantities(text):
        if q.unit != "count" or ctx.overlaps_date(q.start, q.end):
            continue
        claim = _count_claim(ctx, q, last_in_sentence)
        if claim is not None:
            raw.append(claim)
            last_in_sentence[ctx.index.sentence(q.start)[0]] = claim
            ctx.memo["last_claim"] = claim
            ctx.memo["last_scope"] = claim["scope"]
    raw.extend(_date_claim(ctx, d) for d in dates if not _retracted(text, ctx.index.sentence(d.start)[0], d.start))
    raw.sort(key=lambda c: (c["start"], c["end"]))
    return tuple(Claim(id=f"{doc.id}#{i}", **c) for i, c in enumerate(raw, 1))


def _sentence_before(ctx: DocContext, s0: int) -> dict | None:
    """The last count claim of the sentence right before the one starting at ``s0``, or None."""
    last = ctx.memo.get("last_claim")
    if last is None or s0 == 0:
        return None
    p0, p1 = ctx.index.sentence(s0 - 1)
    return last if p1 <= s0 and p0 <= last["start"] < p1 else None


def _base(ctx: DocContext, start: int, end: int, text: str) -> dict:
    s0, s1 = ctx.index.sentence(start)
    line, column = ctx.index.position(start)
    section = "comments" if ctx.doc.comments_start is not None and start >= ctx.doc.comments_start else "body"
    key = ("sentence", s0)
    sentence = ctx.memo.get(key)
    if sentence is None:  # one string shared by every claim of the sentence
        sentence = ctx.memo[key] = " ".join(ctx.doc.text[s0:s1].split())
    return dict(
        document=ctx.doc.id,
        text=text,
        start=start,
        end=end,
        line=line,
        column=column,
        sentence=sentence,
        section=section,
    )


def _count_claim(ctx: DocContext, q: Quantity, previous: dict[int, dict]) -> dict | None:
    text = ctx.doc.text
    lex = ctx.lex
    if ctx.memo["tables"] and (cell := table_cell(ctx, q)) is not None:
        return _cell_claim(ctx, q, cell)
    s0, s1 = ctx.index.sentence(q.start)
    if not_a_count(lex, text, s0, q) or _retracted(text, s0, q.start):
        return None
    rate = _RATE.match(text, q.end) or _EACH_BEFORE.search(text, max(s0, q.start - 30), q.start) or _EACH_AFTER.match(text, q.end)
    if _PART_OF.match(text, q.end) or (_OF_BEFORE.search(text, max(0, q.start - 12), q.start) and _PART_BEFORE.search(text, max(0, q.start - 30), q.start)):
        return None  # "15 of the 28": a proportion, neither figure a count of its own
    metric_match = nearest_metric(lex, text, s0, s1, q)
    if metric_match is not None and metric_match.end() <= q.start and counts_people_not_things(lex, text, q, metric_match):
        metric_match = None  # "Aid trucks wait while two million Palestinians go hungry": trucks count no people
    flowed = flow_metric(lex, text, s0, s1, q) if metric_match is None else None
    if metric_match is None and flowed is None:
        # "… seized 220 people as hostages. Four have since been released.": the count before's metric.
        flowed = told_before(lex, text, s0, q, _sentence_before(ctx, s0))
    if flowed is not None:
        metric_match = flowed[1]
    fallback = metric_match is None and lex.fallback is not None
    if metric_match is None:
        # No beat metric: a count of people all the same ("two million people"), listed, never compared.
        noun = lex.fallback[1].match(text, q.end) if lex.fallback is not None else None
        if noun is not None and not CLAUSE_START.search(text, q.end, noun.start("noun")):
            metric_match = lex.fallback[2].match(text, noun.start("noun"))  # type: ignore[index]
        elif lex.population is not None and lex.fallback is not None and text[q.end : q.end + 1] == " ":
            # "two million Palestinians are starving": a people's word as the figure's own noun.
            metric_match = lex.population.match(text, q.end + 1)
        if metric_match is None or _OWNED.search(text, max(s0, q.start - 8), q.start) or _SAMPLE.search(text, max(s0, q.start - 30), q.start):
            # "her four children", "my two sons": the people of a story, not a count on the beat;
            # "a poll of 1,000 Israelis": a sample's size.
            return None
        metric_name = lex.fallback[0]  # type: ignore[index]
    elif flowed is not None:
        metric_name = flowed[0]
    else:
        metric_name = lex.metric_names[phrase_key(metric_match.group())]
    metric = next(m for m in lex.settings.metrics if m.name == metric_name)
    held = held_metric(lex, text, metric_match, metric_name, s1) if not fallback else None
    if held is not None:
        metric_name, metric = held.name, held  # "4 more confirmed dead in Hamas custody": captives who died
    prev = previous.get(s0)
    c0, c1 = clause_bounds(text, s0, s1, q.start, q.end)
    if rate and not is_projection(lex, text, c0, c1, q):
        return None  # "ten killed every hour", "4,000 trucks a week": a rate; "to admit 600 trucks a day" is a plan
    if metric_match.end() <= c0 and _counts_other_noun(lex, text, q):
        return None  # "As her family prepared to flee, she told her three sisters ...": sisters, not the displaced
    population = population_of(lex, text, q, metric_match, (c0, c1), s0)
    if named_population(population, metric, lex) and metric_match.end() <= c0:
        # "Palestinian prisoners were freed after 13 Israelis were released": the metric word
        # before the clause is another group's; a metric of the figure's own people whose flow
        # verb follows it in its clause counts it (captives, for Israelis released).
        flowing = next((m for m in lex.settings.metrics if m.population == population and m.name != metric.name
                        and (f := lex.flow_pattern(m.name)) is not None and f.search(text, q.end, c1)), None)
        if flowing is not None:
            metric_name, metric = flowing.name, flowing
    # "13 Israeli captives, four foreigners": a people the figure's own words name
    # (other than the default) is not overridden by a place elsewhere in the sentence.
    named = population is not None and population != lex.settings.default_population
    borrowed = False  # the group comes from the sentence before
    subset = subset_marker(lex, text, c0, q, s1) or (prev is not None and _breakdown(text, prev["end"], q))
    if population is None and not subset and prev is not None and prev["metric"] != metric_name and not _OWN_NOUN.match(text, q.end) and (
        metric_match.end() <= q.start or _JOINED_BARE.fullmatch(text, prev["end"], q.start)  # "1 soldier killed, 13 injured"
    ):
        # "killing 447 Palestinians and wounding 1,246": the second count is about the same people.
        # "... and 2,000 prisoners" names its own noun, and takes the metric's default instead.
        population = prev["population"]
    # A sub-group with no group named ("including 12 in Rafah") cannot be compared with anything,
    # unless its clause gives it a span of its own ("among them about 280 killed since the
    # ceasefire", "including 3 in the past week"): then it counts the total's people over that span.
    own = clause_scope(lex, text, c0, c1, q, ctx.cues(s0, s1)) if subset and population is None else None
    if subset and population is None and own is None:
        # "840 of those were killed after the ceasefire took effect": a span of its own after the
        # part, past the clause break its "after" makes.
        own = sentence_span(lex, text, s0, s1, q, cues=ctx.cues(s0, s1))
        own = own if own is not None and own[1] >= q.end else None
    if own is not None and lex.kind(own[0]) not in ("cumulative", "unchecked"):
        own = None  # a stock or an event word ("among the hostages held ...") says no span of its own
    unsettled = subset and population is None and own is None
    if subset and prev is not None and population is not None and population == prev["population"] and prev["metric"] == metric_name:
        # "105 captives were freed, including 81 Israelis": a part named by the very group its total
        # is filed under is no count of that group's topic; listed, never compared.
        unsettled = True
    if subset and prev is not None and _people(lex, population) and not _people(lex, prev["population"]) and prev["population"] is not None:
        # "113 journalists killed — 108 of whom were Palestinian": a people's word names a part of
        # a group (journalists), not the people's toll; the part is listed, never compared.
        unsettled = True
    if (population is None or _people(lex, population)) and not unsettled:
        # A group of its own that no population names ("at least 94 academics have been killed",
        # "4,000 Palestinian school students killed") is a part of some toll, not the toll:
        # listed, never compared.
        group = (_UNNAMED_GROUP if population is None else _PEOPLES_GROUP).match(text, q.end)
        named_phrase = lex.population.match(text, q.end + 1) if lex.population is not None else None
        unsettled = (
            group is not None and group.group(1).lower() not in _HEAD_NOUNS and not lex.metric.fullmatch(group.group(1))
            and not (lex.population is not None and lex.population.fullmatch(group.group(1)))
            # "Two Israeli police officers": a people's phrase the taxonomy names whole
            and not (named_phrase is not None and named_phrase.end() >= group.end(1))
        )
    if not unsettled and prev is not None and ctx.memo.get(("unsettled", prev["start"])) and _JOINED_BARE.fullmatch(text, prev["end"], q.start):
        unsettled = True  # "4,000 school students killed, 7,500 injured": the same unnamed group
    if _COMBINED.search(text, max(s0, q.start - 30), q.start):
        unsettled = True  # "giving a combined total of 44,500": the sum of counts of several bases
    if unsettled:
        ctx.memo[("unsettled", q.start)] = True
    if subset and population is None and own is not None and prev is not None:
        population = prev["population"]
    gaza_toll = GAZA_BEFORE.search(text, max(s0, metric_match.start() - 10), metric_match.start()) is not None
    # Whose prisoners or captives they are does not change with where the bus stops ("30
    # Palestinian prisoners welcomed in Ramallah"): a metric of its own people keeps them.
    if metric.held and population is None:
        # "the bodies of four hostages": the dead among the people held (claims.yaml ``before_figure``),
        # when the figure's own words name no people ("the bodies of 30 Palestinian prisoners").
        population = next((name for name, words in lex.before_figure if words.search(text, max(s0, q.start - 40), q.start)), population)
    held_people = metric.held and population == metric.population
    if held_people and not named:
        # ("10,000 Palestinians detained in the West Bank" names the place in the figure's own phrase.)
        population = place_population(lex, text, s0, s1, q, ctx.words(s0, s1), own_only=True) or population
    elif population in (None, metric.population, lex.settings.default_population) and not named and not gaza_toll and not (
        metric.flows and _RELEASE.search(text, s0, s1)
    ):
        # Where people were killed or hurt says whose toll it is; where captives were freed does not.
        # A sentence that names no place goes on from the one before ("Raids kill five in the
        # occupied West Bank. Forces killed four people in one camp ...").
        place = place_population(lex, text, s0, s1, q, ctx.words(s0, s1))
        if place is None and s0 > 0 and not _GAZA.search(text, s0, s1):
            p0, p1 = ctx.index.sentence(s0 - 1)
            # (a sentence before that names Gaza too lends no other place: "… killed in Gaza …, as
            # talks opened in Doha. The ministry put the toll at 40,005")
            place = place_population(lex, text, p0, p1, q, ctx.words(p0, p1)) if p1 <= s0 and not _GAZA.search(text, p0, p1) else None
            borrowed = place is not None
        population = place or population
    attack = population is None and metric.flows == () and _TAKEN.search(text, s0, s1) is not None and not (
        # (the attackers, "gunmen", "militants", name no people of the dead)
        lex.population and any(_people(lex, lex.population_names[phrase_key(m.group())]) or lex.population_names[phrase_key(m.group())] in lex.settings.place_populations
                               for m in lex.population.finditer(text, s0, s1))
    )
    if attack:
        # "At least 1,200 people were killed and more than 250 others abducted": the dead of
        # an attack in which captives were taken are the captives' people, in a sentence that
        # names no people at all ("... and abducted 20 Palestinians" names its own).
        captives = next((m for m in lex.settings.metrics if m.name != metric_name and _TAKEN.search(" ".join(m.aliases))), None)
        population = captives.population if captives is not None else None
    all_groups = _TOTAL_BEFORE.search(text, max(s0, q.start - 25), q.start) is not None and population not in (None, metric.population) and not (
        lex.population is not None and lex.population.match(text, q.end + 1)
    )
    if population is None or all_groups:
        # ("bringing the day's total to 24 captives", after "ten Thais": every group of the
        # sentence, filed under no one group)
        population = None if all_groups else metric.population
    if subset and prev is not None and prev["metric"] != metric_name and not _OWN_METRIC_NOUN.match(text, q.end):
        # "111 hostages remain, of which 39 are believed dead": the part counts what its total counts.
        metric_name = prev["metric"]
        metric = next(m for m in lex.settings.metrics if m.name == metric_name)
        population = population if population not in (None, lex.settings.default_population) else prev["population"]
    if metric.by_actor and population is None:
        # "Hamas has violated the truce 120 times" and "1,600 Israeli violations" count two sides'
        # deeds (a front's own, "Lebanon has logged 4,500 violations", stays that front's).
        population = actor_of(lex, text, s0, s1, metric_match)
    dead_part = (
        subset and prev is not None and metric.held and prev["metric"] == metric_name and prev["scope"] == "current"
        and prev["population"] == metric.population  # (the dead among "eight dual-American citizens" are a part's part)
        and bool(lex.before_figure) and _DEAD_PART.match(text, q.end) is not None
    )
    if dead_part:
        # "111 hostages remain, of which 39 are believed dead": the dead among those held now, a
        # group of their own (claims.yaml ``before_figure``), held at the same date.
        population, unsettled = lex.before_figure[0][0], False
    scope, event_day, as_of, settled = read_scope(ctx, q, (s0, s1), (c0, c1), metric, unsettled or fallback)
    if fallback and not unsettled and (state := _IN_A_STATE.match(text, metric_match.end())) is not None and state.end() <= c1:
        # "two million people are starving", "7,000 people were in the hospital": people in a
        # state at the report's date (listed, never compared: the fallback metric has no topic).
        scope, event_day, as_of, settled = "current", None, ctx.doc.published, True
    if scope == "current" and (after := _held_after_day(ctx, q, s1)) is not None:
        # "about 240 people were held in Gaza after 7 October": the stock as it stood then.
        as_of = after
    if dead_part and prev is not None:
        scope, event_day, as_of, settled = prev["scope"], None, prev["as_of"], True
    big = not metric.flows and not fallback and q.low is not None and q.low > lex.settings.event_ceiling
    if big and (lex.kind(scope) == "event_count" or (scope == metric.scope and not settled and not unsettled)):
        # No day's event kills or wounds so many (people moved, a metric with flows, may be:
        # "100,000 evacuated from Rafah on Monday"). Reported on a day ("On 15 August the
        # ministry reported 40,005 killed", "its update on 15 January recorded 71,400 killed"),
        # it is the running toll as of that day; else its span is unsaid: listed, never compared.
        day = next(
            (d for d in reversed(ctx.dates_starting(s0, q.start))
             if is_report_date(text, s0, d) or _REPORT_OF.search(text, max(s0, d.start - 25), d.start)
             or _FRONTED_DAY.fullmatch(text, s0, d.start)),
            None,
        )
        if day is not None and _REPORTED.search(text, max(s0, q.start - 40), q.start) and any(x.name == "war" for x in lex.settings.scopes):
            scope, as_of, event_day, settled = "war", day.last, None, True
        elif lex.kind(scope) == "event_count":
            scope, event_day, as_of, settled = "unknown", None, ctx.doc.published, False
    if scope == "current" and metric.flows and not metric.held and metric.scope != "current":
        # "three bodies remain in Gaza": what a flow-only metric moves (bodies recovered) has no
        # stock of its own to compare; listed, never compared.
        scope, event_day, as_of, settled = "unknown", None, ctx.doc.published, False
    if attack and lex.kind(scope) != "event_count":
        # The attack's toll is one event ("in total" there counts the captives), with no day to compare.
        scope, event_day, as_of, settled = event_scope(lex.settings), None, ctx.doc.published, True
    joined = prev is not None and _JOINED.fullmatch(text, prev["end"], q.start) is not None
    if (subset or joined) and not unsettled and prev is not None and scope == metric.scope and prev["scope"] != scope:
        # "the toll rose to 31,200, with 13,000 women among the dead": a part takes its total's span;
        # so does a figure joined to the one before ("death toll rises to 45,206, with 107,512 wounded").
        scope, as_of = prev["scope"], prev["as_of"]
        event_day = DateMention(0, 0, "", prev["event_first"], prev["event_last"]) if prev["event_first"] else None
        settled = settled or _NOT_SETTLED not in (prev["doubts"] or "")  # the total's own sentence states it
    rise = rise_end(text, s0, q)
    if lex.kind(scope) == "cumulative" and rise == "from":
        # "Between 3 March and 7 April the toll went from 72,116 to 72,312": the figure it rose
        # from is the toll at the stretch's first day; with no such day, at some day unsaid.
        opening = stretch(ctx, s0, q.start)
        if opening is None:
            scope, event_day, as_of, settled = "unknown", None, ctx.doc.published, False
        else:
            event_day, as_of = None, opening[0].first
    elif lex.kind(scope) == "cumulative" and rise == "to" and (opening := stretch(ctx, s0, q.start)):
        # "… went from 72,116 to 72,312": the figure it rose to is the toll at the stretch's last day.
        event_day, as_of = None, (opening[1].last if opening[1] is not None else as_of)
    if prev is not None and lex.kind(prev["scope"]) == "cumulative" and prev["metric"] == metric_name and _UP_FROM.search(text, max(s0, q.start - 25), q.start):
        # "360 killed since the ceasefire, up from 345 on 28 November": the same running total, earlier.
        then = next(iter(ctx.dates_starting(q.end, q.end + 8)), None)  # "up from 69,500 on 20 November"
        scope, as_of = prev["scope"], (then.last if then is not None else event_day.last if event_day is not None else None)
        event_day = None
    elif (
        prev is not None and event_day is not None and lex.kind(scope) == "event_count" and lex.kind(prev["scope"]) == "cumulative"
        and prev["metric"] == metric_name and _DATED_ITEM.fullmatch(text, prev["end"], q.start) and _DATED_ITEM_END.match(text, q.end)
    ):
        # "… stood at about 240 on 30 October, 280 on 18 November and 345 on 28 November": the
        # same running total, told at each date.
        scope, as_of, event_day = prev["scope"], event_day.last, None
    source, party = attribution(ctx, s0, s1, q.start)
    if source is None and prev is not None:
        source, party = prev["attribution"], prev["party"]
    if metric.by_actor and population is None and party is not None:
        # "The Media Office said it had documented 535 violations": one side counts the other's.
        population = lex.counted_by.get(party)
    doubts = (
        ("vague figure", q.hedge == "vague"),
        ("metric word outside its clause", not c0 <= metric_match.start() < c1 and (subset or not dash_appositive(text, metric_match, c0, q))
         and not _OUT_OF.search(text, max(s0, q.start - 20), q.start)),  # ("1,020 killed since the truce, out of 73,233")
        (_NOT_SETTLED, not settled),
        ("group taken from the sentence before", borrowed),
        ("no side named in the war's first week, while both sides fight in its sentence",
         ctx.memo["first_week"] and both_sides(lex, text, s0, s1, c0, c1, population, named, metric_match)),
        ("no source named", source is None),
    )
    confidence = confidence_of(scope, [why for why, doubt in doubts if doubt])
    # Which event of the day: two strikes of one Saturday are two events. People held are
    # counted by name: a day's handover is one event, wherever it is told from ("crowds in
    # Tel Aviv cheered as 20 hostages were freed").
    event = event_place_of(ctx, q, s0, s1) if lex.kind(scope) == "event_count" and not metric.held else None
    return _count_record(ctx, q, metric_name, population, scope, event_day, event, (source, party), as_of, confidence)


def _cell_claim(ctx: DocContext, q: Quantity, cell) -> dict:
    """A table cell's count, read from its column's head and its row's date (see :mod:`.tables`)."""
    return _count_record(ctx, q, cell.metric, cell.population, cell.scope, None, None, (None, None), cell.as_of, confidence_of(cell.scope, []))


def _count_record(ctx: DocContext, q: Quantity, metric: str, population: str | None, scope: str, event_day, event: str | None,
                  said: tuple[str | None, str | None], as_of, confidence: tuple[str, str | None]) -> dict:
    """A count claim's fields (``said``: its source and the source's party)."""
    return dict(
        **_base(ctx, q.start, q.end, q.text),
        kind="count",
        low=q.low,
        high=q.high,
        hedge=q.hedge,
        metric=metric,
        population=population,
        scope=scope,
        event_first=event_day.first if event_day else None,
        event_last=event_day.last if event_day else None,
        event=event,
        attribution=said[0],
        party=said[1],
        as_of=as_of,
        confidence=confidence[0],
        doubts=confidence[1],
        basis=basis_of(ctx.lex, said[0]),
    )


def named_population(population: str | None, metric, lex: Lexicon) -> bool:
    """True when the figure's words name a people other than its metric's and the default."""
    return population is not None and population not in (metric.population, lex.settings.default_population)


def _counts_other_noun(lex: Lexicon, text: str, q: Quantity) -> bool:
    """True when the figure is followed by a plural noun of its own that names no group: "three sisters"."""
    word = _NEXT_NOUN.match(text, q.end)
    if word is None or _OF_FAMILY.match(text, q.end):
        return False
    noun = word.group(1).lower()
    if noun in _HEAD_NOUNS or (lex.population and lex.population.fullmatch(word.group(1))):
        return False
    return not lex.metric.fullmatch(word.group(1))


def _people(lex: Lexicon, population: str | None) -> bool:
    """True for the default people or a people some metric counts by default (Palestinians, Israelis)."""
    return population is not None and (
        population == lex.settings.default_population or any(m.population == population for m in lex.settings.metrics)
    )


def _date_claim(ctx: DocContext, d: DateMention) -> dict:
    return dict(
        **_base(ctx, d.start, d.end, d.text),
        kind="date",
        first=d.first,
        last=d.last,
        metric="date",
        event=event_of(ctx, d),
        as_of=ctx.doc.published,
    )
