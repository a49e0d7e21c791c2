"""The Markdown report, for a pull-request comment: the terminal report's content, without colour.

GitHub-flavoured Markdown: a verdict heading and counts, with undated
documents and set-aside comment sections said plainly; the findings, each
with its quotes and the figure in **bold**; the documents; then each topic
as a compact table under a status badge.

Article text is data: every Markdown metacharacter in it is backslash-escaped,
``|`` too (table cells), ``<>&`` become entities, newlines become spaces, control
characters are removed, and ``@name`` / ``#123`` are defused so that a quoted
article cannot mention a user or link an issue from the comment.
"""

from __future__ import annotations

import re
from typing import Any

from ..codes import BY_CODE
from ..rules.intervals import fmt_interval
from ..models import Claim, Document, Finding, Report, Topic
from . import common

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MENTION = re.compile(r"([@#])(?=\w)")
_SEVERITY_BADGE = {"error": "🔴 error", "warning": "🟡 warning", "info": "🔵 note"}
_STATUS_BADGE = {"conflict": "🔴 conflict", "evolving": "🟢 evolving", "agree": "🟢 agree", "single": "⚪ single"}


def md(text: str | None) -> str:
    """Text made inert for Markdown, on one line and safe in a table cell.

    >>> md("5 | <b>*x*</b> @bob")
    '5 \\\\| &lt;b&gt;\\\\*x\\\\*&lt;/b&gt; @&#8203;bob'
    """
    return _escape(common.one_line(text))


def _escape(text: str) -> str:
    """Escape text already on one line, keeping its edge spaces (quote fragments)."""
    text = re.sub(r"[&<>]", lambda m: _ENTITY[m.group()], common.clean(text).replace("\n", " "))
    escaped = _SPECIAL.sub(r"\\\1", text)
    return _MENTION.sub(lambda m: m.group(1) + "&#8203;", escaped)


def code(text: str | None, cell: bool = False) -> str:
    """Text as an inline code span (a path); in a table ``cell``, its ``|`` escaped.

    >>> code("a`b|c.md"), code("a|b", cell=True)
    ('``a`b|c.md``', '`a\\\\|b`')
    """
    body = common.one_line(text)
    if cell:
        # GFM splits table rows on "|" before parsing code spans; "\|" is the escape it honours there.
        body = body.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def _quote(c: Claim, doc: Document | None, context: int = 100) -> str:
    q = common.quote(c, doc, context)
    figure = f"**{_escape(q.figure)}**" if q.figure else ""
    return f"“{_escape(q.before)}{figure}{_escape(q.after)}”"


def _summary(report: Report) -> list[str]:
    phrase = common.findings_phrase(report.findings)
    icon = "🔴" if any(f.severity == "error" for f in report.findings) else "🟡" if report.findings else "✅"
    return [
        f"## {icon} cfcheck: {phrase}",
        "",
        common.counts_line(report),
        "",
    ] + _left_out(report)


def _left_out(report: Report) -> list[str]:
    """Undated documents and comment sections, said plainly, each naming its documents."""
    lines = []
    undated = common.undated(report)
    if undated:
        lines += [f"> **{md(common.undated_sentence(undated))}** {', '.join(code(d.path) for d in undated)}", ""]
    sections = common.comment_sections(report)
    if sections:
        where = ", ".join(f"{code(s.document.path)} from line {s.line}" for s in sections)
        lines += [f"> **{md(common.comments_sentence(report, sections))}** {where}", ""]
    return lines


def _finding(f: Finding, claims: dict[str, Claim], documents: dict[str, Document]) -> list[str]:
    rule = BY_CODE.get(f.code)
    name = f" {md(rule.name)}" if rule else ""
    lines = [f"- **{_SEVERITY_BADGE.get(f.severity, f.severity)}** `{f.code}`{name}: {md(f.message)}"]
    for cid in f.claims:
        c = claims.get(cid)
        if c is None:
            continue
        where = common.locate(c, documents)
        doc = documents.get(c.document)
        comment = " · reader comment" if c.section == "comments" else ""
        lines.append(
            f"  - {code(f'{where.path}:{where.line}:{where.column}')} · {common.when(c)} · "
            f"{md(common.source(c, doc))}{comment}  "
        )
        lines.append(f"    {_quote(c, doc)}")
    return lines


def _findings(report: Report, claims: dict[str, Claim], documents: dict[str, Document]) -> list[str]:
    lines = [f"### Findings ({len(report.findings)})", ""]
    if not report.findings:
        return lines + ["No contradictions between sources.", ""]
    for f in report.findings:
        lines += _finding(f, claims, documents)
    return lines + [""]


def _documents(report: Report) -> list[str]:
    notes = common.document_notes(report)
    lines = [
        f"### Documents ({len(report.documents)})",
        "",
        "| document | published | date from | outlet | notes |",
        "|---|---|---|---|---|",
    ]
    for d in report.documents:
        published = d.published.isoformat() if d.published else "**undated**"
        lines.append(
            f"| {code(d.path, cell=True)} | {published} | {md(d.published_basis) or '—'} | {md(d.outlet) or '—'} | "
            f"{md('; '.join(notes[d.id])) or ''} |"
        )
    return lines + [""]


def _topic(topic: Topic, claims: dict[str, Claim], documents: dict[str, Document]) -> list[str]:
    lines = [
        f"#### {md(topic.label)} — {_STATUS_BADGE.get(topic.status, topic.status)}",
        "",
        "| as of | document:line | as written | interval | source |",
        "|---|---|---|---|---|",
    ]
    for c in common.timeline(topic, claims):
        where = common.locate(c, documents)
        written = md(c.text) + (" *(reader comment)*" if c.section == "comments" else "")
        lines.append(
            f"| {common.when(c)} | {code(f'{where.path}:{where.line}', cell=True)} | {written} | "
            f"{md(fmt_interval(c))} | {md(common.source(c, documents.get(c.document)))} |"
        )
    return lines + [""]


def render(report: Report, options: Any = None) -> str:
    """The report as GitHub-flavoured Markdown, ending in a newline.

    ``options.quiet`` keeps the summary and the findings; ``options.verbose``
    adds the claims that joined no topic.
    """
    quiet = bool(getattr(options, "quiet", False))
    verbose = bool(getattr(options, "verbose", False))
    claims = {c.id: c for c in report.claims}
    documents = {d.id: d for d in report.documents}
    lines = _summary(report) + _findings(report, claims, documents)
    if not quiet:
        lines += _documents(report)
        lines += [f"### Topics ({len(report.topics)})", ""]
        if not report.topics:
            lines += ["No claim could be grouped into a topic.", ""]
        for topic in report.topics:
            lines += _topic(topic, claims, documents)
        loose = [c for c in report.claims if c.topic is None]
        if verbose and loose:
            lines += [f"### Claims in no topic ({len(loose)})", ""]
            for c in loose:
                place = common.locate(c, documents)
                where = code(f"{place.path}:{place.line}:{place.column}")
                lines.append(f"- {where} · {c.section} · {md(c.metric or c.kind)} · {md(fmt_interval(c))}  ")
                lines.append(f"  {_quote(c, documents.get(c.document))}")
            lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
