"""Topics -> findings: one small function per rule, each with a stable code.

Every rule works on a topic's claims sorted once (by date, then figure) and
swept in one pass, so a topic of n claims costs O(n log n), never n² pairs.
Disagreements are reported as clusters: one finding per disagreeing group.

Intervals are compared with the slack ``defaults.tolerance`` of claims.yaml:
``a`` lies above ``b`` when ``a.low > b.high * (1 + tolerance)``.
"""

from __future__ import annotations

import datetime as dt
import bisect
import math
import statistics
from collections.abc import Iterable, Sequence

from ..codes import rule
from ..config import Settings
from ..models import Claim, Finding, Topic
from .status import claim_order, finding_order, with_status

_INF = math.inf


#: A figure written round and unhedged ("injured another 90,000") may be rounded by up to half its
#: last non-zero place, and by no more than this share of itself.
ROUNDING = 0.01


def rounding(c: Claim) -> float:
    """How far an unhedged round figure (a thousand or more, three zeros or more) may be from the count it rounds."""
    if c.hedge != "exact" or c.low is None or c.low != c.high or c.low < 1000 or c.low % 1000:
        return 0.0
    step = 1000
    while c.low % (step * 10) == 0:
        step *= 10
    return min(step / 2, c.low * ROUNDING)


def _low(c: Claim) -> float:
    return -_INF if c.low is None else c.low - rounding(c)


def _high(c: Claim) -> float:
    return _INF if c.high is None else c.high + rounding(c)


def fmt_number(x: float) -> str:
    """A figure as an editor writes it: 71,000, 2.5.

    >>> fmt_number(71000.0), fmt_number(2.5)
    ('71,000', '2.5')
    """
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def fmt_interval(c: Claim) -> str:
    """The interval a claim allows: "447", "340–350", "≥ 20", "≤ 500", "2025-11-01–2025-11-30"."""
    if c.kind == "date":
        assert c.first and c.last
        return c.first.isoformat() if c.first == c.last else f"{c.first.isoformat()}–{c.last.isoformat()}"
    if c.low is not None and c.high is not None:
        return fmt_number(c.low) if c.low == c.high else f"{fmt_number(c.low)}–{fmt_number(c.high)}"
    if c.low is not None:
        return f"≥ {fmt_number(c.low)}"
    return f"≤ {fmt_number(c.high)}" if c.high is not None else "any"


def describe_claim(c: Claim) -> str:
    """A claim as a message names it: document, date, source, figure as written, interval."""
    when = c.as_of.isoformat() if c.as_of else "undated"
    source = f", {c.attribution}" if c.attribution else ""
    return f'{c.document} ({when}{source}): "{c.text}" [{fmt_interval(c)}]'


def _above(a: Claim, b: Claim, tolerance: float, slack: float = 0.0) -> bool:
    """True when ``a``'s interval lies wholly above ``b``'s, beyond the relative tolerance and an absolute slack."""
    high = _high(b)
    return _low(a) > (high * (1 + tolerance) if high >= 0 else high) + slack


def agree(a: Claim, b: Claim, tolerance: float) -> bool:
    """True when neither claim's interval lies wholly above the other's (the test every finding uses)."""
    return not _above(a, b, tolerance) and not _above(b, a, tolerance)


def _same_quantity(group: list[Claim], settings: Settings) -> list[Claim]:
    """A day's cumulative figures minus those far below the day's highest floor (``max_fall``):
    "6 deaths" beside "71,600 killed" counts something else, not the same toll."""
    floor = max((_low(c) for c in group), default=-_INF)
    return [c for c in group if _high(c) >= floor * settings.max_fall]


def _fell(earlier: Claim, later: Claim, settings: Settings, slack: float = 0.0) -> bool:
    """A later cumulative figure below an earlier one — but not so far below that it must
    measure another span or group (``defaults.max_fall``: "42,000 in the war's first year")."""
    if later.hedge == "vague" or earlier.hedge == "vague" or _same_sentence(earlier, later):
        return False
    return _above(earlier, later, settings.tolerance, slack) and _high(later) >= _low(earlier) * settings.max_fall


