"""The terminal report (rich): counts, findings first, then each topic's timeline.

Layout, top to bottom: the verdict (findings by severity) and what was read
(documents and their dates, claims, topics), with undated documents and
set-aside comment sections said plainly; the findings, errors in red and
warnings in yellow, each with the quotes it rests on, their sources and dates,
the figures highlighted; the documents, grouped by folder; then each topic as
a compact table with a status badge. ``--quiet`` keeps the summary and the
findings; ``--verbose`` adds every claim's sentence and the claims that
joined no topic.

Text taken from articles is always wrapped in ``rich.text.Text`` (never parsed
as markup) and stripped of control characters, so an article cannot restyle
or corrupt the terminal. Wrapped lines keep their indent from 80 to 200
columns: indents are rich padding, not leading spaces.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from ..codes import BY_CODE
from ..models import Claim, Document, Finding, Report, Series, Topic
from ..rules.intervals import fmt_interval, fmt_number
from . import common
from .common import clean

_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "cyan"}
_STATUS_STYLE = {"conflict": "bold red", "evolving": "green", "agree": "green", "single": "dim"}
_MARK = {"error": "✖", "warning": "▲", "info": "●"}
_FIGURE = "bold reverse"


def safe(text: str | None) -> str:
    """Article text made inert for a terminal: control characters removed.

    >>> safe("20\\x1b[2J killed")
    '20[2J killed'
    """
    return clean(text)


class _Context:
    """What every block needs at hand: lookups by id and the short document names."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.claims = {c.id: c for c in report.claims}
        self.documents = {d.id: d for d in report.documents}
        self.short = common.short_names(d.id for d in report.documents)

    def where(self, c: Claim) -> str:
        return f"{self.short.get(c.document, c.document)}:{c.line}"


def _indent(renderable: Any, left: int) -> Any:
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, left))


def _header(report: Report) -> list[Any]:
    """The verdict (findings by severity), what was read (documents and their dates, claims,
    topics), and what was left out of the comparison: undated documents, comment sections."""
    from rich.text import Text

    verdict = Text("cfcheck", style="bold")
    verdict.append(" · ")
    counts = [(s, n) for s, n in common.severity_counts(report.findings).items() if n]
    if not any(s in ("error", "warning") for s, _ in counts):
        verdict.append("no contradictions", style="bold green")
        verdict.append(", " if counts else "")
    for i, (severity, n) in enumerate(counts):
        verdict.append((", " if i else "") + common.plural(n, *common.SEVERITY_NOUN[severity]), style=_SEVERITY_STYLE[severity])
    read = Text(common.counts_line(report), style="dim")
    out: list[Any] = [verdict, read]
    for sentence in (
        common.undated_sentence(common.undated(report)),
        common.comments_sentence(report, common.comment_sections(report)),
    ):
        if sentence:
            out.append(Text(sentence))
    return out


def _documents(ctx: _Context, width: int) -> list[Any]:
    """The documents, grouped under their folders, with their dates and notes.

    File names are not folded when they fit in half the width; below that,
    where "date from" has no room, it moves into the notes.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    report = ctx.report
    names = [safe(d.path).replace("\\", "/").rpartition("/") for d in report.documents]
    longest = max((len(name) + (2 if here else 0) for here, _, name in names), default=8)
    keep_names = longest <= width // 2
    basis_column = 2 + max(longest, 8) + 2 + 10 + 2 + 12 + 2 + 20 <= width
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="dim")
    table.add_column("document", overflow="fold", no_wrap=keep_names)
    table.add_column("published", no_wrap=True)
    if basis_column:
        table.add_column("date from", no_wrap=True)
    table.add_column("outlet · notes", overflow="fold")
    notes = common.document_notes(report)
    folder = None
    for d, (here, _, name) in zip(report.documents, names):
        if here and here != folder:
            table.add_row(*[Text(here + "/", style="bold")] + [""] * (len(table.columns) - 1))
        folder = here
        published = d.published.isoformat() if d.published else "undated"
        about = ([safe(d.outlet)] if d.outlet else []) + list(notes[d.id])
        basis = d.published_basis or "—"
        if not basis_column and d.published_basis:
            about.append(f"date from {d.published_basis}")
        row: list[Text | str] = [Text(("  " if here else "") + name), published, *([basis] if basis_column else []), Text("; ".join(about))]
        table.add_row(*row)
    return [Text("Documents", style="bold"), _indent(table, 2)]


def _quote(c: Claim, doc: Document | None, context: int = 70) -> Any:
    """The claim's sentence in quotes with its figure highlighted, shortened around the figure."""
    from rich.text import Text

    q = common.quote(c, doc, context)
    text = Text("“")
    text.append(q.before)
    text.append(q.figure, style=_FIGURE)
    text.append(q.after + "”")
    return text


