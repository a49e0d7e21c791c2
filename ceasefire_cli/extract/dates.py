"""Date grammar: absolute and relative date mentions, resolved to spans of days.

One pass over the text. A single compiled alternation of literal anchors (month
and weekday names, plausible years, relative keywords) finds the places worth a
look; small anchored patterns then read forwards and backwards from each hit.
Every branch of the anchor alternation starts with a literal character and no
IGNORECASE flag is set, so ``re`` builds a first-character set and skips
ordinary prose in C. Nothing is compiled per call.

Rules, in short:

* Full dates: ``November 23, 2025``, ``Sunday, November 23, 2025``,
  ``23 November 2025``, ``23rd November 2025``, ``Nov. 23, 2025``,
  ``2025-11-23``; day ranges (``November 23-24, 2025``) span both days.
  Numeric slashed dates (``11/12/2025``) are skipped: US and UK order disagree.
* ``October 2023`` is the whole month; a bare year counts only after a cue
  (``in``, ``since``, ``by``, ``the end of``, ...), so counts stay counts.
* A month-day without a year, a bare month, a weekday and a relative phrase
  need ``today``; with ``today=None`` they are left out. They resolve to the
  most recent occurrence on or before ``today`` unless the clause before them
  speaks of the future (:func:`_speaks_of_future`), then to the next one on or
  after it. ``last``/``next`` are strict: ``last Tuesday`` is before today;
  ``this Tuesday`` is the Tuesday of today's Monday-Sunday week, ``this
  November`` the one in today's year, ``November last year`` the one before.
  Future cues (same sentence, up to 60 characters back): will, would, shall,
  'll, is/are set to, is/are scheduled, set/scheduled for, is/are expected
  to, plans to, next, upcoming, to meet, and "due to" followed by a verb (a
  bare "due to" is usually causal).
* ``this/last/next week|month|year|weekend`` are calendar spans (weeks run
  Monday-Sunday); ``earlier this month`` runs from the 1st to today, ``later
  this month`` from today on. ``N days ago`` is a day; ``N weeks/months/years
  ago`` the calendar week, month or year that holds that day. Vague counts
  ("a few days ago") and rolling spans ("over the last week") are left out.
* ``the day before`` / ``the day after`` (followed by nothing but punctuation)
  are read against ``today``, the only day known here; ``the day before the
  vote`` is left out.
* A month-day without a year that names an event (``the October 7 attacks``,
  ``post-October 7``) is left out: the most-recent-occurrence rule would date
  the 2023 attack to the latest October 7.
* Month and weekday names must be capitalised (or all capitals); ``May`` and
  ``March`` alone count only after ``in``/``on``/``early``/``late``/``mid``
  (and ``since``/``until``/``last``/``next``/``this``). Other months alone need
  a cue too (``in September``), so ``the November agreement`` is not a date.
* Words that only place a date within its span (``on``, ``late Tuesday``,
  ``early November``, ``the end of 2027``) are not part of the mention's text.

Speed: about 19 MB/s on date-dense news text and 35 MB/s with ``today=None``
on one core (CPython 3.11); adversarial input stays linear.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ceasefire_cli.models import DateMention

__all__ = ["find_dates", "find_full_date"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS, 1)}
_ABBREVIATION = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                 "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(_WEEKDAYS)}
_DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12}
#: Longest day number a month can hold in some year (Feb 29 in leap years).
_MAX_DAY = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: How far back a cue word ("in", "the 17th of", "the end of") may start.
_BACK = 24
#: How far back a future cue ("would meet on") may start.
_FUTURE_WINDOW = 60

#: Whitespace between the words of a date: a few spaces, at most one line break
#: (so a heading's last word never joins the next paragraph's first number).
_SPACE = r"(?=\s)[^\S\n]{0,3}\n?[^\S\n]{0,3}"


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""Compile ``pattern`` with ``\s+`` read as :data:`_SPACE` and ``\s*`` as up to 3 blanks."""
    return re.compile(pattern.replace(r"\s+", _SPACE).replace(r"\s*", r"[^\S\n]{0,3}"), flags)


