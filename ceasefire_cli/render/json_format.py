"""The JSON report: a versioned contract for scripts (schema in ceasefire_cli/schema/)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from .. import SCHEMA_VERSION
from ..codes import BY_CODE
from ..models import SEVERITIES, Claim, Document, Finding, Report, Topic
from .json_text import dumps


def _num(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _day(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _span(first: dt.date | None, last: dt.date | None) -> dict[str, str] | None:
    return {"first": _day(first), "last": _day(last)} if first and last else None  # type: ignore[dict-item]


def document_json(d: Document) -> dict[str, Any]:
    """One document's metadata (the text itself is not repeated)."""
    return {
        "id": d.id,
        "path": d.path,
        "published": _day(d.published),
        "published_basis": d.published_basis,
        "published_window": _span(*d.published_window) if d.published_window else None,
        "outlet": d.outlet,
        "title": d.title,
        "url": d.url,
        "encoding": d.encoding,
        "comments_start": d.comments_start,
    }


def claim_json(c: Claim) -> dict[str, Any]:
    """One claim, with its value (counts) or date (dates) and its classification."""
    return {
        "id": c.id,
        "document": c.document,
        "kind": c.kind,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "line": c.line,
        "column": c.column,
        "sentence": c.sentence,
        "section": c.section,
        "value": {"low": _num(c.low), "high": _num(c.high)} if c.kind == "count" else None,
        "hedge": c.hedge if c.kind == "count" else None,
        "date": _span(c.first, c.last),
        "metric": c.metric,
        "population": c.population,
        "scope": c.scope,
        "event": c.event,
        "event_date": _span(c.event_first, c.event_last),
        "attribution": c.attribution,
        "party": c.party,
        "basis": c.basis,
        "confidence": c.confidence,
        "doubts": c.doubts.split(", ") if c.doubts else [],
        "as_of": _day(c.as_of),
        "topic": c.topic,
    }


def topic_json(t: Topic) -> dict[str, Any]:
    """One topic and the ids of its claims."""
    return {
        "id": t.id,
        "label": t.label,
        "kind": t.kind,
        "status": t.status,
        "metric": t.metric,
        "population": t.population,
        "scope": t.scope,
        "event_date": _span(t.event_first, t.event_last),
        "claims": list(t.claims),
    }


def finding_json(f: Finding) -> dict[str, Any]:
    """One finding, with its rule's name."""
    return {
        "code": f.code,
        "name": BY_CODE[f.code].name if f.code in BY_CODE else None,
        "severity": f.severity,
        "topic": f.topic,
        "claims": list(f.claims),
        "message": f.message,
        # Places in the text for findings about text rather than claims (CF202 name spellings).
        "locations": [{"document": doc, "line": line, "column": column} for doc, line, column in f.locations],
    }


def report_json(report: Report) -> dict[str, Any]:
    """The whole report as plain data, in the documented order."""
    return {key: list(value) if isinstance(value, map) else value for key, value in _sections(report).items()}


def _sections(report: Report) -> dict[str, Any]:
    """The report's top-level members; its long lists as ``map`` objects, made item by item when written."""
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITIES}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cfcheck", "version": _version()},
        "summary": {
            "documents": len(report.documents),
            "claims": len(report.claims),
            "topics": len(report.topics),
            "findings": counts,
            "include_comments": report.include_comments,
        },
        "documents": map(document_json, report.documents),
        "claims": map(claim_json, report.claims),
        "topics": map(topic_json, report.topics),
        "findings": map(finding_json, report.findings),
        "problems": [{"path": p.path, "severity": p.severity, "message": p.message} for p in report.problems],
        # The reference series figures were checked against (--reference): which file, which fields.
        "references": [
            {
                "name": r.name,
                "label": r.label,
                "path": r.path,
                "series": [
                    {"topic": s.topic, "field": s.what, "first": _day(s.dates[0] if s.dates else None), "last": _day(s.dates[-1] if s.dates else None)}
                    for s in r.series
                ],
            }
            for r in report.references
        ],
    }


def _version() -> str:
    from .. import __version__

    return __version__


def render(report: Report, options: Any = None) -> str:
    """The report as indented JSON, ASCII-safe, ending in a newline."""
    return "".join(render_chunks(report, options))


#: Items of a long list written per chunk: few writes, little held at once.
_BATCH = 256


def render_chunks(report: Report, options: Any = None) -> Iterator[str]:
    """:func:`render`'s text in pieces, so a report of any size is written without being held whole.

    The pieces join to exactly ``json.dumps(report_json(report), indent=2,
    ensure_ascii=True) + "\\n"``; each claim's object is made only when its
    turn comes.
    """
    sections = list(_sections(report).items())
    yield "{\n"
    for n, (key, value) in enumerate(sections):
        head = f"  {dumps(key)}: "
        tail = ",\n" if n < len(sections) - 1 else "\n"
        if not isinstance(value, map):
            yield head + dumps(value, 1) + tail
            continue
        batch: list[str] = []
        for item in value:
            batch.append(dumps(item, 2))
            if len(batch) == _BATCH:
                yield (head + "[\n    " if head else ",\n    ") + ",\n    ".join(batch)
                head, batch = "", []
        if batch:
            yield (head + "[\n    " if head else ",\n    ") + ",\n    ".join(batch)
            head = ""
        yield (head + "[]" if head else "\n  ]") + tail
    yield "}\n"