def _opposed(a: Claim, b: Claim, sides: dict[str, str]) -> bool:
    pair = {sides.get(a.party or ""), sides.get(b.party or "")}
    return pair == {"palestinian", "israeli"}


def _finding(code: str, topic: Topic, claims: Iterable[Claim], message: str, severity=None, blame: Claim | None = None) -> Finding:
    """A finding on ``claims`` in document order, the one it ``blame``s first (where line formats point)."""
    ids = sorted({c.id for c in claims}, key=claim_order)
    if blame is not None and blame.id in ids:
        ids.remove(blame.id)
        ids.insert(0, blame.id)
    return Finding(code, severity or rule(code).severity, topic.id, tuple(ids), message)


def _overlap(
    topic: Topic, claims: list[Claim], code: str, ctx: "_Ctx", what: str, slack: float = 0.0, relative: float | None = None
) -> list[Finding]:
    """One finding when the claims' intervals have no common point (beyond tolerance).

    Vague quantities ("dozens", "thousands") take no part: they never raise an
    error against a precise figure. Two figures of one sentence never
    contradict each other: a writer listing them counts different things.
    """
    tolerance = ctx.settings.tolerance if relative is None else max(relative, ctx.settings.tolerance)
    claims = [c for c in claims if c.hedge != "vague"]
    if len(claims) < 2:
        return []
    top = max(claims, key=lambda c: (_low(c), c.id))
    bottom = min(claims, key=lambda c: (_high(c), c.id))
    if not _above(top, bottom, tolerance, slack) or _same_sentence(top, bottom):
        return []
    if slack and not _above(top, bottom, tolerance, slack * STALE):
        # Beyond lag, but only just: one report quotes an older update.
        message = f"stale figure ({topic.label}): {ctx.describe(bottom)} vs the newer {ctx.describe(top)}"
        return [_finding("CF106", topic, [top, bottom], message, blame=bottom)]
    members = [c for c in claims if _above(top, c, tolerance, slack) or _above(c, bottom, tolerance, slack)]
    members += [top, bottom]
    message = f"{what}: {ctx.describe(top)} vs {ctx.describe(bottom)}"
    if _opposed(top, bottom, ctx.sides):
        return [_finding("CF201", topic, members, f"disputed between opposing parties — {message}")]
    if _other_bases(top, bottom):
        return [_basis_finding(topic, members, top, bottom, ctx, message)]
    sure = [c for c in claims if _sure(c)]
    strong = len(sure) > 1 and _above(max(sure, key=lambda c: (_low(c), c.id)), min(sure, key=lambda c: (_high(c), c.id)), tolerance, slack)
    return [_graded(code, topic, members, message, strong, top, bottom, blame=bottom)]


def _sure(c: Claim) -> bool:
    """A count read with high confidence (claims made before confidence existed count as sure)."""
    return c.confidence in (None, "high")


def _other_bases(a: Claim, b: Claim) -> bool:
    """True when both claims name their counting basis and the bases differ."""
    return a.basis is not None and b.basis is not None and a.basis != b.basis


def _basis_finding(topic: Topic, members: list[Claim], a: Claim, b: Claim, ctx: "_Ctx", message: str) -> Finding:
    labels = {x.name: x.label for x in ctx.settings.bases}
    return _finding("CF203", topic, members, f"different counting basis ({labels.get(a.basis or '', a.basis)} vs {labels.get(b.basis or '', b.basis)}) — {message}")


