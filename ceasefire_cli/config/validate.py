"""Validating the text of a claims.yaml into :class:`Settings`.

Sections and defaults, names that refer to other sections, reference series
and facts.

Every error names the file, the line and the key at fault, and says what
would be accepted instead. YAML is read with the safe loader only: no tag in
the file can construct an object.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..yamlcheck import Checker, parse_yaml, type_name
from .records import (
    Basis, Event, Fact, Metric, Party, Population, ReferenceSeries, References, Scope, SeriesBinding, Settings,
)

__all__ = ["settings_from_text", "TOPIC_KINDS", "SIDES"]

#: ``unchecked`` scopes (unknown, projection, increment, …) are listed in reports, never compared.
TOPIC_KINDS = ("cumulative", "event_count", "event_date", "other", "unchecked")
SIDES = ("palestinian", "israeli", "neutral")


_SECTIONS: dict[str, dict[str, str]] = {
    "metrics": {"label": "str", "aliases": "phrases", "population": "str?", "scope": "str", "flows": "phrases", "fallback": "bool", "held": "bool", "by_actor": "bool"},
    "populations": {"label": "str", "aliases": "phrases", "before_figure": "phrases", "actors": "phrases", "side": "str?"},
    "scopes": {"label": "str", "kind": "str", "cues": "phrases", "starts": "str?"},
    "events": {"label": "str", "subjects": "phrases", "verbs": "phrases", "ids": "phrases"},
    "parties": {"label": "str", "side": "str", "aliases": "phrases"},
    "bases": {"label": "str", "aliases": "phrases"},
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "metrics": ("aliases",),
    "populations": ("aliases",),
    "scopes": ("kind",),
    "events": ("subjects", "verbs"),
    "parties": ("side", "aliases"),
    "bases": ("aliases",),
}
_TOP = ("version", "defaults", "not_counts", "clauses", "references", "facts", *_SECTIONS)
_DEFAULTS = {
    "population": "str?",
    "scope": "str",
    "tolerance": "fraction",
    "max_daily_growth": "fraction",
    "max_daily_increase": "count",
    "max_fall": "fraction",
    "lag_growth": "fraction",
    "event_growth": "fraction",
    "event_ceiling": "count",
}


def _entries(check: Checker, data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    """Validate one section's entries; return dicts with a 'name' key added."""
    out = []
    spec = _SECTIONS[section]
    for name, raw in check.mapping(data.get(section), (section,)).items():
        path = (section, name)
        body = check.mapping(raw, path)
        check.keys(body, tuple(spec), path)
        for key in _REQUIRED[section]:
            if key not in body:
                raise check.fail(path, f"'{section}.{name}' needs '{key}'")
        entry: dict[str, Any] = {"name": name, "label": name.replace("_", " ")}
        for key, kind in spec.items():
            if key in body:
                entry[key] = check.value(body[key], kind, path + (key,))
        out.append(entry)
    return out


