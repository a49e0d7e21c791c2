"""claims.yaml -> validated, frozen :class:`Settings`.

Every error names the file, the line and the key at fault, and says what
would be accepted instead. YAML is read with the safe loader only: no tag in
the file can construct an object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_NAME = "claims.yaml"
TOPIC_KINDS = ("cumulative", "event_count", "event_date", "other")
SIDES = ("palestinian", "israeli", "neutral")


@dataclass(frozen=True, slots=True)
class Metric:
    """What a count counts, and the words that say so."""

    name: str
    label: str
    aliases: tuple[str, ...]
    population: str | None
    scope: str


@dataclass(frozen=True, slots=True)
class Population:
    """Who a count is about."""

    name: str
    label: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scope:
    """The span of time a count covers, and the phrases that announce it."""

    name: str
    label: str
    kind: str
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: a sentence naming a subject and a verb dates it."""

    name: str
    label: str
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Party:
    """A source of figures and the side it speaks for (for "disputed" findings)."""

    name: str
    label: str
    side: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SeriesBinding:
    """One topic read from a reference file: a field as it is, or its running sum from ``sum_from``."""

    topic: str
    field: str
    sum_from: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ReferenceSeries:
    """How to read one kind of reference file (``references.series.<name>``)."""

    name: str
    label: str
    date_field: str
    bindings: tuple[SeriesBinding, ...]
    #: The taxonomy event whose day is the file's first date (``war_start``), if any.
    starts: str | None = None


@dataclass(frozen=True, slots=True)
class References:
    """The ``references:`` block: reporting lag, dating limit and the series it knows."""

    lag_days: int = 3
    max_window_days: int = 31
    series: tuple[ReferenceSeries, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """The whole taxonomy, validated."""

    path: str
    metrics: tuple[Metric, ...]
    populations: tuple[Population, ...]
    scopes: tuple[Scope, ...]
    events: tuple[Event, ...]
    parties: tuple[Party, ...]
    default_population: str | None
    default_scope: str
    tolerance: float
    max_daily_growth: float
    not_count_units: tuple[str, ...]
    references: References = field(default_factory=References)

    def scope(self, name: str) -> Scope:
        """The scope called ``name`` (validated to exist at load time)."""
        return next(s for s in self.scopes if s.name == name)


# --- reading YAML with line numbers -------------------------------------------------

Lines = dict[tuple[str, ...], int]
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _construct(node: Any, loader: Any, path: tuple[str, ...], lines: Lines, where: str) -> Any:
    """Turn a composed YAML node into plain data, recording each key's line."""
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        # The safe loader would refuse this tag too; say so instead of building plain data.
        raise ConfigError(f"YAML syntax error: could not determine a constructor for the tag '{node.tag}'", f"{where}:{lines[path]}")
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                raise ConfigError(f"key {key!r} must be a string", f"{where}:{key_node.start_mark.line + 1}")
            if key in out:
                dotted = ".".join(path + (key,))
                raise ConfigError(f"duplicate key '{dotted}'", f"{where}:{key_node.start_mark.line + 1}")
            out[key] = _construct(value_node, loader, path + (key,), lines, where)
            # Errors about an entry point at its key, where the reader looks for it.
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(v, loader, path + (str(i),), lines, where) for i, v in enumerate(node.value)]
    return loader.construct_object(node)


def parse_yaml(text: str, where: str) -> tuple[Any, Lines]:
    """Parse YAML safely; return the data and a map from key path to line number."""
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: Lines = {}
        data = None if node is None else _construct(node, loader, (), lines, where)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"YAML syntax error: {exc.problem or exc.context}", f"{where}{line}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"YAML error: {exc}", where) from None
    finally:
        loader.dispose()
    return data, lines


# --- validation -----------------------------------------------------------------------

_SECTIONS: dict[str, dict[str, str]] = {
    "metrics": {"label": "str", "aliases": "phrases", "population": "str?", "scope": "str"},
    "populations": {"label": "str", "aliases": "phrases"},
    "scopes": {"label": "str", "kind": "str", "cues": "phrases"},
    "events": {"label": "str", "subjects": "phrases", "verbs": "phrases"},
    "parties": {"label": "str", "side": "str", "aliases": "phrases"},
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "metrics": ("aliases",),
    "populations": ("aliases",),
    "scopes": ("kind",),
    "events": ("subjects", "verbs"),
    "parties": ("side", "aliases"),
}
_TOP = ("version", "defaults", "not_counts", "references", *_SECTIONS)
_DEFAULTS = {"population": "str?", "scope": "str", "tolerance": "fraction", "max_daily_growth": "fraction"}


