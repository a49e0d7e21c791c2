"""What the comparison rules share: their context, and how a disagreement becomes a finding.

A finding names the claim it blames first; an error needs two high-confidence
claims (:func:`graded`); figures of opposing parties are a dispute (CF201) and
of two named counting bases a CF203.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..codes import GRADED, rule
from ..config import Settings
from ..models import Claim, Finding, Topic
from .intervals import above, describe_claim, describe_many, lower, opposed, other_bases, same_sentence, sure, upper
from .status import claim_order

class Ctx:
    """What every rule needs: the settings, the parties' sides and a describer."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sides = {p.name: p.side for p in settings.parties}
        self.describe = describe_claim
        #: The running toll's dated claims, set per topic by :func:`_cumulative`.
        self.dated: list[Claim] = []
        self.dated_days: list[dt.date] = []  # their dates, for bisecting
        #: Ids of its figures that the reports after them put far below (a misdated record).
        self.outliers: set[str] = set()
        #: The (date, value) points of the same people's other running tolls of the same span.
        self.siblings: list[tuple[list[dt.date], list[float]]] = []


def topic_claims(topic: Topic, by_id: dict[str, Claim]) -> list[Claim]:
    """The claims of ``topic``, in its order."""
    return [by_id[i] for i in topic.claims]


def make_finding(code: str, topic: Topic, claims: Iterable[Claim], message: str, severity=None, blame: Claim | None = None) -> Finding:
    """A finding on ``claims`` in document order, the one it ``blame``s first (where line formats point)."""
    ids = sorted({c.id for c in claims}, key=claim_order)
    if blame is not None and blame.id in ids:
        ids.remove(blame.id)
        ids.insert(0, blame.id)
    return Finding(code, severity or rule(code).severity, topic.id, tuple(ids), message)


def overlap(
    topic: Topic, claims: list[Claim], code: str, ctx: Ctx, slack: float = 0.0, relative: float | None = None
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
    top = max(claims, key=lambda c: (lower(c), c.id))
    bottom = min(claims, key=lambda c: (upper(c), c.id))
    if not above(top, bottom, tolerance, slack) or same_sentence(top, bottom):
        return []
    if slack and not above(top, bottom, tolerance, slack * STALE):
        # Beyond lag, but only just: reports quote an older update. Every one of them is named
        # (a draft quoting the same old figure as a corpus article must see the finding too).
        stale = sorted((c for c in claims if c is not top and above(top, c, tolerance, slack)), key=lambda c: (upper(c), c.id))
        message = rule("CF106").message(topic=topic.label, stale=describe_many(stale), newer=ctx.describe(top))
        return [make_finding("CF106", topic, [top, *stale], message, blame=bottom)]
    members = [c for c in claims if above(top, c, tolerance, slack) or above(c, bottom, tolerance, slack)]
    members += [top, bottom]
    message = rule(code).message(topic=topic.label, top=ctx.describe(top), bottom=ctx.describe(bottom))
    if opposed(top, bottom, ctx.sides):
        return [make_finding("CF201", topic, members, rule("CF201").message(message=message))]
    if other_bases(top, bottom):
        return [basis_finding(topic, members, top, bottom, ctx, message)]
    certain = [c for c in claims if sure(c)]
    strong = len(certain) > 1 and above(max(certain, key=lambda c: (lower(c), c.id)), min(certain, key=lambda c: (upper(c), c.id)), tolerance, slack)
    return [graded(code, topic, members, message, strong, top, bottom, blame=bottom)]


#: Gaps up to this many times the lag slack are a stale quote (CF106), not a contradiction.
STALE = 2.0


def basis_finding(topic: Topic, members: list[Claim], a: Claim, b: Claim, ctx: Ctx, message: str) -> Finding:
    labels = {x.name: x.label for x in ctx.settings.bases}
    named = (labels.get(a.basis or "", a.basis), labels.get(b.basis or "", b.basis))
    return make_finding("CF203", topic, members, rule("CF203").message(a=named[0], b=named[1], message=message))


def graded(code: str, topic: Topic, members: list[Claim], message: str, strong: bool, *pair: Claim, blame: Claim | None = None) -> Finding:
    """The finding for ``code``, an error only when two high-confidence claims conflict.

    Anything weaker is a warning that says which reading is in doubt and why.
    """
    if strong or rule(code).severity != "error":
        return make_finding(code, topic, members, message, blame=blame)
    weak = next((c for c in pair if not sure(c)), pair[0])
    note = f"{weak.id} read with {weak.confidence} confidence ({weak.doubts or 'no reason given'})"
    return make_finding(code, topic, members, GRADED.format(message=message, note=note), severity="warning", blame=blame)