def settings_from_text(text: str, where: str) -> Settings:
    """Validate the text of a claims.yaml.

    >>> s = settings_from_text("metrics:\\n  killed:\\n    aliases: [killed]\\n", "x.yaml")
    >>> [m.name for m in s.metrics], s.default_scope
    (['killed'], 'war')
    """
    data, lines = parse_yaml(text, where)
    check = Checker(where, lines)
    data = check.mapping(data, ())
    check.keys(data, _TOP, ())
    if data.get("version", 1) != 1:
        raise check.fail(("version",), f"'version' must be 1, not {data['version']!r}")
    defaults = check.mapping(data.get("defaults"), ("defaults",))
    check.keys(defaults, tuple(_DEFAULTS), ("defaults",))
    dflt = {k: check.value(v, _DEFAULTS[k], ("defaults", k)) for k, v in defaults.items()}
    not_counts = check.mapping(data.get("not_counts"), ("not_counts",))
    check.keys(not_counts, ("units", "nouns"), ("not_counts",))
    units = check.value(not_counts.get("units", []), "phrases", ("not_counts", "units"))
    nouns = check.value(not_counts.get("nouns", []), "phrases", ("not_counts", "nouns"))
    clauses = check.mapping(data.get("clauses"), ("clauses",))
    check.keys(clauses, ("subsets", "weak", "places", "fronts", "front_words"), ("clauses",))
    front_words = check.value(clauses.get("front_words", []), "phrases", ("clauses", "front_words"))
    subsets = check.value(clauses.get("subsets", []), "phrases", ("clauses", "subsets"))
    weak = check.value(clauses.get("weak", []), "phrases", ("clauses", "weak"))

    populations = tuple(
        Population(e["name"], e["label"], e["aliases"], e.get("before_figure", ()), e.get("actors", ()), e.get("side"))
        for e in _entries(check, data, "populations")
    )
    for p in populations:
        if p.side is not None and p.side not in SIDES:
            raise check.fail(("populations", p.name, "side"), f"'populations.{p.name}.side' must be one of {', '.join(SIDES)}, not {p.side!r}")
    scopes = _scopes(check, _entries(check, data, "scopes"))
    default_population = dflt.get("population", populations[0].name if populations else None)
    default_scope = dflt.get("scope", "war")
    pop_names = {p.name for p in populations}
    places = check.value(clauses.get("places", []), "phrases", ("clauses", "places"))
    fronts = check.value(clauses.get("fronts", []), "phrases", ("clauses", "fronts"))
    for key, names in (("places", places), ("fronts", fronts)):
        for i, name in enumerate(names):
            _known(check, name, pop_names, ("clauses", key, str(i)), "population")
    scope_names = {s.name for s in scopes}
    _known(check, default_population, pop_names, ("defaults", "population"), "population")
    _known(check, default_scope, scope_names | {"war"}, ("defaults", "scope"), "scope")
    metrics = []
    for e in _entries(check, data, "metrics"):
        population = e.get("population", default_population) if "population" in e else default_population
        _known(check, population, pop_names, ("metrics", e["name"], "population"), "population")
        scope = e.get("scope", default_scope)
        _known(check, scope, scope_names | {"war"}, ("metrics", e["name"], "scope"), "scope")
        metrics.append(Metric(
            e["name"], e["label"], e["aliases"], population, scope, e.get("flows", ()), e.get("fallback", False), e.get("held", False),
            e.get("by_actor", False),
        ))
    if sum(m.fallback for m in metrics) > 1:
        raise check.fail(("metrics",), "'metrics' may have one fallback metric, not " + ", ".join(m.name for m in metrics if m.fallback))
    if not metrics:
        raise check.fail(("metrics",), "'metrics' must list at least one metric")
    _unique_aliases(check, "metrics", metrics)
    _unique_aliases(check, "populations", populations)
    events = tuple(Event(e["name"], e["label"], e["subjects"], e["verbs"], e.get("ids", ())) for e in _entries(check, data, "events"))
    for scope in scopes:
        _known(check, scope.starts, {e.name for e in events}, ("scopes", scope.name, "starts"), "event")
    bases = tuple(Basis(e["name"], e["label"], e["aliases"]) for e in _entries(check, data, "bases"))
    references = _references(check, data, metrics, populations, scopes, events, tuple(b.name for b in bases))
    parties = []
    for e in _entries(check, data, "parties"):
        if e["side"] not in SIDES:
            raise check.fail(("parties", e["name"], "side"), f"'parties.{e['name']}.side' must be one of {', '.join(SIDES)}, not {e['side']!r}")
        parties.append(Party(e["name"], e["label"], e["side"], e["aliases"]))
    return Settings(
        path=where,
        metrics=tuple(metrics),
        populations=populations,
        scopes=scopes,
        events=events,
        parties=tuple(parties),
        bases=bases,
        default_population=default_population,
        default_scope=default_scope,
        tolerance=dflt.get("tolerance", 0.0),
        max_daily_growth=dflt.get("max_daily_growth", 0.05),
        max_daily_increase=dflt.get("max_daily_increase", 100.0),
        max_fall=dflt.get("max_fall", 0.5),
        lag_growth=dflt.get("lag_growth", 0.005),
        event_growth=dflt.get("event_growth", 0.5),
        event_ceiling=dflt.get("event_ceiling", 5000.0),
        not_count_units=units,
        not_count_nouns=nouns,
        references=references,
        facts=_facts(check, data, metrics, populations, scopes, events),
        subset_cues=subsets,
        weak_cues=weak,
        place_populations=places,
        front_populations=fronts,
        front_words=front_words,
    )


