"""Reference series: check figures against an official series, and date undated articles.

A reference file is a table of report dates: JSON (a list of objects) when its
name ends in ``.json``, CSV with a header row when it ends in ``.csv``, else
JSON if its first character is ``[``. ``references.series`` in claims.yaml
says how to read it: the date field, and for each bound topic a field taken
as it is or summed day by day from ``sum_from``. ``--reference NAME=FILE``
reads FILE as series NAME; a bare ``--reference FILE`` needs claims.yaml to
list exactly one series.

A missing value (absent, ``null``, an empty CSV cell, ``NA``) drops that
date from a field's series; it is never read as zero. A running sum is the
exception: a day without a value adds nothing (0), because the sum must go on.
Between two report dates the earlier report stands, and a series is known
only from its first to its last date. Every series must be cumulative (never
decrease), which makes the days on which it lies inside a claim's interval
one contiguous window, found by bisection.

Checks: a cumulative claim dated ``as_of`` may quote any report from
``as_of - lag_days`` to ``as_of``. If one of them lies in its interval it is
consistent; if only earlier reports do, it is stale (CF302); otherwise it
contradicts the series (CF301). CF303: a date given for the event the series
starts with (``starts: war_start``) that does not include its first date.

Dating: an undated document's body claims on bound topics each allow a
window of days; their intersection is the document's window, and its last
day becomes ``published`` — the latest day consistent with all its figures,
since an article quotes the newest report it has. A window wider than
``max_window_days`` says too little and is ignored, as is an empty one.
Relative dates in the text ("on Tuesday") resolve against the publication
date, so extract the claims of a dated document again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..codes import rule
from .status import finding_order
from .intervals import SERIES_ROUNDING, fmt_interval, fmt_number, rounding, sure
from ..config import ReferenceSeries, SeriesBinding, Settings
from ..errors import ConfigError, InputError, UsageError
from ..load.files import read_limited
from ..models import Claim, Document, Finding, Reference, Series

_DAY = dt.timedelta(days=1)
#: A series of report dates is a few thousand rows; a larger file is not one (or is /dev/zero).
MAX_REFERENCE_BYTES = 10_000_000
#: Report dates outside these years are typos or attacks, and too near the calendar's ends to compute with.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
_MISSING = ("", "na", "n/a", "nan", "null", "none", "-")


# --- loading ------------------------------------------------------------------------------


def load_reference(option: str, settings: Settings) -> Reference:
    """Read the file of a ``--reference [NAME=]FILE`` option as the series claims.yaml describes.

    >>> from ceasefire_cli.config import load_settings
    >>> load_reference("nope=x.json", load_settings("claims.yaml"))
    Traceback (most recent call last):
    ceasefire_cli.errors.UsageError: --reference: unknown series 'nope' (claims.yaml defines: gaza_moh)
    """
    specs = {s.name: s for s in settings.references.series}
    name, sep, rest = option.partition("=")
    if sep and name in specs:
        return read_reference(rest, specs[name])
    if not specs:
        raise ConfigError("no 'references.series' to read a --reference file with", settings.path)
    names = ", ".join(specs)
    if sep and re.fullmatch(r"[A-Za-z_][\w-]*", name):
        raise UsageError(f"unknown series {name!r} (claims.yaml defines: {names})", "--reference")
    if len(specs) > 1:
        raise UsageError(f"claims.yaml defines several series ({names}): write NAME={option}", "--reference")
    return read_reference(option, next(iter(specs.values())))


def read_reference(path: str | Path, spec: ReferenceSeries) -> Reference:
    """Read a JSON or CSV file into one :class:`Series` per topic ``spec`` binds.

    >>> from ceasefire_cli.config import load_settings
    >>> spec = load_settings("claims.yaml").references.series[0]
    >>> ref = read_reference("tests/data/reference/gaza_moh.json", spec)
    >>> s = ref.series[0]
    >>> s.topic, s.dates[0].isoformat(), s.values[0]
    ('killed.palestinians.war', '2023-10-07', 232.0)
    """
    where = str(path)
    try:
        text = read_limited(path, MAX_REFERENCE_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", where) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", where) from None
    except ValueError as exc:  # too large, or not a regular file (/dev/zero would fill memory)
        raise InputError(str(exc).removesuffix(", skipped"), where) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where) from None
    suffix = Path(where).suffix.lower()
    is_json = suffix == ".json" or (suffix != ".csv" and text.lstrip()[:1] == "[")
    rows = _json_rows(text, where, spec.date_field) if is_json else _csv_rows(text, where, spec.date_field)
    if not rows:
        raise InputError("no rows", where)
    rows.sort(key=lambda r: r[0])
    for (a, _, _), (b, _, place) in zip(rows, rows[1:]):
        if a == b:
            raise InputError(f"a second row for {b.isoformat()}", place)
    series = tuple(s for b in spec.bindings if (s := _series(rows, b, where)) is not None)
    return Reference(spec.name, spec.label, where, rows[0][0], spec.starts, series)


#: A row: its date, its fields, and where it is ("file.csv:12", "file.json: item 12").
Row = tuple[dt.date, dict[str, Any], str]
_KINDS = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}


def _json_rows(text: str, where: str, date_field: str) -> list[Row]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", f"{where}:{exc.lineno}") from None
    except RecursionError:  # deep nesting exhausts the decoder's stack
        raise InputError("invalid JSON: nested too deeply", where) from None
    except ValueError:  # an integer past Python's int-string limit
        raise InputError(f"invalid JSON: a number longer than {sys.get_int_max_str_digits()} digits", where) from None
    if not isinstance(data, list):
        raise InputError(f"expected a list of objects, one per date, not {_KINDS.get(type(data), 'null')}", where)
    rows = []
    for n, item in enumerate(data, 1):
        place = f"{where}: item {n}"
        if not isinstance(item, dict):
            raise InputError(f"expected an object, not {_KINDS.get(type(item), 'null')}", place)
        if item.get(date_field) is None:
            raise InputError(f"no {date_field!r}", place)
        rows.append((_date(item[date_field], date_field, place), item, place))
    return rows


def _csv_rows(text: str, where: str, date_field: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
        if not header:
            raise InputError("empty file", where)
        if date_field not in header:
            raise InputError(f"no column {date_field!r} in the header (columns: {', '.join(header)})", f"{where}:1")
        rows = []
        for item in reader:
            place = f"{where}:{reader.line_num}"
            if not (item.get(date_field) or "").strip():
                raise InputError(f"no {date_field!r}", place)
            rows.append((_date(item[date_field].strip(), date_field, place), item, place))
    except csv.Error as exc:
        raise InputError(f"invalid CSV: {exc}", f"{where}:{reader.line_num}") from None
    return rows


def _date(value: Any, date_field: str, place: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"{date_field!r} is not a YYYY-MM-DD date: {value!r}", place) from None
    if not FIRST_DAY <= day <= LAST_DAY:  # year 1 or 9999: day arithmetic, sparklines and plots would overflow
        raise InputError(f"{date_field!r} {value!r} is outside {FIRST_DAY.year}-{LAST_DAY.year}", place)
    return day


def _number(value: Any, field: str, place: str) -> float | None:
    """A value as a number; None when it is missing."""
    if value is None or (isinstance(value, str) and value.strip().lower() in _MISSING):
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError
        number = float(value)
    except ValueError:
        raise InputError(f"{field!r} is not a number: {value!r}", place) from None
    if math.isinf(number):  # no count is infinite; it would break every interval and drawing
        raise InputError(f"{field!r} is not a finite number: {value!r}", place)
    return None if math.isnan(number) else number


def _series(rows: list[Row], binding: SeriesBinding, where: str) -> Series | None:
    field, since = binding.field, binding.sum_from
    values = [(day, _number(item.get(field), field, place)) for day, item, place in rows]
    if all(v is None for _, v in values):
        if binding.optional:
            return None  # a breakdown this file does not carry
        raise InputError(f"no row has a value for {field!r} (topic {binding.topic})", where)
    if since is None:
        what = field
        points = [(day, v) for day, v in values if v is not None]
    else:
        what = f"{field} summed from {since.isoformat()}"
        points, total = [], 0.0
        for day, v in values:
            if day >= since:
                total += v or 0.0  # a day without a figure adds nothing
                points.append((day, total))
        if not points:
            raise InputError(f"no rows from {since.isoformat()} to sum {field!r}", where)
    for (d0, v0), (d1, v1) in zip(points, points[1:]):
        if v1 < v0:
            raise InputError(
                f"{what} falls from {fmt_number(v0)} on {d0.isoformat()} to {fmt_number(v1)} on {d1.isoformat()}; "
                "a reference series must never decrease",
                where,
            )
    return Series(binding.topic, what, tuple(d for d, _ in points), tuple(v for _, v in points), binding.tolerance)


_ONE_DAY = dt.timedelta(days=1)

#: A figure below this fraction of the series at its date counts something else (see :func:`check_claim`).
ANOTHER_QUANTITY = 20


# --- checking -----------------------------------------------------------------------------


def _describe(c: Claim) -> str:
    when = c.as_of.isoformat() if c.as_of else "undated"
    source = f", {c.attribution}" if c.attribution else ""
    return f'{c.document} ({when}{source}): "{c.text}" [{fmt_interval(c)}]'


def _by_topic(references: Iterable[Reference]) -> dict[str, list[tuple[Reference, Series]]]:
    out: dict[str, list[tuple[Reference, Series]]] = {}
    for ref in references:
        for s in ref.series:
            out.setdefault(s.topic, []).append((ref, s))
    return out


def check_claim(claim: Claim, ref: Reference, series: Series, lag_days: int, tolerance: float = 0.0) -> Finding | None:
    """CF301/CF302 for one cumulative claim against one series; None when consistent or not checkable.

    >>> days = (dt.date(2026, 1, 1), dt.date(2026, 1, 20), dt.date(2026, 1, 30))
    >>> s = Series("t", "killed_cum", days, (70000.0, 71551.0, 71600.0))
    >>> ref = Reference("r", "the ministry", "r.json", days[0], None, (s,))
    >>> c = Claim("a#1", "a", "count", "over 70,000", 0, 1, 1, 1, "", low=70000.0, high=71000.0,
    ...           as_of=dt.date(2026, 1, 25), topic="t")
    >>> print(check_claim(c, ref, s, 3).message)
    a (2026-01-25): "over 70,000" [70,000–71,000] matches the ministry (killed_cum) only as of 2026-01-01 (70,000), 24 days earlier; the series stood at 71,551 on 2026-01-20
    """
    day = claim.as_of
    if day is None or day < series.dates[0] or day - dt.timedelta(days=lag_days) > series.dates[-1]:
        return None
    # The slack compare.py allows between two claims (counts are never negative), a round
    # figure's rounding, and the binding's own tolerance.
    tolerance = max(tolerance, series.tolerance)
    low = None if claim.low is None else (claim.low - rounding(claim, SERIES_ROUNDING)) / (1 + tolerance)
    high = None if claim.high is None else (claim.high + rounding(claim, SERIES_ROUNDING)) * (1 + tolerance)
    hit = series.matching(low, high)
    earliest = day - dt.timedelta(days=lag_days)
    now = series.at(day)
    assert now is not None
    standing = f"{fmt_number(series.values[now])} on {series.dates[now].isoformat()}"
    if _between_reports(series, low, high, earliest, day, lag_days):
        return None
    if high is not None and high * ANOTHER_QUANTITY < series.values[now]:
        # A twentieth of the count at its date is no stale or misreported toll (those lose a digit
        # at most): the figure counts something else ("the hunger toll rises to 27").
        return None
    if hit is not None:
        first, last = series.days(*hit)
        if first <= day and last >= earliest:
            return None
        if last < earliest:
            j = hit[1]
            n = (day - series.dates[j]).days
            message = rule("CF302").message(
                claim=_describe(claim), series=ref.label, field=series.what, day=series.dates[j].isoformat(),
                value=fmt_number(series.values[j]), days=f"{n} day{'s' if n != 1 else ''}", standing=standing,
            )
            return Finding("CF302", rule("CF302").severity, claim.topic, (claim.id,), message)
    reaches = {"day": series.dates[hit[0]].isoformat()} if hit is not None else {}
    message = rule("CF301").message("reaches" if reaches else "", claim=_describe(claim), series=ref.label, field=series.what, standing=standing, **reaches)
    return Finding("CF301", rule("CF301").severity, claim.topic, (claim.id,), message)


def _between_reports(series: Series, low: float | None, high: float | None, earliest: dt.date, day: dt.date, lag_days: int = 1) -> bool:
    """True when the figure lies between the oldest report the lag allows and the report standing
    the day after ``day`` (or the next one the file has): an update the series did not record
    (a toll of the morning, or a day the file skips), or one it records under the next day.

    A ministry's count announced on a day is reported that day and filed in a daily series
    under the next one: on real headlines of many outlets, most exact tolls were one day
    ahead of the series (35,984 reported on 25 May, filed on 26 May).
    """
    oldest = series.at(earliest)
    after = bisect_left(series.dates, day)
    if after >= len(series.dates):
        return False
    # The first report after the day, within the lag: a series that skips days (a breakdown
    # updated twice a week) files the update the article reports on its next day of record.
    ahead = bisect_right(series.dates, day)
    if ahead < len(series.dates) and (series.dates[ahead] - day).days <= max(1, lag_days):
        after = max(after, ahead)
    ceiling = series.values[after]
    floor = 0.0 if oldest is None else series.values[oldest]  # before the first report, the count starts from nothing
    return (high is None or high >= floor) and (low is None or low <= ceiling)


def _checkable(claim: Claim, basis: str | None) -> bool:
    """A count the series may judge: precise, read with high confidence, and of the series' basis when named."""
    return claim.hedge != "vague" and sure(claim) and (basis is None or claim.basis in (None, basis))