class _Checker:
    """Validates plain data against the taxonomy's shape; errors carry file:line."""

    def __init__(self, where: str, lines: Lines) -> None:
        self.where = where
        self.lines = lines

    def fail(self, path: tuple[str, ...], message: str) -> ConfigError:
        line = self.lines.get(path) or self.lines.get(path[:-1])
        return ConfigError(message, f"{self.where}:{line}" if line else self.where)

    def keys(self, data: dict[str, Any], allowed: tuple[str, ...], path: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                hint = _suggest(key, allowed)
                dotted = ".".join(path + (key,))
                raise self.fail(path + (key,), f"unknown key '{dotted}'{hint}")

    def mapping(self, value: Any, path: tuple[str, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(path, f"'{'.'.join(path)}' must be a mapping, not {_type_name(value)}")
        return value

    def value(self, value: Any, kind: str, path: tuple[str, ...]) -> Any:
        dotted = ".".join(path)
        if kind == "str?" and value is None:
            return None
        if kind in ("str", "str?"):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(path, f"'{dotted}' must be a non-empty string, not {_type_name(value)}")
            return value.strip()
        if kind == "fraction":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
                raise self.fail(path, f"'{dotted}' must be a number from 0 to 10, not {value!r}")
            return float(value)
        if not isinstance(value, list):
            raise self.fail(path, f"'{dotted}' must be a list of phrases, not {_type_name(value)}")
        phrases = []
        for i, item in enumerate(value):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str):
                raise self.fail(path + (str(i),), f"'{dotted}' item {i + 1} must be a phrase, not {_type_name(item)}")
            phrase = " ".join(item.split())
            # A phrase of wildcards or single letters would match nearly every sentence.
            if len(phrase.replace("*", "").replace(" ", "")) < 2:
                raise self.fail(path + (str(i),), f"'{dotted}' item {i + 1} ({item!r}) would match everything")
            phrases.append(phrase)
        return tuple(phrases)


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", type(None): "empty"}.get(type(value), type(value).__name__)


def _suggest(key: str, allowed: tuple[str, ...]) -> str:
    from rapidfuzz import process

    best = process.extractOne(key, allowed, score_cutoff=70)
    choices = ", ".join(allowed)
    return f" (did you mean '{best[0]}'?)" if best else f" (expected one of: {choices})"


def _entries(check: _Checker, data: dict[str, Any], section: str) -> list[dict[str, Any]]:
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
    check = _Checker(where, lines)
    data = check.mapping(data, ())
    check.keys(data, _TOP, ())
    if data.get("version", 1) != 1:
        raise check.fail(("version",), f"'version' must be 1, not {data['version']!r}")
    defaults = check.mapping(data.get("defaults"), ("defaults",))
    check.keys(defaults, tuple(_DEFAULTS), ("defaults",))
    dflt = {k: check.value(v, _DEFAULTS[k], ("defaults", k)) for k, v in defaults.items()}
    not_counts = check.mapping(data.get("not_counts"), ("not_counts",))
    check.keys(not_counts, ("units",), ("not_counts",))
    units = check.value(not_counts.get("units", []), "phrases", ("not_counts", "units"))

    populations = tuple(Population(e["name"], e["label"], e["aliases"]) for e in _entries(check, data, "populations"))
    scopes = _scopes(check, _entries(check, data, "scopes"))
    default_population = dflt.get("population", populations[0].name if populations else None)
    default_scope = dflt.get("scope", "war")
    pop_names = {p.name for p in populations}
    scope_names = {s.name for s in scopes}
    _known(check, default_population, pop_names, ("defaults", "population"), "population")
    _known(check, default_scope, scope_names | {"war"}, ("defaults", "scope"), "scope")
    metrics = []
    for e in _entries(check, data, "metrics"):
        population = e.get("population", default_population) if "population" in e else default_population
        _known(check, population, pop_names, ("metrics", e["name"], "population"), "population")
        scope = e.get("scope", default_scope)
        _known(check, scope, scope_names | {"war"}, ("metrics", e["name"], "scope"), "scope")
        metrics.append(Metric(e["name"], e["label"], e["aliases"], population, scope))
    if not metrics:
        raise check.fail(("metrics",), "'metrics' must list at least one metric")
    _unique_aliases(check, "metrics", metrics)
    _unique_aliases(check, "populations", populations)
    events = tuple(Event(e["name"], e["label"], e["subjects"], e["verbs"]) for e in _entries(check, data, "events"))
    references = _references(check, data, metrics, populations, scopes, events)
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
        default_population=default_population,
        default_scope=default_scope,
        tolerance=dflt.get("tolerance", 0.0),
        max_daily_growth=dflt.get("max_daily_growth", 0.05),
        not_count_units=units,
        references=references,
    )


def _scopes(check: _Checker, entries: list[dict[str, Any]]) -> tuple[Scope, ...]:
    scopes = []
    for e in entries:
        if e["kind"] not in TOPIC_KINDS:
            raise check.fail(("scopes", e["name"], "kind"), f"'scopes.{e['name']}.kind' must be one of {', '.join(TOPIC_KINDS)}, not {e['kind']!r}")
        scopes.append(Scope(e["name"], e["label"], e["kind"], e.get("cues", ())))
    if not any(s.name == "war" for s in scopes):
        # The default span of a toll always exists, even in a minimal file.
        scopes.append(Scope("war", "whole war", "cumulative", ()))
    if not any(s.kind == "event_count" for s in scopes):
        scopes.append(Scope("event", "one day or event", "event_count", ()))
    return tuple(scopes)


def _references(
    check: _Checker, data: dict[str, Any], metrics: list[Metric], populations: tuple[Population, ...], scopes: tuple[Scope, ...], events: tuple[Event, ...]
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
        check.keys(body, ("label", "date_field", "starts", "topics"), path)
        if not body.get("topics"):
            raise check.fail(path, f"'{'.'.join(path)}' needs 'topics'")
        starts = check.value(body.get("starts"), "str?", path + ("starts",))
        _known(check, starts, {e.name for e in events}, path + ("starts",), "event")
        bindings = []
        for topic, spec in check.mapping(body["topics"], path + ("topics",)).items():
            where = path + ("topics", topic)
            _bound_topic(check, topic, where, metrics, populations, scopes)
            spec = check.mapping(spec, where)
            check.keys(spec, ("field", "sum_from"), where)
            if "field" not in spec:
                raise check.fail(where, f"'{'.'.join(where)}' needs 'field'")
            since = spec.get("sum_from")
            if since is not None and (isinstance(since, dt.datetime) or not isinstance(since, dt.date)):
                raise check.fail(where + ("sum_from",), f"'{'.'.join(where)}.sum_from' must be a date (YYYY-MM-DD), not {since!r}")
            bindings.append(SeriesBinding(topic, check.value(spec["field"], "str", where + ("field",)), since))
        label = check.value(body.get("label", name.replace("_", " ")), "str", path + ("label",))
        date_field = check.value(body.get("date_field", "date"), "str", path + ("date_field",))
        out.append(ReferenceSeries(name, label, date_field, tuple(bindings), starts))
    return References(lag, widest, tuple(out))


def _whole(check: _Checker, value: Any, low: int, high: int, path: tuple[str, ...]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise check.fail(path, f"'{'.'.join(path)}' must be a whole number from {low} to {high}, not {value!r}")
    return value


def _bound_topic(
    check: _Checker, topic: str, path: tuple[str, ...], metrics: list[Metric], populations: tuple[Population, ...], scopes: tuple[Scope, ...]
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
    if kind != "cumulative":
        raise check.fail(path, f"'{dotted}' has scope {scope!r} of kind {kind}; a reference series binds cumulative topics only")


def _known(check: _Checker, value: str | None, names: set[str], path: tuple[str, ...], what: str) -> None:
    if value is not None and value not in names:
        raise check.fail(path, f"'{'.'.join(path)}' names {what} {value!r}, which is not defined")


def _unique_aliases(check: _Checker, section: str, entries: Any) -> None:
    owner: dict[str, str] = {}
    for entry in entries:
        for alias in entry.aliases:
            key = alias.lower()
            if key in owner and owner[key] != entry.name:
                raise check.fail((section, entry.name, "aliases"), f"alias {alias!r} of '{section}.{entry.name}' is also an alias of '{section}.{owner[key]}'")
            owner[key] = entry.name


# --- finding the file ---------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest claims.yaml in ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: str | Path | None = None, *, cwd: Path | None = None) -> Settings:
    """Read ``path``, else the nearest claims.yaml, else the taxonomy shipped with cfcheck."""
    if path is None:
        found = find_config(cwd or Path.cwd())
        if found is None:
            text = resources.files("ceasefire_cli").joinpath("default_claims.yaml").read_text("utf-8")
            return settings_from_text(text, "(built-in claims.yaml)")
        path = found
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError("no such file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", str(path)) from None
    return settings_from_text(text, str(path))