def _evidence(c: Claim, ctx: _Context) -> list[Any]:
    """One claim behind a finding: where, when and who, then the quote."""
    from rich.text import Text

    doc = ctx.documents.get(c.document)
    where = common.locate(c, ctx.documents)
    head = Text(f"{safe(where.path)}:{where.line}:{where.column}", style="bold")
    head.append(f" · {common.when(c)} · ", style="dim")
    head.append(common.source(c, doc), style="dim")
    if c.section == "comments":
        head.append(" · reader comment", style="dim")
    return [_indent(head, 4), _indent(_quote(c, doc), 6)]


#: Above this many documents the default view summarises (an archive, not a desk's handful).
ARCHIVE = 30
#: In that view: findings shown in full, and claims quoted for each.
SHOWN_FINDINGS = 10
SHOWN_CLAIMS = 3


def _finding(f: Finding, ctx: _Context, quoted: int | None = None) -> list[Any]:
    from rich.text import Text

    style = _SEVERITY_STYLE.get(f.severity, "")
    rule = BY_CODE.get(f.code)
    head = Text(f"{_MARK.get(f.severity, '•')} {f.code} {f.severity}", style=style)
    if rule is not None:
        head.append(f" · {rule.name}", style="dim")
    out: list[Any] = [_indent(head, 2), _indent(Text(common.one_line(f.message)), 4)]
    for cid in f.claims[:quoted]:
        c = ctx.claims.get(cid)
        if c is not None:
            out += _evidence(c, ctx)
    if quoted is not None and len(f.claims) > quoted:
        out.append(_indent(Text(f"(+{len(f.claims) - quoted} more claims)", style="dim"), 4))
    return out


def _findings(ctx: _Context, summary: bool = False) -> list[Any]:
    """Every finding; in the summary of an archive, the first errors and warnings and a count of the rest."""
    from rich.text import Text

    findings = ctx.report.findings
    out: list[Any] = [Text(f"Findings ({len(findings)})" if findings else "Findings", style="bold")]
    if not findings:
        out.append(_indent(Text("No contradictions between sources.", style="green"), 2))
    shown = [f for f in findings if f.severity != "info"][:SHOWN_FINDINGS] if summary else list(findings)
    for i, f in enumerate(shown):
        if i:
            out.append(Text(""))
        out += _finding(f, ctx, SHOWN_CLAIMS if summary else None)
    if len(shown) < len(findings):
        more = len(findings) - len(shown)
        out += [Text(""), _indent(Text(f"{more} more findings: --format line or --format json lists every one; --verbose shows them here.", style="dim"), 2)]
    return out


def _documents_summary(ctx: _Context) -> list[Any]:
    """One line on the documents of an archive: how many, and where their dates came from."""
    from rich.text import Text

    bases: dict[str, int] = {}
    for d in ctx.report.documents:
        key = d.published_basis or "undated"
        bases[key] = bases.get(key, 0) + 1
    told = ", ".join(f"{n:,} {'undated' if basis == 'undated' else f'dated from {basis}'}" for basis, n in sorted(bases.items(), key=lambda kv: (-kv[1], kv[0])))
    return [Text("Documents", style="bold"), _indent(Text(f"{len(ctx.report.documents):,}: {told}. --verbose lists them."), 2)]