_NAMES = sorted((*_MONTHS, *_ABBREVIATION, *_WEEKDAYS), key=len, reverse=True)
_ANCHOR_BRANCHES = (
    [v for w in _NAMES for v in (w.capitalize(), w.upper())]
    + [v for w in _DAY_WORDS for v in (w, w.capitalize())]
    + [rf"{w}\s+(?:week|month|year|weekend)"
       for w in ("this", "This", "last", "Last", "next", "Next")]
    + [r"days?\s+ago", r"weeks?\s+ago", r"months?\s+ago", r"years?\s+ago",
       r"day\s+before", r"day\s+after",
       r"1[89][0-9][0-9]", r"2[01][0-9][0-9]"]  # years 1800-2199
)


def _first_char_alternation(branches: list[str]) -> str:
    """``a(?:bc|d)|e(?:f)``: one branch per first character, in first-seen order.

    Each branch starts with a literal, so ``re`` scans for the set of first
    characters in C; grouping means a hit on a common letter ("t") tries a
    handful of branches, not all of them (2.5x faster on news text).
    """
    groups: dict[str, list[str]] = {}
    for branch in branches:
        groups.setdefault(branch[0], []).append(branch[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_ANCHOR = _compile(f"(?:{_first_char_alternation(_ANCHOR_BRANCHES)})(?!\\w)")

_YEAR = r"(1[89]\d\d|2[01]\d\d)(?![\d%]|[.,]\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# A day number is not part of a time (10:30), a decimal, a thousands group or a percentage.
_DAY_END = r"(?![\d:%]|[.,]\d)"
_FWD_DAY = _compile(rf"\s+{_DAY}(?:\s*[-–]\s*{_DAY})?{_DAY_END}(?:,?\s+{_YEAR})?")
_FWD_YEAR = _compile(rf",?\s+(?:of\s+)?{_YEAR}")
_FWD_REL_YEAR = _compile(r",?\s+(last|this|next)\s+year(?!\w)", re.I)
_ISO_REST = _compile(r"-(\d\d)-(\d\d)(?![\d:]|[.,]\d)")
_YEAR_RANGE = _compile(r"\s*[-–]\s*(\d{4}|\d\d)(?!\w)")
_BWD_DAY = _compile(rf"(?<![\w.,/-]){_DAY}(?:\s*[-–]\s*{_DAY})?\s+(?:of\s+)?\Z")
_BWD_WEEKDAY = _compile(rf"(?<!\w)(?:{'|'.join(_WEEKDAYS)})(?:,\s*|\s+)(?:the\s+)?\Z", re.I)
_BWD_MODIFIER = _compile(r"(?<!\w)(last|next|this)\s+\Z", re.I)
_BWD_PARTIAL = _compile(r"(?<!\w)(earlier|later)\s+\Z", re.I)
_BWD_DURATION = _compile(r"(?<!\w)(?:the|past)\s+\Z", re.I)
_BWD_THE = _compile(r"(?<!\w)the\s+\Z", re.I)
_BWD_COUNT = _compile(
    rf"(?<![\w,.])(\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})\s+\Z", re.I)
_OF_PERIOD = r"(?:end|start|beginning|middle|half|rest|week|weeks|course|part|quarter)\s+of"
_BWD_MONTH_CUE = _compile(
    r"(?<!\w)(?:in|on|since|by|until|till|through|from|during|before|after|early|late|as\s+of|"
    rf"{_OF_PERIOD})\s+\Z|(?<!\w)mid(?:-|\s+)\Z", re.I)
# "May" and "March" are also a verb, a surname and a noun: fewer cues.
_BWD_AMBIGUOUS_MONTH_CUE = _compile(
    r"(?<!\w)(?:in|on|since|until|early|late)\s+\Z|(?<!\w)mid(?:-|\s+)\Z", re.I)
_BWD_YEAR_CUE = _compile(
    r"(?<!\w)(?:in|since|by|until|till|through|throughout|from|during|before|after|early|"
    rf"late|between|year|{_OF_PERIOD}|(?:spring|summer|autumn|fall|winter)\s+of)\s+\Z"
    r"|(?<!\w)mid(?:-|\s+)\Z"
    # the second of two years: "from 2023 to 2025", "between 2023 and 2025"
    r"|(?<![\w,.])(?:1[89]|2[01])\d\d\s+(?:to|and|or|until|through)\s+\Z", re.I)
_COUNT_AFTER = _compile(
    r"\s*(?:%|percent|per\s+cent)|\s+(?:people|persons|civilians|children|women|men|"
    r"Palestinians|Israelis|soldiers|fighters|deaths|dead|killed|injured|wounded|trucks|"
    r"tons|tonnes|homes|buildings|violations|prisoners|hostages|detainees)(?!\w)")
_WEEKDAY_TITLE_AFTER = _compile(r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post)(?!\w)")
_NAMED_WEEKDAY = _compile(
    r"(?<!\w)(?:Black|Good|Bloody|Holy|Palm|Easter|Ash|Super|Cyber|Maundy)\s+\Z")
_EVENT_AFTER = _compile(
    r"(?:['’]s)?\s+(?:(?:Hamas|Hamas-led|terror|terrorist|cross-border|surprise)\s+)?"
    r"(?:attacks?|massacres?|assaults?|raids?|incursions?|invasion|onslaught|atrocit(?:y|ies)|"
    r"rampage|killings|hostages?|hostage-taking|anniversary|events?|war|attackers)(?!\w)", re.I)
_CLAUSE_END = _compile(r"\s*(?:[,.;:!?)\"”’]|\Z)")
_BEFORE_OR_AFTER_DAY = _compile(r"\s+(yesterday|tomorrow)(?!\w)", re.I)
_SENTENCE_BREAK = _compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z])|[;\n]")
# "due to" alone is usually causal ("due to strikes"), so it needs a verb.
_FUTURE_CUE = _compile(
    r"(?<!\w)(?:will|would|shall|(?:is|are)\s+(?:set|expected|due)\s+to|(?:is|are)\s+scheduled|"
    r"(?:set|scheduled)\s+for|plans?\s+to|next(?!\s+day)|upcoming|to\s+meet|"
    # Headline future: "truce to begin on Friday", "captives to be freed on Monday".
    r"to\s+(?:begin|start|take\s+effect|come\s+into\s+(?:effect|force)|resume|open|reopen|expire|"
    r"be\s+released|be\s+freed|be\s+held|hold|vote|sign)|"
    r"due\s+to\s+(?:be|begin|start|resume|meet|hold|arrive|return|open|reopen|end|expire|"
    r"travel|visit|vote|sign|take))(?!\w)"
    r"|['’]ll(?!\w)", re.I)


