"""The HTML report: one self-contained page an editor opens in a browser.

Inline CSS only: no script, no external stylesheet, font or image, and a
Content-Security-Policy that forbids loading anything, so opening the file
makes no network request. The page holds the verdict and counts, with
undated documents and set-aside comment sections said plainly; the findings,
each quote with its figure in ``<mark>``; the documents; then each topic's
timeline as a table, with a bar per count showing its interval on the
topic's scale.

Article text is data: control characters are removed and everything is
HTML-escaped (quotes too), including the text of links, which are shown,
never linked.
"""

from __future__ import annotations

import html
import math
from typing import Any

from ..codes import BY_CODE
from ..rules.intervals import fmt_interval
from ..models import Claim, Document, Finding, Report, Topic
from . import common

_SEVERITY_LABEL = {"error": "error", "warning": "warning", "info": "note"}

_CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa;
  --line: #d1d9e0; --error: #cf222e; --warning: #9a6700; --info: #0969da; --ok: #1a7f37; --mark: #fff8c5; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --error: #ff7b72; --warning: #d29922; --info: #58a6ff; --ok: #3fb950; --mark: #5a4a00; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
code { font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.counts, .muted, footer { color: var(--muted); }
.tally { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: .5rem 0 0; }
.tally li, .badge { display: inline-block; border-radius: 999px; padding: .05rem .6rem; font-size: .85rem; font-weight: 600;
  border: 1px solid currentColor; }
.error { color: var(--error); } .warning { color: var(--warning); } .info { color: var(--info); }
.ok, .agree, .evolving { color: var(--ok); } .single { color: var(--muted); } .conflict { color: var(--error); }
.finding { border: 1px solid var(--line); border-left: 4px solid currentColor; border-radius: 6px; padding: .75rem 1rem;
  margin: 0 0 1rem; background: var(--panel); }
.finding > * { color: var(--fg); }
.finding h3 .badge { margin-right: .4rem; }
.finding.error h3 .badge { color: var(--error); } .finding.warning h3 .badge { color: var(--warning); }
.finding.info h3 .badge { color: var(--info); }
.message { margin: .25rem 0 .5rem; }
.evidence { margin: 0; padding-left: 1.25rem; }
.evidence li { margin: .4rem 0; }
.meta { font-size: .9rem; color: var(--muted); }
blockquote { margin: .2rem 0 0; padding: .1rem .75rem; border-left: 3px solid var(--line); }
mark { background: var(--mark); color: inherit; font-weight: 700; padding: 0 .1em; border-radius: 2px; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: 0 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; }
td.num { white-space: nowrap; }
.topic { margin: 0 0 1.5rem; }
table.timeline { table-layout: fixed; }
.timeline .c-date { width: 7.5rem; } .timeline .c-where { width: 27%; } .timeline .c-written { width: 13%; }
.timeline .c-interval { width: 9.5rem; } .timeline .c-scale { width: 12%; }
.topic h3 .badge { margin-left: .5rem; }
.bar { position: relative; height: .6rem; margin: .45rem .2rem 0 0; background: var(--panel); border: 1px solid var(--line); border-radius: 3px; }
.bar span { position: absolute; top: 0; bottom: 0; min-width: 3px; margin-left: -1px; border-radius: 3px; background: var(--info); }
.bar span.open-high { background: linear-gradient(to right, var(--info), transparent); }
.bar span.open-low { background: linear-gradient(to left, var(--info), transparent); }
.note { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
footer { padding-top: 1rem; padding-bottom: 2rem; font-size: .85rem; }
"""


def esc(text: str | None) -> str:
    """Text made inert for HTML: control characters removed, ``<>&"'`` escaped.

    >>> esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape(common.clean(text), quote=True)


def _quote(c: Claim, doc: Document | None, context: int = 120) -> str:
    q = common.quote(c, doc, context)
    figure = f"<mark>{esc(q.figure)}</mark>" if q.figure else ""
    return f"<blockquote>“{esc(q.before)}{figure}{esc(q.after)}”</blockquote>"


def _header(report: Report) -> list[str]:
    counts = common.severity_counts(report.findings)
    tally = [
        f'<li class="{s}">{esc(common.plural(n, *common.SEVERITY_NOUN[s]))}</li>' for s, n in counts.items() if n
    ] or ['<li class="ok">no contradictions</li>']
    return [
        "<header>",
        f"<h1>cfcheck report: {esc(common.findings_phrase(report.findings))}</h1>",
        f'<p class="counts">{esc(common.counts_line(report))}</p>',
        f'<ul class="tally">{"".join(tally)}</ul>',
        *_left_out(report),
        "</header>",
    ]


def _left_out(report: Report) -> list[str]:
    """Undated documents and comment sections, said plainly, each naming its documents."""
    out = []
    undated = common.undated(report)
    if undated:
        paths = ", ".join(f"<code>{esc(d.path)}</code>" for d in undated)
        out.append(f'<p class="note"><strong>{esc(common.undated_sentence(undated))}</strong> {paths}</p>')
    sections = common.comment_sections(report)
    if sections:
        where = ", ".join(f"<code>{esc(s.document.path)}</code> from line {s.line}" for s in sections)
        out.append(f'<p class="note"><strong>{esc(common.comments_sentence(report, sections))}</strong> {where}</p>')
    return out


def _finding(n: int, f: Finding, claims: dict[str, Claim], documents: dict[str, Document]) -> list[str]:
    rule = BY_CODE.get(f.code)
    name = f" {esc(rule.name)}" if rule else ""
    out = [
        f'<article class="finding {esc(f.severity)}" id="finding-{n}">',
        f'<h3><span class="badge">{esc(_SEVERITY_LABEL.get(f.severity, f.severity))}</span>'
        f"<code>{esc(f.code)}</code>{name}</h3>",
        f'<p class="message">{esc(f.message)}</p>',
    ]
    items = []
    for cid in f.claims:
        c = claims.get(cid)
        if c is None:
            continue
        where = common.locate(c, documents)
        doc = documents.get(c.document)
        comment = " · reader comment" if c.section == "comments" else ""
        items.append(
            f'<li><div class="meta"><code>{esc(f"{where.path}:{where.line}:{where.column}")}</code> · '
            f"{esc(common.when(c))} · {esc(common.source(c, doc))}{comment}</div>{_quote(c, doc)}</li>"
        )
    if items:
        out += ['<ol class="evidence">', *items, "</ol>"]
    return out + ["</article>"]


def _findings(report: Report, claims: dict[str, Claim], documents: dict[str, Document]) -> list[str]:
    out = ['<section id="findings">', f"<h2>Findings ({len(report.findings)})</h2>"]
    if not report.findings:
        out.append('<p class="ok">No contradictions between sources.</p>')
    for n, f in enumerate(report.findings, 1):
        out += _finding(n, f, claims, documents)
    return out + ["</section>"]


def _documents(report: Report) -> list[str]:
    notes = common.document_notes(report)
    out = [
        '<section id="documents">',
        f"<h2>Documents ({len(report.documents)})</h2>",
        "<table>",
        "<thead><tr><th>document</th><th>published</th><th>date from</th><th>outlet · title</th><th>notes</th></tr></thead>",
        "<tbody>",
    ]
    for d in report.documents:
        published = esc(d.published.isoformat()) if d.published else "<strong>undated</strong>"
        about = " · ".join(esc(x) for x in (d.outlet, d.title) if x) or "—"
        if d.url:
            about += f'<br><code class="muted">{esc(d.url)}</code>'
        out.append(
            f"<tr><td><code>{esc(d.path)}</code></td><td class=\"num\">{published}</td>"
            f"<td>{esc(d.published_basis) or '—'}</td><td>{about}</td><td>{esc('; '.join(notes[d.id]))}</td></tr>"
        )
    return out + ["</tbody>", "</table>", "</section>"]


def _scale(claims: tuple[Claim, ...]) -> float:
    """The top of a topic's scale: its largest finite bound (0 when it has none)."""
    bounds = [x for c in claims for x in (c.low, c.high) if x is not None and math.isfinite(x)]
    return max(bounds, default=0.0)


def _bar(c: Claim, top: float) -> str:
    """The claim's interval drawn on the topic's scale; an open upper bound fades out."""
    if c.kind != "count" or top <= 0 or (c.low is None and c.high is None):
        return ""
    low = max(0.0, c.low or 0.0)
    high = top if c.high is None else c.high
    left = round(100 * low / top, 1)
    width = round(100 * max(0.0, high - low) / top, 1)
    cls = ' class="open-high"' if c.high is None else ' class="open-low"' if c.low is None else ""
    label = esc(fmt_interval(c))
    return f'<div class="bar" title="{label}"><span{cls} style="left:{left}%;width:{width}%"></span></div>'


def _topic(topic: Topic, claims: dict[str, Claim], documents: dict[str, Document]) -> list[str]:
    ordered = common.timeline(topic, claims)
    top = _scale(ordered)
    bars = top > 0 and any(c.kind == "count" for c in ordered)
    out = [
        f'<article class="topic" id="topic-{esc(topic.id)}">',
        f'<h3>{esc(topic.label)}<span class="badge {esc(topic.status)}">{esc(topic.status)}</span></h3>',
        '<table class="timeline">',
        '<colgroup><col class="c-date"><col class="c-where"><col class="c-written"><col class="c-interval">'
        + ('<col class="c-scale">' if bars else "")
        + '<col class="c-source"></colgroup>',
        "<thead><tr><th>as of</th><th>document:line</th><th>as written</th><th>interval</th>"
        + ("<th>scale</th>" if bars else "")
        + "<th>source</th></tr></thead>",
        "<tbody>",
    ]
    for c in ordered:
        where = common.locate(c, documents)
        written = esc(common.one_line(c.text)) + (' <span class="muted">(reader comment)</span>' if c.section == "comments" else "")
        out.append(
            f'<tr><td class="num">{esc(common.when(c))}</td><td><code>{esc(f"{where.path}:{where.line}")}</code></td>'
            f'<td>{written}</td><td class="num">{esc(fmt_interval(c))}</td>'
            + (f"<td>{_bar(c, top)}</td>" if bars else "")
            + f"<td>{esc(common.source(c, documents.get(c.document)))}</td></tr>"
        )
    return out + ["</tbody>", "</table>", "</article>"]


def _loose(report: Report, documents: dict[str, Document]) -> list[str]:
    loose = [c for c in report.claims if c.topic is None]
    if not loose:
        return []
    out = ['<section id="loose">', f"<h2>Claims in no topic ({len(loose)})</h2>", '<ol class="evidence">']
    for c in loose:
        where = common.locate(c, documents)
        out.append(
            f'<li><div class="meta"><code>{esc(f"{where.path}:{where.line}:{where.column}")}</code> · '
            f"{esc(c.section)} · {esc(c.metric or c.kind)} · {esc(fmt_interval(c))}</div>"
            f"{_quote(c, documents.get(c.document))}</li>"
        )
    return out + ["</ol>", "</section>"]


def render(report: Report, options: Any = None) -> str:
    """The report as one HTML page (UTF-8, ending in a newline).

    ``options.quiet`` keeps the summary and the findings; ``options.verbose``
    adds the claims that joined no topic.
    """
    from .. import __version__

    quiet = bool(getattr(options, "quiet", False))
    verbose = bool(getattr(options, "verbose", False))
    claims = {c.id: c for c in report.claims}
    documents = {d.id: d for d in report.documents}
    title = f"cfcheck report: {common.findings_phrase(report.findings)}"
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="cfcheck">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *_header(report),
        "<main>",
        *_findings(report, claims, documents),
    ]
    if not quiet:
        lines += _documents(report)
        lines += ['<section id="topics">', f"<h2>Topics ({len(report.topics)})</h2>"]
        if not report.topics:
            lines.append('<p class="muted">No claim could be grouped into a topic.</p>')
        for topic in report.topics:
            lines += _topic(topic, claims, documents)
        lines.append("</section>")
        if verbose:
            lines += _loose(report, documents)
    lines += ["</main>", f"<footer>Made by cfcheck {esc(__version__)}.</footer>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
