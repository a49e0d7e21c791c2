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
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .cli_options import (
    ClaimsOption,
    ColorOption,
    FailOn,
    FailOnOption,
    Format,
    FormatOption,
    IgnoreOption,
    IncludeCommentsOption,
    JobsOption,
    NoCacheOption,
    PathsArgument,
    QuietOption,
    ReferenceOption,
    VerboseOption,
    checked,
    examples,
    fail,
    parse_date,
    worker_count,
)
from .cli_run import kept_report, load_references, opened, run_with
from .cli_run import plot as plot_to
from .shell import CfcheckGroup, use_color, write_stdout

if TYPE_CHECKING:  # pragma: no cover
    from .models import Report
    from .run.request import RunRequest

__all__ = ["app", "main", "Format", "FailOn"]

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


def _print_problems(problems) -> None:
    for problem in problems:
        typer.echo(_problem_line(problem), err=True, nl=False)


def _emit(report: Report, request: RunRequest, format: str, color: Optional[bool], verbose: bool = False, quiet: bool = False,
          keep=None) -> int:
    """Print problems on stderr and the rendered report on stdout; return the exit code the findings call for (``--fail-on``).

    ``keep`` (a report-cache writer) is given the report as it is printed and, at the end, the
    exit code and standard error, to store them for a re-run.
    """
    from .errors import CfcheckError
    from .render import render_chunks

    _print_problems(report.problems)
    if not report.documents:
        raise fail("no article could be read from the paths given")
    options = _render_options(format, color, verbose, quiet)
    try:
        for chunk in render_chunks(format, report, options):  # JSON in pieces: never the whole text in memory
            _write(chunk, format)
            if keep is not None:
                keep.write(chunk)
    except CfcheckError as err:
        raise fail(str(err)) from None
    code = 1 if request.fails(report.findings) else 0
    if keep is not None:
        keep.keep(code, "".join(_problem_line(p) for p in report.problems))
    return code


def _render_options(format: str, color: Optional[bool], verbose: bool, quiet: bool):
    from .render import RenderOptions

    return RenderOptions(width=_width(), color=_color(color) if format == "terminal" else False, verbose=verbose, quiet=quiet)


def _problem_line(problem) -> str:
    return f"{problem.severity}: {problem.path}: {problem.message}\n"


def _write(text: str, format: str) -> None:
    """The report on stdout. A failure to write reaches :class:`~ceasefire_cli.shell.CfcheckGroup`:
    one error line and exit 2, or silence and 141 for a broken pipe."""
    write_stdout(text, format)


@app.command(
    epilog=examples(
        "cfcheck compare articles/",
        "cfcheck compare articles/ -r moh=series.json --format html > report.html",
        "cfcheck compare articles/ --format json | jq '.findings[].message'",
    )
)
def compare(
    paths: PathsArgument,
    format: FormatOption = Format("terminal"),
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
    from .config import load_settings
    from .load.corpus import find_sources
    from .errors import CfcheckError
    from .run.request import RunRequest

    codes, jobs = checked(verbose, quiet, ignore, jobs)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise fail(f"--plot: {plot}: the file name must end in .png or .svg")
    if plot is not None and not reference:
        raise fail("--plot needs at least one --reference series to draw")
    try:
        settings = load_settings(claims)
        references = load_references(reference, settings)
        # Found, not read: each article is read as extraction reaches it, and its text dropped after.
        request = RunRequest(
            settings, include_comments=include_comments, references=references, jobs=jobs,
            ignore=codes, fail_on=fail_on.value, sources=find_sources(paths),
        )
        kept = None if no_cache or plot is not None else kept_report(request, format.value, _render_options(format.value, color, verbose, quiet))
        if kept is not None and (hit := kept.hit) is not None:
            # The same archive, options and cfcheck as a run earlier today: its output again.
            typer.echo(hit.stderr, err=True, nl=False)
            for chunk in hit.report():
                _write(chunk, format.value)
            raise typer.Exit(hit.exit_code)
        report = run_with(request, no_cache)
        if plot is not None:
            plot_to(plot, references, report)
    except CfcheckError as err:
        raise fail(str(err)) from None
    writer = kept.writer() if kept is not None else None
    try:
        code = _emit(report, request, format.value, color, verbose, quiet, keep=writer)
    finally:
        if writer is not None:
            writer.discard()  # (a no-op once kept)
    raise typer.Exit(code)


@app.command(
    epilog=examples(
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
    format: FormatOption = Format("terminal"),
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
    from .config import load_settings
    from .load.corpus import load
    from .errors import CfcheckError
    from .run.request import RunRequest

    codes, jobs = checked(verbose, quiet, ignore, jobs)
    when = parse_date(date)
    try:
        settings = load_settings(claims)
        references = load_references(reference, settings)
        loaded_drafts = load(drafts)
        loaded_corpus = load(against or [])
        if not loaded_drafts.documents:
            _print_problems(loaded_drafts.problems)
            raise fail("no draft could be read from the paths given")
        request = RunRequest(
            settings, loaded_corpus.documents, drafts=loaded_drafts.documents, include_comments=include_comments,
            references=references, jobs=jobs, ignore=codes, fail_on=fail_on.value, cross_drafts=cross_drafts,
            draft_date=when, problems=loaded_drafts.problems + loaded_corpus.problems,
        )
        report = run_with(request, no_cache)
    except CfcheckError as err:
        raise fail(str(err)) from None
    code = _emit(report, request, format.value, color, verbose, quiet)
    unchecked = _unchecked_drafts(loaded_drafts, report)
    if unchecked:
        # A gate must not pass what it could not read: after the others' report, exit 2.
        raise fail(f"{_plural_drafts(len(unchecked))} could not be checked: {', '.join(unchecked)}")
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
    epilog=examples(
        "cfcheck extract article.md",
        "cfcheck extract archive/ | jq -c 'select(.metric == \"killed\")'",
    )
)
def extract(
    paths: PathsArgument,
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
    from .run.pipeline import extract_each
    from .run.request import RunRequest
    from .render.jsonl import iter_claims_jsonl

    jobs = worker_count(jobs)
    try:
        settings = load_settings(claims)
        loaded = load(paths)
    except CfcheckError as err:
        raise fail(str(err)) from None
    _print_problems(loaded.problems)
    if not loaded.documents:
        raise fail("no article could be read from the paths given")
    request = RunRequest(settings, loaded.documents, include_comments=include_comments, jobs=jobs)
    # Each document's lines go out as soon as its claims are known (a claim's topic depends on it alone).
    with opened(request, no_cache) as ready:
        for found in extract_each(ready):
            if isinstance(found, Problem):
                _print_problems([found])
            else:
                _write("".join(iter_claims_jsonl(found)), "jsonl")


@app.command(epilog=examples("cfcheck explain CF102"))
def explain(code: Annotated[str, typer.Argument(help="A finding code, e.g. CF102.", show_default=False)]) -> None:
    """Explain a finding code, with an example that triggers it."""
    from .codes import BY_CODE, RULES

    rule = BY_CODE.get(code.upper())
    if rule is None:
        raise fail(f"unknown finding code {code!r} (known: {', '.join(r.code for r in RULES)})")
    _write(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.summary}\n\nExample:\n{rule.example}\n", "terminal")


@app.command(epilog=examples("cfcheck codes", "cfcheck codes | grep error"))
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
    epilog=examples(
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