def find_dates(text: str, today: dt.date | None = None) -> list[DateMention]:
    """Every date mention in ``text``, ordered by start, spans non-overlapping.

    ``today`` is the day the text speaks from (usually its publication date);
    without it, weekdays, relative phrases and dates lacking a year are left out.

    >>> [(m.text, str(m.first)) for m in find_dates("Talks began Sunday, November 23, 2025.")]
    [('Sunday, November 23, 2025', '2025-11-23')]
    >>> [(m.text, str(m.first)) for m in find_dates("They met on Friday.", dt.date(2025, 3, 8))]
    [('Friday', '2025-03-07')]
    """
    candidates = []
    for hit in _ANCHOR.finditer(text):
        start, end = hit.span()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # the anchor is the tail of a longer word or number
        try:
            mention = _read(text, start, end, hit.group(), today)
        except (ValueError, OverflowError):
            mention = None  # resolves outside the calendar (e.g. "999 years ago" in year 5)
        if mention is not None:
            candidates.append(mention)
    return _non_overlapping(candidates)


def find_full_date(text: str) -> dt.date | None:
    """The first day-precision date written with its year, or None.

    Only the first 2,000 characters are read: an article's own date sits in
    its dateline or first paragraphs, and this keeps dating an archive cheap.

    >>> find_full_date("CAIRO, Sunday, November 23, 2025 - Talks began in October 2023.")
    datetime.date(2025, 11, 23)
    >>> find_full_date("Talks began on Friday.") is None
    True
    """
    for mention in find_dates(text[:2000]):
        if mention.first == mention.last:
            return mention.first
    return None


