"""Date spans: relative date phrases and calendar arithmetic, resolved against ``today``.

Weekdays, ``N days ago``, ``this/last/next week|month|year|weekend``,
``the day before``, and which occurrence of a month or month-day a text
means (the most recent, or the next one when the clause looks ahead).
"""

from __future__ import annotations

import calendar
import datetime as dt

from ceasefire_cli.models import DateMention

from .date_lexicon import (
    BEFORE_OR_AFTER_DAY,
    BWD_COUNT,
    BWD_DURATION,
    BWD_MODIFIER,
    BWD_PARTIAL,
    BWD_THE,
    CLAUSE_END,
    FUTURE_CUE,
    FUTURE_WINDOW,
    NAMED_WEEKDAY,
    NUMBER_WORDS,
    SENTENCE_BREAK,
    WEEKDAY_TITLE_AFTER,
)


def mention(text: str, start: int, end: int, first: dt.date, last: dt.date,
            relative: bool) -> DateMention:
    """The record for ``text[start:end]``.

    >>> mention("on Friday", 3, 9, dt.date(2025, 3, 7), dt.date(2025, 3, 7), True).text
    'Friday'
    """
    return DateMention(start, end, text[start:end], first, last, relative)


def from_weekday(text: str, start: int, end: int, weekday: int,
                 today: dt.date | None) -> DateMention | None:
    """A weekday: the nearest one before or after ``today`` as the sentence implies.

    >>> str(from_weekday("They met on Friday.", 12, 18, 4, dt.date(2025, 3, 8)).first)
    '2025-03-07'
    """
    if today is None or NAMED_WEEKDAY.search(text, max(0, start - 10), start):
        return None
    modifier = BWD_MODIFIER.search(text, max(0, start - 8), start)
    mode = modifier[1].lower() if modifier else "cue"
    if modifier:
        start = modifier.start()
    if WEEKDAY_TITLE_AFTER.match(text, end):
        return None  # a newspaper ("the Sunday Times")
    back = (today.weekday() - weekday) % 7
    if mode == "last":
        day = today - dt.timedelta(days=back or 7)
    elif mode == "next":
        day = today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)
    elif mode == "this":  # the one in today's Monday-Sunday week
        day = today + dt.timedelta(days=weekday - today.weekday())
    elif speaks_of_future(text, start):
        day = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    else:
        day = today - dt.timedelta(days=back)
    return mention(text, start, end, day, day, True)


def from_ago(text: str, start: int, end: int, unit: str, today: dt.date) -> DateMention | None:
    """"two days ago": the day, week, month or year that many units back.

    >>> m = from_ago("two days ago", 4, 12, "day", dt.date(2025, 3, 8))
    >>> m.text, str(m.first)
    ('two days ago', '2025-03-06')
    """
    count = BWD_COUNT.search(text, max(0, start - 8), start)
    if not count:
        return None  # "a few days ago" and other vague spans are left out
    n = int(count[1]) if count[1].isdigit() else NUMBER_WORDS[count[1].lower()]
    if unit == "day":
        first = last = today - dt.timedelta(days=n)
    elif unit == "week":
        first, last = _week(today - dt.timedelta(weeks=n))
    elif unit == "month":
        first = _add_months(today.replace(day=1), -n)
        last = month_end(first)
    else:
        first, last = dt.date(today.year - n, 1, 1), dt.date(today.year - n, 12, 31)
    return mention(text, count.start(), end, first, last, True)


def from_day_before(text: str, start: int, end: int, side: str,
                    today: dt.date) -> DateMention | None:
    """"the day before (yesterday)": taken relative to ``today``, the only day known.

    Left out when an event follows ("the day before the vote").

    >>> m = from_day_before("the day before.", 4, 14, "before", dt.date(2025, 3, 8))
    >>> m.text, str(m.first)
    ('the day before', '2025-03-07')
    """
    the = BWD_THE.search(text, max(0, start - 6), start)
    if not the:
        return None
    step = -1 if side == "before" else 1
    pair = BEFORE_OR_AFTER_DAY.match(text, end)
    if pair and pair[1].lower() == ("yesterday" if step < 0 else "tomorrow"):
        step, end = step * 2, pair.end()
    elif not CLAUSE_END.match(text, end):
        return None
    day = today + dt.timedelta(days=step)
    return mention(text, the.start(), end, day, day, True)


def from_this_last_next(text: str, start: int, end: int, modifier: str, unit: str,
                        today: dt.date) -> DateMention | None:
    """"this week", "last month", "next year", "earlier this month".

    >>> m = from_this_last_next("earlier this month", 8, 18, "this", "month", dt.date(2025, 3, 8))
    >>> m.text, str(m.first), str(m.last)
    ('earlier this month', '2025-03-01', '2025-03-08')
    """
    if BWD_DURATION.search(text, max(0, start - 6), start):
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
        last = month_end(first)
    else:
        first, last = dt.date(today.year + shift, 1, 1), dt.date(today.year + shift, 12, 31)
    partial = BWD_PARTIAL.search(text, max(0, start - 9), start) if shift == 0 else None
    if partial:  # "earlier this month" ends today; "later this month" starts today
        start = partial.start()
        first, last = (first, today) if partial[1].lower() == "earlier" else (today, last)
    return mention(text, start, end, first, last, True)


def speaks_of_future(text: str, start: int) -> bool:
    """Whether the clause just before ``start`` looks ahead ("would meet on").

    Reads at most ``FUTURE_WINDOW`` characters back, cut at the last sentence
    break, so a cue in the previous sentence does not count.

    >>> speaks_of_future("Talks would resume on Friday.", 22), speaks_of_future("Talks resumed on Friday.", 17)
    (True, False)
    """
    lo = max(0, start - FUTURE_WINDOW)
    for brk in SENTENCE_BREAK.finditer(text, lo, start):
        lo = brk.end()
    return FUTURE_CUE.search(text, lo, start) is not None


def month_occurrence(today: dt.date, month: int, mode: str, future: bool) -> dt.date:
    """First day of the named month: last/next strict, this in today's year, else by cue.

    >>> [str(month_occurrence(dt.date(2025, 3, 8), 11, "cue", future)) for future in (False, True)]
    ['2024-11-01', '2025-11-01']
    """
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


def month_day_year(today: dt.date, month: int, day: int, future: bool) -> int:
    """Year of the most recent (or, looking ahead, next) valid month-day from ``today``.

    >>> month_day_year(dt.date(2025, 3, 8), 2, 29, False)
    2024
    """
    step = 1 if future else -1
    year = today.year
    for _ in range(9):  # Feb 29 recurs within eight years
        if day <= calendar.monthrange(year, month)[1]:
            date = dt.date(year, month, day)
            if (date >= today) if future else (date <= today):
                return year
        year += step
    raise ValueError("no such day")


def month_end(first: dt.date) -> dt.date:
    """The last day of the month that starts on ``first``.

    >>> month_end(dt.date(2024, 2, 1))
    datetime.date(2024, 2, 29)
    """
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _add_months(first: dt.date, n: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _week(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)
