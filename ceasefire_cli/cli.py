"""The ``cfcheck`` command line: parse options, call the library, render, map errors to exit codes.

Exit codes: 0 no finding at or above ``--fail-on``; 1 at least one; 2 usage
or input error (the message is one line on stderr, never a traceback).
Heavy imports (rich, yaml, rapidfuzz) happen inside the commands, so that
``cfcheck --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="cfcheck",
    help="Fact-check the numeric claims of Gaza ceasefire coverage: find where sources contradict each other.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    """Output formats of ``compare``."""

    terminal = "terminal"
    json = "json"


class FailOn(str, Enum):
    """The lowest severity that makes the exit code 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _fail(message: str) -> typer.Exit:
    """Print ``error: ...`` on stderr and return the exit that ends the run with 2."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _color(choice: Optional[bool]) -> bool:
    """Colour when asked, else when stdout is a terminal and NO_COLOR is unset."""
    if choice is not None:
        return choice
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _width() -> int:
    try:
        return max(60, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        import shutil

        return max(60, shutil.get_terminal_size((100, 24)).columns)


def _exit_code(findings, fail_on: FailOn) -> int:
    if fail_on is FailOn.never:
        return 0
    ranks = ("error", "warning", "info")
    threshold = ranks.index(fail_on.value)
    return 1 if any(ranks.index(f.severity) <= threshold for f in findings) else 0


ClaimsOption = Annotated[
    Optional[Path],
    typer.Option("--claims", help="Taxonomy file (default: the nearest claims.yaml in this folder or above, else the built-in one).", metavar="FILE"),
]


@app.command()
def compare(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (folders are read recursively for .txt and .md).", show_default=False, metavar="PATH")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
    claims: ClaimsOption = None,
    include_comments: Annotated[bool, typer.Option("--include-comments", help="Compare figures in reader-comment sections too.")] = False,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity.")] = FailOn.error,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Terminal: show every claim with its sentence.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Terminal: show the summary and findings only.")] = False,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Force colour on or off (default: on for a terminal unless NO_COLOR is set).", show_default=False)] = None,
) -> None:
    """Compare the claims of articles with each other and report contradictions."""
    from .config import load_settings
    from .errors import CfcheckError
    from .pipeline import analyse
    from .render import RenderOptions, render

    if verbose and quiet:
        raise _fail("--verbose and --quiet cannot be used together")
    try:
        settings = load_settings(claims)
        report = analyse(paths, settings, include_comments=include_comments)
    except CfcheckError as err:
        raise _fail(str(err)) from None
    for problem in report.problems:
        typer.echo(f"{problem.severity}: {problem.path}: {problem.message}", err=True)
    if not report.documents:
        raise _fail("no article could be read from the paths given")
    options = RenderOptions(width=_width(), color=_color(color) if format is Format.terminal else False, verbose=verbose, quiet=quiet)
    sys.stdout.write(render(format.value, report, options))
    raise typer.Exit(_exit_code(report.findings, fail_on))


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A finding code, e.g. CF102.", show_default=False)]) -> None:
    """Explain a finding code, with an example that triggers it."""
    from .codes import BY_CODE, RULES

    rule = BY_CODE.get(code.upper())
    if rule is None:
        raise _fail(f"unknown finding code {code!r} (known: {', '.join(r.code for r in RULES)})")
    typer.echo(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.summary}\n\nExample:\n{rule.example}")


@app.command()
def codes() -> None:
    """List every finding code with its severity and name."""
    from .codes import RULES

    for rule in RULES:
        typer.echo(f"{rule.code}  {rule.severity:<7}  {rule.name}")


def main() -> None:
    """Entry point of the ``cfcheck`` console script."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        typer.echo("error: interrupted", err=True)
        raise SystemExit(130) from None