def check_claims(claims: Iterable[Claim], references: Sequence[Reference], settings: Settings) -> tuple[Finding, ...]:
    """Every CF301/CF302/CF303 finding for ``claims`` (with topics assigned), sorted like ``compare``'s.

    Count claims are checked on the topics a series binds, with
    ``references.lag_days`` and ``defaults.tolerance``; date claims of the
    event a series starts with are checked against its first date.
    """
    bound = _by_topic(references)
    bases = {r.name: r.basis for r in settings.references.series}
    labels = {e.name: e.label for e in settings.events}
    found: list[Finding] = []
    for c in claims:
        if c.topic is None:
            continue
        if c.kind == "count":
            for ref, s in bound.get(c.topic, ()):
                if not _checkable(c, bases.get(ref.name)):
                    continue
                f = check_claim(c, ref, s, settings.references.lag_days, settings.tolerance)
                if f is not None:
                    found.append(f)
        elif c.event is not None and c.first is not None and c.last is not None:
            for ref in references:
                if ref.starts == c.event and not c.first <= ref.first <= c.last:
                    message = rule("CF303").message(claim=_describe(c), series=ref.label, event=labels.get(c.event, c.event), day=ref.first.isoformat())
                    found.append(Finding("CF303", rule("CF303").severity, c.topic, (c.id,), message))
    return tuple(sorted(found, key=finding_order))


