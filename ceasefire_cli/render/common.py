"""What every report format needs to say, computed once: counts, locations, quotes, notes.

Formats differ in markup, not in content; the facts they show (how many of
what, where a finding points, which words of a sentence to highlight, which
documents are undated) come from here so that the terminal, Markdown and HTML
reports agree with each other and with the line-oriented formats.

Nothing here escapes for a format: :func:`clean` only removes control and
bidi-override characters, which no format should ever pass through.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..models import SEVERITIES, Claim, Document, Finding, Report, Severity, Topic

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

#: Plural noun of each severity, as counted in summaries.
SEVERITY_NOUN: dict[Severity, tuple[str, str]] = {
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "info": ("note", "notes"),
}


def clean(text: str | None) -> str:
    """Text made inert: control, zero-width and bidi-override characters removed.

    >>> clean("killed\\x1b[31m 20\\u202e")
    'killed[31m 20'
    """
    return _CONTROL.sub("", text or "")


def one_line(text: str | None) -> str:
    """:func:`clean` text with every run of whitespace (newlines too) made one space.

    >>> one_line("more than\\n  44,000")
    'more than 44,000'
    """
    return " ".join(clean(text).split())


def plural(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun that agrees with it.

    >>> plural(1, "claim"), plural(3, "claim")
    ('1 claim', '3 claims')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings of each severity, most serious first (zeros included)."""
    counted = Counter(f.severity for f in findings)
    return {s: counted.get(s, 0) for s in SEVERITIES}


def findings_phrase(findings: Iterable[Finding]) -> str:
    """"3 errors, 2 warnings" (zeros left out); "no contradictions" first when there are only notes."""
    counts = severity_counts(findings)
    parts = [plural(n, *SEVERITY_NOUN[s]) for s, n in counts.items() if n]
    if not counts.get("error") and not counts.get("warning"):
        parts.insert(0, "no contradictions")
    return ", ".join(parts)


def dates_summary(documents: tuple[Document, ...]) -> str:
    """The documents' publication dates in brief.

    "dated 2024-11-30 to 2026-01-21", "dated 2025-11-23, 2 undated", "all undated".
    """
    days = sorted(d.published for d in documents if d.published is not None)
    undated_n = len(documents) - len(days)
    if not days:
        return "all undated" if documents else "none"
    span = days[0].isoformat() if days[0] == days[-1] else f"{days[0].isoformat()} to {days[-1].isoformat()}"
    return f"dated {span}" + (f", {undated_n} undated" if undated_n else "")


def counts_line(report: Report) -> str:
    """What was read: "13 documents (dated 2024-11-30 to 2026-01-21) · 55 claims · 14 topics"."""
    return (
        f"{plural(len(report.documents), 'document')} ({dates_summary(report.documents)}) · "
        f"{plural(len(report.claims), 'claim')} · {plural(len(report.topics), 'topic')}"
    )


def undated(report: Report) -> tuple[Document, ...]:
    """The documents with no known publication date, in report order."""
    return tuple(d for d in report.documents if d.published is None)


@dataclass(frozen=True, slots=True)
class CommentSection:
    """A document's reader-comment section: where it starts and how many claims it holds."""

    document: Document
    line: int
    claims: int


def comment_sections(report: Report) -> tuple[CommentSection, ...]:
    """Every reader-comment section, in report order."""
    in_comments = Counter(c.document for c in report.claims if c.section == "comments")
    out = []
    for d in report.documents:
        start = d.comments_start
        if start is not None:
            line = d.digest.comments_line if d.digest is not None else None
            out.append(CommentSection(d, line or d.text.count("\n", 0, start) + 1, in_comments.get(d.id, 0)))
    return tuple(out)