def _non_overlapping(candidates: list[DateMention]) -> list[DateMention]:
    """Keep the earliest, then longest, of candidates that overlap."""
    kept: list[DateMention] = []
    last_end = 0
    for mention in sorted(candidates, key=lambda m: (m.start, -m.end)):
        if mention.start >= last_end:
            kept.append(mention)
            last_end = mention.end
    return kept


def _read(text: str, start: int, end: int, word: str, today: dt.date | None) -> DateMention | None:
    """Dispatch one anchor hit to the grammar for its kind."""
    key = word.lower()
    if key[0].isdigit():
        return _from_year(text, start, end, int(key), today)
    if key in _MONTH_NUMBER:
        return _from_month(text, start, end, _MONTH_NUMBER[key], False, today)
    if key in _ABBREVIATION:
        return _from_month(text, start, end, _ABBREVIATION[key], True, today)
    if key in _WEEKDAY_NUMBER:
        return _from_weekday(text, start, end, _WEEKDAY_NUMBER[key], today)
    if today is None:
        return None
    if key in _DAY_WORDS:
        if key == "today" and text.endswith("USA ", 0, start):
            return None  # the newspaper
        day = today + dt.timedelta(days=_DAY_WORDS[key])
        return _mention(text, start, end, day, day, True)
    if key.endswith("ago"):
        return _from_ago(text, start, end, key.split()[0].rstrip("s"), today)
    if key.startswith("day"):
        return _from_day_before(text, start, end, key.split()[-1], today)
    modifier, unit = key.split()
    return _from_this_last_next(text, start, end, modifier, unit, today)


def _mention(text: str, start: int, end: int, first: dt.date, last: dt.date,
             relative: bool) -> DateMention:
    """The record for ``text[start:end]``."""
    return DateMention(start, end, text[start:end], first, last, relative)


def _from_month(text: str, start: int, end: int, month: int, abbreviated: bool,
                today: dt.date | None) -> DateMention | None:
    """A month name: with a day before or after it, with a year, or alone after a cue."""
    after = end + 1 if abbreviated and text.startswith(".", end) else end
    before = _BWD_DAY.search(text, max(0, start - _BACK), start)
    if before:  # "23 November 2025", "17th of November"
        year = _FWD_YEAR.match(text, after)
        return _day_date(text, before.start(), year.end() if year else end, month,
                         int(before[1]), int(before[2] or before[1]),
                         int(year[1]) if year else None, today)
    forward = _FWD_DAY.match(text, after)
    if forward:  # "November 23, 2025", "Oct. 10", "November 17th"
        return _day_date(text, start, forward.end(), month, int(forward[1]),
                         int(forward[2] or forward[1]),
                         int(forward[3]) if forward[3] else None, today)
    year = _FWD_YEAR.match(text, after)
    if year:  # "October 2023"
        first = dt.date(int(year[1]), month, 1)
        return _mention(text, start, year.end(), first, _month_end(first), False)
    if abbreviated or today is None:
        return None
    relative_year = _FWD_REL_YEAR.match(text, end)
    if relative_year:  # "November last year"
        shift = {"last": -1, "this": 0, "next": 1}[relative_year[1].lower()]
        first = dt.date(today.year + shift, month, 1)
        return _mention(text, start, relative_year.end(), first, _month_end(first), True)
    modifier = _BWD_MODIFIER.search(text, max(0, start - 8), start)
    if modifier:  # "last November"
        mode = modifier[1].lower()
        start = modifier.start()
    else:
        cue = _BWD_AMBIGUOUS_MONTH_CUE if month in (3, 5) else _BWD_MONTH_CUE
        if not cue.search(text, max(0, start - _BACK), start):
            return None
        mode = "cue"
    first = _month_occurrence(today, month, mode, _speaks_of_future(text, start))
    return _mention(text, start, end, first, _month_end(first), True)


