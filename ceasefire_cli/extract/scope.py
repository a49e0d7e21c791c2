"""The span of time a count covers, from what its clause and sentence say (see :func:`read_scope`)."""

from __future__ import annotations

import re

from ..models import DateMention, Quantity
from .clauses import clause_scope, distance, is_growth, is_increment, is_projection, points_back, rise_end, sentence_span
from .context import DocContext
from .lexicon import phrase_key
from .when import DAY_WORDS, as_of, event_day, event_scope, overnight, since_span

# The rest of a fronted adverbial up to its comma ("In the first year of the war, …").
_FRONTED_END = re.compile(r"[^,;:!?]{0,30},")

# A span that only sets a count against a truce ("despite the ceasefire"), and what makes it a
# toll to date: a perfect tense ("has continued to attack, killing 447"), a word of a running
# total, or the truce's start named ("a ceasefire that began Oct. 10").
_DESPITE = re.compile(r"despite\s")
_TO_DATE = re.compile(
    r"(?<![\w-])(?:(?:have|has|had)\s+(?!to\s)[\w-]+|toll|tally|in\s+total|so\s+far|to\s+date|since|began|started|"
    r"took\s+effect|came\s+into\s+(?:effect|force)|went\s+into\s+effect)(?![\w-])",
    re.IGNORECASE,
)

# "the same period", "since then": the scope of the count before.
_SAME_SPAN = re.compile(
    r"(?<![\w-])(?:(?:over|in|during|for)\s+(?:the\s+same|that|this)\s+(?:period|time|span)|since\s+then)(?![\w-])",
    re.IGNORECASE,
)

_SINCE_THEN = re.compile(r"(?<![\w-])since\s+then(?![\w-])", re.IGNORECASE)

# A relative clause that a flow word stands in: "people who were abducted", "those that were freed".
_RELATIVE_BEFORE = re.compile(r"(?<![\w-])(?:who|that|which)\s+(?:were|was|had\s+been|have\s+been)\s+$", re.IGNORECASE)

# The figure's noun and nothing else before a participle: "(130) hostages (taken in the raid)".
_NOUN_THEN = re.compile(r"(?:\s+[\w’'-]+){1,2}\s+", re.IGNORECASE)

# "the death toll from the strike", "the toll of Saturday's raid": the sentence's counts are that event's.
_TOLL_OF = re.compile(r"(?<![\w-])toll\s+(?:from|of|in)\s+(?:the\s+|this\s+|that\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,2}?", re.IGNORECASE)

# Between "toll from" and an event word: nothing, an article, or the day the event fell on
# ("the toll from Tuesday's strikes"; "the toll from Israeli strikes" is the war's).
_DAY_OF = (
    r"(?:(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"weekend|night|overnight)['’]?s?)\s+"
)
_UP_TO_TWO_WORDS = re.compile(rf"(?:(?:the|this|that|a|an)\s+(?:{_DAY_OF})?(?:[\w-]+\s+)?|{_DAY_OF}(?:[\w-]+\s+)?)?", re.IGNORECASE)

# A toll of one cause of death, named right after "toll from/of": not the war's toll.
_CAUSE = re.compile(
    r"(?:malnutrition|hunger|starvation|famine|dehydration|disease|diseases|cold|heat|drowning|disease outbreaks)(?![\w-])",
    re.IGNORECASE,
)

# A day that opens a stretch of days: "between October 10 and November 5", "from March 2 to".
_BETWEEN_DAYS = re.compile(
    r"(?<![\w-])(?:between|from)\s+(?:the\s+)?(?:[\w.]+(?:\s+(?:\d{1,2}|[A-Za-z]{3,9}\.?))?,?\s+(?:and|to|until|through)\s+)?$", re.IGNORECASE
)