# --- dating -------------------------------------------------------------------------------


def date_window(claims: Iterable[Claim], references: Sequence[Reference]) -> tuple[dt.date, dt.date] | None:
    """The days on which every undated body count on a bound topic matches its series.

    None when no claim constrains the date, or when no single day fits them all.

    >>> s = Series("t", "f", (dt.date(2026, 1, 1), dt.date(2026, 1, 10), dt.date(2026, 1, 20)), (10.0, 20.0, 30.0))
    >>> ref = Reference("r", "r", "r.json", dt.date(2026, 1, 1), None, (s,))
    >>> c = Claim("a#1", "a", "count", "20", 0, 1, 1, 1, "", low=15.0, high=25.0, topic="t")
    >>> [d.isoformat() for d in date_window([c], [ref])]
    ['2026-01-10', '2026-01-19']
    """
    bound = _by_topic(references)
    first, last = dt.date.min, dt.date.max
    constrained = False
    for c in claims:
        if c.kind != "count" or c.section != "body" or c.as_of is not None or (c.low is None and c.high is None):
            continue
        for _, s in bound.get(c.topic or "", ()):
            hit = s.matching(c.low, c.high)
            if hit is None:
                return None
            a, b = s.days(*hit)
            first, last, constrained = max(first, a), min(last, b), True
    return (first, last) if constrained and first <= last else None


def date_documents(
    documents: Sequence[Document], claims: Iterable[Claim], references: Sequence[Reference], settings: Settings
) -> tuple[Document, ...]:
    """``documents`` with each undated one dated from its figures where they fit a narrow window.

    A dated document gets ``published`` = the window's last day,
    ``published_window`` and ``published_basis="reference"``; others are
    returned unchanged. ``claims`` must carry their topics (``assign_topics``).
    """
    mine: dict[str, list[Claim]] = {}
    for c in claims:
        mine.setdefault(c.document, []).append(c)
    out = []
    for doc in documents:
        window = None if doc.published is not None else date_window(mine.get(doc.id, ()), references)
        if window is not None and (window[1] - window[0]).days + 1 <= settings.references.max_window_days:
            doc = replace(doc, published=window[1], published_window=window, published_basis="reference")
        out.append(doc)
    return tuple(out)


# --- timeline -----------------------------------------------------------------------------
