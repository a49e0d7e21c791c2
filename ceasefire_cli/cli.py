"""The ``cfcheck`` command line: parse options, call the library, render, map errors to exit codes.

Exit codes: 0 no finding at or above ``--fail-on``; 1 at least one; 2 usage
or input error (the message is one line on stderr, never a traceback); 141
when the reader of standard output went away. Heavy imports (rich, yaml,
rapidfuzz) happen inside the commands, so that ``cfcheck --help`` stays fast.
How cfcheck behaves in a shell whatever the command (colour, standard output,
usage errors, completion) lives in :mod:`ceasefire_cli.shell`.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .shell import CfcheckGroup, use_color, write_stdout

app = typer.Typer(
    name="cfcheck",
    cls=CfcheckGroup,
    help="Fact-check the numeric claims of Gaza ceasefire coverage: find where sources contradict each other.",
    add_completion=False,  # typer's --install-completion edits rc files; `cfcheck completion SHELL` only prints
    no_args_is_help=True,
    epilog="Examples:\n\n\b\n  cfcheck compare articles/\n  cfcheck check draft.md --against sources/\n  cfcheck explain CF102",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    """Output formats (the same for every command)."""

    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"
    line = "line"
    github = "github"
    sarif = "sarif"


class FailOn(str, Enum):
    """The lowest severity that makes the exit code 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _fail(message: str) -> typer.Exit:
    """Print ``error: ...`` on stderr and return the exit that ends the run with 2."""
    from .load.files import printable

    typer.echo(f"error: {printable(message)}", err=True)
    return typer.Exit(2)


def _examples(*lines: str) -> str:
    """A command's help epilog: its examples, one a line, kept as written (``\\b`` stops click rewrapping)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def _version(value: bool) -> None:
    if value:
        from . import SCHEMA_VERSION, __version__

        typer.echo(f"cfcheck {__version__} (JSON report schema {SCHEMA_VERSION})")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and the JSON report's schema version, and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Fact-check the numeric claims of Gaza ceasefire coverage: find where sources contradict each other."""


def _color(choice: Optional[bool]) -> bool:
    """--color/--no-color, else NO_COLOR, else FORCE_COLOR, else whether stdout is a terminal."""
    return use_color(choice, os.environ, sys.stdout.isatty())


def _width() -> int:
    try:
        return max(60, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        import shutil

        return max(60, shutil.get_terminal_size((100, 24)).columns)


def _exit_code(findings, fail_on: FailOn) -> int:
    if fail_on is FailOn.never:
        return 0
    from .models import SEVERITIES  # the one severity order

    threshold = SEVERITIES.index(fail_on.value)
    return 1 if any(SEVERITIES.index(f.severity) <= threshold for f in findings) else 0


IgnoreOption = Annotated[
    Optional[list[str]],
    typer.Option("--ignore", help="Drop findings with this code (repeatable).", metavar="CODE", show_default=False),
]
IncludeCommentsOption = Annotated[bool, typer.Option("--include-comments", help="Compare figures in reader-comment sections too.")]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity.")]
ColorOption = Annotated[
    Optional[bool],
    typer.Option(
        "--color/--no-color",
        help="Force colour on or off (default: NO_COLOR set: off; else FORCE_COLOR set: on; else on for a terminal).",
        show_default=False,
    ),
]


def _checked(verbose: bool, quiet: bool, ignore: Optional[list[str]], jobs: Optional[int]) -> tuple[list[str], Optional[int]]:
    """The options every reporting command shares, validated: (codes to drop, worker count)."""
    if verbose and quiet:
        raise _fail("--verbose and --quiet cannot be used together")
    return _known_codes(ignore), _jobs(jobs)


def _print_problems(problems) -> None:
    for problem in problems:
        typer.echo(f"{problem.severity}: {problem.path}: {problem.message}", err=True)


def _known_codes(codes: Optional[list[str]]) -> list[str]:
    from .codes import BY_CODE

    for code in codes or []:
        if code.upper() not in BY_CODE:
            raise _fail(f"--ignore: unknown finding code {code!r} (see 'cfcheck codes')")
    return [c.upper() for c in codes or []]


def _emit(report, format: str, fail_on: FailOn, color: Optional[bool], verbose: bool = False, quiet: bool = False) -> int:
    """Print problems on stderr and the rendered report on stdout; return the exit code the findings call for."""
    from .errors import CfcheckError
    from .render import RenderOptions, render_chunks

    _print_problems(report.problems)
    if not report.documents:
        raise _fail("no article could be read from the paths given")
    options = RenderOptions(width=_width(), color=_color(color) if format == "terminal" else False, verbose=verbose, quiet=quiet)
    try:
        for chunk in render_chunks(format, report, options):  # JSON in pieces: never the whole text in memory
            _write(chunk, format)
    except CfcheckError as err:
        raise _fail(str(err)) from None
    return _exit_code(report.findings, fail_on)


def _write(text: str, format: str) -> None:
    """The report on stdout. A failure to write reaches :class:`~ceasefire_cli.shell.CfcheckGroup`:
    one error line and exit 2, or silence and 141 for a broken pipe."""
    write_stdout(text, format)


ReferenceOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--reference",
        "-r",
        help="A reference series (JSON or CSV) read as claims.yaml's `references:` says: FILE, or NAME=FILE (repeatable).",
        metavar="[NAME=]FILE",
        show_default=False,
    ),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Terminal: show every claim with its sentence.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Terminal: show the summary and findings only.")]
