"""When a counted event happened and which event a date dates: days, "overnight", spans opened by "since", places.

A day the sentence dates a count to makes it one event of that day; a date
in a sentence naming a taxonomy event with its verb ("the truce that came
into effect on October 10") dates that event instead; a date after "since"
opens a span; "said on Tuesday" and a wire dateline date the report.
"""

from __future__ import annotations

import datetime as dt
import re

from ..config import Settings
from ..models import DateMention, Quantity
from .attribution import REPORTING
from .clauses import distance, event_place, names_other_front
from .context import DocContext

# A day the count happened on, when no resolved date says so (undated documents).
DAY_WORDS = re.compile(
    r"(?<![\w-])(?:(?:on|last|late|early|this)\s+(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|yesterday|overnight|today)(?![\w-])",
    re.IGNORECASE,
)

_DATELINE = re.compile(r"\s*[A-Z][A-Z .’'-]{1,40},\s*$")

_OVERNIGHT = re.compile(r"(?<![\w-])(?:overnight|last\s+night|in\s+the\s+overnight)(?![\w-])", re.IGNORECASE)

_AS_OF = re.compile(r"(?:as of|by|as at|up to|(?:figures|data|numbers)\s+dated)\s+(?:(?P<part>early|mid|late)[\s-]+)?$", re.IGNORECASE)

# "since Saturday", "since last Saturday", "since the bombing began on": a date that opens a span.
_SINCE_BEFORE = re.compile(
    r"(?<![\w-])since\s+(?:(?:last|early|late|mid)\s+|the\s+(?:start|beginning|middle|end)\s+of\s+|(?:the\s+(?:[\w’'-]+\s+){0,4}?|it\s+|they\s+)(?:began|started|erupted|broke\s+out)\s+(?:on\s+|in\s+)?)?$",
    re.IGNORECASE,
)

# "The strike on Monday killed nine": an event already named.
_DEFINITE_EVENT = re.compile(r"(?<![\w-])the\s+(?:[\w’'-]+\s+)?(?:strike|airstrike|air strike|attack|raid|bombing|shelling|blast|explosion|massacre)(?![\w-])", re.IGNORECASE)


def event_place_of(ctx: DocContext, q: Quantity, s0: int, s1: int) -> str | None:
    """Where the counted event happened; "the strike" with no place of its own is the one just named."""
    text = ctx.doc.text
    place = event_place(text, s0, s1, q)
    if place is None and s0 > 0 and _DEFINITE_EVENT.search(text, s0, s1):
        p0, p1 = ctx.index.sentence(s0 - 1)
        place = event_place(text, p0, p1, q) if p1 <= s0 else None
    return place


def since_span(ctx: DocContext, q: Quantity, s0: int, s1: int) -> tuple[str, int, int] | None:
    """A span from a date the sentence names after "since": the war's when it is the war's first day.

    "since Saturday", "since October 7", "since the bombing began on October 7", "since it began on";
    as (scope, start, end) like a cue.
    """
    best = None
    for d in ctx.dates_starting(s0, s1):
        lead = _SINCE_BEFORE.search(ctx.doc.text, max(s0, d.start - 45), d.start)
        if lead is None:
            continue
        # "since October 7": the war's span; "since October 10" (2025): the truce's, the day the
        # desk vetted for the event each span starts from ("start <= last + 1 day", written so
        # that a date at the calendar's end cannot overflow).
        scope = next(
            (name for name, start in ctx.lex.vetted_starts if d.first <= start and start - d.last <= dt.timedelta(days=1)),
            "since_other",
        )
        if _PRONOUN.search(lead.group()):
            # "violations of the truce since it began in November": "it" is the event the sentence
            # names, and a span that starts from that event is its own.
            scope = _named_start(ctx, s0, s1, d) or scope
        item = (distance(q, lead.start(), d.end, ctx.doc.text), scope, lead.start(), d.end)
        best = min(best, item) if best else item
    return best[1:] if best else None


_PRONOUN = re.compile(r"\s(?:it|they)\s", re.IGNORECASE)


def _named_start(ctx: DocContext, s0: int, s1: int, d: DateMention) -> str | None:
    """The scope that starts from an event the sentence names by its subject ("the truce"), if any.

    An event the desk vetted the day of (``date.war_start``) must be the day given, when a
    day is given: "the ground offensive, since it began on October 27" is not the war's span.
    """
    settings = ctx.lex.settings
    subjects = {name: pattern for name, pattern, _, _ in ctx.lex.events}
    for scope in settings.scopes:
        vetted = next((f for f in settings.facts if f.topic == f"date.{scope.starts}" and f.first is not None), None)
        if vetted is not None and d.first == d.last and not (d.first <= vetted.first and vetted.first - d.last <= dt.timedelta(days=1)):  # type: ignore[operator]
            continue  # (a month alone, "since it began in November", may be any truce's)
        pattern = subjects.get(scope.starts or "")
        if pattern is not None and pattern.search(ctx.doc.text, s0, s1):
            return scope.name
    return None