def _graded(code: str, topic: Topic, members: list[Claim], message: str, strong: bool, *pair: Claim, blame: Claim | None = None) -> Finding:
    """The finding for ``code``, an error only when two high-confidence claims conflict.

    Anything weaker is a warning that says which reading is in doubt and why.
    """
    if strong or rule(code).severity != "error":
        return _finding(code, topic, members, message, blame=blame)
    weak = next((c for c in pair if not _sure(c)), pair[0])
    note = f"{weak.id} read with {weak.confidence} confidence ({weak.doubts or 'no reason given'})"
    return _finding(code, topic, members, f"{message} — a warning, not an error: {note}", severity="warning", blame=blame)


#: Gaps up to this many times the lag slack are a stale quote (CF106), not a contradiction.
STALE = 2.0


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.document == b.document and a.sentence == b.sentence


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
        return max(_low(c) for c in dated) * settings.lag_growth * lag
    start = min(_high(c) for c in dated if c.as_of == first)
    if not math.isfinite(start):
        return 0.0
    peaks: dict[dt.date, float] = {}
    for c in dated:
        if c.as_of is not None and c.as_of != first and math.isfinite(_low(c)):
            peaks[c.as_of] = max(peaks.get(c.as_of, -_INF), _low(c))
    slopes = sorted(max(0.0, (v - start) / (day - first).days) for day, v in peaks.items())
    if not slopes:
        return 0.0
    return statistics.median(slopes) * lag


#: Two dates of one kind of event further apart than this are two events (two truces), not one misdated.
SAME_EVENT_DAYS = 31


def _date_overlap(topic: Topic, claims: list[Claim], ctx: "_Ctx") -> list[Finding]:
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


def _one_date(topic: Topic, claims: list[Claim], ctx: "_Ctx") -> list[Finding]:
    """One CF105 when the dates claimed for one event share no day."""
    if len(claims) < 2:
        return []
    latest = max(claims, key=lambda c: (c.first, c.id))
    earliest = min(claims, key=lambda c: (c.last, c.id))
    if latest.first <= earliest.last:  # type: ignore[operator]
        return []
    members = [c for c in claims if c.first > earliest.last or c.last < latest.first]  # type: ignore[operator]
    message = f"two dates for one event ({topic.label.removeprefix('date: ')}): {ctx.describe(earliest)} vs {ctx.describe(latest)}"
    return [_finding("CF105", topic, members + [earliest, latest], message)]


def _cumulative(topic: Topic, claims: list[Claim], ctx: "_Ctx") -> list[Finding]:
    """Same-date conflicts, decreases against any earlier report, implausible growth."""
    # Vague quantities ("dozens") have no place on a running toll's timeline.
    dated = sorted((c for c in claims if c.as_of is not None and c.hedge != "vague"), key=lambda c: (c.as_of, _low(c), c.id))
    slack = lag_slack(dated, ctx.settings)
    ctx.dated = dated
    findings: list[Finding] = []
    groups: list[tuple[dt.date, list[Claim]]] = []
    for c in dated:
        if groups and groups[-1][0] == c.as_of:
            groups[-1][1].append(c)
        else:
            groups.append((c.as_of, [c]))  # type: ignore[arg-type]
    running: Claim | None = None  # the highest low of every earlier date
    below: dict[str, list[Claim]] = {}
    previous: tuple[dt.date, list[Claim]] | None = None
    for day, group in groups:
        # Two updates of one day, or a figure a day or two stale, are not a contradiction.
        findings += _overlap(topic, _same_quantity(group, ctx.settings), "CF101", ctx, f"same date, different figures ({topic.label})", slack)
        slipped: set[str] = set()
        if running is not None:
            below.setdefault(running.id, [running]).extend(c for c in group if _fell(running, c, ctx.settings, slack))
            per_day = slack / max(1, ctx.settings.references.lag_days)
            slipped = {c.id for c in group if _tenfold(running, c, per_day * (day - running.as_of).days)}  # type: ignore[operator]
            findings += [_slip(topic, running, c, ctx) for c in group if c.id in slipped]
        # A figure a tenth of another of its own day is no other quantity but a lost digit.
        peak = max(group, key=lambda c: (_low(c), c.id))
        findings += [_slip(topic, peak, c, ctx) for c in group if c is not peak and c.id not in slipped and _tenfold(peak, c)]
        if previous is not None:
            findings += _growth(topic, previous, (day, group), ctx)
        best = max(group, key=lambda c: (_low(c), c.id))
        if running is None or _low(best) > _low(running):
            running = best
        previous = (day, group)
    for members in below.values():
        stale = [c for c in members[1:] if slack and not _above(members[0], c, ctx.settings.tolerance, slack * STALE)]
        for c in stale:
            message = f"stale figure ({topic.label}): {ctx.describe(c)} after the newer {ctx.describe(members[0])}"
            findings.append(_finding("CF106", topic, [members[0], c], message, blame=c))
        members = [members[0]] + [c for c in members[1:] if c not in stale]
        if len(members) > 1:
            earlier, later = members[0], members[1:]
            shown = "; ".join(ctx.describe(c) for c in later)
            message = f"a cumulative figure fell ({topic.label}): {ctx.describe(earlier)}, later {shown} — stale or wrong figure"
            if all(_opposed(earlier, c, ctx.sides) for c in later):
                findings.append(_finding("CF201", topic, members, f"disputed between opposing parties — {message}"))
            elif all(_other_bases(earlier, c) for c in later):
                findings.append(_basis_finding(topic, members, earlier, later[0], ctx, message))
            else:
                strong = _sure(earlier) and any(_sure(c) for c in later)
                findings.append(_graded("CF102", topic, members, message, strong, earlier, *later, blame=later[0]))
    return findings


