"""Claims against the desk's vetted facts (``facts:`` in claims.yaml) -> CF401 findings.

A vetted date must fall inside every claimed date of its event — claimed by
an article written after the event was at hand (at most
:data:`ANNOUNCED_DAYS` before it): an article of 2023 that dates "the truce"
speaks of another truce than one vetted in 2025. A vetted
figure constrains claims of its topic by time: on its own date a claim must
overlap it; later reports of a cumulative figure may not fall below it, and
earlier ones may not exceed it. Event and other figures must simply overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..codes import rule
from .compare import SAME_EVENT_DAYS
from .intervals import describe_claim, fmt_number
from ..config import Fact, Settings
from ..models import Claim, Document, Finding, Problem

#: How long before a vetted event an article may already announce its date.
ANNOUNCED_DAYS = 14
#: An article dated up to this long before the event its toll counts from is probably misdated;
#: one dated earlier still speaks of an earlier war or truce.
MISDATED_DAYS = 183


def _fact_text(fact: Fact) -> str:
    if fact.first is not None:
        return fact.first.isoformat()
    if fact.low == fact.high:
        figure = fmt_number(fact.low)  # type: ignore[arg-type]
    elif fact.high is None:
        figure = f"at least {fmt_number(fact.low)}"  # type: ignore[arg-type]
    elif fact.low is None:
        figure = f"at most {fmt_number(fact.high)}"
    else:
        figure = f"{fmt_number(fact.low)}–{fmt_number(fact.high)}"
    return figure + (f" as of {fact.as_of.isoformat()}" if fact.as_of else "")


def contradicts(claim: Claim, fact: Fact, cumulative: bool, tolerance: float = 0.0) -> bool:
    """True when ``claim`` cannot be right if ``fact`` is.

    >>> import datetime as dt
    >>> f = Fact("date.ceasefire_start", "x", 1, first=dt.date(2025, 10, 10), last=dt.date(2025, 10, 10))
    >>> c = Claim("a#1", "a", "date", "October 12", 0, 1, 1, 1, "", first=dt.date(2025, 10, 12), last=dt.date(2025, 10, 12))
    >>> contradicts(c, f, False)
    True
    """
    if fact.first is not None:
        if claim.as_of is not None and (fact.first - claim.as_of).days > ANNOUNCED_DAYS:
            return False  # written long before the vetted event: it dates an earlier one
        if claim.first is not None and claim.last is not None and min(
            abs((claim.first - fact.first).days), abs((claim.last - fact.first).days)
        ) > SAME_EVENT_DAYS:
            return False  # months away: another event of the kind (an earlier truce), not this one misdated
        return claim.first is None or not (claim.first <= fact.first <= claim.last)  # type: ignore[operator]
    low = -float("inf") if claim.low is None else claim.low
    high = float("inf") if claim.high is None else claim.high
    f_low = -float("inf") if fact.low is None else fact.low
    f_high = float("inf") if fact.high is None else fact.high
    below = high * (1 + tolerance) < f_low
    above = low > f_high * (1 + tolerance)
    if cumulative and fact.as_of is not None and claim.as_of is None:
        return False  # an undated cumulative figure cannot be placed before or after the fact
    if not cumulative or fact.as_of is None or claim.as_of is None or claim.as_of == fact.as_of:
        return below or above
    return below if claim.as_of > fact.as_of else above


def check_facts(claims: Iterable[Claim], settings: Settings) -> tuple[Finding, ...]:
    """One CF401 error per claim that contradicts a vetted fact of its topic."""
    by_topic: dict[str, list[Fact]] = {}
    for fact in settings.facts:
        by_topic.setdefault(fact.topic, []).append(fact)
    if not by_topic:
        return ()
    kinds = {s.name: s.kind for s in settings.scopes}
    out = []
    for claim in claims:
        for fact in by_topic.get(claim.topic or "", ()):
            cumulative = claim.scope is not None and kinds.get(claim.scope) == "cumulative"
            if contradicts(claim, fact, cumulative, settings.tolerance):
                message = rule("CF401").message(
                    claim=describe_claim(claim), fact=_fact_text(fact), source=fact.source, file=Path(settings.path).name, line=fact.line
                )
                out.append(Finding("CF401", rule("CF401").severity, claim.topic, (claim.id,), message))
    return tuple(out)


def backed_by_fact(claim: Claim, settings: Settings) -> bool:
    """True when a vetted fact of the claim's topic exists and the claim agrees with it.

    In ``check``, such a draft claim is not blamed when some corpus article
    disagrees with it: the desk has already settled that figure.
    """
    kinds = {s.name: s.kind for s in settings.scopes}
    cumulative = claim.scope is not None and kinds.get(claim.scope) == "cumulative"
    facts = [f for f in settings.facts if f.topic == claim.topic]
    if claim.kind == "date":
        # A date backs nothing unless it is the vetted day: a day months off dates another event
        # of the kind (another truce), which the fact neither contradicts nor settles.
        return any(f.first is not None and claim.first is not None and claim.last is not None and claim.first <= f.first <= claim.last for f in facts)
    return bool(facts) and not any(contradicts(claim, f, cumulative, settings.tolerance) for f in facts)


def misdated(documents: Iterable[Document], claims: Iterable[Claim], settings: Settings) -> tuple[Problem, ...]:
    """A warning for each document dated before the event its running tolls count from.

    "More than 9,000 killed since the war began" in an article dated a month
    before the war began means the article's date is wrong (a date taken from
    a template, a scraper's default): everything compared from it is suspect.
    The event's day is the vetted fact ``date.<scope.starts>``.
    """
    starts = {s.name: s.starts for s in settings.scopes if s.starts}
    labels = {e.name: e.label for e in settings.events}
    vetted = {f.topic.removeprefix("date."): f.first for f in settings.facts if f.topic.startswith("date.") and f.first}
    dated = {d.id: d for d in documents if d.published is not None}
    out: dict[str, Problem] = {}
    for c in claims:
        doc = dated.get(c.document)
        event = starts.get(c.scope or "")
        day = vetted.get(event or "")
        if doc is None or day is None or doc.id in out or c.section != "body" or doc.published >= day:  # type: ignore[operator]
            continue
        if (day - doc.published).days > MISDATED_DAYS:  # type: ignore[operator]
            continue  # years before: an earlier war's toll, left out of comparison, not a wrong date
        message = (
            f"dated {doc.published.isoformat()}, before the {labels.get(event, event)} ({day.isoformat()}), "  # type: ignore[union-attr,arg-type]
            f'yet it reports a figure since then ("{c.text}", line {c.line}): check its date'
        )
        out[doc.id] = Problem(doc.path, message, "warning")
    return tuple(out[k] for k in sorted(out))
