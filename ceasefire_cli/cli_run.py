"""What the command line sets up around a run: the claim cache, a progress bar, the reference series, the plot.

Kept apart from :mod:`ceasefire_cli.cli` (the commands) and out of the
library, which never prints: opening the cache may warn on stderr, and the
progress bar draws there.
"""

from __future__ import annotations

import sys
from pathlib import Path
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:  # pragma: no cover
    from .config import Settings
    from .models import Report
    from .rules.reference import Reference
    from .run.cache import ClaimCache
    from .run.request import RunRequest


def run_with(request: RunRequest, no_cache: bool) -> Report:
    """:func:`~ceasefire_cli.run.pipeline.run` with the claim cache and, for a large run, a progress bar."""
    from .run.pipeline import run

    with opened(request, no_cache) as ready:
        return run(ready)


@contextmanager
def opened(request: RunRequest, no_cache: bool) -> Iterator[RunRequest]:
    """The request with the claim cache and the progress bar it may use, both closed afterwards."""
    from dataclasses import replace

    from .models import Problem

    total = len(request.drafts) + len(request.documents)
    if request.sources is not None:  # files not read yet: each counts once (a JSON file's records count as more)
        total += len(request.sources.files) + sum(1 for item in request.sources.ready if not isinstance(item, Problem))
    settle(total)
    with claim_cache(no_cache, request.settings) as cache, progress_bar(total) as progress:
        yield replace(request, cache=cache, progress=progress)


def settle(documents: int) -> None:
    """Move what loading made (settings, documents) out of the garbage collector's sight, for a large run.

    Those objects live until the process ends, yet every full collection
    during extraction would walk them again: freezing them makes the
    collector's work grow with the claims alone (1.3 s → 0.9 s over 10,000
    articles, more beyond). A small run (and the test suite, which runs many
    in one process) has nothing to gain.
    """
    if documents >= SETTLE_MIN_DOCUMENTS:
        import gc

        gc.freeze()


#: Fewer documents than this leave the garbage collector little to walk.
SETTLE_MIN_DOCUMENTS = 1_000


#: Runs over fewer documents finish before a bar would be worth drawing.
PROGRESS_MIN_DOCUMENTS = 200


@contextmanager
def progress_bar(total: int, console=None) -> Iterator[Optional[Callable[[int], None]]]:
    """A progress bar on stderr for a large run when stderr is a terminal; else nothing at all.

    Once every article is read the bar says "comparing" and stays up until
    the comparison ends, so no long stage runs without a sign of life.
    """
    if console is None and (total < PROGRESS_MIN_DOCUMENTS or not sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console or Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading figures", total=total)
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            bar.update(task, advance=n, description="comparing figures" if done >= total else "reading figures")

        yield advance


@contextmanager
def claim_cache(no_cache: bool, settings: Settings) -> Iterator[ClaimCache | None]:
    """The claim cache, closed afterwards; None with --no-cache or when it cannot be used (a warning says why)."""
    cache: ClaimCache | None = None
    if not no_cache:
        from .run.cache import CacheError, open_cache

        try:
            cache = open_cache(settings)
        except CacheError as err:
            typer.echo(f"warning: {err}; going on without it", err=True)
    try:
        yield cache
    finally:
        if cache is not None:
            cache.close()


def load_references(options: Optional[list[str]], settings: Settings) -> tuple[Reference, ...]:
    """The ``--reference`` series, each read as claims.yaml's ``references:`` says."""
    from .rules.reference import load_reference

    return tuple(load_reference(option, settings) for option in options or [])


def plot(path: Path, references: tuple[Reference, ...], report: Report) -> None:
    """Draw ``--plot``: each reference series and every claim's interval (needs the 'plot' extra)."""
    from .errors import UsageError

    try:
        from .render.plot import plot_references
    except ImportError:
        raise UsageError("needs matplotlib: pip install 'cfcheck[plot]'", "--plot") from None
    try:
        plot_references(path, references, report.claims, sources={d.id: d.outlet for d in report.documents if d.outlet})
    except ImportError:
        raise UsageError("needs matplotlib: pip install 'cfcheck[plot]'", "--plot") from None
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror or exc}", str(path)) from None


class KeptReport:
    """A run's place in the report cache: the entry kept for it (``hit``), or where to keep it."""

    def __init__(self, cache, key: str) -> None:
        self.cache, self.key = cache, key
        self.hit = cache.lookup(key)

    def writer(self):
        """Where the report goes as it is printed, or None when the cache folder cannot be written."""
        try:
            return self.cache.writer(self.key)
        except OSError:
            return None


def kept_report(request: RunRequest, format: str, options) -> KeptReport | None:
    """The report cache's entry for a ``compare`` run, or None for a run it never keeps (standard input).

    Every input file is read and hashed here: the key covers their bytes (see :mod:`ceasefire_cli.run.reports`).
    """
    import datetime as dt
    import os

    from .models import Document
    from .run.reports import ReportCache, report_key

    sources = request.sources
    if sources is None or any(isinstance(item, Document) for item in sources.ready):
        return None
    files = [(f.display, f.actual) for f in sources.files]
    folders = sorted({os.path.dirname(path) for _, path in files})
    run_options = {
        "command": "compare", "format": format, "width": options.width if format == "terminal" else None,
        "color": options.color, "verbose": options.verbose, "quiet": options.quiet, "fail_on": request.fail_on,
        "ignore": sorted(request.ignore), "include_comments": request.include_comments,
        "problems": [repr(item) for item in sources.ready], "max_bytes": sources.max_bytes,
    }
    key = report_key(files, folders, repr(request.settings) + repr(request.references), run_options, dt.date.today())
    if key is None:
        return None
    try:
        return KeptReport(ReportCache(), key)
    except OSError:
        return None  # no secret can be read or made: the run goes on without the report cache
