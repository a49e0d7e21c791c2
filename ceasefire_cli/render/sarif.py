"""SARIF 2.1.0: findings as static-analysis results, for GitHub code scanning and IDE viewers.

One run; the rules are the catalogue of ``codes.RULES``; each finding is a
result at its primary claim (``claims[0]``), with the other claims it
involves as related locations. Columns are counted in Unicode code points, as
cfcheck counts them. Files that could not be read become tool notifications.
No timestamp or absolute time is written: the same report gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote as _percent

from ..codes import RULES
from ..models import Claim, Document, Finding, Report
from .common import Location, clean, locate, one_line, primary, quote, source, when

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A document path as a SARIF URI: POSIX separators, percent-encoded, relative when given relative.

    >>> artifact_uri("seeds/a b.txt"), artifact_uri("dir\\\\x.md")
    ('seeds/a%20b.txt', 'dir/x.md')
    """
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).drive:
        drive = PureWindowsPath(path).drive
        return "file://" + ("/" if drive else "") + _percent(posix, safe="/:")
    return _percent(posix, safe="/")


def _rule(rule: Any) -> dict[str, Any]:
    first = rule.summary.split(": ")[0].split(". ")[0].rstrip(".") + "."
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first},
        "fullDescription": {"text": rule.summary},
        "help": {"text": f"{rule.summary}\n\nExample:\n{rule.example}"},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }


def _physical(where: Location) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": where.line, "startColumn": where.column}
    if where.end_column is not None:
        region["endColumn"] = where.end_column
    if where.claim is not None:
        region["snippet"] = {"text": clean(where.claim.text)}
    return {"artifactLocation": {"uri": artifact_uri(where.path)}, "region": region}


def _fingerprint(f: Finding, claims: list[Claim]) -> str:
    """A hash of what the finding is about, stable when claim numbering shifts."""
    key = [f.code, f.topic or ""] + [f"{c.document}\x1f{one_line(c.text)}" for c in claims]
    if not claims:
        key.append(one_line(f.message))
    return hashlib.sha256("\x1e".join(key).encode("utf-8")).hexdigest()[:32]


def _result(f: Finding, rule_index: dict[str, int], claims: dict[str, Claim], documents: dict[str, Document]) -> dict[str, Any]:
    involved = [claims[i] for i in f.claims if i in claims]
    result: dict[str, Any] = {"ruleId": f.code}
    if f.code in rule_index:
        result["ruleIndex"] = rule_index[f.code]
    result["level"] = _LEVEL.get(f.severity, "error")
    result["message"] = {"text": clean(f.message)}
    where = primary(f, claims, documents)
    if where is not None:
        result["locations"] = [{"physicalLocation": _physical(where)}]
    related = []
    for n, c in enumerate(involved[1:], 1):
        doc = documents.get(c.document)
        text = f"{when(c)}, {source(c, doc)}: “{quote(c, doc).text}”"
        related.append({"id": n, "physicalLocation": _physical(locate(c, documents)), "message": {"text": text}})
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {"cfcheckFinding/v1": _fingerprint(f, involved)}
    if f.topic:
        result["properties"] = {"topic": f.topic}
    return result


def sarif_json(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data."""
    from .. import __version__

    claims = {c.id: c for c in report.claims}
    documents = {d.id: d for d in report.documents}
    rule_index = {r.code: i for i, r in enumerate(RULES)}
    notifications = [
        {
            "level": "error" if p.severity == "error" else "warning",
            "message": {"text": clean(p.message)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(p.path)}}}],
        }
        for p in report.problems
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {"name": "cfcheck", "version": __version__, "rules": [_rule(r) for r in RULES]}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, rule_index, claims, documents) for f in report.findings],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, options: Any = None) -> str:
    """The report as a SARIF 2.1.0 log (indented JSON, ending in a newline)."""
    return json.dumps(sarif_json(report), indent=2, ensure_ascii=False) + "\n"
