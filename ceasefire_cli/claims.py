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

from .config import Settings
from .dates import find_dates
from .models import Claim, DateMention, Document, Quantity
from .numbers import find_quantities
from .sentences import TextIndex, index_text

_WORD = r"[\w’'-]+"
# How far after a figure its own noun phrase may reach, in characters.
_AFTER = 60
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
_CLAUSE_START = re.compile(r"(?<![\w-])(?:after|before|when|while|because|although|whereas|following|as)(?![\w-])", re.IGNORECASE)
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
_TOLL = re.compile(r"(?<![\w-])(?:death\s+toll|toll|tally|total)(?![\w-])", re.IGNORECASE)


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for ``phrases``; ``*`` stands for up to three words.

    >>> phrase_pattern(("ceasefire * began",)).search("the ceasefire that began").group()
    'ceasefire that began'
    """
    if not phrases:
        return None
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [re.escape(w) for w in phrase.split()]
        body = r"\s+".join(words).replace(r"\s+\*\s+", rf"(?:\s+{_WORD}){{0,3}}\s+")
        parts.append(body)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The taxonomy compiled to patterns, built once per run."""

    settings: Settings
    metric: re.Pattern[str]
    metric_names: dict[str, str]
    population: re.Pattern[str] | None
    population_names: dict[str, str]
    scopes: tuple[tuple[str, re.Pattern[str]], ...]
    events: tuple[tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str] | None], ...]
    units: re.Pattern[str] | None
    nouns: re.Pattern[str] | None
    party: re.Pattern[str] | None
    party_names: dict[str, str]


def _names(entries: tuple) -> dict[str, str]:
    return {" ".join(a.lower().split()): e.name for e in entries for a in e.aliases}


def build_lexicon(settings: Settings) -> Lexicon:
    """Compile the taxonomy's phrases into the patterns the extractor runs."""
    metric = phrase_pattern(tuple(a for m in settings.metrics for a in m.aliases))
    assert metric is not None  # config guarantees at least one metric
    units = phrase_pattern(settings.not_count_units)
    nouns = phrase_pattern(settings.not_count_nouns)
    return Lexicon(
        settings=settings,
        metric=metric,
        metric_names=_names(settings.metrics),
        population=phrase_pattern(tuple(a for p in settings.populations for a in p.aliases)),
        population_names=_names(settings.populations),
        scopes=tuple((s.name, p) for s in settings.scopes if (p := phrase_pattern(s.cues)) is not None),
        events=tuple(
            (e.name, phrase_pattern(e.subjects), phrase_pattern(e.verbs), _id_pattern(e.ids))  # type: ignore[misc]
            for e in settings.events
        ),
        units=re.compile(r"\s*(?:" + units.pattern + ")", re.IGNORECASE) if units else None,
        # The figure's noun, after up to two modifiers ("30 Hamas targets", "12 residential buildings").
        nouns=re.compile(r"(?:\s+[\w’'-]+){0,2}?\s+(?:" + nouns.pattern + ")", re.IGNORECASE) if nouns else None,
        party=phrase_pattern(tuple(a for p in settings.parties for a in p.aliases)),
        party_names=_names(settings.parties),
    )