def _scopes(check: Checker, entries: list[dict[str, Any]]) -> tuple[Scope, ...]:
    scopes = []
    for e in entries:
        if e["kind"] not in TOPIC_KINDS:
            raise check.fail(("scopes", e["name"], "kind"), f"'scopes.{e['name']}.kind' must be one of {', '.join(TOPIC_KINDS)}, not {e['kind']!r}")
        scopes.append(Scope(e["name"], e["label"], e["kind"], e.get("cues", ()), e.get("starts")))
    if not any(s.name == "war" for s in scopes):
        # The default span of a toll always exists, even in a minimal file.
        scopes.append(Scope("war", "whole war", "cumulative", ()))
    if not any(s.kind == "event_count" for s in scopes):
        scopes.append(Scope("event", "one day or event", "event_count", ()))
    return tuple(scopes)


def _references(
    check: Checker, data: dict[str, Any], metrics: list[Metric], populations: tuple[Population, ...], scopes: tuple[Scope, ...], events: tuple[Event, ...],
    bases: tuple[str, ...] = (),
) -> References:
    """Validate ``references:``: lag, dating limit and each series' topic bindings."""
    top = check.mapping(data.get("references"), ("references",))
    check.keys(top, ("lag_days", "max_window_days", "series"), ("references",))
    lag = _whole(check, top.get("lag_days", 3), 0, 60, ("references", "lag_days"))
    widest = _whole(check, top.get("max_window_days", 31), 1, 3660, ("references", "max_window_days"))
    out = []
    for name, raw in check.mapping(top.get("series"), ("references", "series")).items():
        path = ("references", "series", name)
        body = check.mapping(raw, path)
        check.keys(body, ("label", "date_field", "starts", "basis", "topics"), path)
        if not body.get("topics"):
            raise check.fail(path, f"'{'.'.join(path)}' needs 'topics'")
        starts = check.value(body.get("starts"), "str?", path + ("starts",))
        _known(check, starts, {e.name for e in events}, path + ("starts",), "event")
        bindings = []
        for topic, spec in check.mapping(body["topics"], path + ("topics",)).items():
            where = path + ("topics", topic)
            _bound_topic(check, topic, where, metrics, populations, scopes)
            spec = check.mapping(spec, where)
            check.keys(spec, ("field", "sum_from", "tolerance", "optional"), where)
            if "field" not in spec:
                raise check.fail(where, f"'{'.'.join(where)}' needs 'field'")
            since = spec.get("sum_from")
            if since is not None and (isinstance(since, dt.datetime) or not isinstance(since, dt.date)):
                raise check.fail(where + ("sum_from",), f"'{'.'.join(where)}.sum_from' must be a date (YYYY-MM-DD), not {since!r}")
            tolerance = check.value(spec.get("tolerance", 0.0), "fraction", where + ("tolerance",))
            optional = spec.get("optional", False)
            if not isinstance(optional, bool):
                raise check.fail(where + ("optional",), f"'{'.'.join(where)}.optional' must be true or false, not {optional!r}")
            bindings.append(SeriesBinding(topic, check.value(spec["field"], "str", where + ("field",)), since, tolerance, optional))
        label = check.value(body.get("label", name.replace("_", " ")), "str", path + ("label",))
        date_field = check.value(body.get("date_field", "date"), "str", path + ("date_field",))
        basis = check.value(body.get("basis"), "str?", path + ("basis",))
        _known(check, basis, set(bases), path + ("basis",), "basis")
        out.append(ReferenceSeries(name, label, date_field, tuple(bindings), starts, basis))
    return References(lag, widest, tuple(out))


