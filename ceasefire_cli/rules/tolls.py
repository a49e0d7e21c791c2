"""Running tolls: same-date conflicts, falls, stale quotes, slipped digits, implausible growth.

Every rule works on a topic's claims sorted once (by date, then figure) and
swept in one pass, so a topic of n claims costs O(n log n), never n² pairs.
Reporting lag and growth are measured from the topic's own reports.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import statistics
from collections.abc import Sequence

from ..codes import rule
from ..config import Settings
from ..models import Claim, Finding, Topic
from .conflict import STALE, Ctx, basis_finding, graded, make_finding, overlap, topic_claims
from .intervals import describe_many, fmt_number, last_place, lower, opposed, other_bases, same_sentence, sure, upper

_INF = math.inf


def _same_quantity(group: list[Claim], settings: Settings) -> list[Claim]:
    """A day's cumulative figures minus those far below the day's highest floor (``max_fall``):
    "6 deaths" beside "71,600 killed" counts something else, not the same toll."""
    floor = max((lower(c) for c in group), default=-_INF)
    return [c for c in group if upper(c) >= floor * settings.max_fall]


def _fell(earlier: Claim, later: Claim, settings: Settings, slack: float = 0.0) -> bool:
    """A later cumulative figure below an earlier one — but not so far below that it must
    measure another span or group (``defaults.max_fall``: "42,000 in the war's first year")."""
    if later.hedge == "vague" or earlier.hedge == "vague" or same_sentence(earlier, later):
        return False
    return _beyond(earlier, later, settings.tolerance, slack) and written_upper(later) >= lower(earlier) * settings.max_fall


def _beyond(earlier: Claim, later: Claim, tolerance: float, slack: float) -> bool:
    """True when ``earlier`` lies above ``later`` as written (:func:`written_upper`), beyond tolerance and slack."""
    return lower(earlier) > written_upper(later) * (1 + tolerance) + slack


def written_upper(c: Claim) -> float:
    """A claim's upper bound, but an open figure in the thousands ("at least 47,293") read as
    written, up to its last non-zero place, as "more than" is: a running toll quoted "at least"
    well below the toll of days before is a stale figure, not a cautious one.

    >>> written_upper(Claim("a#1", "a", "count", "", 0, 1, 1, 1, "", low=47293.0))
    47294.0
    >>> written_upper(Claim("a#1", "a", "count", "", 0, 1, 1, 1, "", low=70100.0))
    70200.0
    """
    top = upper(c)
    if math.isfinite(top) or lower(c) < OPEN_SLIP_FLOOR:
        return top
    return lower(c) + last_place(lower(c))


def lag_slack(claims: list[Claim], settings: Settings) -> float:
    """How far apart reporting lag lets two figures of one running toll be: ``lag_days`` of its growth.

    The growth a day is the topic's own, measured across the corpus: the
    median, over its later dates, of the rise a day from the lowest ceiling
    of its first date to the highest floor of that date. A median, because a
    stale or misread figure on the last date (or any one date) would skew a
    slope of the end points. With one date only, ``lag_growth`` of its figure
    a day.

    >>> import datetime as dt
    >>> from ceasefire_cli.config import Settings
    >>> def c(day, low): return Claim(f"d#{low}", "d", "count", "", 0, 1, 1, 1, "", low=low, high=low, as_of=day)
    >>> s = Settings("x", (), (), (), (), (), None, "war", 0.0, 0.05, ())
    >>> lag_slack([c(dt.date(2024, 1, 1), 1010), c(dt.date(2024, 1, 11), 2010)], s)
    300.0
    """
    dated = [c for c in claims if c.as_of is not None and c.hedge != "vague"]
    if not dated:
        return 0.0
    on = [c.as_of for c in dated if c.as_of is not None]
    first, last = min(on), max(on)
    days = (last - first).days
    lag = settings.references.lag_days
    if days == 0:
        return max(lower(c) for c in dated) * settings.lag_growth * lag
    start = min(upper(c) for c in dated if c.as_of == first)
    if not math.isfinite(start):
        return 0.0
    peaks: dict[dt.date, float] = {}
    for c in dated:
        if c.as_of is not None and c.as_of != first and math.isfinite(lower(c)):
            peaks[c.as_of] = max(peaks.get(c.as_of, -_INF), lower(c))
    slopes = sorted(max(0.0, (v - start) / (day - first).days) for day, v in peaks.items())
    if not slopes:
        return 0.0
    return statistics.median(slopes) * lag


def _cumulative(topic: Topic, claims: list[Claim], ctx: Ctx) -> list[Finding]:
    """Same-date conflicts, decreases against any earlier report, implausible growth."""
    # Vague quantities ("dozens") have no place on a running toll's timeline.
    dated = sorted((c for c in claims if c.as_of is not None and c.hedge != "vague"), key=lambda c: (c.as_of, lower(c), c.id))
    slack = lag_slack(dated, ctx.settings)
    ctx.dated, ctx.dated_days = dated, [c.as_of for c in dated if c.as_of is not None]
    findings: list[Finding] = []
    groups: list[tuple[dt.date, list[Claim]]] = []
    for c in dated:
        if groups and groups[-1][0] == c.as_of:
            groups[-1][1].append(c)
        else:
            groups.append((c.as_of, [c]))  # type: ignore[arg-type]
    running: Claim | None = None  # the highest low of every earlier date, outliers aside
    outliers = ctx.outliers = _outliers(groups)
    aloft: list[Claim] = []  # outliers met so far: each keeps a fall cluster of its own
    slips: set[str] = set()  # figures already found to have lost or gained a digit
    below: dict[str, list[Claim]] = {}
    previous: tuple[dt.date, list[Claim]] | None = None
    for day, group in groups:
        # Two updates of one day, or a figure a day or two stale, are not a contradiction.
        findings += overlap(topic, _same_quantity(group, ctx.settings), "CF101", ctx, slack)
        slipped: set[str] = set()
        if running is not None:
            below.setdefault(running.id, [running]).extend(c for c in group if _fell(running, c, ctx.settings, slack))
            per_day = slack / max(1, ctx.settings.references.lag_days)
            slipped = {c.id for c in group if _tenfold(running, c, per_day * (day - running.as_of).days)}  # type: ignore[operator]
            findings += [_slip(topic, running, c, ctx) for c in group if c.id in slipped]
        # A figure a tenth of another of its own day is no other quantity but a lost digit.
        peak = max(group, key=lambda c: (lower(c), c.id))
        same_day = [c for c in group if c is not peak and c.id not in slipped and _tenfold(peak, c)]
        findings += [_slip(topic, peak, c, ctx) for c in same_day]
        slips.update(slipped, (c.id for c in same_day))
        if previous is not None and any(c.id not in slips for c in previous[1]):
            # A slipped figure is no base to grow from: its finding already says what is wrong.
            findings += _growth(topic, (previous[0], [c for c in previous[1] if c.id not in slips]), (day, group), ctx)
        for high in aloft:
            below.setdefault(high.id, [high]).extend(c for c in group if _fell(high, c, ctx.settings, slack))
            # An outlier about ten times the reports after it gained a digit ("530,000" before
            # "53,000"): it is the slip, not the figures that keep to the timeline.
            tenth = next((c for c in group if high.id not in slips and c.id not in slips and _tenfold(high, c)), None)
            if tenth is not None and (day - high.as_of).days <= OUTLIER_DAYS:  # type: ignore[operator]
                findings.append(_slip(topic, high, tenth, ctx, blame=high))
                slips.add(high.id)
        aloft += [c for c in group if c.id in outliers]
        best = max((c for c in group if c.id not in outliers), key=lambda c: (lower(c), c.id), default=None)
        if best is not None and (running is None or lower(best) > lower(running)):
            running = best
        previous = (day, group)
    for members in below.values():
        # A figure just below a newer update is stale, but only beside an update that is sure and
        # keeps to the timeline: below an outlier or a doubtful reading it is the other one's fault.
        newer_stands = sure(members[0]) and members[0].id not in outliers
        stale = [c for c in members[1:] if slack and newer_stands and not _beyond(members[0], c, ctx.settings.tolerance, slack * STALE)]
        for c in stale:
            message = rule("CF106").message("after", topic=topic.label, stale=ctx.describe(c), newer=ctx.describe(members[0]))
            findings.append(make_finding("CF106", topic, [members[0], c], message, blame=c))
        members = [members[0]] + [c for c in members[1:] if c not in stale]
        if len(members) > 1:
            earlier, later = members[0], members[1:]
            shown = describe_many(later)
            message = rule("CF102").message(topic=topic.label, earlier=ctx.describe(earlier), later=shown)
            if all(opposed(earlier, c, ctx.sides) for c in later):
                findings.append(make_finding("CF201", topic, members, rule("CF201").message(message=message)))
            elif all(other_bases(earlier, c) for c in later):
                findings.append(basis_finding(topic, members, earlier, later[0], ctx, message))
            else:
                strong = sure(earlier) and any(sure(c) for c in later)
                # Reports of two or more other articles below one figure: that figure is the odd one out.
                # So is a doubtful reading above sure ones ("death toll nears 1,200" on the war's first day).
                odd_one = len({c.document for c in later} - {earlier.document}) >= 2 or (not sure(earlier) and all(sure(c) for c in later))
                blame = earlier if odd_one else later[0]
                findings.append(graded("CF102", topic, members, message, strong, earlier, *later, blame=blame))
    return findings


#: Days after a figure in which later reports may show it to be an outlier, and the share of it
#: those reports stay below.
OUTLIER_DAYS = 30
OUTLIER_SHARE = 0.5


def _outliers(groups: list[tuple[dt.date, list[Claim]]]) -> set[str]:
    """Ids of figures that the reports of two or more later days, and two thirds of those within
    :data:`OUTLIER_DAYS`, put below half of them: a toll never falls, so the one high figure is
    the odd one out (a misdated record), and later figures are measured against the rest."""
    # Only sure readings bear witness against a figure: a doubtful one ("the rest, roughly 2,500,
    # are deaths from earlier in the war") never makes a corroborated toll the odd one out.
    peaks = [(day, max(written_upper(c) for c in group if sure(c))) for day, group in groups if any(sure(c) for c in group)]
    days = [day for day, _ in peaks]
    found: set[str] = set()
    for day, group in groups:
        first = bisect.bisect_right(days, day)
        last = bisect.bisect_right(days, _shift(day, OUTLIER_DAYS))
        later = [peak for _, peak in peaks[first:last]]
        if len(later) < 2:
            continue
        for c in group:
            fallen = sum(peak < lower(c) * OUTLIER_SHARE for peak in later)
            if fallen >= 2 and 3 * fallen >= 2 * len(later):
                found.add(c.id)
    return found


def _growth(topic: Topic, before: tuple[dt.date, list[Claim]], after: tuple[dt.date, list[Claim]], ctx: Ctx) -> list[Finding]:
    """A warning when a figure outgrows the plausible daily rate since the previous report."""
    days = (after[0] - before[0]).days
    base = max(before[1], key=lambda c: (upper(c), c.id))
    if upper(base) in (_INF, 0):
        return []
    # Compounded: a toll that may grow 5 % a day for nine months is not held to 5 % of its first figure.
    limit = upper(base) * (1 + ctx.settings.max_daily_growth) ** min(days, 3650) + ctx.settings.max_daily_increase * days
    # Nor beyond twice the growth the topic itself shows around these dates (the war's first
    # weeks grew faster than 5 % a day, and faster than its later months).
    fast = [c for c in after[1] if lower(c) > limit]
    if fast:  # measured only when needed: it reads the month around the rise
        limit = max(limit, upper(base) + 2 * _local_growth(ctx, before[0], after[0]) * days)
        fast = [c for c in fast if lower(c) > limit]
    if fast and ctx.siblings:
        # Nor beyond twice the growth of the same people's other running toll over the same days
        # (in a war's first week the wounded grew fivefold as the dead did).
        limit = max(limit, upper(base) * 2 * _sibling_growth(ctx, before[0], after[0]))
        fast = [c for c in fast if lower(c) > limit]
    # A figure of another named counting basis than a figure of its own day that does fit
    # (the Media Office's count with the missing beside the ministry's) is no surge.
    fast = [c for c in fast if not other_bases(base, c) and not any(o not in fast and other_bases(o, c) for o in after[1])]
    if not fast:
        return []
    if days <= SLIP_DAYS:
        slips = [c for c in fast if _tenfold(c, base) or _rescaled(base, c, days, ctx.settings)]
        if slips:
            return [_slip(topic, c, base, ctx) for c in slips]
    # Twenty times the figure before within days is no surge and no lost digit: one of the two
    # counts something else ("hunger's toll rises to 27" beside the war's 31,000), as a fall to
    # under a fifth is another span (``max_fall``).
    # (Unless the high figure is the timeline's outlier: a misdated record is the finding.)
    fast = [c for c in fast if days > SLIP_DAYS or lower(c) <= upper(base) * ANOTHER_QUANTITY or c.id in ctx.outliers]
    if not fast:
        return []
    top = max(fast, key=lambda c: (lower(c), c.id))
    message = rule("CF103").message(
        rate=f"{ctx.settings.max_daily_growth:.0%}", increase=fmt_number(ctx.settings.max_daily_increase),
        topic=topic.label, base=ctx.describe(base), days=days, top=ctx.describe(top),
    )
    return [make_finding("CF103", topic, [base, *fast], message, blame=top)]


#: A rise within :data:`SLIP_DAYS` to more than this many times the figure before is not growth:
#: the two figures count different things (one was misread), and no finding is raised.
ANOTHER_QUANTITY = 20

#: Days either side of a rise that its topic's local growth is measured over.
GROWTH_WINDOW = 30


def _local_growth(ctx: Ctx, first: dt.date, last: dt.date) -> float:
    """The topic's growth a day among its claims dated within :data:`GROWTH_WINDOW` days of a rise
    from ``first`` to ``last``, leaving out the reports of ``last``: a rise is never its own excuse."""
    lo = bisect.bisect_left(ctx.dated_days, _shift(first, -GROWTH_WINDOW))
    hi = bisect.bisect_right(ctx.dated_days, _shift(last, GROWTH_WINDOW))
    around = [c for c in ctx.dated[lo:hi] if c.as_of != last]
    if len({c.as_of for c in around}) < 2:
        return 0.0
    return lag_slack(around, ctx.settings) / max(1, ctx.settings.references.lag_days)


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the calendar's ends (a report dated 9999-12-31 is no crash)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


#: A running toll ten times another reported within this many days is a slipped digit, not growth.
SLIP_DAYS = 14


#: An open figure ("at least 5,333") is held to its written value in the slip test only from
#: here up: one strike's toll rarely runs to thousands, so a misread event count of "at least
#: 10" beside a toll of 100 is not taken for a lost digit.
OPEN_SLIP_FLOOR = 1000


def _tenfold(high: Claim, low: Claim, growth: float = 0.0) -> bool:
    """True when ``high`` is about ten times ``low``: a digit dropped from one or added to the other.

    ``growth`` is what the toll would have added between the two reports when
    ``low`` is the later one: "1,300" twelve days after "10,328" of a toll
    growing 260 a day is a tenth of the 13,500 it would have reached.
    """
    top, bottom = lower(high), upper(low)
    if not math.isfinite(bottom) and lower(low) >= OPEN_SLIP_FLOOR:
        bottom = lower(low)  # "at least 5,333" beside 53,339: the figure as written lost a digit
    if not (math.isfinite(top) and math.isfinite(bottom)) or bottom <= 0 or same_sentence(high, low):
        return False
    # The intervals, or the figures as written ("surpasses 20,000" beside "exceeds 2,000": both
    # hedged up to the next place, so their intervals are 6.7 times apart, their figures ten).
    return top > bottom and (
        any(7.5 <= (top + extra) / bottom <= 13.5 for extra in {0.0, growth})
        or 7.5 <= upper(high) / max(lower(low), 1e-9) <= 13.5
        or 7.5 <= top / max(lower(low), 1e-9) <= 13.5
    )


def _rescaled(before: Claim, after: Claim, days: int, settings: Settings) -> bool:
    """True when a tenfold slip in either figure turns too fast a rise into ordinary growth.

    "3,500" one day and "more than 5,000" four days on is growth; "350" and
    "more than 5,000" is too fast, but with the digit restored it is growth
    again, so the gap is a slip rather than a surge. Likewise a later figure
    with an extra digit.
    """
    def grows(low: float, high: float, to_low: float, to_high: float) -> bool:
        limit = high * (1 + settings.max_daily_growth) ** min(days, 3650) + settings.max_daily_increase * days
        return to_high >= low * (1 - settings.tolerance) and to_low <= limit

    b0, b1, a0, a1 = lower(before), upper(before), lower(after), upper(after)
    if not all(math.isfinite(x) for x in (b0, b1, a0, a1)) or b1 <= 0 or same_sentence(before, after):
        return False
    return grows(b0 * 10, b1 * 10, a0, a1) or grows(b0, b1, a0 / 10, a1 / 10)


def _slip(topic: Topic, high: Claim, low: Claim, ctx: Ctx, blame: Claim | None = None) -> Finding:
    message = rule("CF107").message(topic=topic.label, low=ctx.describe(low), high=ctx.describe(high))
    # The report that breaks the timeline: the later one, or on one day the smaller.
    if blame is None:
        blame = high if (high.as_of or dt.date.min) > (low.as_of or dt.date.min) else low
    return graded("CF107", topic, [high, low], message, sure(high) and sure(low), high, low, blame=blame)


def check_cumulative(topics: Sequence[Topic], claims: Sequence[Claim], settings: Settings) -> list[Finding]:
    """Running tolls: same-date conflicts, falls, stale quotes, slipped digits, implausible growth."""
    ctx, by_id = Ctx(settings), {c.id: c for c in claims}
    running = [t for t in topics if t.kind == "cumulative"]
    points = {t.id: _points(topic_claims(t, by_id)) for t in running}
    found = []
    for t in running:
        # The same people's other running tolls over the same span ("injured" beside "killed"):
        # how fast those grew tells how fast this one may, where its own reports are few.
        ctx.siblings = [points[s.id] for s in running if s.id != t.id and s.population == t.population and s.scope == t.scope]
        found += _cumulative(t, topic_claims(t, by_id), ctx)
    return found


def _points(claims: list[Claim]) -> tuple[list[dt.date], list[float]]:
    """A running toll's sure, precise figures as dates and their lowest values, in date order."""
    out: dict[dt.date, float] = {}
    for c in claims:
        if c.as_of is not None and sure(c) and c.hedge != "vague" and c.low is not None:
            out[c.as_of] = max(out.get(c.as_of, 0.0), c.low)
    days = sorted(out)
    return days, [out[d] for d in days]


