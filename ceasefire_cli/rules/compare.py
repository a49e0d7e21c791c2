"""Topics -> findings: the comparison families, and events (their counts and dates).

Disagreements are reported as clusters: one finding per disagreeing group.
Running tolls are in :mod:`.tolls`; intervals in :mod:`.intervals`; what the
rules share in :mod:`.conflict`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ..codes import rule
from ..config import Settings
from ..models import Claim, Finding, Topic
from .conflict import Ctx, graded, make_finding, overlap, topic_claims
from .intervals import above, lower, same_sentence, sure, upper
from .status import finding_order, with_status
from .tolls import check_cumulative, check_same_date

#: Two dates of one kind of event further apart than this are two events (two truces), not one misdated.
SAME_EVENT_DAYS = 31

#: Days after an event of people held (captives or prisoners freed, returned, taken) from which
#: its count is settled: such people are counted by name, so reports made this long after the
#: event agree, and a later one may not rise above an earlier one.
SETTLED_DAYS = 7


def _date_overlap(topic: Topic, claims: list[Claim], ctx: Ctx) -> list[Finding]:
    """Event dates: every claim's span of days must share a day with the others.

    Dates months apart ("the truce that began on January 19" and "the ceasefire
    that took effect on October 10") date two events of the kind: each run of
    dates within :data:`SAME_EVENT_DAYS` of one another is compared on its own.
    """
    runs: list[list[Claim]] = []
    reach = dt.date.min  # the last day of the current run (one pass: no run is scanned twice)
    dated = [c for c in claims if c.first is not None and c.last is not None]
    for c in sorted(dated, key=lambda c: (c.first, c.id)):
        first, last = c.first or reach, c.last or reach
        if runs and (first - reach).days <= SAME_EVENT_DAYS:
            runs[-1].append(c)
            reach = max(reach, last)
        else:
            runs.append([c])
            reach = last
    return [f for run in runs for f in _one_date(topic, run, ctx)]


def _one_date(topic: Topic, claims: list[Claim], ctx: Ctx) -> list[Finding]:
    """One CF105 when the dates claimed for one event share no day."""
    if len(claims) < 2:
        return []
    latest = max(claims, key=lambda c: (c.first, c.id))
    earliest = min(claims, key=lambda c: (c.last, c.id))
    if latest.first <= earliest.last:  # type: ignore[operator]
        return []
    members = [c for c in claims if c.first > earliest.last or c.last < latest.first]  # type: ignore[operator]
    message = rule("CF105").message(event=topic.label.removeprefix("date: "), earliest=ctx.describe(earliest), latest=ctx.describe(latest))
    return [make_finding("CF105", topic, members + [earliest, latest], message)]


def _event_counts(topic: Topic, claims: list[Claim], ctx: Ctx) -> list[Finding]:
    """Counts of one event: reports of one date must agree; a later report may rise, as the dead are
    found and the wounded die, but not fall below an earlier one (CF104). Reports of a day's toll
    grow through the day ("33 killed on Sunday", then "42"): only a gap beyond
    ``defaults.event_growth`` of the lower count is a contradiction. People held are counted by
    name: once a report is :data:`SETTLED_DAYS` old, the reports from the event's day on must
    agree, so a later one may not rise either (:func:`_counted_by_name`)."""
    found: list[Finding] = []
    top: Claim | None = None  # the highest floor of every earlier report date
    growth = ctx.settings.event_growth
    for _, same_day in _by_report_date(claims):
        found += overlap(topic, same_day, "CF104", ctx, relative=growth)
        dated = [c for c in same_day if c.as_of is not None and c.hedge != "vague"]
        fell = [c for c in dated if top is not None and above(top, c, growth) and not same_sentence(top, c)]
        if top is not None and fell:
            low = min(fell, key=lambda c: (upper(c), c.id))
            message = rule("CF104").message("later", topic=topic.label, top=ctx.describe(top), low=ctx.describe(low))
            found.append(graded("CF104", topic, [top, *fell], message, sure(top) and any(sure(c) for c in fell), top, *fell, blame=low))
        # The highest floor so far; of equal ones a sure reading, so that a later fall is told by it.
        best = max(dated, key=lambda c: (lower(c), sure(c), c.id), default=None)
        if best is not None and (top is None or (lower(best), sure(best), best.id) > (lower(top), sure(top), top.id)):
            top = best
    if not found and _counted_by_name(topic, ctx.settings):
        # Reports from the event's day on (a release is counted as it happens); once one of them
        # is a week old the count is settled, and they must all agree.
        after = [c for c in claims if c.as_of is not None and c.event_last is not None and c.as_of >= c.event_last]
        if any((c.as_of - c.event_last).days >= SETTLED_DAYS for c in after):  # type: ignore[operator]
            found += overlap(topic, after, "CF104", ctx)
    return found


def _counted_by_name(topic: Topic, settings: Settings) -> bool:
    """True for an event of people held (``held: true`` in claims.yaml) other than the war's opening day.

    The war's first day is the exception: its dead and its taken were
    identified for months after it (its vetted fact ``date.war_start``).
    """
    metric = next((m for m in settings.metrics if m.name == topic.metric), None)
    if metric is None or not metric.held:
        return False
    return settings.war_start is None or topic.event_first != settings.war_start


def _by_report_date(claims: Iterable[Claim]) -> list[tuple[dt.date | None, list[Claim]]]:
    """Claims grouped by the date they were reported (``as_of``), in date order, undated last."""
    groups: dict[dt.date | None, list[Claim]] = {}
    for c in claims:
        groups.setdefault(c.as_of, []).append(c)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or dt.date.min))


def check_event_counts(topics: Sequence[Topic], claims: Sequence[Claim], settings: Settings) -> list[Finding]:
    """Counts of one event (a day, a place): reports of one date agree, later ones do not fall."""
    ctx, by_id = Ctx(settings), {c.id: c for c in claims}
    return [
        f
        for t in topics
        if t.kind == "event_count"
        for f in _event_counts(t, [c for c in topic_claims(t, by_id) if c.event_first is not None], ctx)
    ]


def check_event_dates(topics: Sequence[Topic], claims: Sequence[Claim], settings: Settings) -> list[Finding]:
    """Dates of one event (the ceasefire took effect) share a day."""
    ctx, by_id = Ctx(settings), {c.id: c for c in claims}
    return [f for t in topics if t.kind == "event_date" for f in _date_overlap(t, topic_claims(t, by_id), ctx)]


def compare(
    topics: tuple[Topic, ...], claims: tuple[Claim, ...], settings: Settings
) -> tuple[tuple[Topic, ...], tuple[Finding, ...]]:
    """The comparison families alone (running tolls, events, dates, figures of one date) over ``topics``.

    Topics come back with their status; findings sorted by severity, topic, first claim.
    """
    found = [
        f
        for check in (check_cumulative, check_event_counts, check_event_dates, check_same_date)
        for f in check(topics, claims, settings)
    ]
    found.sort(key=finding_order)
    return with_status(topics, claims, found), tuple(found)