def overnight(ctx: DocContext, s0: int, s1: int) -> DateMention | None:
    """"killed in overnight strikes", in a dated report: the night before it."""
    published = ctx.doc.published
    if published is None or published == dt.date.min or not _OVERNIGHT.search(ctx.doc.text, s0, s1):
        return None  # (a report dated 0001-01-01 has no night before it in the calendar)
    return DateMention(0, 0, "overnight", published - dt.timedelta(days=1), published)


def event_scope(settings: Settings) -> str:
    return next(s.name for s in settings.scopes if s.kind == "event_count")


# The figure's noun and a participle of capture before a date after it: the date tells the
# people's past ("rescues 4 hostages kidnapped on Oct. 7"), not the count's day. (A date
# after a semicolon is another clause's: "…of three hostages; all were killed on October 7".)
_CAPTURED_ON = re.compile(
    r"\s+(?:(?!(?:were|was|are|is|have|has|had|been|being)\s)[\w’'-]+\s+){0,2}?"
    r"(?:kidnapped|abducted|taken|seized|captured|snatched)(?:\s+(?:hostage|captive))?\s+(?:on|in)\s+",
    re.IGNORECASE,
)


# What moves people held out of captivity, before their figure: "rescues (4 hostages)", "the remains of".
# The release told after a captured-on date: "(taken on October 7) were freed", "(…) have been returned".
_FREED_AFTER = re.compile(
    r"(?:\s*,)?\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|got)\s+(?:\w+\s+)?"
    r"(?:rescued|freed|released|returned|recovered|handed\s+(?:over|back)|exchanged)(?![\w-])",
    re.IGNORECASE,
)
_FREED_BEFORE = re.compile(
    r"(?<![\w-])(?:rescue[sd]?|rescuing|free[sd]?|freeing|release[sd]?|releasing|return(?:s|ed|ing)?|recover(?:s|ed|ing)?|"
    r"remains\s+of|bodies\s+of|body\s+of|hand(?:s|ed)?\s+(?:over|back)|swap(?:s|ped)?|exchang(?:e|es|ed|ing))(?![\w-])",
    re.IGNORECASE,
)


def event_day(ctx: DocContext, q: Quantity, s0: int, s1: int) -> DateMention | None:
    """The day-precision date in the sentence nearest the figure, if it dates the count."""
    best = None
    for d in ctx.dates_starting(s0, s1):
        if d.end > s1 or (d.last - d.first).days > 1:
            continue
        if is_report_date(ctx.doc.text, s0, d):
            continue  # "said on Tuesday", "On Tuesday, the ministry said": the report's date
        if _SINCE_BEFORE.search(ctx.doc.text, max(s0, d.start - 45), d.start):
            continue  # "since Saturday": where a span starts, not the day of an event
        if event_of(ctx, d) is not None:
            continue  # "a ceasefire that began Oct. 10" dates the ceasefire, not this count
        if d.start >= q.end and ";" in ctx.doc.text[q.end : d.start]:
            continue
        if d.start >= q.end and _CAPTURED_ON.fullmatch(ctx.doc.text, q.end, d.start) and (
            _FREED_BEFORE.search(ctx.doc.text, max(s0, q.start - 40), q.start) or _FREED_AFTER.match(ctx.doc.text, d.end, s1)
        ):
            continue  # "rescues 4 hostages kidnapped on Oct. 7", "3 hostages taken on October 7 were freed on Monday":
            # the day they were taken, not of the rescue
            # ("251 people abducted on October 7": the taking is what is counted, on its day)
        gap = distance(q, d.start, d.end, ctx.doc.text)
        if best is None or gap < best[0]:
            best = (gap, d)
    return best[1] if best else None


def is_report_date(text: str, s0: int, d: DateMention) -> bool:
    """True when a date says when figures were reported, not when people were killed."""
    if REPORTING.search(text, max(s0, d.start - 25), d.start) or _AS_OF.search(text[max(s0, d.start - 8) : d.start]):
        return True
    if _OPENS_SENTENCE.fullmatch(text, s0, d.start) and (said := REPORTING.search(text, d.end, d.end + 60)) and _SUBJECT.fullmatch(text, d.end, said.start()):
        return True  # "On Thursday the ministry said …": the day it spoke
    # A wire dateline, "GAZA CITY, Oct 29 (Agency) -": the day of the report.
    return bool(_DATELINE.match(text[s0 : d.start]))


