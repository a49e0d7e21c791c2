"""One line per finding, as compilers and linters print them: ``path:line:col: CODE message``.

The location is the finding's primary claim (``claims[0]``); a finding with
no claim is placed at ``<topic id>:0:0``. Nothing else is printed, so the
output is empty when there is no finding, and editors (vim's quickfix,
Emacs' compilation mode) and ``grep`` can read it as it is.
"""

from __future__ import annotations

from typing import Any

from ..models import Report
from .common import one_line, primary


def render(report: Report, options: Any = None) -> str:
    """Every finding as ``path:line:col: CODE message``, in report order.

    >>> from ceasefire_cli.models import Finding, Report
    >>> render(Report((), (), (), (Finding("CF105", "error", "t1", (), "two dates"),)))
    't1:0:0: CF105 two dates\\n'
    """
    claims = {c.id: c for c in report.claims}
    documents = {d.id: d for d in report.documents}
    lines = []
    for f in report.findings:
        where = primary(f, claims, documents)
        place = f"{one_line(where.path)}:{where.line}:{where.column}" if where else f"{one_line(f.topic) or '-'}:0:0"
        lines.append(f"{place}: {f.code} {one_line(f.message)}\n")
    return "".join(lines)