def comments_sentence(report: Report, sections: tuple[CommentSection, ...]) -> str:
    """How the comment sections were treated, said plainly (empty when there are none)."""
    if not sections:
        return ""
    n = sum(s.claims for s in sections)
    one = len(sections) == 1
    how = "compared with the articles (--include-comments)" if report.include_comments else "set aside, not compared"
    return (
        f"Reader comments: {plural(len(sections), 'document')} end{'s' if one else ''} in a comment section; "
        f"the {plural(n, 'claim')} found there {'was' if n == 1 else 'were'} {how}."
    )


def undated_sentence(documents: tuple[Document, ...]) -> str:
    """What being undated means for the report, said plainly (empty when all are dated)."""
    if not documents:
        return ""
    one = len(documents) == 1
    return (
        f"Undated: {plural(len(documents), 'document')} {'has' if one else 'have'} no known publication date, "
        f"so {'its' if one else 'their'} cumulative figures are not compared over time."
    )


def short_names(ids: Iterable[str]) -> dict[str, str]:
    """Each document id shortened to its shortest path suffix that no other id shares.

    >>> short_names(["a/x.md", "b/x.md", "b/y.md"])
    {'a/x.md': 'a/x.md', 'b/x.md': 'b/x.md', 'b/y.md': 'y.md'}
    """
    # Ids are POSIX paths: a backslash is part of a name (shown doubled), never a folder separator.
    parts = {i: PurePosixPath(i).parts or (i,) for i in ids}
    depth = max((len(p) for p in parts.values()), default=0)
    counts = [Counter(p[-k:] for p in parts.values()) for k in range(1, depth + 1)]
    out: dict[str, str] = {}
    for i, p in parts.items():
        k = next((k for k in range(1, len(p) + 1) if counts[k - 1][p[-k:]] == 1), len(p))
        out[i] = i if k == len(p) else "/".join(p[-k:])
    return out


@dataclass(frozen=True, slots=True)
class Location:
    """Where a claim is, as editors and CI tools count: 1-based lines and columns.

    ``end_column`` is the column just after the figure (as SARIF counts),
    ``None`` when the figure spans lines.
    """

    path: str
    line: int
    column: int
    end_column: int | None
    claim: Claim | None


def locate(claim: Claim, documents: dict[str, Document]) -> Location:
    """The location of ``claim`` in its document's file; for an entry of a JSON file, the line its record starts on.

    A record's text is a decoded JSON string, so its lines and columns are not
    the file's: the annotation goes to the record, whose message quotes the figure.
    """
    doc = documents.get(claim.document)
    if doc is not None and doc.record is not None:
        return Location(doc.record[0], doc.record[1], 1, None, claim)
    path = doc.path if doc is not None else claim.document
    # A claim's text is the document's text at its offsets (the cache checks it), kept when the text was dropped.
    figure = doc.text[claim.start : claim.end] if doc is not None and doc.digest is None else claim.text
    end_column = None if "\n" in figure or "\r" in figure else claim.column + (claim.end - claim.start)
    return Location(path, claim.line, claim.column, end_column, claim)


def primary(finding: Finding, claims: dict[str, Claim], documents: dict[str, Document]) -> Location | None:
    """Where a line-oriented format points for ``finding``: its first claim, else its first place (CF202)."""
    for cid in finding.claims[:1]:
        c = claims.get(cid)
        if c is not None:
            return locate(c, documents)
    for doc_id, line, column in finding.locations[:1]:
        doc = documents.get(doc_id)
        if doc is not None and doc.record is not None:
            return Location(doc.record[0], doc.record[1], 1, None, None)
        return Location(doc.path if doc is not None else doc_id, line, column, None, None)
    return None


@dataclass(frozen=True, slots=True)
class Quote:
    """A claim's sentence split around its figure, shortened to a window around it."""

    before: str
    figure: str
    after: str

    @property
    def text(self) -> str:
        """The quote as plain text."""
        return self.before + self.figure + self.after