def _day_date(text: str, start: int, end: int, month: int, day: int, last_day: int,
              year: int | None, today: dt.date | None) -> DateMention | None:
    """A month and day (or day range), with the year written or resolved from ``today``."""
    if not 1 <= day <= last_day <= _MAX_DAY[month - 1]:
        return None
    weekday = _BWD_WEEKDAY.search(text, max(0, start - 14), start)
    if weekday:  # "Sunday, November 23, 2025" reads as one date
        start = weekday.start()
    if year is not None:
        return _mention(text, start, end, dt.date(year, month, day),
                        dt.date(year, month, last_day), False)
    if text.startswith("-", start - 1) or _EVENT_AFTER.match(text, end):
        return None  # names an event ("the October 7 attacks"); see module docstring
    if today is None:
        return None
    relative_year = _FWD_REL_YEAR.match(text, end)
    if relative_year:  # "October 10 last year"
        shift = {"last": -1, "this": 0, "next": 1}[relative_year[1].lower()]
        year, end = today.year + shift, relative_year.end()
    else:
        year = _month_day_year(today, month, day, _speaks_of_future(text, start))
    return _mention(text, start, end, dt.date(year, month, day),
                    dt.date(year, month, last_day), True)


def _from_weekday(text: str, start: int, end: int, weekday: int,
                  today: dt.date | None) -> DateMention | None:
    """A weekday: the nearest one before or after ``today`` as the sentence implies."""
    if today is None or _NAMED_WEEKDAY.search(text, max(0, start - 10), start):
        return None
    modifier = _BWD_MODIFIER.search(text, max(0, start - 8), start)
    mode = modifier[1].lower() if modifier else "cue"
    if modifier:
        start = modifier.start()
    if _WEEKDAY_TITLE_AFTER.match(text, end):
        return None  # a newspaper ("the Sunday Times")
    back = (today.weekday() - weekday) % 7
    if mode == "last":
        day = today - dt.timedelta(days=back or 7)
    elif mode == "next":
        day = today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)
    elif mode == "this":  # the one in today's Monday-Sunday week
        day = today + dt.timedelta(days=weekday - today.weekday())
    elif _speaks_of_future(text, start):
        day = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    else:
        day = today - dt.timedelta(days=back)
    return _mention(text, start, end, day, day, True)


def _from_year(text: str, start: int, end: int, year: int,
               today: dt.date | None) -> DateMention | None:
    """An ISO date, or a bare year after a cue word ("in 2024", "the end of 2027")."""
    if start >= 2 and text[start - 1] in ",.-–/" and text[start - 2].isdigit():
        return None  # a digit group ("12,2024"), a range tail or a slashed date
    iso = _ISO_REST.match(text, end)
    if iso:
        month, day = int(iso[1]), int(iso[2])
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
            return None
        date = dt.date(year, month, day)
        return _mention(text, start, iso.end(), date, date, False)
    if not _BWD_YEAR_CUE.search(text, max(0, start - _BACK), start):
        return None
    if _COUNT_AFTER.match(text, end):
        return None  # "by 2025 people" is a count
    last_year = year
    span = _YEAR_RANGE.match(text, end)
    if span:  # "2023-2025", "2023-24"
        tail = int(span[1]) if len(span[1]) == 4 else year // 100 * 100 + int(span[1])
        if year < tail <= year + 50:
            last_year, end = tail, span.end()
    return _mention(text, start, end, dt.date(year, 1, 1), dt.date(last_year, 12, 31), False)


