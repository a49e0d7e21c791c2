"""Frozen records shared by every stage of the pipeline; no I/O here.

The pipeline is ``paths -> Document -> Quantity/DateMention -> Claim -> Topic
-> Finding``, gathered into one :class:`Report`. Every record is immutable;
a later stage that refines a record makes a copy with ``dataclasses.replace``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
Section = Literal["body", "comments"]
ClaimKind = Literal["count", "date"]
TopicStatus = Literal["agree", "evolving", "conflict", "single"]
TopicKind = Literal["cumulative", "event_count", "event_date", "other", "unchecked"]

_ONE_DAY = dt.timedelta(days=1)

#: Severities from most to least serious; the index is the rank.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as a reader means it: the words that state it and the interval they allow.

    ``low``/``high`` are ``None`` for an open bound; an exact figure has
    ``low == high``. ``hedge`` names the rule that made the interval
    (``exact``, ``above``, ``at_least``, ``below``, ``about``, ``at_most``,
    ``range``, ``vague``); ``unit`` is ``count`` or ``percent``.
    """

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    value: float
    hedge: str = "exact"
    unit: str = "count"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written, resolved to the span of days it names (inclusive)."""

    start: int
    end: int
    text: str
    first: dt.date
    last: dt.date
    relative: bool = False


@dataclass(frozen=True, slots=True)
class Digest:
    """What the stages after extraction read in a document's text, kept when a large run drops the text.

    ``names`` are the names in the body (CF202), each at the line and column
    of the same place in ``name_lines`` and ``name_columns`` (three flat
    tuples weigh a third of one tuple per name); ``figures`` the (start, end)
    of each claim whose figure occurs twice in its one-line sentence, with
    where the text before it places the figure there (quotes).
    """

    length: int
    comments_line: int | None = None
    names: tuple[str, ...] = ()
    name_lines: tuple[int, ...] = ()
    name_columns: tuple[int, ...] = ()
    figures: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """One article as loaded: its decoded text and what is known of its origin.

    ``body_end`` is the offset where a reader-comment section begins
    (``len(text)`` when there is none). ``published_window`` is set when the
    date is an estimate spanning several days.
    """

    id: str
    path: str
    text: str
    published: dt.date | None = None
    published_basis: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    body_end: int = -1
    encoding: str = "utf-8"
    published_window: tuple[dt.date, dt.date] | None = None
    #: (line, code) pairs silenced by ``<!-- cfcheck: ... -->`` comments ("*" = every code).
    silenced: tuple[tuple[int, str], ...] = ()
    #: For an entry of a JSON or JSON Lines file: (the file's path, the line its record starts on),
    #: where CI annotations point, since ``path`` ("a.json#2") names no file. None for a whole file.
    record: tuple[str, int] | None = None
    #: Set when the text has been dropped after extraction (``text`` is then ""): what is still needed of it.
    digest: Digest | None = None

    @property
    def comments_start(self) -> int | None:
        """Offset of the comment section, or None when the article has none."""
        length = len(self.text) if self.digest is None else self.digest.length
        return self.body_end if 0 <= self.body_end < length else None


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be read, or was read with a caveat."""

    path: str
    message: str
    severity: Literal["error", "warning"] = "error"


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric or date statement in one document, classified for comparison.

    ``scope`` is the span of time a count covers (``war``, ``since_ceasefire``,
    ``event``, …); for an event count ``event_first``/``event_last`` say which
    day(s). ``as_of`` is the date the claim speaks for (for cumulative counts),
    ``None`` when the document is undated.
    """

    id: str
    document: str
    kind: ClaimKind
    text: str
    start: int
    end: int
    line: int
    column: int
    sentence: str
    section: Section = "body"
    low: float | None = None
    high: float | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    metric: str | None = None
    population: str | None = None
    scope: str | None = None
    event: str | None = None
    event_first: dt.date | None = None
    event_last: dt.date | None = None
    attribution: str | None = None
    party: str | None = None
    as_of: dt.date | None = None
    topic: str | None = None
    hedge: str = "exact"
    #: How much of the count's reading its own clause settles: ``high``, ``medium`` or
    #: ``low`` (``None`` for dates). Only two high-confidence counts make an error.
    confidence: str | None = None
    #: What the clause leaves unsettled, comma-separated ("span outside its clause").
    doubts: str | None = None
    #: Whose count it is, as its attribution names it (claims.yaml ``bases:``).
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    """Claims that speak of one quantity or one event date, in comparison order."""

    id: str
    label: str
    kind: TopicKind
    metric: str
    population: str | None
    scope: str | None
    claims: tuple[str, ...]
    status: TopicStatus = "single"
    event_first: dt.date | None = None
    event_last: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement (or note) about a topic, with the claims it involves.

    ``claims[0]`` is the primary location: the claim a line-oriented format
    (line, github, sarif) points at. In ``cfcheck check`` it is the draft's.
    """

    code: str
    severity: Severity
    topic: str | None
    claims: tuple[str, ...]
    message: str
    #: (document id, line, column) places for findings about text rather than claims (CF202).
    locations: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Series:
    """One topic's cumulative values by report date, sorted; each report stands until the next."""

    topic: str
    what: str
    dates: tuple[dt.date, ...]
    values: tuple[float, ...]
    #: The share a claim may stand from the series and still match it (``references`` bindings).
    tolerance: float = 0.0

    def at(self, day: dt.date) -> int | None:
        """Index of the report standing on ``day``, or None before the first one."""
        i = bisect_right(self.dates, day) - 1
        return i if i >= 0 else None

    def matching(self, low: float | None, high: float | None) -> tuple[int, int] | None:
        """First and last index of the reports whose value lies in [low, high] (None = open)."""
        i = 0 if low is None else bisect_left(self.values, low)
        j = len(self.values) - 1 if high is None else bisect_right(self.values, high) - 1
        return (i, j) if i <= j else None

    def days(self, i: int, j: int) -> tuple[dt.date, dt.date]:
        """The days on which reports ``i`` to ``j`` stand (the last report ends the series)."""
        return self.dates[i], self.dates[j + 1] - _ONE_DAY if j + 1 < len(self.dates) else self.dates[j]


@dataclass(frozen=True, slots=True)
class Reference:
    """A loaded reference file: its series for each bound topic."""

    name: str
    label: str
    path: str
    first: dt.date
    starts: str | None
    series: tuple[Series, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one run produced, in deterministic order."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    topics: tuple[Topic, ...]
    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...] = ()
    include_comments: bool = False
    #: Ids of the documents under check (``cfcheck check``); empty for ``compare``.
    drafts: tuple[str, ...] = ()
    #: The reference series the run checked figures against (``--reference``).
    references: tuple[Reference, ...] = ()