def stretch(ctx: DocContext, s0: int, at: int) -> tuple[DateMention, DateMention | None] | None:
    """The first and last days of a stretch the sentence names before ``at`` ("between 3 March and 7 April")."""
    days = ctx.dates_starting(s0, at)
    for i, d in enumerate(days):
        if _BETWEEN_DAYS.search(ctx.doc.text, max(s0, d.start - 45), d.start):
            return d, (days[i + 1] if i + 1 < len(days) else None)
    return None


#: The scope of a count over a stated stretch of days (claims.yaml ``scopes: period``).
_PERIOD = "period"

# The flow words that are nouns for the dead, not verbs: "the remains of", "the bodies of".
_REMAINS = re.compile(r"(?:remains|bodies|body)\s", re.IGNORECASE)
# "28 held", "the 28 deceased captives it still held": a stock word right after the figure's noun.
_HELD_AFTER = re.compile(r"(?:\s+(?!(?:were|was|are|is|and|taken|been)(?![\w’'-]))[\w’'-]+){0,3}?\s+(?:(?:it|they|Hamas|militants)\s+)?(?:still\s+)?held(?![\w-])(?!\s+(?:by\s+)?(?:talks|a\s+|an\s+|the\s+(?:talks|meeting)))", re.IGNORECASE)
# "(three hostages) held in Gaza for more than 15 months": the length of a captivity, told after the figure's noun.
_HELD_FOR = re.compile(
    r"(?:\s+[\w’'-]+){0,3}?\s+(?:held|kept|captive|in\s+captivity)(?:\s+[\w’'-]+){0,3}?\s+for\s+"
    r"(?:(?:more\s+than|over|nearly|almost|about|some)\s+)?[\w-]+\s+(?:days|weeks|months|years)(?![\w-])",
    re.IGNORECASE,
)
# "…, leaving two in Gaza": what is left of people held, now.
_LEAVING = re.compile(r"(?<![\w-])(?:leaving|left\s+with)\s+(?:(?:only|just|about|some)\s+)?$", re.IGNORECASE)

# "all 120 hostages", "the remaining 101 captives": the number held now, even inside a plan to free them.
_ALL_OF_STOCK = re.compile(r"(?<![\w-])(?:all|remaining)\s+(?:the\s+)?$", re.IGNORECASE)


