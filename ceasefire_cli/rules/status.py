"""What all rules share once they ran: the order findings are reported in, and each topic's status.

Both are computed here and nowhere else, after every rule family of
:mod:`ceasefire_cli.rules.registry` has run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..models import SEVERITIES, Claim, Finding, Topic, TopicStatus


def claim_order(claim_id: str) -> tuple[str, int]:
    """``doc#12`` sorts after ``doc#9``: by document, then by the claim's number.

    >>> sorted(["a#10", "a#9", "b#1"], key=claim_order)
    ['a#9', 'a#10', 'b#1']
    """
    doc, _, n = claim_id.rpartition("#")
    return doc, int(n) if n.isdigit() else 0


def finding_order(f: Finding) -> tuple:
    """The order findings are reported in: severity (``models.SEVERITIES``), topic, first claim, code."""
    return (SEVERITIES.index(f.severity), f.topic or "", claim_order(f.claims[0]) if f.claims else ("", 0), f.code, f.message)


def ranked(findings: Iterable[Finding], claims: Iterable[Claim]) -> tuple[Finding, ...]:
    """Findings in the order an editor reads them: severity, then the newest report first, then :func:`finding_order`.

    A finding's date is the latest date of its claims (one without dated
    claims comes after the dated ones of its severity): yesterday's stale
    figure is the call to make before last year's.

    >>> import datetime as dt
    >>> from ..models import Claim
    >>> old, new = (Claim(f"d{n}#1", f"d{n}", "count", "1", 0, 1, 1, 1, "", as_of=dt.date(2024, n, 1)) for n in (1, 2))
    >>> [f.claims[0] for f in ranked([Finding("CF101", "error", "t", (old.id,), "m"), Finding("CF101", "error", "t", (new.id,), "m")], [old, new])]
    ['d2#1', 'd1#1']
    """
    when = {c.id: c.as_of.toordinal() for c in claims if c.as_of is not None}

    def key(f: Finding) -> tuple:
        latest = max((when[c] for c in f.claims if c in when), default=0)
        return (SEVERITIES.index(f.severity), -latest, *finding_order(f)[1:])

    return tuple(sorted(findings, key=key))


#: Codes that say two figures cannot both hold, whatever their severity: a dispute between
#: parties, two counting bases, or a contradiction graded down to a warning by confidence.
CONFLICT_CODES = frozenset({"CF101", "CF102", "CF104", "CF105", "CF107", "CF201", "CF203"})


def topic_status(topic: Topic, claims: Sequence[Claim], findings: Iterable[Finding]) -> TopicStatus:
    """``conflict`` when an error or a disagreement (:data:`CONFLICT_CODES`) names the topic; else what its claims show."""
    if any(f.severity == "error" or f.code in CONFLICT_CODES for f in findings):
        return "conflict"
    if topic.kind == "cumulative":
        dated = [c for c in claims if c.as_of is not None]
        if len({c.as_of for c in dated}) > 1:
            return "evolving"
        return "agree" if len(dated) > 1 else "single"
    comparable = [c for c in claims if topic.kind != "event_count" or c.event_first is not None]
    return "agree" if len(comparable) > 1 else "single"


def with_status(topics: Sequence[Topic], claims: Sequence[Claim], findings: Sequence[Finding]) -> tuple[Topic, ...]:
    """Every topic with its status, from all the findings of every rule."""
    by_id = {c.id: c for c in claims}
    about: dict[str, list[Finding]] = {}
    for f in findings:
        if f.topic is not None:
            about.setdefault(f.topic, []).append(f)
    return tuple(
        replace(t, status=topic_status(t, [by_id[i] for i in t.claims], about.get(t.id, ()))) for t in topics
    )