_OPENS_SENTENCE = re.compile(r"[\s\"“‘'*#-]*(?:(?:late|early)\s+)?(?:on\s+|in\s+|by\s+|at\s+the\s+(?:end|start)\s+of\s+)?", re.IGNORECASE)
# A subject of up to five words before a reporting verb: "(On Thursday) the health ministry (said)".
_SUBJECT = re.compile(r"[\s,]*(?:[\w’'-]+\s+){1,5}")


# A figure whose own verb is a present stock: "(130) remain in Gaza", "(59 hostages) are still held".
_REMAIN_NOW = re.compile(r"[\d,.\w]*(?:\s+(?!(?:were|was|had|when)\s)[\w’'-]+){0,2}?\s+(?:remain|remains|are\s+still|is\s+still|are\s+now|is\s+now)(?![\w-])", re.IGNORECASE)

_ALL_FIGURES = re.compile(r"figures|data|numbers", re.IGNORECASE)


def as_of(ctx: DocContext, s0: int, limit: int):
    """The date a figure speaks for: one its sentence gives ("as of 5 January"), a past it is told
    in ("a month ago", "last week", "In November, … had been killed"), else the document's date.

    Only the figure's own stretch of the sentence counts: a date past a semicolon is another
    clause's ("about 240 at the end of October; by December 20 the figure had risen to 400").
    """
    text, published = ctx.doc.text, ctx.doc.published
    end = min(ctx.index.sentence(s0)[1], limit + 200)  # (never a date of the next sentence)
    marked = [
        (d, m) for d in ctx.dates_starting(s0, end)
        if ";" not in text[min(d.end, limit) : max(d.start, limit)] and (m := _AS_OF.search(text[max(s0, d.start - 14) : d.start])) is not None
        # ("69,200 …, including about 240 killed since the ceasefire as of 30 October": the 240's)
        and not (d.start > limit and _STRETCH_END.search(text, limit, d.start) and not _ALL_FIGURES.match(m.group()))
        # (", figures dated 14 July": every figure of the sentence)
    ]
    if marked:
        # The nearest to the figure: "about 400 by 20 November, about 590 by 6 December".
        d, m = min(marked, key=lambda dm: (dm[0].start - limit if dm[0].start >= limit else limit - dm[0].end + 1000))
        day = _part_of(d, m.group("part"))
        return day if published is None else min(day, published)
    if published is None or published <= dt.date.min + dt.timedelta(days=1):
        return published  # (a report dated 0001-01-01 has no past in the calendar)
    told = ctx.memo.get(("told", s0))
    if told is None:  # does the sentence tell of any past at all? (read once for all its figures)
        told = ctx.memo[("told", s0)] = bool(ctx.dates_starting(s0, end)) or _PAST_HINT.search(text, s0, end) is not None
    if not told:
        return published
    if _NOW.search(text, max(s0, limit - 30), limit) or _REMAIN_NOW.match(text, limit):
        return published  # "… – now more than 38,000 in total", "while 130 remain in Gaza": the report's own day
    start = max(text.rfind(";", s0, limit) + 1 or s0, limit - _PAST_REACH)
    # The figure's own stretch ends at the next comma or semicolon: "four … are still in Gaza, of
    # the 28 held when …" — the "when" is the 28's.
    brk = _STRETCH_END.search(text, limit, limit + 80)  # (not the comma of "69,450")
    stop = min(brk.start() if brk else limit + 80, end)
    ago = _AGO.search(text, start, stop)
    if ago is not None:
        return _before(published, ago)
    then = _THEN.search(text, start, stop)
    if then is not None and not (then.group().lower() == "when" and ctx.overlaps_date(then.start() - 4, then.start() - 1)):
        # "the 28 dead hostages it still held that day", "… still in Gaza when the living were freed":
        # the past day the sentence names. ("since October, when the war began" is the span's.)
        def past_days(a: int, b: int) -> list[DateMention]:
            return [
                d for d in ctx.dates_starting(a, b)
                if (d.last - d.first).days <= 1 and d.last < published - dt.timedelta(days=1)
                and not _SINCE_BEFORE.search(text, max(a, d.start - 45), d.start) and event_of(ctx, d) is None
            ]

        days = past_days(s0, ctx.index.sentence(s0)[1])
        if not days and then.group().lower() != "when" and s0 > 0:
            # "… were freed on 13 October. At that point 28 dead hostages were still held.": the
            # moment is the sentence before's.
            p0, p1 = ctx.index.sentence(s0 - 1)
            days = past_days(p0, p1) if p1 <= s0 else []
            if days:
                return days[-1].last
        if days:
            return min(days, key=lambda d: abs(d.start - limit)).last
    for d in ctx.dates_starting(start, stop):
        # "In November, 69,500 had been killed", "the toll was 280 in mid-November": a past month
        # or day in the figure's stretch, told in a past tense.
        told = _TOLD_IN.search(text, max(start, d.start - 20), d.start)
        if told is None or _SINCE_BEFORE.search(text, max(s0, d.start - 45), d.start) or event_of(ctx, d) is not None:
            continue  # "since the truce took effect on October 10": where a span starts, or an event's day
        if _PAST_TENSE.search(text, start, stop) and d.last < published - dt.timedelta(days=1):
            return _part_of(d, told.group("part"))
    return published