def _sibling_growth(ctx: Ctx, first: dt.date, last: dt.date) -> float:
    """The largest factor by which a sibling running toll grew from ``first`` to ``last`` (1.0 when none says).

    Each sibling's figure standing on a day is its latest point on or before it, within the lag.
    """
    lag = ctx.settings.references.lag_days

    def standing(days: list[dt.date], values: list[float], day: dt.date) -> float | None:
        i = bisect.bisect_right(days, day) - 1
        return values[i] if i >= 0 and (day - days[i]).days <= lag else None

    best = 1.0
    for days, values in ctx.siblings:
        a, b = standing(days, values, first), standing(days, values, last)
        if a and b and b > a:
            best = max(best, b / a)
    return best


def check_same_date(topics: Sequence[Topic], claims: Sequence[Claim], settings: Settings) -> list[Finding]:
    """Other figures (stocks, stated periods): reports of one date agree.

    A stock moves on the days of its flows: on a day when hostages are freed
    or bodies recovered, a morning "116 held" and an evening "111" are one
    update. Reports of one date may differ by the largest flow of the metric
    reported for that day or the ``lag_days`` before it (:func:`flow_allowance`).
    """
    ctx, by_id = Ctx(settings), {c.id: c for c in claims}
    flows = _flows_by_day(claims, settings)
    found: list[Finding] = []
    for topic in topics:
        if topic.kind != "other":
            continue
        by_day: dict[dt.date, list[Claim]] = {}
        for c in topic_claims(topic, by_id):
            if c.as_of is not None:
                by_day.setdefault(c.as_of, []).append(c)
        for day in sorted(by_day):
            slack = flow_allowance(_moving(flows, topic, settings), day, settings.references.lag_days)
            found += overlap(topic, by_day[day], "CF101", ctx, slack)
    return found


