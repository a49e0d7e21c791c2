"""One run as one typed request: what to read, with which settings, and every option that shapes the report.

The command line parses its options into a :class:`RunRequest` and hands it
to :func:`ceasefire_cli.run.pipeline.run` (``compare``, ``check``) or
:func:`ceasefire_cli.run.pipeline.extract_each` (``extract``), so options are
not threaded by hand from one stage to the next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..config import Settings
from ..models import SEVERITIES, Document, Finding, Problem

if TYPE_CHECKING:  # pragma: no cover
    from ..load.corpus import Sources
    from ..rules.reference import Reference
    from .cache import ClaimCache


#: The lowest severity that fails a run, or never.
FailOn = Literal["error", "warning", "info", "never"]


@dataclass(frozen=True, slots=True)
class RunRequest:
    """One run: the documents, the settings, and the options that change the report (or only its speed).

    A request with ``drafts`` is a check (each draft against ``documents``,
    the corpus); one without compares ``documents`` with each other.
    ``jobs``, ``cache`` and ``progress`` change the speed, never the result.
    ``problems`` are what loading reported; they head the report's own.
    """

    settings: Settings
    documents: tuple[Document, ...] = ()
    drafts: tuple[Document, ...] = ()
    include_comments: bool = False
    references: tuple[Reference, ...] = ()
    jobs: int | None = 1
    cache: ClaimCache | None = None
    progress: Callable[[int], None] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: FailOn = "error"
    cross_drafts: bool = False
    draft_date: dt.date | None = None
    today: dt.date | None = None
    problems: tuple[Problem, ...] = ()
    #: Files to read as extraction goes, for a comparison (``compare``): read this way, each
    #: article's text is dropped once its claims are read, so a large archive never sits in memory whole.
    sources: Sources | None = None

    def fails(self, findings: Iterable[Finding]) -> bool:
        """True when a finding is at or above ``fail_on`` (``never``: never).

        >>> from ceasefire_cli.config import load_settings
        >>> f = Finding("CF201", "warning", None, (), "x")
        >>> [RunRequest(load_settings(), fail_on=level).fails([f]) for level in ("error", "warning", "never")]
        [False, True, False]
        """
        threshold = next((rank for rank, s in enumerate(SEVERITIES) if s == self.fail_on), -1)  # never: -1, below all
        return any(SEVERITIES.index(f.severity) <= threshold for f in findings)