def _topic(topic: Topic, ctx: _Context, widths: dict[str, int], verbose: bool, only: set[str] | None = None) -> list[Any]:
    """One topic: its status badge and label, then its claims in date order.

    Every topic's table has the same column widths, so the tables line up.
    With no room for a "where" column, the document goes under the source.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    head = Text(f"[{topic.status}]", style=_STATUS_STYLE.get(topic.status, ""))
    head.append(" ")
    head.append(safe(topic.label), style="bold")
    wide = "where" in widths
    ordered = common.timeline(topic, ctx.claims)
    hidden = 0
    if only is not None:  # an archive's summary: the claims its findings name
        kept = [c for c in ordered if c.id in only]
        hidden, ordered = len(ordered) - len(kept), tuple(kept)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="dim")
    table.add_column("as of", no_wrap=True, width=10)
    if wide:
        table.add_column("where", overflow="fold", width=widths["where"])
    table.add_column("as written", overflow="fold", width=widths["written"])
    table.add_column("interval", overflow="fold", width=widths["interval"])
    table.add_column("source" if wide else "source · where", overflow="fold", min_width=widths["source"])
    for c in ordered:
        written = Text(common.one_line(c.text))
        if c.section == "comments":
            written.append(" (comment)", style="dim")
        who = Text(common.source(c, ctx.documents.get(c.document)))
        if wide:
            table.add_row(common.when(c), ctx.where(c), written, fmt_interval(c), who)
        else:
            who.append("\n" + ctx.where(c), style="dim")
            table.add_row(common.when(c), written, fmt_interval(c), who)
    out: list[Any] = [_indent(head, 2)]
    for caption, line in _timelines(ctx.report, topic):
        out += [_indent(Text(caption, style="dim"), 4), _indent(Text(line, style="cyan"), 4)]
    out.append(_indent(table, 4))
    if hidden:
        out.append(_indent(Text(f"(+{hidden} more claims in this topic: --verbose lists them)", style="dim"), 4))
    if verbose:
        for c in ordered:
            graded = f" · {c.confidence} confidence" + (f" ({c.doubts})" if c.doubts else "") if c.confidence else ""
            out.append(_indent(Text(ctx.where(c) + graded, style="dim"), 4))
            out.append(_indent(_quote(c, ctx.documents.get(c.document), 400), 6))
    return out


def _column_widths(ctx: _Context, width: int) -> dict[str, int]:
    """Widths shared by every topic table, so that they line up.

    The last column (source) keeps at least 28 columns, or room for the
    longest "where" it holds in a narrow terminal; a "where" column of its
    own is added only when it fits as well.
    """
    members = [c for t in ctx.report.topics for c in (ctx.claims.get(i) for i in t.claims) if c is not None]
    widest = {
        "where": min(32, max((len(ctx.where(c)) for c in members), default=5)),
        "source": max([len("source · where")] + [len(common.source(c, ctx.documents.get(c.document))) for c in members]),
        "written": min(18, max([len("as written")] + [len(common.one_line(c.text)) for c in members])),
        "interval": min(21, max([len("interval")] + [len(fmt_interval(c)) for c in members])),
    }
    # 4 columns of indent, "as of", then 2 columns between each pair of columns.
    budget = width - 4 - 10 - 3 * 2 - max(28, widest["where"])
    interval = min(widest["interval"], max(8, budget // 2))
    widths = {"written": min(widest["written"], max(10, budget - interval)), "interval": interval}
    if width - 4 - 10 - 4 * 2 - widths["written"] - widths["interval"] - widest["where"] >= 28:
        widths["where"] = widest["where"]
    used = 4 + 10 + widths["written"] + widths["interval"] + widths.get("where", 0) + 2 * (3 + ("where" in widths))
    widths["source"] = max(12, min(widest["source"] + 1, width - used))  # with its padding
    return widths


def _topics(ctx: _Context, width: int, verbose: bool, summary: bool = False) -> list[Any]:
    """Every topic's table; in the summary of an archive, only the topics in conflict."""
    from rich.text import Text

    widths = _column_widths(ctx, width)
    out: list[Any] = [Text(f"Topics ({len(ctx.report.topics)})", style="bold")]
    if not ctx.report.topics:
        out.append(_indent(Text("No claim could be grouped into a topic.", style="dim"), 2))
    shown = [t for t in ctx.report.topics if t.status == "conflict"] if summary else list(ctx.report.topics)
    named = {c for f in ctx.report.findings for c in f.claims} if summary else None
    for i, topic in enumerate(shown):
        if i:
            out.append(Text(""))
        out += _topic(topic, ctx, widths, verbose, named)
    if len(shown) < len(ctx.report.topics):
        rest = len(ctx.report.topics) - len(shown)
        out += [Text(""), _indent(Text(f"{rest} more topics agree, evolve or stand alone: --verbose lists them.", style="dim"), 2)]
    return out


