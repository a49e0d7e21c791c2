"""The options the ``cfcheck`` commands share, declared once, and their checks.

``compare`` and ``check`` take the same dozen options; each is an
``Annotated`` bundle here, so a help text is written in one place. Only typer
and the standard library are imported at the top: ``cfcheck --help`` must not
pay for rich, yaml or rapidfuzz.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .render import FORMATS

if TYPE_CHECKING:  # pragma: no cover
    import datetime as dt


#: Output formats (the same for every command): the renderer registry's names, in its order.
Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


class FailOn(str, Enum):
    """The lowest severity that makes the exit code 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def fail(message: str) -> typer.Exit:
    """Print ``error: ...`` on stderr and return the exit that ends the run with 2."""
    from .load.files import printable

    typer.echo(f"error: {printable(message)}", err=True)
    return typer.Exit(2)


def examples(*lines: str) -> str:
    """A command's help epilog: its examples, one a line, kept as written (``\\b`` stops click rewrapping).

    >>> examples("cfcheck codes").splitlines()[-1]
    '  cfcheck codes'
    """
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


PathsArgument = Annotated[
    list[str],
    typer.Argument(help="Article files or folders (read recursively), or - for standard input.", show_default=False, metavar="PATH..."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
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
IncludeCommentsOption = Annotated[bool, typer.Option("--include-comments", help="Compare figures in reader-comment sections too.")]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity.")]
IgnoreOption = Annotated[
    Optional[list[str]],
    typer.Option("--ignore", help="Drop findings with this code (repeatable).", metavar="CODE", show_default=False),
]
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
ColorOption = Annotated[
    Optional[bool],
    typer.Option(
        "--color/--no-color",
        help="Force colour on or off (default: NO_COLOR set: off; else FORCE_COLOR set: on; else on for a terminal).",
        show_default=False,
    ),
]
JobsOption = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", help="Worker processes that read figures (default and ceiling: one per usable CPU).", metavar="N", show_default=False),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Neither read nor write the claim cache nor the report cache ($CFCHECK_CACHE_DIR, else ~/.cache/cfcheck)."),
]


def checked(verbose: bool, quiet: bool, ignore: Optional[list[str]], jobs: Optional[int]) -> tuple[tuple[str, ...], Optional[int]]:
    """The options every reporting command shares, validated: (codes to drop, worker count)."""
    if verbose and quiet:
        raise fail("--verbose and --quiet cannot be used together")
    return known_codes(ignore), worker_count(jobs)


def known_codes(codes: Optional[list[str]]) -> tuple[str, ...]:
    """The ``--ignore`` codes in capitals; an unknown one ends the run with 2."""
    from .codes import BY_CODE

    for code in codes or []:
        if code.upper() not in BY_CODE:
            raise fail(f"--ignore: unknown finding code {code!r} (see 'cfcheck codes')")
    return tuple(c.upper() for c in codes or [])


def worker_count(jobs: Optional[int]) -> Optional[int]:
    """The worker count: at least 1, at most the CPUs this process may use (a note on stderr says when capped)."""
    if jobs is not None and jobs < 1:
        raise fail(f"--jobs: {jobs} is not a number of processes (expected 1 or more)")
    if jobs is not None and jobs > 1:
        from .run.parallel import usable_cpus

        cpus = usable_cpus()
        if jobs > cpus:
            typer.echo(f"note: --jobs {jobs} capped at {cpus}, the CPUs this process may use", err=True)
            return cpus
    return jobs


def parse_date(value: Optional[str]) -> dt.date | None:
    """``--date``'s value as a date; a malformed one ends the run with 2."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--date: {value!r} is not a date (expected YYYY-MM-DD)") from None
