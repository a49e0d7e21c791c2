"""GitHub Actions workflow commands: one annotation per finding on the pull request's files.

``::error file=PATH,line=L,col=C,title=CODE name::message`` (a warning is
``::warning``, an info finding ``::notice``). Everything after ``::`` is
escaped as the runner expects (``%``, CR, LF), and property values also
escape ``:`` and ``,``, so an article cannot end an annotation early or
inject a workflow command of its own.
"""

from __future__ import annotations

from typing import Any

from ..codes import BY_CODE
from ..models import Report
from .common import clean, primary

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message escaped: ``%``, CR and LF.

    >>> escape_data("100% of 5\\n::error::x")
    '100%25 of 5%0A::error::x'
    """
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return clean(escaped)


def escape_property(text: str) -> str:
    """A property value escaped: as :func:`escape_data`, and ``:`` and ``,`` too.

    >>> escape_property("a,b:c.md")
    'a%2Cb%3Ac.md'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: Any = None) -> str:
    """One workflow command per finding, in report order (empty when there is none).

    >>> from ceasefire_cli.models import Finding, Report
    >>> render(Report((), (), (), (Finding("CF202", "info", "t1", (), "two spellings"),)))
    '::notice title=CF202 name-variant::two spellings\\n'
    """
    claims = {c.id: c for c in report.claims}
    documents = {d.id: d for d in report.documents}
    lines = []
    for f in report.findings:
        rule = BY_CODE.get(f.code)
        title = f"{f.code} {rule.name}" if rule else f.code
        where = primary(f, claims, documents)
        props = [f"file={escape_property(where.path.replace(chr(92), '/'))}", f"line={where.line}", f"col={where.column}"] if where else []
        props.append(f"title={escape_property(title)}")
        lines.append(f"::{_COMMAND.get(f.severity, 'error')} {','.join(props)}::{escape_data(f.message)}\n")
    return "".join(lines)