def _cut_left(text: str, keep: int) -> str:
    if len(text) <= keep:
        return text
    cut = text[-keep:]
    space = cut.find(" ")
    return "…" + (cut[space + 1 :] if 0 <= space < keep // 2 else cut)


def _cut_right(text: str, keep: int) -> str:
    if len(text) <= keep:
        return text
    cut = text[:keep]
    space = cut.rfind(" ")
    return (cut[:space] if space > keep // 2 else cut) + "…"


def quote(claim: Claim, doc: Document | None, context: int = 80) -> Quote:
    """The claim's sentence with its figure apart, at most ``context`` characters each side.

    The sentence is whitespace-normalised, so the figure is found in it again;
    when the same words occur twice, the occurrence that the document's text
    before the claim leads up to is the one.
    """
    sentence = one_line(claim.sentence)
    figure = one_line(claim.text)
    at = figure_at(sentence, figure, claim, doc)
    if at < 0 or not figure:
        return Quote(_cut_right(sentence, 2 * context), "", "")
    return Quote(_cut_left(sentence[:at], context), figure, _cut_right(sentence[at + len(figure) :], context))


def figure_at(sentence: str, figure: str, claim: Claim, doc: Document | None) -> int:
    """Where ``figure`` stands in the claim's one-line ``sentence`` (-1 when it does not).

    >>> c = Claim("d#1", "d", "count", "3", 6, 7, 1, 7, "3 or 3 more")
    >>> figure_at("3 or 3 more", "3", c, Document("d", "d", "Then: 3 or 3 more"))
    0
    """
    hits = [m.start() for m in re.finditer(re.escape(figure), sentence)] if figure else []
    if len(hits) <= 1 or doc is None:
        return hits[0] if hits else -1
    if doc.digest is not None:  # worked out from the text before it was dropped (run/digest.py)
        return next((at for start, end, at in doc.digest.figures if (start, end) == (claim.start, claim.end)), hits[0])
    lead = one_line(doc.text[max(0, claim.start - len(claim.sentence) - 64) : claim.start])
    # Latest first: an earlier occurrence's (shorter) lead-in is trivially matched, e.g. at offset 0.
    for at in reversed(hits):
        if lead.endswith(sentence[:at].rstrip()):
            return at
    return hits[0]


def timeline(topic: Topic, claims: dict[str, Claim]) -> tuple[Claim, ...]:
    """A topic's claims in date order (undated last), then by document and offset."""
    members = [claims[i] for i in topic.claims if i in claims]
    return tuple(
        sorted(members, key=lambda c: (c.as_of is None, c.as_of or c.first or dt.date.min, c.document, c.start))
    )


def when(claim: Claim) -> str:
    """The date a claim speaks for, or "undated"."""
    return claim.as_of.isoformat() if claim.as_of else "undated"


def source(claim: Claim, doc: Document | None) -> str:
    """Who says it and where: "the Gaza Health Ministry (in DZWatch)", "in DZWatch"; "—" when unknown."""
    who = one_line(claim.attribution)
    outlet = one_line(doc.outlet) if doc is not None else ""
    if who and outlet:
        return f"{who} (in {outlet})"
    return who or (f"in {outlet}" if outlet else "—")


def document_notes(report: Report) -> dict[str, tuple[str, ...]]:
    """Plain notes on each document, by id: a draft under check, comments set aside, undated."""
    sections = {s.document.id: s for s in comment_sections(report)}
    drafts = set(report.drafts)
    out: dict[str, tuple[str, ...]] = {}
    for doc in report.documents:
        notes = []
        if doc.id in drafts:
            notes.append("draft under check")
        section = sections.get(doc.id)
        if section is not None:
            how = "compared" if report.include_comments else "set aside"
            notes.append(f"reader comments from line {section.line} {how} ({plural(section.claims, 'claim')})")
        if doc.published is None:
            notes.append("undated: cumulative figures not compared")
        elif doc.published_window is not None:
            first, last = doc.published_window
            notes.append(f"date estimated: {first.isoformat()} to {last.isoformat()}")
        out[doc.id] = tuple(notes)
    return out