def _growth(topic: Topic, before: tuple[dt.date, list[Claim]], after: tuple[dt.date, list[Claim]], ctx: "_Ctx") -> list[Finding]:
    """A warning when a figure outgrows the plausible daily rate since the previous report."""
    days = (after[0] - before[0]).days
    base = max(before[1], key=lambda c: (_high(c), c.id))
    if _high(base) in (_INF, 0):
        return []
    # Compounded: a toll that may grow 5 % a day for nine months is not held to 5 % of its first figure.
    limit = _high(base) * (1 + ctx.settings.max_daily_growth) ** min(days, 3650) + ctx.settings.max_daily_increase * days
    # Nor beyond twice the growth the topic itself shows around these dates (the war's first
    # weeks grew faster than 5 % a day, and faster than its later months).
    limit = max(limit, _high(base) + 2 * _local_growth(ctx, before[0], after[0]) * days)
    fast = [c for c in after[1] if _low(c) > limit]
    # A figure of another named counting basis than a figure of its own day that does fit
    # (the Media Office's count with the missing beside the ministry's) is no surge.
    fast = [c for c in fast if not _other_bases(base, c) and not any(o not in fast and _other_bases(o, c) for o in after[1])]
    if not fast:
        return []
    if days <= SLIP_DAYS:
        slips = [c for c in fast if _tenfold(c, base) or _rescaled(base, c, days, ctx.settings)]
        if slips:
            return [_slip(topic, c, base, ctx) for c in slips]
    top = max(fast, key=lambda c: (_low(c), c.id))
    message = (
        f"grew faster than {ctx.settings.max_daily_growth:.0%} plus {fmt_number(ctx.settings.max_daily_increase)} a day ({topic.label}): "
        f"{ctx.describe(base)}, {days} day(s) later {ctx.describe(top)}"
    )
    return [_finding("CF103", topic, [base, *fast], message, blame=top)]


#: Days either side of a rise that its topic's local growth is measured over.
GROWTH_WINDOW = 30