def _from_ago(text: str, start: int, end: int, unit: str, today: dt.date) -> DateMention | None:
    """"two days ago": the day, week, month or year that many units back."""
    count = _BWD_COUNT.search(text, max(0, start - 8), start)
    if not count:
        return None  # "a few days ago" and other vague spans are left out
    n = int(count[1]) if count[1].isdigit() else _NUMBER_WORDS[count[1].lower()]
    if unit == "day":
        first = last = today - dt.timedelta(days=n)
    elif unit == "week":
        first, last = _week(today - dt.timedelta(weeks=n))
    elif unit == "month":
        first = _add_months(today.replace(day=1), -n)
        last = _month_end(first)
    else:
        first, last = dt.date(today.year - n, 1, 1), dt.date(today.year - n, 12, 31)
    return _mention(text, count.start(), end, first, last, True)


def _from_day_before(text: str, start: int, end: int, side: str,
                     today: dt.date) -> DateMention | None:
    """"the day before (yesterday)": taken relative to ``today``, the only day known.

    Left out when an event follows ("the day before the vote").
    """
    the = _BWD_THE.search(text, max(0, start - 6), start)
    if not the:
        return None
    step = -1 if side == "before" else 1
    pair = _BEFORE_OR_AFTER_DAY.match(text, end)
    if pair and pair[1].lower() == ("yesterday" if step < 0 else "tomorrow"):
        step, end = step * 2, pair.end()
    elif not _CLAUSE_END.match(text, end):
        return None
    day = today + dt.timedelta(days=step)
    return _mention(text, the.start(), end, day, day, True)


def _from_this_last_next(text: str, start: int, end: int, modifier: str, unit: str,
                         today: dt.date) -> DateMention | None:
    """"this week", "last month", "next year", "earlier this month"."""
    if _BWD_DURATION.search(text, max(0, start - 6), start):
        return None  # "the last week" is a rolling span, not a calendar one
    if text.startswith(" of", end):
        return None  # "last week of October" is about October
    shift = {"last": -1, "this": 0, "next": 1}[modifier]
    if unit == "week":
        first, last = _week(today + dt.timedelta(weeks=shift))
    elif unit == "weekend":
        saturday = today + dt.timedelta(days=5 - today.weekday() + 7 * shift)
        first, last = saturday, saturday + dt.timedelta(days=1)
    elif unit == "month":
        first = _add_months(today.replace(day=1), shift)
        last = _month_end(first)
    else:
        first, last = dt.date(today.year + shift, 1, 1), dt.date(today.year + shift, 12, 31)
    partial = _BWD_PARTIAL.search(text, max(0, start - 9), start) if shift == 0 else None
    if partial:  # "earlier this month" ends today; "later this month" starts today
        start = partial.start()
        first, last = (first, today) if partial[1].lower() == "earlier" else (today, last)
    return _mention(text, start, end, first, last, True)


def _speaks_of_future(text: str, start: int) -> bool:
    """Whether the clause just before ``start`` looks ahead ("would meet on").

    Reads at most ``_FUTURE_WINDOW`` characters back, cut at the last sentence
    break, so a cue in the previous sentence does not count.
    """
    lo = max(0, start - _FUTURE_WINDOW)
    for brk in _SENTENCE_BREAK.finditer(text, lo, start):
        lo = brk.end()
    return _FUTURE_CUE.search(text, lo, start) is not None


def _month_occurrence(today: dt.date, month: int, mode: str, future: bool) -> dt.date:
    """First day of the named month: last/next strict, this in today's year, else by cue."""
    if mode == "this":
        year = today.year
    elif mode == "last":
        year = today.year if month < today.month else today.year - 1
    elif mode == "next":
        year = today.year if month > today.month else today.year + 1
    elif future:
        year = today.year if month >= today.month else today.year + 1
    else:
        year = today.year if month <= today.month else today.year - 1
    return dt.date(year, month, 1)


def _month_day_year(today: dt.date, month: int, day: int, future: bool) -> int:
    """Year of the most recent (or, looking ahead, next) valid month-day from ``today``."""
    step = 1 if future else -1
    year = today.year
    for _ in range(9):  # Feb 29 recurs within eight years
        if day <= calendar.monthrange(year, month)[1]:
            date = dt.date(year, month, day)
            if (date >= today) if future else (date <= today):
                return year
        year += step
    raise ValueError("no such day")


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _add_months(first: dt.date, n: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _week(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)
