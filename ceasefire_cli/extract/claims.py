"""Quantities and dates in their sentences -> classified :class:`Claim` records.

For every count the extractor answers four questions from the sentence it
stands in, using only the taxonomy in claims.yaml:

* metric — the nearest metric alias: just after the figure ("500 violations")
  or anywhere before it in the sentence ("killing 447 Palestinians");
* population — the first population alias in the few words after the figure,
  else an adjective on the metric word ("Israeli deaths"), else the population
  of the previous count in the same sentence ("killing 447 Palestinians and
  wounding 1,246"), else the metric's default;
* scope — a scope cue in the sentence ("since the ceasefire"), else a day the
  sentence dates the count to ("on Saturday": an event count), else the
  metric's default scope;
* attribution — "according to X", or the source before a reporting verb
  ("a Hamas official highlighted", "health officials reporting").

Dates become claims too; a date in a sentence that names an event of the
taxonomy (a subject and a verb: "the truce that came into effect on
October 10") dates that event.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from .clauses import (
    clause_bounds,
    clause_scope,
    distance,
    event_place,
    is_increment,
    is_projection,
    names_other_front,
    not_a_count,
    place_population,
    population_words,
    scope_cues,
    sentence_span,
    subset_marker,
)
from ..config import Settings
from .dates import find_dates
from .lexicon import WORD as _WORD
from .lexicon import Lexicon, build_lexicon, phrase_key, phrase_pattern
from ..models import Claim, DateMention, Document, Quantity
from .numbers import find_quantities
from .sentences import TextIndex, index_text

__all__ = ["extract_claims", "build_lexicon", "phrase_pattern", "Lexicon"]

# How far after a figure its own noun phrase may reach, in characters.
_AFTER = 60
# How far before its clause a group named for a figure may stand ("attacks in Israel … which killed 1,200").
_BEFORE_REACH = 60
_REPORTING = re.compile(
    r"(?<![\w-])(?:said|says|say|reported|reports|reporting|told|stated|states|announced|"
    r"confirmed|claimed|claims|highlighted|cited|citing|added|estimated|estimates|tallied)(?![\w-])",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"(?<![\w-])according to\s+([^,.;:!?\n“”\"]{2,80})", re.IGNORECASE)
_SUBJECT = re.compile(
    r"(?<![\w-])((?:(?:the|a|an|two|three|several|some)\s+)?(?:[\w’'-]+\s+){0,4}?"
    r"(?:official|officials|ministry|spokesperson|spokesman|spokeswoman|statement|"
    r"office|authorities|authority|sources|source|agency|army|military|media|"
    r"figures|data|defence|defense|council|organisation|organization))\s*,?\s*$",
    re.IGNORECASE,
)
# A day the count happened on, when no resolved date says so (undated documents).
_DAY_WORDS = re.compile(
    r"(?<![\w-])(?:(?:on|last|late|early|this)\s+(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|yesterday|overnight|today)(?![\w-])",
    re.IGNORECASE,
)
# A clause that starts between a figure and a metric word after it: "targeted dozens
# of militants after a soldier was killed" does not count the dead.
# ("listed as missing", "described as dead": "as" after such a verb opens no clause.)
_CLAUSE_START = re.compile(
    r"(?<![\w-])(?:after|before|when|while|because|although|whereas|following|"
    r"(?<!listed )(?<!described )(?<!counted )(?<!registered )(?<!classified )(?<!recorded )(?<!identified )as)(?![\w-])",
    re.IGNORECASE,
)
# "The strike on Monday killed nine": an event already named.
_DEFINITE_EVENT = re.compile(r"(?<![\w-])the\s+(?:[\w’'-]+\s+)?(?:strike|airstrike|air strike|attack|raid|bombing|shelling|blast|explosion|massacre)(?![\w-])", re.IGNORECASE)
# The rest of a fronted adverbial up to its comma ("In the first year of the war, …").
_FRONTED_END = re.compile(r"[^,;:!?]{0,30},")
# "since Saturday", "since last Saturday", "since the bombing began on": a date that opens a span.
_SINCE_BEFORE = re.compile(
    r"(?<![\w-])since\s+(?:(?:last|early|late|mid)\s+|the\s+(?:[\w’'-]+\s+){0,4}?(?:began|started|erupted|broke\s+out)\s+(?:on\s+|in\s+)?)?$",
    re.IGNORECASE,
)
# A figure of its own: digits or a number word.
_ANOTHER_FIGURE = re.compile(r"\d|(?<![\w-])(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)(?![\w-])", re.IGNORECASE)
# Between two figures of one statement: "45,206, with 107,512", "killing 447 and wounding".
_JOINED = re.compile(r"[\s\w’'-]{0,25}?(?:,\s*|\s+)(?:with|and|plus)\s+(?:[\w’'-]+\s+){0,2}?", re.IGNORECASE)
# Where captives or prisoners are freed says nothing of whose they are.
_RELEASE = re.compile(r"(?<![\w-])(?:freed|free|released|releases|release|returned|return|returns|handed|exchange|swap|bodies|remains)(?![\w-])", re.IGNORECASE)
# "Gaza" named in a sentence: the count is Gaza's unless a place stands nearer.
_GAZA = re.compile(r"(?<![\w-])Gaza(?![\w-])")
# A metric word as the figure's own noun, right after it ("12 hostages", "3 dead").
_OWN_METRIC_NOUN = re.compile(r"\s+(?:[\w’'-]+\s+)?(?:hostages|captives|prisoners|detainees|dead|killed|wounded|injured|deaths|bodies)(?![\w-])", re.IGNORECASE)
# The plural noun right after a figure, possibly after one adjective ("three older sisters").
_NEXT_NOUN = re.compile(r"\s+(?:[a-z’'-]+\s+)?([a-z][a-z’'-]*[a-rt-z]s)(?![\w-])")
# Head nouns that stand for the counted people themselves.
_HEAD_NOUNS = frozenset("people persons others civilians individuals residents victims members relatives".split())
# Up to two words between a figure and its own noun ("four other captives").
_OWN_METRIC = re.compile(r"(?:\s+(?!(?:and|or|but|while|who|were|was|have|had|are|is)(?![\w-]))[\w’'-]+){0,2}\s+", re.IGNORECASE)
# Between a metric word before the figure and the figure: a new coordinate clause.
_COORDINATE = re.compile(r"[,;]|(?<![\w-])(?:and|while|whereas|but)(?![\w-])", re.IGNORECASE)
# Where a figure's own noun phrase ends, short of punctuation.
_PHRASE_END = re.compile(r"\s(?:in exchange for|in return for|in return|for|against|versus|compared with|than)\s", re.IGNORECASE)
# "44 people", "250 others": a head noun of its own, so no group is carried over from the count before.
_OWN_NOUN = re.compile(r"\s+(?:people|persons|others|civilians|individuals)(?![\w-])", re.IGNORECASE)
# Group words next to each other: "Palestinian journalists", "Israeli and foreign hostages".
_ADJACENT = re.compile(r"\s+")
# "in Israel strike", "in Israeli attack": a place word used as an adjective.
_ATTRIBUTIVE = re.compile(r"\s+(?:strikes?|attacks?|raids?|air|bombing|shelling|fire|forces|army|military)(?![\w-])", re.IGNORECASE)
# "15 of the 28 hostages": a part and its whole, not two counts of one thing.
_PART_OF = re.compile(r"\s+of\s+(?:the\s+|all\s+|some\s+)?\d", re.IGNORECASE)
_OF_BEFORE = re.compile(r"(?<![\w-])of\s+(?:the\s+|all\s+|some\s+)?$", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\d[\d,.]*\s+(?:of\s+)?(?:the\s+|all\s+|some\s+)?$", re.IGNORECASE)
# "4,000 trucks a week": a rate, even with a noun between the figure and its period.
_RATE = re.compile(r"(?:\s+[\w’'-]+){0,2}\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|hour|night)(?![\w-])", re.IGNORECASE)
# "the same period", "since then": the scope of the count before.
_SAME_SPAN = re.compile(
    r"(?<![\w-])(?:(?:over|in|during|for)\s+(?:the\s+same|that|this)\s+(?:period|time|span)|since\s+then)(?![\w-])",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"\s*[A-Z][A-Z .’'-]{1,40},\s*$")
_OVERNIGHT = re.compile(r"(?<![\w-])(?:overnight|last\s+night|in\s+the\s+overnight)(?![\w-])", re.IGNORECASE)
_AS_OF = re.compile(r"(?:as of|by|as at|up to)\s+$", re.IGNORECASE)


_key = phrase_key


@dataclass(frozen=True, slots=True)
class _Context:
    """What one document's extraction needs at hand."""

    doc: Document
    lex: Lexicon
    index: TextIndex
    dates: tuple[DateMention, ...]
    #: ``dates[i].start``, for bisecting: find_dates returns them sorted and non-overlapping.
    date_starts: tuple[int, ...] = ()
    #: Per-sentence and per-date results that the several claims of one sentence would recompute.
    memo: dict = field(default_factory=dict)

    def dates_starting(self, low: int, high: int) -> tuple[DateMention, ...]:
        """The date mentions that start in ``[low, high)``, in text order."""
        return self.dates[bisect.bisect_left(self.date_starts, low) : bisect.bisect_left(self.date_starts, high)]

    def overlaps_date(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a date mention."""
        i = bisect.bisect_left(self.date_starts, end) - 1
        return i >= 0 and self.dates[i].end > start


def extract_claims(doc: Document, lex: Lexicon) -> tuple[Claim, ...]:
    """Every count and date claim in ``doc``, in text order, ids ``<doc id>#<n>``."""
    text = doc.text
    dates = tuple(find_dates(text, doc.published))
    ctx = _Context(doc, lex, index_text(text), dates, tuple(d.start for d in dates))
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
            ctx.memo["last_scope"] = claim["scope"]
    raw.extend(_date_claim(ctx, d) for d in dates)
    raw.sort(key=lambda c: (c["start"], c["end"]))
    return tuple(Claim(id=f"{doc.id}#{i}", **c) for i, c in enumerate(raw, 1))


def _base(ctx: _Context, start: int, end: int, text: str) -> dict:
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


def _count_claim(ctx: _Context, q: Quantity, previous: dict[int, dict]) -> dict | None:
    text = ctx.doc.text
    lex = ctx.lex
    s0, s1 = ctx.index.sentence(q.start)
    if not_a_count(lex, text, s0, q):
        return None
    rate = _RATE.match(text, q.end)
    if _PART_OF.match(text, q.end) or (_OF_BEFORE.search(text, max(0, q.start - 12), q.start) and _PART_BEFORE.search(text, max(0, q.start - 30), q.start)):
        return None  # "15 of the 28": a proportion, neither figure a count of its own
    metric_match = _nearest_metric(lex, text, s0, s1, q)
    if metric_match is None:
        return None
    metric_name = lex.metric_names[_key(metric_match.group())]
    metric = next(m for m in lex.settings.metrics if m.name == metric_name)
    prev = previous.get(s0)
    c0, c1 = clause_bounds(text, s0, s1, q.start, q.end)
    if rate and not is_projection(lex, text, c0, c1, q):
        return None  # "ten killed every hour", "4,000 trucks a week": a rate; "to admit 600 trucks a day" is a plan
    if metric_match.end() <= c0 and _counts_other_noun(lex, text, q):
        return None  # "As her family prepared to flee, she told her three sisters ...": sisters, not the displaced
    population = _population(lex, text, q, metric_match, (c0, c1), s0)
    subset = subset_marker(lex, text, c0, q, s1)
    if population is None and not subset and prev is not None and prev["metric"] != metric_name and metric_match.end() <= q.start and not _OWN_NOUN.match(text, q.end):
        # "killing 447 Palestinians and wounding 1,246": the second count is about the same people.
        # "... and 2,000 prisoners" names its own noun, and takes the metric's default instead.
        population = prev["population"]
    # A sub-group with no group named ("including 12 in Rafah") cannot be compared with anything,
    # unless its clause gives it a span of its own ("among them about 280 killed since the
    # ceasefire", "including 3 in the past week"): then it counts the total's people over that span.
    own = clause_scope(lex, text, c0, c1, q, _cues(ctx, s0, s1)) if subset and population is None else None
    if own is not None and lex.kind(own[0]) not in ("cumulative", "unchecked"):
        own = None  # a stock or an event word ("among the hostages held ...") says no span of its own
    unsettled = subset and population is None and own is None
    if subset and population is None and own is not None and prev is not None:
        population = prev["population"]
    if population in (None, metric.population, lex.settings.default_population) and not (metric.flows and _RELEASE.search(text, s0, s1)):
        # Where people were killed or hurt says whose toll it is; where captives were freed does not.
        # A sentence that names no place goes on from the one before ("Raids kill five in the
        # occupied West Bank. Forces killed four people in one camp ...").
        place = place_population(lex, text, s0, s1, q, _words(ctx, s0, s1))
        if place is None and s0 > 0 and not _GAZA.search(text, s0, s1):
            p0, p1 = ctx.index.sentence(s0 - 1)
            place = place_population(lex, text, p0, p1, q, _words(ctx, p0, p1)) if p1 <= s0 else None
        population = place or population
    if population is None:
        population = metric.population
    if subset and prev is not None and prev["metric"] != metric_name and not _OWN_METRIC_NOUN.match(text, q.end):
        # "111 hostages remain, of which 39 are believed dead": the part counts what its total counts.
        metric_name = prev["metric"]
        metric = next(m for m in lex.settings.metrics if m.name == metric_name)
        population = population if population not in (None, lex.settings.default_population) else prev["population"]
    scope, event_day, as_of = _scope(ctx, q, (s0, s1), (c0, c1), metric, unsettled)
    joined = prev is not None and _JOINED.fullmatch(text, prev["end"], q.start) is not None
    if (subset or joined) and not unsettled and prev is not None and scope == metric.scope and prev["scope"] != scope:
        # "the toll rose to 31,200, with 13,000 women among the dead": a part takes its total's span;
        # so does a figure joined to the one before ("death toll rises to 45,206, with 107,512 wounded").
        scope, as_of = prev["scope"], prev["as_of"]
        event_day = DateMention(0, 0, "", prev["event_first"], prev["event_last"]) if prev["event_first"] else None
    attribution, party = _attribution(ctx, s0, s1, q.start)
    if attribution is None and prev is not None:
        attribution, party = prev["attribution"], prev["party"]
    return dict(
        **_base(ctx, q.start, q.end, q.text),
        kind="count",
        low=q.low,
        high=q.high,
        hedge=q.hedge,
        metric=metric_name,
        population=population,
        scope=scope,
        event_first=event_day.first if event_day else None,
        event_last=event_day.last if event_day else None,
        # Which event of the day: two strikes of one Saturday are two events.
        event=_event_place(ctx, q, s0, s1) if lex.kind(scope) == "event_count" else None,
        attribution=attribution,
        party=party,
        as_of=as_of,
    )


def _counts_other_noun(lex: Lexicon, text: str, q: Quantity) -> bool:
    """True when the figure is followed by a plural noun of its own that names no group: "three sisters"."""
    word = _NEXT_NOUN.match(text, q.end)
    if word is None:
        return False
    noun = word.group(1).lower()
    if noun in _HEAD_NOUNS or (lex.population and lex.population.fullmatch(word.group(1))):
        return False
    return not lex.metric.fullmatch(word.group(1))


def _nearest_metric(lex: Lexicon, text: str, s0: int, s1: int, q: Quantity) -> re.Match[str] | None:
    """The metric word closest to the figure: right after it, or before it in the sentence.

    A metric word before the figure that a clause break separates from it
    ("870 have died and 2,530 were treated for injuries") gives way to one
    after it in the figure's own clause.
    """
    after = lex.metric.search(text, q.end, min(s1, q.end + _AFTER))
    if after and _CLAUSE_START.search(text, q.end, after.start()):
        after = None
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


def _population(lex: Lexicon, text: str, q: Quantity, metric: re.Match[str], clause: tuple[int, int], s0: int) -> str | None:
    """Who the figure counts: its own noun phrase, an adjective on the metric word, else a group named earlier in its clause.

    In the noun phrase the last of adjacent group words wins ("six
    Palestinian journalists" counts journalists); the phrase ends at
    punctuation and at "in exchange for", "for", "against" ("30 hostages in
    exchange for Palestinian prisoners" counts hostages).
    """
    if lex.population is None:
        return None
    c0, c1 = clause
    stop = min(c1, q.end + _AFTER)
    for i in range(q.end, stop):
        if text[i] in ",;:()\n–—":
            stop = i
            break
    cut = _PHRASE_END.search(text, q.end, stop)
    stop = cut.start() if cut else stop
    another = _ANOTHER_FIGURE.search(text, q.end, stop)  # "64 killed on Saturday were 19 children": the 19's
    if another is not None:
        # Past another figure only a people or a place still speaks for this one
        # ("1,200 were killed and 251 taken captive in the October 7 assault").
        beyond = [lex.population_names[_key(m.group())] for m in lex.population.finditer(text, another.end(), c1)]
        nation = next((n for n in beyond if n in lex.settings.place_populations or any(x.population == n for x in lex.settings.metrics)), None)
        stop = another.start()
    else:
        nation = None
    found: list[re.Match[str]] = []
    for m in lex.population.finditer(text, q.end, stop):
        if _ATTRIBUTIVE.match(text, m.end()) and _key(m.group()).startswith("in "):
            continue  # "killed in Israel strike on Gaza": Israel names who struck, not who died
        if found and not _ADJACENT.fullmatch(text[found[-1].end() : m.start()]):
            break
        found.append(m)
    if found:
        names = [lex.population_names[_key(m.group())] for m in found]
        # "six Palestinian journalists": the head noun; "three American soldiers": the nation.
        return next((n for n in names if n in lex.settings.place_populations), names[-1])
    if nation is not None:
        return nation
    # "Israeli deaths", "Palestinian death toll": an adjective on the metric word.
    adjective = re.search(r"([\w’'-]+)\s+$", text[max(0, metric.start() - 30) : metric.start()])
    if adjective:
        name = lex.population_names.get(adjective.group(1).lower())
        if name:
            return name
    # "Hamas's attack on Israel left 1,200 dead", "attacks in Israel on October 7 which killed
    # 1,200": a group named shortly before the figure, with no other figure between.
    earlier = None
    for earlier in lex.population.finditer(text, max(c0 - _BEFORE_REACH, s0), q.start):
        pass
    if earlier is None or re.search(r"\d", text[earlier.end() : q.start]):
        return None
    if _ANOTHER_FIGURE.search(text, max(s0, earlier.start() - 20), earlier.start()):
        return None  # "183 Palestinian prisoners ... for three hostages": that group is the 183's
    name = lex.population_names[_key(earlier.group())]
    # Only a people or a place carries over: a sub-group named earlier ("children") is its own count.
    return name if name in lex.settings.place_populations or any(m.population == name for m in lex.settings.metrics) else None


def _scope(ctx: _Context, q: Quantity, sentence: tuple[int, int], clause: tuple[int, int], metric, unsettled: bool):
    """(scope, the day of an event count, as-of date) for a count, from what its clause says.

    In order: a forecast, plan or demand (``projection``); an unnamed sub-group
    (``unknown``); "over the same period" (the span of the count before);
    "N more" (``increment``; "another N" too, unless the sentence counts from
    the war's start); a span the sentence opens with or the clause names
    ("Since Sunday, …", "in the past week"), which outranks both a flow and an
    event word; a flow of the metric ("3 hostages freed": one event); the
    clause's own cue; a day the sentence dates the count to (one event); an
    event word elsewhere in the sentence. With none of these the count keeps
    the metric's scope, ``unknown`` by default: a figure is never the war's
    toll without a word that says so.
    """
    text, lex = ctx.doc.text, ctx.lex
    (s0, s1), (c0, c1) = sentence, clause
    published = ctx.doc.published
    if is_projection(lex, text, c0, c1, q):
        return "projection", None, published
    if unsettled:
        return "unknown", None, published
    if _SAME_SPAN.search(text, s0, s1) and ctx.memo.get("last_scope") is not None:
        return ctx.memo["last_scope"], None, _as_of(ctx, s0, q.start)
    cues = _cues(ctx, s0, s1)
    cue = clause_scope(lex, text, c0, c1, q, cues)
    span = sentence_span(lex, text, s0, s1, q, cues=cues)
    since = _since_span(ctx, q, s0, s1)
    if since is not None and span is None:
        span = since  # a named span ("since the truce began on Oct. 10") is read by its cue instead
    running_total = span is not None and lex.kind(span[0]) == "cumulative"
    if is_increment(text, c0, c1, q, running_total=running_total):
        day = _event_day(ctx, q, s0, s1)  # "another 12 killed on 5 May": that day's event
        return ("increment", None, published) if day is None else (_event_scope(lex.settings), day, published)
    # A span that opens the sentence, or stands in the figure's clause, frames it whatever its verbs.
    framing = span is not None and (c0 <= span[1] < c1 or _fronted(text, s0, span))
    if cue is not None and cue[0] == "current" and _key(text[cue[1] : cue[2]]).startswith("held"):
        flow_before = lex.flow_pattern(metric.name)
        if flow_before is not None and flow_before.search(text, max(c0, q.start - 25), q.start):
            cue = None  # "killed three captives held in Gaza": the killing is the event
    strong_total = cue is not None and lex.kind(cue[0]) == "cumulative" and _key(text[cue[1] : cue[2]]) not in lex.weak
    flows = lex.flow_pattern(metric.name)
    flow = flows.search(text, c0, c1) if flows is not None else None
    if cue is not None and cue[0] == "current" and flows is not None and any(
        f.start() <= cue[1] and cue[2] <= f.end() for f in flows.finditer(text, c0, c1)
    ):
        cue = None  # "bodies of two hostages killed in captivity": "in captivity" is part of the flow
    if flow is not None and not framing and not strong_total and not (cue and cue[0] == "current"):
        return _event_scope(lex.settings), _event_day(ctx, q, s0, s1), published
    weak_cue = cue is not None and _key(text[cue[1] : cue[2]]) in lex.weak
    if span is not None and (
        cue is None
        or (framing and (weak_cue or lex.kind(cue[0]) == "event_count"))
        or (lex.kind(cue[0]) == "event_count" and distance(q, span[1], span[2], text) < distance(q, cue[1], cue[2], text))
    ):
        cue = span
    day = _event_day(ctx, q, s0, s1)
    if day is not None and (cue is None or distance(q, day.start, day.end, text) < distance(q, cue[1], cue[2], text)):
        return _event_scope(lex.settings), day, published
    if cue is None:
        cue = sentence_span(lex, text, s0, s1, q, events=True, cues=cues)
    if cue is not None:
        if lex.kind(cue[0]) == "event_count":
            return cue[0], day or _overnight(ctx, s0, s1), published
        return cue[0], None, _as_of(ctx, s0, q.start)
    night = _overnight(ctx, s0, s1)
    if night is not None:
        return _event_scope(lex.settings), night, published
    if _DAY_WORDS.search(text, s0, s1):
        return _event_scope(lex.settings), None, published
    return metric.scope, None, _as_of(ctx, s0, q.start)


def _event_place(ctx: _Context, q: Quantity, s0: int, s1: int) -> str | None:
    """Where the counted event happened; "the strike" with no place of its own is the one just named."""
    text = ctx.doc.text
    place = event_place(text, s0, s1, q)
    if place is None and s0 > 0 and _DEFINITE_EVENT.search(text, s0, s1):
        p0, p1 = ctx.index.sentence(s0 - 1)
        place = event_place(text, p0, p1, q) if p1 <= s0 else None
    return place


def _words(ctx: _Context, s0: int, s1: int) -> tuple:
    """The sentence's population words, read once for all its figures and dates."""
    found = ctx.memo.get(("words", s0))
    if found is None:
        found = ctx.memo[("words", s0)] = population_words(ctx.lex, ctx.doc.text, s0, s1)
    return found


def _cues(ctx: _Context, s0: int, s1: int) -> tuple:
    """The sentence's scope cues, read once for all its figures."""
    found = ctx.memo.get(("cues", s0))
    if found is None:
        found = ctx.memo[("cues", s0)] = scope_cues(ctx.lex, ctx.doc.text, s0, s1)
    return found


def _fronted(text: str, s0: int, span: tuple[str, int, int]) -> bool:
    """True for a span fronted before a comma at the sentence's start: "Since Sunday, …", "In the past week, …"."""
    return len(text[s0 : span[1]].split()) <= 2 and bool(_FRONTED_END.match(text, span[2]))


def _since_span(ctx: _Context, q: Quantity, s0: int, s1: int) -> tuple[str, int, int] | None:
    """A span from a date the sentence names after "since": the war's when it is the war's first day.

    "since Saturday", "since October 7", "since the bombing began on October 7";
    as (scope, start, end) like a cue.
    """
    start = _war_start(ctx.lex.settings)
    best = None
    for d in ctx.dates_starting(s0, s1):
        lead = _SINCE_BEFORE.search(ctx.doc.text, max(s0, d.start - 45), d.start)
        if lead is None:
            continue
        scope = "war" if start is not None and d.first <= start <= d.last + dt.timedelta(days=1) else "since_other"
        item = (distance(q, lead.start(), d.end, ctx.doc.text), scope, lead.start(), d.end)
        best = min(best, item) if best else item
    return best[1:] if best else None


def _war_start(settings: Settings) -> dt.date | None:
    """The vetted first day of the war (``facts: topic: date.war_start``), if the desk gave one."""
    return next((f.first for f in settings.facts if f.topic == "date.war_start"), None)


def _overnight(ctx: _Context, s0: int, s1: int) -> DateMention | None:
    """"killed in overnight strikes", in a dated report: the night before it."""
    published = ctx.doc.published
    if published is None or not _OVERNIGHT.search(ctx.doc.text, s0, s1):
        return None
    return DateMention(0, 0, "overnight", published - dt.timedelta(days=1), published)


def _event_scope(settings: Settings) -> str:
    return next(s.name for s in settings.scopes if s.kind == "event_count")


def _event_day(ctx: _Context, q: Quantity, s0: int, s1: int) -> DateMention | None:
    """The day-precision date in the sentence nearest the figure, if it dates the count."""
    best = None
    for d in ctx.dates_starting(s0, s1):
        if d.end > s1 or (d.last - d.first).days > 1:
            continue
        if _is_report_date(ctx.doc.text, s0, d):
            continue  # "said on Tuesday", "On Tuesday, the ministry said": the report's date
        if _SINCE_BEFORE.search(ctx.doc.text, max(s0, d.start - 45), d.start):
            continue  # "since Saturday": where a span starts, not the day of an event
        if _event_of(ctx, d) is not None:
            continue  # "a ceasefire that began Oct. 10" dates the ceasefire, not this count
        gap = distance(q, d.start, d.end, ctx.doc.text)
        if best is None or gap < best[0]:
            best = (gap, d)
    return best[1] if best else None


def _is_report_date(text: str, s0: int, d: DateMention) -> bool:
    """True when a date says when figures were reported, not when people were killed."""
    if _REPORTING.search(text, max(s0, d.start - 25), d.start) or _AS_OF.search(text[max(s0, d.start - 8) : d.start]):
        return True
    # A wire dateline, "GAZA CITY, Oct 29 (Agency) -": the day of the report.
    return bool(_DATELINE.match(text[s0 : d.start]))


def _as_of(ctx: _Context, s0: int, limit: int):
    """A date the sentence gives for its figures ("as of 5 January"), else the document's date."""
    for d in ctx.dates_starting(s0, limit + 200):
        if _AS_OF.search(ctx.doc.text[max(s0, d.start - 8) : d.start]):
            return d.last
    return ctx.doc.published


def _attribution(ctx: _Context, s0: int, s1: int, offset: int) -> tuple[str | None, str | None]:
    best = None
    for at, phrase in _sources(ctx, s0, s1):
        distance = abs(at - offset)
        if best is None or distance < best[0]:
            best = (distance, phrase)
    if best is None:
        return None, None
    key = ("party", best[1])
    found = ctx.memo.get(key)
    if found is None:
        phrase = " ".join(best[1].split())
        phrase = re.sub(r"^(?:with|and|but|as|while|when)\s+", "", phrase, flags=re.IGNORECASE)
        found = ctx.memo[key] = (phrase, _party(ctx.lex, phrase))
    return found


def _sources(ctx: _Context, s0: int, s1: int) -> list[tuple[int, str]]:
    """The sentence's sources as (offset, phrase): "according to X"; else a source before a reporting verb."""
    key = ("sources", s0, s1)
    found = ctx.memo.get(key)
    if found is not None:
        return found
    text = ctx.doc.text
    found = [(m.start(), m.group(1).strip()) for m in _ACCORDING.finditer(text, s0, s1)]
    if not found:
        for verb in _REPORTING.finditer(text, s0, s1):
            window = text[max(s0, verb.start() - 60) : verb.start()]
            source = _source_before(ctx.lex, window) or _SUBJECT.search(window)
            if source:
                phrase = source.group(1) if source.re is _SUBJECT else source.group()
                found.append((verb.start(), phrase.strip(" ,")))
    ctx.memo[key] = found
    return found


def _source_before(lex: Lexicon, window: str) -> re.Match[str] | None:
    """The last party alias in ``window``, widened to its determiner ("a Hamas official")."""
    if lex.party is None:
        return None
    last = None
    for last in lex.party.finditer(window):
        pass
    if last is None:
        return None
    return re.search(r"(?:(?<![\w-])(?:the|a|an)\s+)?(?:(?<![\w-])(?-i:[A-Z])[\w’'-]*\s+)?" + re.escape(last.group()) + r"[\w’'-]*(?:\s+(?:official|officials|spokesperson|statement))?", window, re.IGNORECASE)


def _party(lex: Lexicon, phrase: str) -> str | None:
    """The party a source phrase belongs to: an alias inside it, else a close spelling."""
    if lex.party is None:
        return None
    longest = max(lex.party.finditer(phrase), key=lambda m: len(m.group()), default=None)
    if longest is not None:
        return lex.party_names[_key(longest.group())]
    from rapidfuzz import fuzz, process

    choices = [a for a in lex.party_names if len(a) >= 5]
    best = process.extractOne(phrase.lower(), choices, scorer=fuzz.token_set_ratio, score_cutoff=88)
    return lex.party_names[best[0]] if best else None


def _event_of(ctx: _Context, d: DateMention) -> str | None:
    """The taxonomy event a date mention dates, when its sentence names one."""
    key = ("event", d.start)
    if key in ctx.memo:
        return ctx.memo[key]
    s0, s1 = ctx.index.sentence(d.start)
    text = ctx.doc.text
    best = None
    front = ctx.memo.get(("front", s0))
    if front is None:
        front = ctx.memo[("front", s0)] = names_other_front(ctx.lex, text, s0, s1, _words(ctx, s0, s1))
    if front:
        ctx.memo[key] = None  # "fighting with Hezbollah began on October 8": another front's event
        return None
    for name, verb, ids in _event_verbs(ctx, s0, s1):
        if _attached(text, verb, d) and (best is None or _gap(verb, d) < best[0]):
            number = ids.search(text, s0, s1) if ids else None
            # Two resolutions are two events: the number joins the event's name.
            best = (_gap(verb, d), f"{name}:{number.group(1)}" if number else name)
    found = ctx.memo[key] = best[1] if best else None
    return found


def _event_verbs(ctx: _Context, s0: int, s1: int) -> list[tuple[str, re.Match[str], re.Pattern[str] | None]]:
    """(event, verb, id pattern) for each event verb of a sentence that also names the event's subject."""
    key = ("events", s0, s1)
    found = ctx.memo.get(key)
    if found is None:
        text = ctx.doc.text
        found = ctx.memo[key] = [
            (name, verb, ids)
            for name, subjects, verbs, ids in ctx.lex.events
            if subjects is not None and verbs is not None and subjects.search(text, s0, s1)
            for verb in verbs.finditer(text, s0, s1)
        ]
    return found


def _gap(verb: re.Match[str], d: DateMention) -> int:
    return d.start - verb.end() if verb.end() <= d.start else verb.start() - d.end


def _attached(text: str, verb: re.Match[str], d: DateMention) -> bool:
    """True when the date belongs to the verb: "took effect on October 10", "In November, X adopted".

    Between them: at most 40 characters and no reporting verb; after the verb,
    no clause break ("since the war began, the ministry said on 4 December").
    """
    if _gap(verb, d) > 40:
        return False
    between = text[verb.end() : d.start] if verb.end() <= d.start else text[d.end : verb.start()]
    if _REPORTING.search(between):
        return False
    return verb.end() > d.start or not any(mark in between for mark in ",;:—")


def _date_claim(ctx: _Context, d: DateMention) -> dict:
    return dict(
        **_base(ctx, d.start, d.end, d.text),
        kind="date",
        first=d.first,
        last=d.last,
        metric="date",
        event=_event_of(ctx, d),
        as_of=ctx.doc.published,
    )
