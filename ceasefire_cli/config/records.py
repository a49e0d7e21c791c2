"""The taxonomy's frozen records, from Metric to the Settings that holds them all.

Metrics, populations, scopes, events, parties, bases, reference series and
facts. No validation and no I/O here: ``validate.py`` builds these from a claims.yaml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Metric:
    """What a count counts, and the words that say so."""

    name: str
    label: str
    aliases: tuple[str, ...]
    population: str | None
    scope: str
    #: Verbs that make a count of this metric one event (a flow), not a stock: "3 hostages freed".
    flows: tuple[str, ...] = ()
    #: A count of people the beat has no metric for ("two million people are starving"): its
    #: aliases are read only right after a figure no other metric claims, and it is never compared.
    fallback: bool = False
    #: People held by a party (captives, prisoners): where a sentence names them ("welcomed in
    #: Ramallah") never makes them another place's people.
    held: bool = False
    #: Counts of what a side did (violations): their group is the doer their clause names
    #: ("Hamas violated the truce 120 times", "1,600 Israeli violations"), from populations' ``actors``.
    by_actor: bool = False


@dataclass(frozen=True, slots=True)
class Population:
    """Who a count is about."""

    name: str
    label: str
    aliases: tuple[str, ...]
    #: Words right before a held metric's figure that make it this population ("the bodies of
    #: four hostages": the dead ones).
    before_figure: tuple[str, ...] = ()
    #: Words that name this group as the doer of a ``by_actor`` metric ("Israeli forces", "Hamas").
    actors: tuple[str, ...] = ()
    #: The side of the war this group is (``parties``' sides): a side's source that names no doer
    #: counts what the other side did ("the Media Office documented 535 violations": Israel's).
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """The span of time a count covers, and the phrases that announce it."""

    name: str
    label: str
    kind: str
    cues: tuple[str, ...]
    #: The event whose day the span starts from (``war_start``): an article dated before it cannot report the span.
    starts: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: a sentence naming a subject and a verb dates it."""

    name: str
    label: str
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    #: Words whose following number says which event of the kind ("Resolution 2803").
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Party:
    """A source of figures and the side it speaks for (for "disputed" findings)."""

    name: str
    label: str
    side: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Basis:
    """A way of counting (the Health Ministry's register, the Media Office's count with the missing)."""

    name: str
    label: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SeriesBinding:
    """One topic read from a reference file: a field as it is, or its running sum from ``sum_from``."""

    topic: str
    field: str
    sum_from: dt.date | None = None
    #: How far a claim may stand from the series and still match it, as a share (a sum of
    #: daily figures runs a few per cent below the totals the source states).
    tolerance: float = 0.0
    #: A field the file may lack altogether (breakdowns): then the topic goes unchecked, no error.
    optional: bool = False


@dataclass(frozen=True, slots=True)
class ReferenceSeries:
    """How to read one kind of reference file (``references.series.<name>``)."""

    name: str
    label: str
    date_field: str
    bindings: tuple[SeriesBinding, ...]
    #: The taxonomy event whose day is the file's first date (``war_start``), if any.
    starts: str | None = None
    #: Whose count the series is (a name under ``bases:``): claims of another named basis are not held to it.
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class References:
    """The ``references:`` block: reporting lag, dating limit and the series it knows."""

    lag_days: int = 3
    max_window_days: int = 31
    series: tuple[ReferenceSeries, ...] = ()


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact the desk has vetted: a topic's date, or its figure as of a date.

    ``line`` is where it stands in claims.yaml, so a finding can point at it.
    """

    topic: str
    source: str
    line: int
    first: dt.date | None = None
    last: dt.date | None = None
    low: float | None = None
    high: float | None = None
    as_of: dt.date | None = None


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
    not_count_nouns: tuple[str, ...] = ()
    max_daily_increase: float = 100.0
    max_fall: float = 0.5
    #: A running toll's growth a day while reports catch up (see ``defaults.lag_growth``).
    lag_growth: float = 0.005
    #: How far reports of one event's count may grow apart (0.5: 33 and 42 of one Sunday agree).
    event_growth: float = 0.5
    #: No one strike, raid or day has killed or wounded more: a bigger figure told with a day is a running
    #: total reported that day ("on 15 January, recorded 71,400 killed"), not that day's event.
    event_ceiling: float = 5000.0
    references: References = field(default_factory=References)
    facts: tuple[Fact, ...] = ()
    #: Words that open a sub-group of a total named before a figure ("including").
    subset_cues: tuple[str, ...] = ()
    #: Running-total cues that give way to an event cue in the same clause ("toll").
    weak_cues: tuple[str, ...] = ()
    #: Populations named by a place ("in the West Bank"): nearer the figure than Gaza, they win.
    place_populations: tuple[str, ...] = ()
    #: Populations of the war's other fronts: events dated beside them are theirs.
    front_populations: tuple[str, ...] = ()
    #: Actors of the war's other fronts ("Hezbollah"): an event dated beside one is theirs.
    front_words: tuple[str, ...] = ()
    #: Counting bases, named by a claim's attribution: figures of two bases may differ.
    bases: tuple[Basis, ...] = ()

    def scope(self, name: str) -> Scope:
        """The scope called ``name`` (validated to exist at load time)."""
        return next(s for s in self.scopes if s.name == name)

    @property
    def war_start(self) -> dt.date | None:
        """The vetted first day of the war (``facts: topic: date.war_start``), if the desk gave one."""
        return next((f.first for f in self.facts if f.topic == "date.war_start" and f.first is not None), None)