_STRETCH_END = re.compile(r";|,(?!\d)")
# Words without which a sentence with no date tells no past of its own (see _AGO and _THEN).
_PAST_HINT = re.compile(r"(?<![\w-])(?:ago|earlier|before|last|that|time|then|when)(?![\w-])", re.IGNORECASE)
#: How far before its figure a past marker or date may stand, in characters.
_PAST_REACH = 100
_NOW = re.compile(r"(?<![\w-])(?:now|currently|to\s+date|so\s+far)(?![\w-])", re.IGNORECASE)

# A past moment the sentence names elsewhere: "that day", "at the time", "when the living were freed".
_THEN = re.compile(r"(?<![\w-])(?:that\s+day|on\s+that\s+day|at\s+the\s+time|at\s+that\s+(?:time|point|stage)|by\s+then|when)(?![\w-])", re.IGNORECASE)

# A past the figure is told in, counted back from the report: "a month ago", "last week", "two weeks earlier".
_AGO = re.compile(
    r"(?<![\w-])(?:(?P<n>a|an|one|two|three|four|five|six|\d{1,2})\s+(?P<unit>day|days|week|weeks|month|months|year|years)\s+(?:ago|earlier|before)|"
    r"last\s+(?P<last>week|month|year)|earlier\s+this\s+(?P<this>month|year))(?![\w-])",
    re.IGNORECASE,
)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# What opens a stretch told at a past date, and the past tenses that tell it.
_TOLD_IN = re.compile(r"(?<![\w-])(?:in|at\s+the\s+end\s+of|by\s+the\s+end\s+of|on|until|through)\s+(?:(?P<part>early|mid|late)[\s-]+)?$", re.IGNORECASE)
_PAST_TENSE = re.compile(
    r"(?<![\w-])(?:had|stood|was|were|counted|recorded|registered|put|reached|totalled|totaled|rose|climbed|passed|topped|"
    r"surpassed|exceeded|jumped|hit)(?![\w-])",
    re.IGNORECASE,
)


def _part_of(d: DateMention, part: str | None) -> dt.date:
    """The last day ``d`` can mean, or of its part: "early November" by the 10th, "mid-November" by the 15th."""
    if part and part.lower() in ("early", "mid") and (d.last - d.first).days > 20:
        return min(d.last, d.first + dt.timedelta(days=9 if part.lower() == "early" else 14))
    return d.last


def _before(published: dt.date, ago: re.Match[str]) -> dt.date:
    """The day a past marker points to, counted back from ``published``: the latest it can mean."""
    if ago.group("last"):
        unit = ago.group("last").lower()
        if unit == "month":
            return published.replace(day=1) - dt.timedelta(days=1)  # "last month": by its end at the latest
        if unit == "year":
            return dt.date(published.year - 1, 12, 31) if published.year > 1 else published
        return published - dt.timedelta(days=7)
    if ago.group("this"):
        return published - dt.timedelta(days=7)  # "earlier this month": some days before
    word = ago.group("n").lower()
    n = int(word) if word.isdigit() else _NUMBERS[word]
    days = n * _DAYS[ago.group("unit").lower().rstrip("s")]
    return published - dt.timedelta(days=days) if days < (published - dt.date.min).days else published