def _local_growth(ctx: "_Ctx", first: dt.date, last: dt.date) -> float:
    """The topic's growth a day among its claims dated within :data:`GROWTH_WINDOW` days of a rise
    from ``first`` to ``last``, leaving out the reports of ``last``: a rise is never its own excuse."""
    days = [c.as_of or first for c in ctx.dated]  # dated: every as_of is set
    lo = bisect.bisect_left(days, first - dt.timedelta(days=GROWTH_WINDOW))
    hi = bisect.bisect_right(days, last + dt.timedelta(days=GROWTH_WINDOW))
    around = [c for c in ctx.dated[lo:hi] if c.as_of != last]
    if len({c.as_of for c in around}) < 2:
        return 0.0
    return lag_slack(around, ctx.settings) / max(1, ctx.settings.references.lag_days)


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
    top, bottom = _low(high), _high(low)
    if not math.isfinite(bottom) and _low(low) >= OPEN_SLIP_FLOOR:
        bottom = _low(low)  # "at least 5,333" beside 53,339: the figure as written lost a digit
    if not (math.isfinite(top) and math.isfinite(bottom)) or bottom <= 0 or _same_sentence(high, low):
        return False
    return any(7.5 <= (top + extra) / bottom <= 13.5 for extra in {0.0, growth}) or (
        7.5 <= _high(high) / max(_low(low), 1e-9) <= 13.5 and top > bottom
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

    b0, b1, a0, a1 = _low(before), _high(before), _low(after), _high(after)
    if not all(math.isfinite(x) for x in (b0, b1, a0, a1)) or b1 <= 0 or _same_sentence(before, after):
        return False
    return grows(b0 * 10, b1 * 10, a0, a1) or grows(b0, b1, a0 / 10, a1 / 10)


def _slip(topic: Topic, high: Claim, low: Claim, ctx: "_Ctx") -> Finding:
    message = f"about ten times apart ({topic.label}): {ctx.describe(low)} vs {ctx.describe(high)} — a dropped or extra digit?"
    # The report that breaks the timeline: the later one, or on one day the smaller.
    blame = high if (high.as_of or dt.date.min) > (low.as_of or dt.date.min) else low
    return _graded("CF107", topic, [high, low], message, _sure(high) and _sure(low), high, low, blame=blame)


def _event_counts(topic: Topic, claims: list[Claim], ctx: "_Ctx") -> list[Finding]:
    """Counts of one event: reports of one date must agree; a later report may rise, as the dead are
    found and the wounded die, but not fall below an earlier one (CF104). Reports of a day's toll
    grow through the day ("33 killed on Sunday", then "42"): only a gap beyond
    ``defaults.event_growth`` of the lower count is a contradiction."""
    found: list[Finding] = []
    top: Claim | None = None  # the highest floor of every earlier report date
    growth = ctx.settings.event_growth
    for _, same_day in _by_report_date(claims):
        found += _overlap(topic, same_day, "CF104", ctx, f"one event, different counts ({topic.label})", relative=growth)
        dated = [c for c in same_day if c.as_of is not None and c.hedge != "vague"]
        fell = [c for c in dated if top is not None and _above(top, c, growth) and not _same_sentence(top, c)]
        if top is not None and fell:
            low = min(fell, key=lambda c: (_high(c), c.id))
            message = f"one event, a lower count later ({topic.label}): {ctx.describe(top)}, later {ctx.describe(low)}"
            found.append(_graded("CF104", topic, [top, *fell], message, _sure(top) and any(_sure(c) for c in fell), top, *fell, blame=low))
        best = max(dated, key=lambda c: (_low(c), c.id), default=None)
        if best is not None and (top is None or (_low(best), best.id) > (_low(top), top.id)):
            top = best
    return found


def _by_report_date(claims: Iterable[Claim]) -> list[tuple[dt.date | None, list[Claim]]]:
    """Claims grouped by the date they were reported (``as_of``), in date order, undated last."""
    groups: dict[dt.date | None, list[Claim]] = {}
    for c in claims:
        groups.setdefault(c.as_of, []).append(c)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or dt.date.min))


