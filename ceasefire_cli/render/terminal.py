"""The terminal report (rich): counts, findings first, then each topic's timeline.

Text taken from articles is always wrapped in ``rich.text.Text`` (never parsed
as markup) and stripped of control characters, so an article cannot restyle
or corrupt the terminal.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..compare import fmt_interval
from ..models import Claim, Report, Topic

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "cyan"}
_STATUS_STYLE = {"conflict": "bold red", "evolving": "green", "agree": "green", "single": "dim"}
_MARK = {"error": "✖", "warning": "▲", "info": "●"}


def safe(text: str | None) -> str:
    """Article text made inert for a terminal: control characters removed."""
    return _CONTROL.sub("", text or "")


def _header(report: Report) -> Any:
    from rich.text import Text

    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    line = Text("cfcheck", style="bold")
    line.append(f" · {len(report.documents)} documents · {len(report.claims)} claims · {len(report.topics)} topics · ")
    if not report.findings:
        line.append("no contradictions", style="bold green")
    else:
        parts = [(f"{n} {s}{'s' if n != 1 else ''}", _SEVERITY_STYLE[s]) for s, n in counts.items() if n]
        for i, (label, style) in enumerate(parts):
            line.append((", " if i else "") + label, style=style)
    return line


def _documents(report: Report) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, title="Documents", title_justify="left", title_style="bold", expand=False, pad_edge=False)
    table.add_column("document", overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("date from", no_wrap=True)
    table.add_column("notes", overflow="fold")
    by_doc: dict[str, list[Claim]] = {}
    for c in report.claims:
        by_doc.setdefault(c.document, []).append(c)
    for d in report.documents:
        claims = by_doc.get(d.id, [])
        notes = []
        if d.outlet:
            notes.append(safe(d.outlet))
        if d.comments_start is not None:
            n = sum(1 for c in claims if c.section == "comments")
            line = d.text.count("\n", 0, d.comments_start) + 1
            how = "compared" if report.include_comments else "set aside"
            notes.append(f"reader comments from line {line} {how} ({n} claim{'s' if n != 1 else ''})")
        if d.published is None:
            notes.append("undated: its cumulative figures are not compared")
        published = d.published.isoformat() if d.published else "undated"
        table.add_row(safe(d.path), published, d.published_basis or "—", "; ".join(notes))
    return table


def _findings(report: Report, by_id: dict[str, Claim]) -> list[Any]:
    from rich.text import Text

    out: list[Any] = [Text("Findings", style="bold")]
    if not report.findings:
        out.append(Text("  No contradictions between sources.", style="green"))
        return out
    for f in report.findings:
        head = Text(f"{_MARK[f.severity]} {f.severity} {f.code} ", style=_SEVERITY_STYLE[f.severity])
        head.append(safe(f.message))
        out.append(head)
        for cid in f.claims:
            c = by_id.get(cid)
            if c is not None:
                quote = Text(f"    {c.document}:{c.line}:{c.column}  ", style="dim")
                quote.append_text(_quote(c))
                out.append(quote)
    return out


def _quote(c: Claim) -> Any:
    """The claim's sentence with its figure highlighted, shortened around the figure."""
    from rich.text import Text

    sentence = safe(c.sentence)
    figure = safe(c.text)
    at = sentence.find(figure)
    if at < 0:
        return Text(f"“{sentence}”")
    start = max(0, at - 70)
    end = min(len(sentence), at + len(figure) + 70)
    text = Text("“" + ("…" if start else ""))
    text.append(sentence[start:at])
    text.append(figure, style="bold reverse")
    text.append(sentence[at + len(figure) : end] + ("…" if end < len(sentence) else "") + "”")
    return text


def _topic(topic: Topic, claims: list[Claim], verbose: bool) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    head = Text(f"{topic.label}  ", style="bold")
    head.append(f"[{topic.status}]", style=_STATUS_STYLE.get(topic.status, ""))
    table = Table(box=box.SIMPLE, show_header=True, pad_edge=False, expand=True, header_style="dim")
    table.add_column("as of", no_wrap=True, width=10)
    table.add_column("where", no_wrap=True)
    table.add_column("as written", overflow="fold", ratio=2)
    table.add_column("interval", no_wrap=True)
    table.add_column("source", overflow="fold", ratio=2)
    ordered = sorted(claims, key=lambda c: (c.as_of is None, c.as_of or c.first, c.document, c.start))
    for c in ordered:
        when = c.as_of.isoformat() if c.as_of else "undated"
        table.add_row(when, f"{c.document}:{c.line}", Text(safe(c.text)), fmt_interval(c), Text(safe(c.attribution) or "—"))
    out: list[Any] = [head, table]
    if verbose:
        out += [Text("    ").append_text(_quote(c)) for c in ordered]
    return out


def render(report: Report, options: Any) -> str:
    """The report for a terminal ``options.width`` columns wide, coloured if ``options.color``."""
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    by_id = {c.id: c for c in report.claims}
    console.print(_header(report))
    if not options.quiet:
        console.print()
        console.print(_documents(report))
    for block in _findings(report, by_id):
        console.print(block)
    if not options.quiet:
        console.print()
        console.print(Text("Topics", style="bold"))
        for topic in report.topics:
            members = [by_id[i] for i in topic.claims]
            for block in _topic(topic, members, options.verbose):
                console.print(block)
        if options.verbose:
            loose = [c for c in report.claims if c.topic is None]
            if loose:
                console.print(Text(f"Claims in no topic ({len(loose)})", style="bold"))
                for c in loose:
                    line = Text(f"  {c.document}:{c.line}:{c.column} {c.section} {c.metric or c.kind} [{fmt_interval(c)}] ", style="dim")
                    line.append_text(_quote(c))
                    console.print(line)
    return buffer.getvalue()
