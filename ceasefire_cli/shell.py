"""The command line's manners in a shell: colour, standard output, usage errors, completion.

The other half of :mod:`ceasefire_cli.cli` (which holds the commands): what a
well-behaved Unix tool does whatever the command. Nothing here reads articles.

* Colour: ``--color``/``--no-color`` > ``NO_COLOR`` > ``FORCE_COLOR`` > a terminal.
* Standard output: machine formats are UTF-8 whatever the locale; HTML and
  Markdown are ASCII with character references on any other encoding; the
  terminal report follows it, replacing what it cannot encode; a reader that
  goes away (``| head``) ends the run quietly with 141, as a shell reports
  SIGPIPE; a full disk or a closed stdout is one ``error:`` line and exit 2.
* Usage errors are one line: ``error: <what> (see 'cfcheck CMD --help')``, exit 2.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Optional

import click
import typer.core

# typer escapes "[default: …]" for rich even with markup off, printing a literal
# "\[default: …]", and imports rich.markdown and rich.traceback to do it
# (+70 ms on every --help). Markup is off here, so rich has nothing to do in help.
typer.core.HAS_RICH = False

#: Exit code when the reader of standard output went away: 128 + SIGPIPE, as `yes | head` reports.
BROKEN_PIPE = 141

#: click 8.2+ raises this for a bare ``cfcheck``; older clicks print the help themselves.
_NO_ARGS: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())

#: Formats that other programs read: always written as UTF-8 bytes.
MACHINE_FORMATS = frozenset({"json", "jsonl", "sarif", "line", "github"})

#: Formats whose files declare or assume UTF-8: on another encoding they are written as ASCII with
#: character references (``&#8212;``), right under any ASCII-compatible encoding and under UTF-8.
REFERENCE_FORMATS = frozenset({"html", "markdown"})


def use_color(flag: Optional[bool], environ: Mapping[str, str], isatty: bool) -> bool:
    """Whether to colour: the flag, else ``NO_COLOR``, else ``FORCE_COLOR``, else a terminal (not ``TERM=dumb``).

    ``NO_COLOR`` counts when set and not empty (no-color.org); ``FORCE_COLOR``
    when set to anything but empty, ``0`` or ``false``.

    >>> use_color(None, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True), use_color(None, {"FORCE_COLOR": "1"}, False)
    (False, True)
    """
    if flag is not None:
        return flag
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false"):
        return True
    return isatty and environ.get("TERM") != "dumb"


class OutputError(Exception):
    """Standard output cannot be written (a full disk, a closed descriptor); not a broken pipe."""


class ReaderGone(Exception):
    """The reader of standard output went away (``| head``). Not an OSError, so that click does not catch it first."""


def write_stdout(text: str, format: str = "terminal") -> None:
    """Write ``text`` to standard output and flush it, in the format's encoding policy.

    A machine format is UTF-8 bytes whatever the locale says (JSON and SARIF
    must be); on a stream that is not UTF-8, HTML (which declares UTF-8) and
    Markdown become ASCII with character references, and the terminal report
    follows the stream's encoding with ``?`` for what it lacks.
    Raises :class:`ReaderGone` when the reader went away and
    :class:`OutputError` for any other failure to write.
    """
    stream = sys.stdout
    if stream is None:  # started with descriptor 1 closed (`cfcheck … >&-`)
        raise OutputError("cannot write to standard output: it is closed")
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    try:
        if encoding in ("utf-8", "utf8"):
            stream.write(text)
        elif format in MACHINE_FORMATS and hasattr(stream, "buffer"):
            stream.flush()
            stream.buffer.write(text.encode("utf-8"))
        elif format in REFERENCE_FORMATS:
            stream.write(text.encode("ascii", "xmlcharrefreplace").decode("ascii"))
        else:
            stream.write(text.encode(encoding, "replace").decode(encoding))
        stream.flush()
    except BrokenPipeError:
        raise ReaderGone() from None
    except (OSError, ValueError) as exc:  # ValueError: stdout was closed
        raise OutputError(_cannot_write(exc)) from None


def _cannot_write(exc: Exception) -> str:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"cannot write to standard output: {reason}"


#: Errors only a write raises; cfcheck writes nothing but standard output (its cache fails softly).
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def usage_line(err: click.ClickException) -> str:
    """A click error as one line: ``error: <message> (see 'cfcheck CMD --help')``.

    >>> usage_line(click.UsageError("Missing argument 'PATH...'."))
    "error: missing argument 'PATH...'"
    """
    message = " ".join(err.format_message().split()).rstrip(".").replace(". Did you mean", "; did you mean")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    ctx = getattr(err, "ctx", None)
    if isinstance(err, click.UsageError) and ctx is not None and ctx.command.get_help_option(ctx) is not None:
        return f"error: {message} (see '{ctx.command_path} --help')"
    return f"error: {message}"


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again and print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # a test runner's stream has no descriptor
        pass


class CfcheckGroup(typer.core.TyperGroup):
    """cfcheck's command group: typer's, with one-line usage errors and quiet broken pipes."""

    def main(  # type: ignore[override]
        self,
        args: Optional[Sequence[str]] = None,
        prog_name: Optional[str] = None,
        complete_var: Optional[str] = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if os.environ.get(complete_var or "_CFCHECK_COMPLETE"):
            from typer.completion import completion_init  # typer's completion classes, for its scripts

            completion_init()
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS as err:
            click.echo(err.ctx.get_help(), err=True)
            code = 2
        except click.ClickException as err:
            click.echo(usage_line(err), err=True)
            code = 2 if isinstance(err, click.UsageError) else err.exit_code
        except click.Abort:
            click.echo("error: interrupted", err=True)
            code = 130
        except OutputError as err:
            click.echo(f"error: {err}", err=True)
            _drop_stdout()
            code = 2
        except (ReaderGone, BrokenPipeError):
            _drop_stdout()
            code = BROKEN_PIPE
        except SystemExit:
            # typer ends a broken pipe while click prints help with exit 1, after wrapping stdout in
            # click's PacifyFlushWrapper (renamed _PacifyFlushWrapper in click 8.3): that wrapper says so.
            if not type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
                raise
            _drop_stdout()
            code = BROKEN_PIPE
        except OSError as err:  # help or a listing printed by click onto a full disk
            if err.errno not in _WRITE_ERRORS:
                raise
            click.echo(f"error: {_cannot_write(err)}", err=True)
            _drop_stdout()
            code = 2
        if not standalone_mode:
            return code
        sys.exit(code or 0)