def read_scope(ctx: DocContext, q: Quantity, sentence: tuple[int, int], clause: tuple[int, int], metric, unsettled: bool):
    """(scope, the day of an event count, as-of date, settled) for a count, from what its clause says.

    ``settled`` is True when the figure's own sentence states the span; False
    when it comes from the sentence or count before, a bare day word, or the
    metric's default.

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
        if metric.flows and _ALL_OF_STOCK.search(text, max(s0, q.start - 20), q.start):
            return "current", None, as_of(ctx, s0, q.start), True
        return "projection", None, published, True
    if metric.held and _LEAVING.search(text, max(s0, q.start - 25), q.start):
        return "current", None, as_of(ctx, s0, q.start), True  # "…, leaving two (hostages) in Gaza"
    held = _HELD_AFTER.match(text, q.end) if metric.held else None
    moved = lex.flow_pattern(metric.name)
    held_for = _HELD_FOR.match(text, q.end) if metric.held else None
    if held_for is not None and not (moved is not None and moved.search(text, c0, c1)):
        # "Three hostages held in Gaza for 471 days were recovering on Monday": how long they were
        # held, no stock now and, with no release in the clause, no event either: listed only.
        return "unknown", None, published, False
    if held is not None and not (moved is not None and (moved.search(text, held.end(), c1) or moved.search(text, max(c0, q.start - 25), q.start))):
        # "the 28 (deceased captives) held when the living were freed" ("… held in Gaza were handed
        # to the Red Cross", "freed 1,718 detainees held …" are releases: a flow in the clause)
        return "current", None, as_of(ctx, s0, q.start), True
    if unsettled:
        return "unknown", None, published, False
    cues = ctx.cues(s0, s1)
    if held_for is not None:
        # ("… held in Gaza for 471 days were freed on Monday": no span of the count is in it)
        cues = tuple(c for c in cues if not (c[1] < held_for.end() and held_for.start() < c[2]))
    if any(_DESPITE.match(c[3]) for c in cues) and not _TO_DATE.search(text, s0, s1):
        # "Israeli fire kills 3 despite the truce": one incident told against the truce, not a
        # toll since it ("have been killed despite the ceasefire" is one).
        cues = tuple(c for c in cues if not _DESPITE.match(c[3]))
    cue = clause_scope(lex, text, c0, c1, q, cues)
    span = sentence_span(lex, text, s0, s1, q, cues=cues)
    since = since_span(ctx, q, s0, s1)
    if is_increment(text, c0, c1, q, running_total=True) and (_SAME_SPAN.search(text, s0, s1) or points_back(text, s0, q)):
        # "an increase of 16,014, while 4,229 deaths were added over the same period": what the
        # count before grew by over its span, not the count again.
        return "increment", None, published, True
    if ctx.memo.get("last_scope") is not None and points_back(text, s0, q) and (
        cue is None or phrase_key(text[cue[1] : cue[2]]) in lex.weak
    ):
        # "…; by December 20 the figure had risen to 400": the count before, told again later.
        return ctx.memo["last_scope"], None, as_of(ctx, s0, q.start), False
    then = _SINCE_THEN.search(text, s0, s1)
    if then is not None and since is None and s0 > 0:
        # "The truce has been in force since 27 November 2024. … 330 killed since then": the span
        # the sentence before names, whatever the count before it was.
        p0, p1 = ctx.index.sentence(s0 - 1)
        before = since_span(ctx, q, p0, p1) if p1 <= s0 else None
        if before is not None:
            return before[0], None, as_of(ctx, s0, q.start), True
    if _SAME_SPAN.search(text, s0, s1) and ctx.memo.get("last_scope") is not None and since is None and not (
        span is not None and lex.kind(span[0]) == "cumulative"
    ):
        # "over the same period", "since then": the span of the count before, unless the
        # sentence names its own ("Since then, … 30,000 killed since October 7").
        return ctx.memo["last_scope"], None, as_of(ctx, s0, q.start), False
    if since is not None and span is None:
        span = since  # a named span ("since the truce began on Oct. 10") is read by its cue instead
    elif since is not None and cue is None and c0 <= since[1] < c1:
        span = since  # "1,020 killed since October 10, out of 73,233 since the war began": its own clause's
    if since is not None and since[0] != "war":
        # "the offensive since it began on October 27": a war cue that ends on the very "since"
        # of a span dated after the war's first day is that span.
        span = since if span is not None and span[0] == "war" and span[1] <= since[1] < span[2] else span
        cue = since if cue is not None and cue[0] == "war" and cue[1] <= since[1] < cue[2] else cue
    if span is not None and span[2] <= q.start and _fronted(text, s0, span):
        phrase = _FRONTED_END.match(text, span[2])
        if phrase is not None and q.start < phrase.end():
            span = None  # "Since the attack that killed 1,200, …": the figure is inside the span's own phrase
    running_total = span is not None and lex.kind(span[0]) == "cumulative"
    if is_increment(text, c0, c1, q, running_total=running_total):
        day = event_day(ctx, q, s0, s1)  # "another 12 killed on 5 May": that day's event
        if day is not None and re.search(r"[—–;]", text[min(day.end, q.start) : max(day.start, q.end)]):
            day = None  # "up from 345 on 28 November — 15 more in six days": that day is the 345's
        if day is not None and (_BETWEEN_DAYS.search(text, max(s0, day.start - 45), day.start) or is_growth(text, c0, c1, q)):
            day = None  # "between 3 March and 7 April …, an increase of 196", "grew by 4,340": a stretch's, no one day's
        return ("increment", None, published, True) if day is None else (event_scope(lex.settings), day, published, True)
    # A span that opens the sentence, or stands in the figure's clause, frames it whatever its verbs.
    framing = span is not None and (c0 <= span[1] < c1 or _fronted(text, s0, span))
    if cue is not None and cue[0] == "current" and phrase_key(text[cue[1] : cue[2]]).startswith("held"):
        flow_before = lex.flow_pattern(metric.name)
        verb = flow_before.search(text, max(c0, q.start - 25), q.start) if flow_before is not None else None
        if verb is not None and not _REMAINS.match(verb.group()):
            cue = None  # "killed three captives held in Gaza": the killing is the event
            # ("the remains of two hostages still held in Gaza" are held now)
        elif flow_before is not None and _released_after(flow_before, text, cue[2], c1):
            cue = None  # "20 captives held in Gaza were freed": "held" describes them, the release is the event
    for toll in _TOLL_OF.finditer(text, s0, q.start):
        # "the toll from the strike", "the toll of Tuesday's strikes": an event word up to two words on.
        event = next((c for c in cues if lex.kind(c[0]) == "event_count" and toll.end() <= c[1] and _UP_TO_TWO_WORDS.fullmatch(text, toll.end(), c[1])), None)
        if event is not None and not framing:
            return event[0], event_day(ctx, q, s0, s1), published, True
        if _CAUSE.match(text, toll.end()) and not framing:
            # "the death toll from malnutrition rises to 27": the dead of one cause, not the war's
            # toll; listed, never compared.
            return "unknown", None, published, False
    strong_total = cue is not None and lex.kind(cue[0]) == "cumulative" and phrase_key(text[cue[1] : cue[2]]) not in lex.weak
    flows = lex.flow_pattern(metric.name)
    flow = flows.search(text, c0, c1) if flows is not None else None
    if cue is not None and cue[0] == "current" and flows is not None and any(
        f.start() <= cue[1] and cue[2] <= f.end() for f in flows.finditer(text, c0, c1)
    ):
        cue = None  # "bodies of two hostages killed in captivity": "in captivity" is part of the flow
    told = flows.search(text, q.end, min(s1, q.end + 40)) if flows is not None else None
    relative = told is not None and _RELATIVE_BEFORE.search(text, max(q.end, told.start() - 20), told.start()) is not None
    if told is not None and (relative or _NOUN_THEN.fullmatch(text, q.end, told.start())):
        # "116 people who were abducted in the attack remaining in Gaza", "130 hostages taken in
        # the raid remain in Gaza": the flow tells the people's past; a stock word after it, in
        # the same stretch, says what the count is.
        stock = next(
            (
                c for c in cues
                if c[0] == "current" and told.end() < c[1] <= told.end() + 60 and not re.search(r"[,;:–—()]", text[told.end() : c[1]])
                # ("twelve hostages freed on Monday remain in hospital": a bare "remain" after a participle)
                and (relative or phrase_key(text[c[1] : c[2]]) not in ("remain", "remaining"))
            ),
            None,
        )
        if stock is not None:
            return stock[0], None, as_of(ctx, s0, q.start), True
    if flow is not None and not framing and not strong_total and not (cue and cue[0] == "current"):
        return event_scope(lex.settings), event_day(ctx, q, s0, s1), published, True
    weak_cue = cue is not None and phrase_key(text[cue[1] : cue[2]]) in lex.weak
    if span is not None and (
        cue is None
        or (framing and (weak_cue or lex.kind(cue[0]) == "event_count"))
        or (lex.kind(cue[0]) == "event_count" and distance(q, span[1], span[2], text) < distance(q, cue[1], cue[2], text))
    ):
        cue = span
    day = event_day(ctx, q, s0, s1)
    if day is not None and _BETWEEN_DAYS.search(text, max(s0, day.start - 45), day.start) and any(s.name == _PERIOD for s in lex.settings.scopes) and not (
        cue is not None and lex.kind(cue[0]) == "cumulative" and rise_end(text, s0, q)  # ("between 3 March and 7 April the toll went from 72,116 to 72,312": its ends)
    ):
        # "4,453 trucks entered between October 10 and November 5": a period's count, no one day's.
        return _PERIOD, None, published, True
    # "… returned on Tuesday bring to 24 the number … since the truce": a running total right before
    # the figure, in a clause its span frames, is no day's count.
    spanned = framing or (cue is not None and lex.kind(cue[0]) == "cumulative" and phrase_key(text[cue[1] : cue[2]]) not in lex.weak)
    total_before = spanned and any(lex.kind(c[0]) == "cumulative" and c[2] <= q.start <= c[2] + 3 for c in cues)
    if day is not None and not total_before and (cue is None or distance(q, day.start, day.end, text) < distance(q, cue[1], cue[2], text)):
        return event_scope(lex.settings), day, published, True
    if cue is None:
        cue = sentence_span(lex, text, s0, s1, q, events=True, cues=cues)
    if cue is not None:
        if lex.kind(cue[0]) == "event_count":
            return cue[0], day or overnight(ctx, s0, s1), published, True
        return cue[0], None, as_of(ctx, s0, q.start), True
    night = overnight(ctx, s0, s1)
    if night is not None:
        return event_scope(lex.settings), night, published, True
    if DAY_WORDS.search(text, s0, s1):
        return event_scope(lex.settings), None, published, False
    carried = _event_before(ctx, q, s0)
    if carried is not None:
        return (*carried, False)
    return metric.scope, None, as_of(ctx, s0, q.start), False


# A sentence that opens on its figure, or on "It", with no span of its own:
# "At least 33 people were killed.", "It killed 12 children and left 44 injured."
_OPENS_ON_FIGURE = re.compile(r"[\s\"“‘'#*-]*(?:It\s+(?:[\w’'-]+\s+){1,2})?", re.IGNORECASE)


def _event_before(ctx: DocContext, q: Quantity, s0: int):
    """The event of the sentence before, for a bare casualty sentence that follows it.

    "A strike hit a school in Nuseirat. At least 33 people were killed.": the
    33 are the strike's. Only an event the sentence before tells (not one in
    its background, "after an attack on ..."), and only for a sentence that
    opens on its figure or on "It". The count is filed under the event but
    carries no day, so it is listed and never compared: this changes how the
    report files it, not which findings it raises.
    """
    if s0 == 0 or not _OPENS_ON_FIGURE.fullmatch(ctx.doc.text, s0, q.start):
        return None
    p0, p1 = ctx.index.sentence(s0 - 1)
    if p1 > s0 or p0 >= s0:
        return None
    cue = sentence_span(ctx.lex, ctx.doc.text, p0, p1, q, events=True, cues=ctx.cues(p0, p1))
    if cue is None or ctx.lex.kind(cue[0]) != "event_count":
        return None
    # No day: the place and day belong to the sentence before, so the count is
    # listed with its event but never compared across reports.
    return cue[0], None, ctx.doc.published


# The main verb after a participle phrase: "(held in Gaza) were freed", "(held by Hamas) have been released".
_PASSIVE = re.compile(r"\s*(?:were|was|have|has|had|are|got)(?:\s+[\w’'-]+){0,2}\s+$", re.IGNORECASE)


def _released_after(flows: re.Pattern[str], text: str, start: int, stop: int) -> bool:
    """True when a passive flow verb follows ``start`` in its clause: "(captives held in Gaza) were released"."""
    for m in flows.finditer(text, start, min(stop, start + 90)):
        if _PASSIVE.match(text, start, m.start()) or _PASSIVE.search(text, max(start, m.start() - 30), m.start()):
            return True
    return False


def _fronted(text: str, s0: int, span: tuple[str, int, int]) -> bool:
    """True for a span fronted before a comma at the sentence's start: "Since Sunday, …", "In the past week, …"."""
    return len(text[s0 : span[1]].split()) <= 2 and bool(_FRONTED_END.match(text, span[2]))