def _id_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """"Resolution 2803", "resolution No. 2720": the number that says which event is meant."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})\s+(?:No\.?\s*)?(\d[\d/.-]*\d|\d)", re.IGNORECASE)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


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
    if lex.units and lex.units.match(text, q.end) or _RATE.match(text, q.end):
        return None
    if lex.nouns and lex.nouns.match(text, q.end):
        return None  # "struck 30 targets": a count of things, not of people
    if _PART_OF.match(text, q.end) or (_OF_BEFORE.search(text, max(0, q.start - 12), q.start) and _PART_BEFORE.search(text, max(0, q.start - 30), q.start)):
        return None  # "15 of the 28": a proportion, neither figure a count of its own
    s0, s1 = ctx.index.sentence(q.start)
    metric_match = _nearest_metric(lex, text, s0, s1, q)
    if metric_match is None:
        return None
    metric_name = lex.metric_names[_key(metric_match.group())]
    metric = next(m for m in lex.settings.metrics if m.name == metric_name)
    prev = previous.get(s0)
    population = _population(lex, text, q, metric_match, s1)
    if population is None and prev is not None and prev["metric"] != metric_name and metric_match.end() <= q.start:
        # "killing 447 Palestinians and wounding 1,246": the second count is about the same people.
        # "... and 2,000 prisoners" names its own noun, and takes the metric's default instead.
        population = prev["population"]
    if population is None:
        population = metric.population
    scope, event_day, as_of = _scope(ctx, q, s0, s1, metric, metric_match)
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
        attribution=attribution,
        party=party,
        as_of=as_of,
    )


def _nearest_metric(lex: Lexicon, text: str, s0: int, s1: int, q: Quantity) -> re.Match[str] | None:
    """The metric word closest to the figure: right after it, or before it in the sentence."""
    after = lex.metric.search(text, q.end, min(s1, q.end + _AFTER))
    if after and _CLAUSE_START.search(text, q.end, after.start()):
        after = None
    before = None
    for match in lex.metric.finditer(text, s0, q.start):
        before = match
    if after and before:
        # Crossing a comma costs more than words: "killed ... now nears 400, while injuries ...".
        return after if _distance(q, after.start(), after.end(), text) <= _distance(q, before.start(), before.end(), text) else before
    return after or before


def _population(lex: Lexicon, text: str, q: Quantity, metric: re.Match[str], s1: int) -> str | None:
    if lex.population is None:
        return None
    # The figure's own noun phrase: up to the next punctuation mark.
    stop = min(s1, q.end + _AFTER)
    for i in range(q.end, stop):
        if text[i] in ",;:()\n–—":
            stop = i
            break
    found = lex.population.search(text, q.end, stop)
    if found:
        return lex.population_names[_key(found.group())]
    # "Israeli deaths", "Palestinian death toll": an adjective on the metric word.
    adjective = re.search(r"([\w’'-]+)\s+$", text[max(0, metric.start() - 30) : metric.start()])
    if adjective:
        name = lex.population_names.get(adjective.group(1).lower())
        if name:
            return name
    return None


def _scope(ctx: _Context, q: Quantity, s0: int, s1: int, metric, metric_match: re.Match[str]):
    """(scope, the day of an event count, as-of date) for a count.

    A scope cue and a day can share a sentence ("24 killed on Saturday, one of
    the deadliest days since the ceasefire"): the one nearer the figure wins.
    A toll ("the death toll rose to ... on Tuesday") is never an event count.
    """
    text = ctx.doc.text
    cue = None
    cues, is_toll = _sentence_cues(ctx, s0, s1)
    for name, start, end in cues:
        distance = _distance(q, start, end, text)
        if cue is None or distance < cue[0]:
            cue = (distance, name)
    day = None if is_toll else _event_day(ctx, q, s0, s1)
    if day is not None and (cue is None or _distance(q, day.start, day.end, text) < cue[0]):
        return _event_scope(ctx.lex.settings), day, ctx.doc.published
    if cue is not None:
        return cue[1], None, _as_of(ctx, s0, q.start)
    if not is_toll and _OVERNIGHT.search(text, s0, s1) and ctx.doc.published is not None:
        # "killed in overnight strikes", in a dated report: the night before it.
        night = DateMention(0, 0, "overnight", ctx.doc.published - dt.timedelta(days=1), ctx.doc.published)
        return _event_scope(ctx.lex.settings), night, ctx.doc.published
    if not is_toll and ctx.doc.published is None and _DAY_WORDS.search(text, s0, s1):
        return _event_scope(ctx.lex.settings), None, None
    if _SAME_SPAN.search(text, s0, s1) and ctx.memo.get("last_scope") is not None:
        return ctx.memo["last_scope"], None, _as_of(ctx, s0, q.start)
    return metric.scope, None, _as_of(ctx, s0, q.start)


def _sentence_cues(ctx: _Context, s0: int, s1: int) -> tuple[list[tuple[str, int, int]], bool]:
    """The sentence's scope cues as (scope, start, end) in search order, and whether it speaks of a toll."""
    key = ("cues", s0, s1)
    found = ctx.memo.get(key)
    if found is None:
        text = ctx.doc.text
        cues = [(name, m.start(), m.end()) for name, pattern in ctx.lex.scopes for m in pattern.finditer(text, s0, s1)]
        found = ctx.memo[key] = (cues, bool(_TOLL.search(text, s0, s1)))
    return found


def _distance(q: Quantity, start: int, end: int, text: str | None = None) -> int:
    """Characters between the figure and a span of its sentence.

    With ``text``, each clause boundary (, ; : —) crossed counts as 100
    characters more: "killed a commander on Sunday, and five members on
    Saturday" dates the five to Saturday.
    """
    gap = (q.end, start) if start >= q.end else (end, q.start)
    distance = max(0, gap[1] - gap[0])
    if text is not None:
        distance += 100 * sum(text.count(mark, gap[0], gap[1]) for mark in ",;:—")
    return distance


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
        if _event_of(ctx, d) is not None:
            continue  # "a ceasefire that began Oct. 10" dates the ceasefire, not this count
        distance = _distance(q, d.start, d.end, ctx.doc.text)
        if best is None or distance < best[0]:
            best = (distance, d)
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
