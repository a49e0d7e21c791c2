"""Claims -> topics: one topic per metric, population and scope (and event day).

A claim joins a topic when it can take part in comparison: body claims
always, comment-section claims only when the run includes comments. Dates join
a topic only when they date a known event; counts only when their scope is of
a kind that is compared (never ``unchecked`` scopes: unknown, projection,
increment, since another date).
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from .config import Settings
from .models import Claim, Topic, TopicKind

_KIND_ORDER = {"cumulative": 0, "event_count": 1, "other": 2, "event_date": 3}


def topic_key(claim: Claim, settings: Settings) -> tuple[str, str, str | None, str | None, str] | None:
    """(kind, metric, population, scope, day) naming the topic of ``claim``, or None."""
    if claim.kind == "date":
        return ("event_date", "date", None, claim.event, "") if claim.event else None
    if claim.metric is None or claim.scope is None:
        return None
    if any(m.fallback and m.name == claim.metric for m in settings.metrics):
        return None  # people the beat has no metric for ("two million people are starving"): listed only
    scope = settings.scope(claim.scope)
    kind = scope.kind
    if kind == "unchecked":
        return None  # a forecast, an increment, an unstated span: listed, never compared
    start = _start_of(scope.starts, settings)
    if start is not None and claim.as_of is not None and claim.as_of < start:
        return None  # "the death toll rises to 200" in May 2021 counts another war
    day = claim.event_first.isoformat() if kind == "event_count" and claim.event_first else ""
    if kind == "event_count" and not day:
        day = "undated"
    if kind == "event_count" and claim.event:
        day += "@" + claim.event  # the place: one day's strike on Rafah is not its strike on Jabalia
    return (kind, claim.metric, claim.population, claim.scope, day)


def topic_of(claim: Claim, settings: Settings) -> str | None:
    """The id of the topic a body claim joins (what :func:`assign_topics` gives it), or None.

    >>> from ceasefire_cli.config import load_settings
    >>> c = Claim("a#1", "a", "count", "70,100", 0, 6, 1, 1, "", low=70100.0, high=70100.0, metric="killed",
    ...           population="palestinians", scope="war")
    >>> topic_of(c, load_settings())
    'killed.palestinians.war'
    """
    key = topic_key(claim, settings)
    return None if key is None else _topic_id(key)


def _start_of(event: str | None, settings: Settings):
    """The vetted day of ``event`` (``facts: topic: date.<event>``), or None."""
    if event is None:
        return None
    return next((f.first for f in settings.facts if f.topic == f"date.{event}"), None)


def _topic_id(key: tuple) -> str:
    kind, metric, population, scope, day = key
    if kind == "event_date":
        return "date." + scope.replace(":", ".")
    parts = [metric, population or "any", scope]
    if day:
        parts.append(day.replace(" ", "-"))
    return ".".join(parts)


def _label(key: tuple, settings: Settings) -> str:
    kind, metric, population, scope, day = key
    if kind == "event_date":
        name, _, number = scope.partition(":")
        event = next(e for e in settings.events if e.name == name)
        return f"date: {event.label}" + (f" ({number})" if number else "")
    m = next(x for x in settings.metrics if x.name == metric)
    who = next((p.label for p in settings.populations if p.name == population), None)
    if m.by_actor:  # what a side did: "Ceasefire violations by Israelis"
        head = m.label.capitalize() + (f" by {who}" if who else "")
    else:
        head = f"{who} {m.label}" if who else m.label.capitalize()
    if kind == "event_count":
        day, _, where = day.partition("@")
        when = "on an unknown day" if day == "undated" else f"on {day}"
        return f"{head} · {when}" + (f" · {where}" if where else "")
    return f"{head} · {settings.scope(scope).label}"


def with_topics(
    claims: tuple[Claim, ...], settings: Settings, *, include_comments: bool = False, ids: dict[tuple, str] | None = None
) -> tuple[Claim, ...]:
    """The claims with the topic ids :func:`assign_topics` gives them, the topics themselves not built.

    A claim's topic depends on it alone, so each document's claims can be
    given theirs as they are read; ``ids`` shares one id string per topic
    across calls.

    >>> from ceasefire_cli.config import load_settings
    >>> c = Claim("a#1", "a", "count", "70,100", 0, 6, 1, 1, "", low=70100.0, high=70100.0, metric="killed",
    ...           population="palestinians", scope="war")
    >>> [x.topic for x in with_topics((c,), load_settings())]
    ['killed.palestinians.war']
    """
    ids = {} if ids is None else ids
    out = []
    for claim in claims:
        key = topic_key(claim, settings) if claim.section == "body" or include_comments else None
        topic = None if key is None else ids.get(key)
        if key is not None and topic is None:
            topic = ids[key] = _topic_id(key)
        out.append(claim if claim.topic == topic else replace(claim, topic=topic))
    return tuple(out)


def assign_topics(
    claims: tuple[Claim, ...], settings: Settings, *, include_comments: bool = False
) -> tuple[tuple[Claim, ...], tuple[Topic, ...]]:
    """Give each comparable claim its topic id; return the claims and the topics.

    Topics come sorted by kind (cumulative, event counts, other, event dates)
    then id; each lists its claims in document, then offset order.
    """
    members: dict[tuple, list[Claim]] = {}
    ids: dict[tuple, str] = {}  # one id string per topic, shared by its claims
    out = []
    for claim in claims:
        key = None
        if claim.section == "body" or include_comments:
            key = topic_key(claim, settings)
        if key is None:
            out.append(claim)
            continue
        topic = ids.get(key)
        if topic is None:
            topic = ids[key] = _topic_id(key)
        if claim.topic != topic:  # claims given their topics already (with_topics) are kept as they are
            claim = replace(claim, topic=topic)
        members.setdefault(key, []).append(claim)
        out.append(claim)
    topics = []
    for key, group in members.items():
        _, metric, population, scope, day = key
        kind = cast(TopicKind, key[0])
        first = group[0].event_first if kind == "event_count" and not day.startswith("undated") else None
        topics.append(
            Topic(
                id=_topic_id(key),
                label=_label(key, settings),
                kind=kind,
                metric=metric,
                population=population,
                scope=scope,
                claims=tuple(c.id for c in group),
                event_first=first,
                event_last=group[0].event_last if first else None,
            )
        )
    topics.sort(key=lambda t: (_KIND_ORDER[t.kind], t.id))
    return tuple(out), tuple(topics)