def _flows_by_day(claims: Sequence[Claim], settings: Settings) -> dict[tuple[str, str | None], dict[dt.date, float]]:
    """(metric, population) -> day -> the largest one-event count of them on that day (a release, a recovery)."""
    event_kinds = {s.name for s in settings.scopes if s.kind == "event_count"}
    out: dict[tuple[str, str | None], dict[dt.date, float]] = {}
    for c in claims:
        if c.metric and c.scope in event_kinds and c.event_first is not None and c.hedge != "vague" and math.isfinite(upper(c)):
            days = out.setdefault((c.metric, c.population), {})
            days[c.event_first] = max(days.get(c.event_first, 0.0), upper(c))
    return out


def _moving(flows: dict[tuple[str, str | None], dict[dt.date, float]], topic: Topic, settings: Settings) -> dict[dt.date, float]:
    """The flows that move ``topic``'s stock: of its own people, or of the metric's people at large.

    All the captives move with any release; the dead hostages held do not move when the living
    are freed (20 living freed on a day is no reason for "38" and "28" dead held to differ).
    """
    general = next((m.population for m in settings.metrics if m.name == topic.metric), None)
    out: dict[dt.date, float] = {}
    for (metric, population), days in flows.items():
        if metric == topic.metric and (topic.population == general or population in (topic.population, general)):
            for day, n in days.items():
                out[day] = max(out.get(day, 0.0), n)
    return out


def flow_allowance(days: dict[dt.date, float], day: dt.date, lag: int) -> float:
    """The largest flow reported on ``day`` or the ``lag`` days before it: how far a stock may move.

    >>> import datetime as dt
    >>> d = dt.date(2024, 7, 24)
    >>> flow_allowance({d: 5.0}, dt.date(2024, 7, 25), 3), flow_allowance({d: 5.0}, dt.date(2024, 7, 30), 3)
    (5.0, 0.0)
    """
    return max((n for when, n in days.items() if 0 <= (day - when).days <= lag), default=0.0)