def _facts(check: Checker, data: dict[str, Any], metrics, populations, scopes, events) -> tuple[Fact, ...]:
    """Validate ``facts:``: a list of vetted dates (``date.<event>``) and figures (``metric.population.scope``)."""
    raw = data.get("facts") or []
    if not isinstance(raw, list):
        raise check.fail(("facts",), f"'facts' must be a list, not {type_name(raw)}")
    out = []
    for i, item in enumerate(raw):
        path = ("facts", str(i))
        body = check.mapping(item, path)
        check.keys(body, ("topic", "date", "value", "low", "high", "as_of", "source"), path)
        topic = check.value(body.get("topic"), "str", path + ("topic",))
        source = check.value(body.get("source", "vetted by the desk"), "str", path + ("source",))
        line = check.lines.get(path, 0)
        if topic.startswith("date."):
            _known(check, topic.split(".")[1], {e.name for e in events}, path + ("topic",), "event")
            day = _day(check, body.get("date"), path + ("date",))
            out.append(Fact(topic, source, line, first=day, last=day))
            continue
        _bound_topic(check, ".".join(topic.split(".")[:3]), path + ("topic",), metrics, populations, scopes, any_kind=True)
        low, high = body.get("low", body.get("value")), body.get("high", body.get("value"))
        for key in ("value", "low", "high"):
            value = body.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise check.fail(path + (key,), f"'facts.{i}.{key}' must be a number, not {value!r}")
            if value is not None and not math.isfinite(value):  # .nan compares false with everything: it would never fire
                raise check.fail(path + (key,), f"'facts.{i}.{key}' must be a finite number, not {value!r}")
        if low is None and high is None:
            raise check.fail(path, f"'facts.{i}' needs 'value' (or 'low'/'high') or, for a date.<event> topic, 'date'")
        as_of = _day(check, body["as_of"], path + ("as_of",)) if "as_of" in body else None
        out.append(Fact(topic, source, line, low=low, high=high, as_of=as_of))
    return tuple(out)


def _day(check: Checker, value: Any, path: tuple[str, ...]) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise check.fail(path, f"'{'.'.join(path)}' must be a date (YYYY-MM-DD), not {value!r}")


def _whole(check: Checker, value: Any, low: int, high: int, path: tuple[str, ...]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise check.fail(path, f"'{'.'.join(path)}' must be a whole number from {low} to {high}, not {value!r}")
    return value


def _bound_topic(
    check: Checker,
    topic: str,
    path: tuple[str, ...],
    metrics: list[Metric],
    populations: tuple[Population, ...],
    scopes: tuple[Scope, ...],
    *,
    any_kind: bool = False,
) -> None:
    """A reference series binds a cumulative topic id ``metric.population.scope``."""
    dotted = ".".join(path)
    parts = topic.split(".")
    if len(parts) != 3:
        raise check.fail(path, f"'{dotted}': a topic id is metric.population.scope (e.g. killed.palestinians.war)")
    metric, population, scope = parts
    _known(check, metric, {m.name for m in metrics}, path, "metric")
    _known(check, population, {p.name for p in populations} | {"any"}, path, "population")
    _known(check, scope, {s.name for s in scopes}, path, "scope")
    kind = next(s.kind for s in scopes if s.name == scope)
    if kind != "cumulative" and not any_kind:
        raise check.fail(path, f"'{dotted}' has scope {scope!r} of kind {kind}; a reference series binds cumulative topics only")


def _known(check: Checker, value: str | None, names: set[str], path: tuple[str, ...], what: str) -> None:
    if value is not None and value not in names:
        raise check.fail(path, f"'{'.'.join(path)}' names {what} {value!r}, which is not defined")


def _unique_aliases(check: Checker, section: str, entries: Any) -> None:
    owner: dict[str, str] = {}
    for entry in entries:
        for alias in entry.aliases:
            key = alias.lower()
            if key in owner and owner[key] != entry.name:
                raise check.fail((section, entry.name, "aliases"), f"alias {alias!r} of '{section}.{entry.name}' is also an alias of '{section}.{owner[key]}'")
            owner[key] = entry.name