JobsOption = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", help="Worker processes that read figures (default and ceiling: one per usable CPU).", metavar="N", show_default=False),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Neither read nor write the claim cache ($CFCHECK_CACHE_DIR, else ~/.cache/cfcheck)."),
]
ClaimsOption = Annotated[
    Optional[Path],
    typer.Option(
        "--claims",
        help="Taxonomy file (default: $CFCHECK_CLAIMS, else the nearest claims.yaml in this folder or above, else the built-in one).",
        metavar="FILE",
        envvar="CFCHECK_CLAIMS",
        show_envvar=False,
    ),
]


@app.command(
    epilog=_examples(
        "cfcheck compare articles/",
        "cfcheck compare articles/ -r moh=series.json --format html > report.html",
        "cfcheck compare articles/ --format json | jq '.findings[].message'",
    )
)
def compare(
    paths: Annotated[list[str], typer.Argument(help="Article files or folders (read recursively), or - for standard input.", show_default=False, metavar="PATH...")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
    claims: ClaimsOption = None,
    include_comments: IncludeCommentsOption = False,
    fail_on: FailOnOption = FailOn.error,
    ignore: IgnoreOption = None,
    reference: ReferenceOption = None,
    plot: Annotated[
        Optional[Path],
        typer.Option("--plot", help="Draw each reference series and every claim's interval to FILE.png or FILE.svg (needs the 'plot' extra).", metavar="FILE", show_default=False),
    ] = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
    color: ColorOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Compare the claims of articles with each other and report contradictions."""
    from dataclasses import replace

    from .config import load_settings
    from .load.corpus import load
    from .errors import CfcheckError
    from .run.pipeline import analyse_documents, without_codes

    codes, jobs = _checked(verbose, quiet, ignore, jobs)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise _fail(f"--plot: {plot}: the file name must end in .png or .svg")
    if plot is not None and not reference:
        raise _fail("--plot needs at least one --reference series to draw")
    try:
        settings = load_settings(claims)
        references = _references(reference, settings)
        loaded = load(paths)
        _settle(len(loaded.documents))
        with _claim_cache(no_cache, settings) as cache, _progress(len(loaded.documents)) as progress:
            report = analyse_documents(
                loaded.documents,
                settings,
                include_comments=include_comments,
                references=references,
                jobs=jobs,
                cache=cache,
                progress=progress,
            )
        report = without_codes(replace(report, problems=loaded.problems + report.problems), codes)
        if plot is not None:
            _plot(plot, references, report)
    except CfcheckError as err:
        raise _fail(str(err)) from None
    raise typer.Exit(_emit(report, format.value, fail_on, color, verbose, quiet))


def _settle(documents: int) -> None:
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
def _progress(total: int, console=None) -> Iterator[Optional[Callable[[int], None]]]:
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


def _jobs(jobs: Optional[int]) -> Optional[int]:
    """The worker count: at least 1, at most the CPUs this process may use (a note on stderr says when capped)."""
    if jobs is not None and jobs < 1:
        raise _fail(f"--jobs: {jobs} is not a number of processes (expected 1 or more)")
    if jobs is not None and jobs > 1:
        from .run.parallel import usable_cpus

        cpus = usable_cpus()
        if jobs > cpus:
            typer.echo(f"note: --jobs {jobs} capped at {cpus}, the CPUs this process may use", err=True)
            return cpus
    return jobs


@contextmanager
def _claim_cache(no_cache: bool, settings):
    """The claim cache, closed afterwards; None with --no-cache or when it cannot be used (a warning says why)."""
    cache = None
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


def _references(options: Optional[list[str]], settings):
    from .rules.reference import load_reference

    return tuple(load_reference(option, settings) for option in options or [])


def _plot(path: Path, references, report) -> None:
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


def _parse_date(value: Optional[str]):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--date: {value!r} is not a date (expected YYYY-MM-DD)") from None


@app.command(
    epilog=_examples(
        "cfcheck check draft.md --against sources/",
        "cfcheck check drafts/*.md -a sources/ --format line",
        "cfcheck check drafts/ -a sources/ --format sarif > cfcheck.sarif",
    )
)
def check(
    drafts: Annotated[list[str], typer.Argument(help="Draft articles to check.", show_default=False, metavar="DRAFT...")],
    against: Annotated[
        Optional[list[str]],  # str, not Path: Path("./-") would become "-", standard input
        typer.Option("--against", "-a", help="Corpus files or folders to check the drafts against (repeatable).", metavar="CORPUS", show_default=False),
    ] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="The drafts' date, YYYY-MM-DD (default: their front matter, else today).", metavar="DATE", show_default=False)] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
    claims: ClaimsOption = None,
    include_comments: IncludeCommentsOption = False,
    fail_on: FailOnOption = FailOn.error,
    ignore: IgnoreOption = None,
    reference: ReferenceOption = None,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
    color: ColorOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    cross_drafts: Annotated[
        bool, typer.Option("--cross-drafts", help="Also compare the drafts with one another (default: each with the corpus only).")
    ] = False,
) -> None:
    """Check drafts against a corpus, the pre-publish gate: exit 1 when a draft contradicts it.

    Exit 2 when a draft could not be read or checked (the others are still reported).
    """
    import datetime as dt
    from dataclasses import replace

    from .config import load_settings
    from .load.corpus import load
    from .errors import CfcheckError
    from .run.pipeline import check_documents, date_drafts, without_codes

    codes, jobs = _checked(verbose, quiet, ignore, jobs)
    when = _parse_date(date)
    try:
        settings = load_settings(claims)
        references = _references(reference, settings)
        loaded_drafts = load(drafts)
        loaded_corpus = load(against or [])
        _settle(len(loaded_drafts.documents) + len(loaded_corpus.documents))
        if not loaded_drafts.documents:
            _print_problems(loaded_drafts.problems)
            raise _fail("no draft could be read from the paths given")
        dated = date_drafts(loaded_drafts.documents, when, dt.date.today())
        with _claim_cache(no_cache, settings) as cache, _progress(len(dated) + len(loaded_corpus.documents)) as progress:
            report = check_documents(
                dated,
                loaded_corpus.documents,
                settings,
                include_comments=include_comments,
                references=references,
                jobs=jobs,
                cache=cache,
                progress=progress,
                cross_drafts=cross_drafts,
            )
    except CfcheckError as err:
        raise _fail(str(err)) from None
    report = replace(without_codes(report, codes), problems=loaded_drafts.problems + loaded_corpus.problems + report.problems)
    code = _emit(report, format.value, fail_on, color, verbose, quiet)
    unchecked = _unchecked_drafts(loaded_drafts, report)
    if unchecked:
        # A gate must not pass what it could not read: after the others' report, exit 2.
        raise _fail(f"{_plural_drafts(len(unchecked))} could not be checked: {', '.join(unchecked)}")
    raise typer.Exit(code)


def _unchecked_drafts(loaded, report) -> list[str]:
    """The paths of drafts that an error kept out of the check (unreadable, or their figures could not be read)."""
    checked = {d.path for d in report.documents}
    given = [p.path for p in loaded.problems if p.severity == "error"] + [d.path for d in loaded.documents if d.path not in checked]
    return sorted(set(given))


def _plural_drafts(n: int) -> str:
    return "1 draft" if n == 1 else f"{n} drafts"


class ExtractFormat(str, Enum):
    """Output formats of ``extract``."""

    jsonl = "jsonl"


@app.command(
    epilog=_examples(
        "cfcheck extract article.md",
        "cfcheck extract archive/ | jq -c 'select(.metric == \"killed\")'",
    )
)
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files or folders (read recursively), or - for standard input.", show_default=False, metavar="PATH...")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format: one JSON object per claim and line.")] = ExtractFormat.jsonl,
    claims: ClaimsOption = None,
    include_comments: IncludeCommentsOption = False,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Print every claim of the articles, one JSON object per line (no comparison)."""
    from .config import load_settings
    from .load.corpus import load
    from .errors import CfcheckError
    from .models import Problem
    from .run.parallel import iter_extracted
    from .render.jsonl import iter_claims_jsonl
    from .topics import assign_topics

    jobs = _jobs(jobs)
    try:
        settings = load_settings(claims)
        loaded = load(paths)
        _settle(len(loaded.documents))
    except CfcheckError as err:
        raise _fail(str(err)) from None
    _print_problems(loaded.problems)
    if not loaded.documents:
        raise _fail("no article could be read from the paths given")
    # Each document's lines go out as soon as its claims are known (a claim's topic depends on it alone).
    with _claim_cache(no_cache, settings) as cache, _progress(len(loaded.documents)) as progress:
        results = iter_extracted(loaded.documents, settings, jobs, cache, progress=progress)
        for doc, found in zip(loaded.documents, results):
            if isinstance(found, str):
                _print_problems([Problem(doc.path, found)])
                continue
            _write("".join(iter_claims_jsonl(assign_topics(found, settings, include_comments=include_comments)[0])), "jsonl")


@app.command(epilog=_examples("cfcheck explain CF102"))
def explain(code: Annotated[str, typer.Argument(help="A finding code, e.g. CF102.", show_default=False)]) -> None:
    """Explain a finding code, with an example that triggers it."""
    from .codes import BY_CODE, RULES

    rule = BY_CODE.get(code.upper())
    if rule is None:
        raise _fail(f"unknown finding code {code!r} (known: {', '.join(r.code for r in RULES)})")
    _write(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.summary}\n\nExample:\n{rule.example}\n", "terminal")


@app.command(epilog=_examples("cfcheck codes", "cfcheck codes | grep error"))
def codes() -> None:
    """List every finding code with its severity and name."""
    from .codes import RULES

    _write("".join(f"{rule.code}  {rule.severity:<7}  {rule.name}\n" for rule in RULES), "terminal")


class Shell(str, Enum):
    """Shells that ``cfcheck completion`` writes a script for."""

    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command(
    epilog=_examples(
        'eval "$(cfcheck completion bash)"     # in ~/.bashrc',
        'eval "$(cfcheck completion zsh)"      # in ~/.zshrc',
        "cfcheck completion fish > ~/.config/fish/completions/cfcheck.fish",
    )
)
def completion(shell: Annotated[Shell, typer.Argument(help="bash, zsh or fish.", show_default=False, metavar="SHELL")]) -> None:
    """Print the shell-completion script for bash, zsh or fish (nothing is installed or edited)."""
    from typer.completion import get_completion_script

    _write(get_completion_script(prog_name="cfcheck", complete_var="_CFCHECK_COMPLETE", shell=shell.value) + "\n", "terminal")


def _interrupted(signum, frame) -> None:  # pragma: no cover - runs in a subprocess test
    """The first Ctrl-C says so and unwinds (workers killed, cache closed); a second one ends the process at once.

    The line goes straight to file descriptor 2: a handler may run while
    ``sys.stderr`` is mid-write. typer turns the KeyboardInterrupt into exit 130.
    """
    global _told
    signal.signal(signal.SIGINT, _interrupted_again)
    os.write(2, b"error: interrupted\n")
    _told = True
    raise KeyboardInterrupt


def _interrupted_again(signum, frame) -> None:  # pragma: no cover - runs in a subprocess test
    import multiprocessing

    try:
        for child in multiprocessing.active_children():
            child.kill()
    except BaseException:  # noqa: BLE001 - leaving now matters more than tidying up
        pass
    os._exit(130)


#: Whether "error: interrupted" was printed already.
_told = False


def main() -> None:
    """Entry point of the ``cfcheck`` console script."""
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when the shell ignores it (cmd &)
            signal.signal(signal.SIGINT, _interrupted)
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        if not _told:
            typer.echo("error: interrupted", err=True)
        raise SystemExit(130) from None
    except Exception as exc:  # pragma: no cover - last resort; a bug, never a user error
        if os.environ.get("CFCHECK_DEBUG"):
            raise
        typer.echo(f"error: internal error ({type(exc).__name__}: {exc}); rerun with CFCHECK_DEBUG=1 for details", err=True)
        raise SystemExit(2) from None