class _Ctx:
    """What every rule needs: the settings, the parties' sides and a describer."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sides = {p.name: p.side for p in settings.parties}
        self.describe = describe_claim
        #: The running toll's dated claims, set per topic by :func:`_cumulative`.
        self.dated: list[Claim] = []


def _members(topic: Topic, by_id: dict[str, Claim]) -> list[Claim]:
    return [by_id[i] for i in topic.claims]


def check_cumulative(topics: Sequence[Topic], claims: Sequence[Claim], settings: Settings) -> list[Finding]:
    """Running tolls: same-date conflicts, falls, stale quotes, slipped digits, implausible growth."""
    ctx, by_id = _Ctx(settings), {c.id: c for c in claims}
    return [f for t in topics if t.kind == "cumulative" for f in _cumulative(t, _members(t, by_id), ctx)]


def check_event_counts(topics: Sequence[Topic], claims: Sequence[Claim], settings: Settings) -> list[Finding]:
    """Counts of one event (a day, a place): reports of one date agree, later ones do not fall."""
    ctx, by_id = _Ctx(settings), {c.id: c for c in claims}
    return [
        f
        for t in topics
        if t.kind == "event_count"
        for f in _event_counts(t, [c for c in _members(t, by_id) if c.event_first is not None], ctx)
    ]


def check_event_dates(topics: Sequence[Topic], claims: Sequence[Claim], settings: Settings) -> list[Finding]:
    """Dates of one event (the ceasefire took effect) share a day."""
    ctx, by_id = _Ctx(settings), {c.id: c for c in claims}
    return [f for t in topics if t.kind == "event_date" for f in _date_overlap(t, _members(t, by_id), ctx)]


def check_same_date(topics: Sequence[Topic], claims: Sequence[Claim], settings: Settings) -> list[Finding]:
    """Other figures (stocks, stated periods): reports of one date agree.

    A stock moves on the days of its flows: on a day when hostages are freed
    or bodies recovered, a morning "116 held" and an evening "111" are one
    update. Reports of one date may differ by the largest flow of the metric
    reported for that day or the ``lag_days`` before it (:func:`flow_allowance`).
    """
    ctx, by_id = _Ctx(settings), {c.id: c for c in claims}
    flows = _flows_by_day(claims, settings)
    found: list[Finding] = []
    for topic in topics:
        if topic.kind != "other":
            continue
        by_day: dict[dt.date, list[Claim]] = {}
        for c in _members(topic, by_id):
            if c.as_of is not None:
                by_day.setdefault(c.as_of, []).append(c)
        for day in sorted(by_day):
            slack = flow_allowance(flows.get(topic.metric or "", {}), day, settings.references.lag_days)
            found += _overlap(topic, by_day[day], "CF101", ctx, f"same date, different figures ({topic.label})", slack)
    return found


def _flows_by_day(claims: Sequence[Claim], settings: Settings) -> dict[str, dict[dt.date, float]]:
    """Metric -> day -> the largest one-event count of that metric on that day (a release, a recovery)."""
    event_kinds = {s.name for s in settings.scopes if s.kind == "event_count"}
    out: dict[str, dict[dt.date, float]] = {}
    for c in claims:
        if c.metric and c.scope in event_kinds and c.event_first is not None and c.hedge != "vague" and math.isfinite(_high(c)):
            days = out.setdefault(c.metric, {})
            days[c.event_first] = max(days.get(c.event_first, 0.0), _high(c))
    return out


def flow_allowance(days: dict[dt.date, float], day: dt.date, lag: int) -> float:
    """The largest flow reported on ``day`` or the ``lag`` days before it: how far a stock may move.

    >>> import datetime as dt
    >>> d = dt.date(2024, 7, 24)
    >>> flow_allowance({d: 5.0}, dt.date(2024, 7, 25), 3), flow_allowance({d: 5.0}, dt.date(2024, 7, 30), 3)
    (5.0, 0.0)
    """
    return max((n for when, n in days.items() if 0 <= (day - when).days <= lag), default=0.0)


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