def _loose(ctx: _Context) -> list[Any]:
    """Every claim that joined no topic, with its sentence (``--verbose``)."""
    from rich.text import Text

    loose = [c for c in ctx.report.claims if c.topic is None]
    if not loose:
        return []
    out: list[Any] = [Text(f"Claims in no topic ({len(loose)})", style="bold")]
    for c in loose:
        head = Text(f"{ctx.where(c)}:{c.column}", style="dim")
        head.append(f" · {c.section} · {c.metric or c.kind} · {fmt_interval(c)}", style="dim")
        out += [_indent(head, 2), _indent(_quote(c, ctx.documents.get(c.document), 400), 4)]
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
        soft_wrap=False,
    )
    ctx = _Context(report)
    # An archive (more than ARCHIVE documents) opens on one screen: the summary, the first
    # findings, the topics in conflict; every format but this view keeps all of it.
    summary = len(report.documents) > ARCHIVE and not options.verbose
    blocks: list[Any] = _header(report) + [Text("")] + _findings(ctx, summary)
    if not options.quiet:
        blocks += [Text("")] + (_documents_summary(ctx) if summary else _documents(ctx, options.width))
        blocks += [Text("")] + _topics(ctx, options.width, options.verbose, summary)
        if options.verbose:
            loose = _loose(ctx)
            blocks += ([Text("")] + loose) if loose else []
    for block in blocks:
        console.print(block)
    # Tables and padding fill lines with spaces; trailing ones only get in the way.
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


# --- reference series as sparklines -------------------------------------------------------------

#: Columns of a reference sparkline.
SPARKLINE_WIDTH = 60
BLOCKS = "▁▂▃▄▅▆▇█"


def _timelines(report: Report, topic: Topic) -> list[tuple[str, str]]:
    """(caption, two-line sparkline) for each reference series of ``topic``, its claims marked ^."""
    out = []
    for ref in report.references:
        for series in ref.series:
            if series.topic != topic.id or not series.dates:
                continue
            marked = [c for c in report.claims if c.topic == series.topic and c.section == "body"]
            caption = (
                f"{ref.label}: {series.dates[0].isoformat()} {fmt_number(series.values[0])} → "
                f"{series.dates[-1].isoformat()} {fmt_number(series.values[-1])}; ^ = a claim's date"
            )
            out.append((caption, sparkline(series, marked, SPARKLINE_WIDTH)))
    return out


def sparkline(series: Series, claims: Iterable[Claim], width: int) -> str:
    """The series in ``width`` block characters, then a line with ``^`` under each claim's date.

    Each column shows the report standing on the last day it covers.

    >>> from ceasefire_cli.models import Claim, Series
    >>> s = Series("t", "f", tuple(dt.date(2026, 1, d) for d in range(1, 9)), tuple(float(v) for v in range(8)))
    >>> c = Claim("a#1", "a", "count", "5", 0, 1, 1, 1, "", low=5.0, high=5.0, as_of=dt.date(2026, 1, 6))
    >>> print(sparkline(s, [c], 8))
    ▁▂▃▄▅▆▇█
         ^
    """
    if not series.dates or width < 1:
        return ""
    start = series.dates[0]
    span = (series.dates[-1] - start).days + 1
    low, high = series.values[0], series.values[-1]
    top = []
    for k in range(width):
        i = series.at(start + dt.timedelta(days=((k + 1) * span - 1) // width))
        v = series.values[i] if i is not None else low
        top.append(BLOCKS[round((v - low) / (high - low) * 7) if high > low else 0])
    marks = [" "] * width
    for c in claims:
        if c.as_of is not None and 0 <= (c.as_of - start).days < span:
            marks[(c.as_of - start).days * width // span] = "^"
    return "".join(top) + "\n" + "".join(marks).rstrip()