def event_of(ctx: DocContext, d: DateMention) -> str | None:
    """The taxonomy event a date mention dates, when its sentence names one."""
    key = ("event", d.start)
    if key in ctx.memo:
        return ctx.memo[key]
    s0, s1 = ctx.index.sentence(d.start)
    text = ctx.doc.text
    best = None
    verbs = _event_verbs(ctx, s0, s1)
    if not verbs:
        ctx.memo[key] = None  # no event named with its verb: the sentence's fronts need not be read
        return None
    front = ctx.memo.get(("front", s0))
    if front is None:
        front = ctx.memo[("front", s0)] = names_other_front(ctx.lex, text, s0, s1, ctx.words(s0, s1))
    if front:
        ctx.memo[key] = None  # "fighting with Hezbollah began on October 8": another front's event
        return None
    for name, verb, ids, subjects in verbs:
        if verb.end() <= d.start and ctx.dates_starting(verb.end(), d.start):
            continue  # "took effect on 10 October remains the night of 28–29 October": the nearer date is the event's
        own = _RELATIVE_SUBJECT.search(text, max(s0, verb.start() - 60), verb.start())
        if own is not None and not subjects.fullmatch(own.group(1)):
            continue  # "the ground operation, which began on 27 October": the operation's day, not the war's
        if _attached(text, s0, verb, d) and (best is None or _gap(verb, d) < best[0]):
            number = ids.search(text, s0, s1) if ids else None
            # Two resolutions are two events: the number joins the event's name.
            best = (_gap(verb, d), f"{name}:{number.group(1)}" if number else name)
    found = ctx.memo[key] = best[1] if best else None
    return found


# The noun a relative clause's verb is told of: "the ground (operation), which began on".
_RELATIVE_SUBJECT = re.compile(r"([A-Za-z][\w-]*)\s*,?\s+(?:which|that)\s+(?:had\s+|has\s+|first\s+|finally\s+)?$", re.IGNORECASE)


def _event_verbs(ctx: DocContext, s0: int, s1: int) -> list[tuple[str, re.Match[str], re.Pattern[str] | None, re.Pattern[str]]]:
    """(event, verb, id pattern) for each event verb of a sentence that also names the event's subject."""
    key = ("events", s0, s1)
    found = ctx.memo.get(key)
    if found is None:
        text = ctx.doc.text
        lex = ctx.lex
        for any_event in (lex.event_subjects, lex.event_verbs):
            if any_event is not None and any_event.search(text, s0, s1) is None:
                ctx.memo[key] = []  # no event's subject, or no event's verb: the list below is empty
                return []
        found = ctx.memo[key] = [
            (name, verb, ids, subjects)
            for name, subjects, verbs, ids in ctx.lex.events
            if subjects is not None and verbs is not None and subjects.search(text, s0, s1)
            for verb in verbs.finditer(text, s0, s1)
        ]
    return found


def _gap(verb: re.Match[str], d: DateMention) -> int:
    return d.start - verb.end() if verb.end() <= d.start else verb.start() - d.end


# A date some days off the event: "the day after the truce began", "two weeks before it took effect".
_OFFSET_DAY = re.compile(r"(?<![\w-])(?:the|a|one|two|three|four|five|six|\d{1,2})\s+(?:day|days|week|weeks|month|months|hours?)\s+(?:after|before)(?![\w-])", re.IGNORECASE)
# Another verb of the subject between the event's verb and the date: "began … and broke down in March".
_NEXT_VERB = re.compile(r"(?<![\w-])(?:and|but|then|until)\s+(?:[\w-]+\s+)?(?:[\w-]+ed|broke|fell|was|were|went|came)(?![\w-])", re.IGNORECASE)


def _attached(text: str, s0: int, verb: re.Match[str], d: DateMention) -> bool:
    """True when the date belongs to the verb: "took effect on October 10", "In November, X adopted".

    Between them: at most 40 characters and no reporting verb; after the verb,
    no clause break ("since the war began, the ministry said on 4 December").
    """
    if _gap(verb, d) > 40:
        return False
    between = text[verb.end() : d.start] if verb.end() <= d.start else text[d.end : verb.start()]
    if REPORTING.search(between):
        return False
    if verb.start() >= d.end and "," in between and not _OPENS_SENTENCE.fullmatch(text, s0, d.start):
        # "A week after the hostages were freed on Monday 13 October, the ceasefire that took effect
        # …": a date in another clause before the event is that clause's ("On 10 October, the truce
        # took effect" opens its sentence and is the event's).
        return False
    if _OFFSET_DAY.search(between) or _NEXT_VERB.search(between):
        # "on 11 October, the day after the truce began"; "began on 19 January and broke down in March"
        return False
    return verb.end() > d.start or not any(mark in between for mark in ",;:—")
