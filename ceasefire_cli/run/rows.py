"""One cache row: a document's claims as checksummed JSON, and the checks a row must pass to be used.

A row is 16 bytes of checksum, then ``[sentences, claims]``: the distinct
sentences of the document, then one array per claim in
:class:`~ceasefire_cli.models.Claim` field order, dates as ISO strings, the
sentence as an index, the id as its number (ids are ``<document id>#<n>``)
and the document as ``null`` (the row's own). The checksum is a digest of
the row's key (the text's hash, the version and the settings) and its bytes:
it catches a damaged or hand-edited row, but is no signature (whoever can
write the file can recompute it), which is why every value is also checked
against the document's text (:func:`decode_claims`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from ..models import Claim, Document

_FIELDS = tuple(f.name for f in fields(Claim))
_ID, _DOCUMENT, _SENTENCE = (_FIELDS.index(n) for n in ("id", "document", "sentence"))
_KIND, _TEXT, _START, _END, _LINE, _COLUMN, _SECTION, _LOW, _HIGH, _HEDGE = (
    _FIELDS.index(n) for n in ("kind", "text", "start", "end", "line", "column", "section", "low", "high", "hedge")
)
_DATES = tuple(i for i, f in enumerate(fields(Claim)) if "date" in str(f.type))
#: Fields that hold a word or nothing (the rest are checked one by one in :func:`_check_row`).
_WORDS = tuple(i for i, f in enumerate(fields(Claim)) if str(f.type) == "str | None")
_KINDS = frozenset({"count", "date"})
_SECTIONS = frozenset({"body", "comments"})
_CHECKSUM = 16
_NEWLINE = re.compile("\n")

def _checksum(key: bytes, payload: bytes) -> bytes:
    return hashlib.sha256(key + b"\0" + payload).digest()[:_CHECKSUM]


def encode_claims(doc: Document, claims: Sequence[Claim], key: bytes = b"") -> bytes:
    """One document's claims as the checksummed JSON row described in the module docstring.

    ``key`` is the row's key in the cache (:func:`document_key`), which the checksum covers.
    """
    sentences: dict[str, int] = {}
    rows = []
    prefix = doc.id + "#"
    for c in claims:
        row: list[Any] = [getattr(c, name) for name in _FIELDS]
        for i in _DATES:
            if row[i] is not None:
                row[i] = row[i].isoformat()
        n = c.id[len(prefix) :]
        if c.id.startswith(prefix) and n.isdigit() and str(int(n)) == n:
            row[_ID] = int(n)
        if c.document == doc.id:
            row[_DOCUMENT] = None
        row[_SENTENCE] = sentences.setdefault(c.sentence, len(sentences))
        rows.append(row)
    payload = json.dumps([list(sentences), rows], ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return _checksum(key, payload) + payload


def decode_claims(doc: Document, data: bytes, days: dict[str, dt.date] | None = None, key: bytes = b"") -> tuple[Claim, ...]:
    """The claims of a row made by :func:`encode_claims` under ``key``; ValueError unless the row proves itself.

    ``days`` memoises ISO strings to dates, so claims share their date objects.
    """
    days = {} if days is None else days
    if not isinstance(data, bytes) or len(data) < _CHECKSUM or data[:_CHECKSUM] != _checksum(key, data[_CHECKSUM:]):
        raise ValueError("cache row: checksum does not match")
    try:
        sentences, rows = json.loads(data[_CHECKSUM:].decode("utf-8", "surrogatepass"))
        if not isinstance(sentences, list) or not isinstance(rows, list) or not all(type(x) is str for x in sentences):
            raise ValueError("cache row: not [sentences, claims]")
        lines = _line_starts(doc.text) if rows else []
        out = []
        for number, row in enumerate(rows, 1):
            _check_row(row, number, doc.text, lines, sentences)
            row[_ID] = f"{doc.id}#{number}"
            row[_DOCUMENT] = doc.id
            row[_SENTENCE] = sentences[row[_SENTENCE]]
            for i in _DATES:
                iso = row[i]
                if iso is not None:
                    day = days.get(iso)
                    if day is None:
                        day = days[iso] = dt.date.fromisoformat(iso)
                    row[i] = day
            out.append(Claim(*row))
        return tuple(out)
    except (TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise ValueError(f"malformed cache row: {type(exc).__name__}") from None


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def _is_int(x: object) -> bool:
    return type(x) is int


def _check_row(row: Any, number: int, text: str, lines: list[int], sentences: list[str]) -> None:
    """Raise ValueError unless ``row`` is claim ``number`` of ``text`` as extraction would have written it."""
    if not isinstance(row, list) or len(row) != len(_FIELDS):
        raise ValueError("cache row: a claim has the wrong number of fields")
    start, end, line, column = row[_START], row[_END], row[_LINE], row[_COLUMN]
    if row[_ID] != number or not _is_int(row[_ID]) or row[_DOCUMENT] is not None:
        raise ValueError("cache row: a claim's id or document is not the row's")
    if not (_is_int(start) and _is_int(end) and _is_int(line) and _is_int(column) and 0 <= start <= end <= len(text)):
        raise ValueError("cache row: offsets outside the text")
    if row[_TEXT] != text[start:end] or not start < end:
        raise ValueError("cache row: the claim's text is not the text at its offsets")
    i = bisect.bisect_right(lines, start) - 1
    if (line, column) != (i + 1, start - lines[i] + 1):
        raise ValueError("cache row: line and column are not where the offsets are")
    n = row[_SENTENCE]
    if not _is_int(n) or not 0 <= n < len(sentences) or " ".join(row[_TEXT].split()) not in sentences[n]:
        raise ValueError("cache row: the claim is not in its sentence")
    if row[_KIND] not in _KINDS or row[_SECTION] not in _SECTIONS or type(row[_HEDGE]) is not str:
        raise ValueError("cache row: unknown kind, section or hedge")
    low, high = row[_LOW], row[_HIGH]
    for x in (low, high):
        if x is not None and (type(x) not in (int, float) or not math.isfinite(x)):
            raise ValueError("cache row: a value that is not a finite number")
    if low is not None and high is not None and low > high:
        raise ValueError("cache row: low above high")
    if row[_KIND] == "count" and low is None and high is None:
        raise ValueError("cache row: a count without a value")
    for i in _WORDS:
        if row[i] is not None and type(row[i]) is not str:
            raise ValueError("cache row: a word that is not a string")
    for i in _DATES:
        if row[i] is not None and type(row[i]) is not str:
            raise ValueError("cache row: a date that is not a string")
    if type(row[_TEXT]) is not str:  # pragma: no cover - equal to a slice of the text above
        raise ValueError("cache row: text is not a string")
