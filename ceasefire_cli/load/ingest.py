"""Articles inside other file types: the main text of an HTML page; records of JSON and JSON Lines.

Each returns :class:`Record` values — text plus the metadata the file carries —
and the loader turns them into Documents. For these files the claims' offsets
point into the extracted text, not into the raw markup.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from typing import Any

#: Keys read from a JSON record, first match wins.
TEXT_KEYS = ("text", "body", "content")
#: A record with no text of its own may be a headline: its title (and summary) are then its text.
HEADLINE_KEYS = ("title", "headline")
SUMMARY_KEYS = ("description", "summary", "snippet", "lead")
DATE_KEYS = ("date", "published", "published_at", "datePublished")
OUTLET_KEYS = ("outlet", "source", "publisher", "site")


@dataclass(frozen=True, slots=True)
class Record:
    """One article found inside a file: its text and what the file says about it."""

    key: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


def parse_day(value: Any) -> dt.date | None:
    """A publication date from metadata: YYYY-MM-DD (a time may follow), or a written date with its year.

    >>> parse_day("2025-11-30T08:15:00Z"), parse_day("19 May 2025"), parse_day("yesterday")
    (datetime.date(2025, 11, 30), datetime.date(2025, 5, 19), None)
    """
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 8:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    if len(value) > 60:
        return None
    from ..extract.dates import find_full_date

    return find_full_date(value)


def html_record(raw: str) -> Record:
    """The main text of an HTML page (navigation, comments and boilerplate dropped) and its metadata.

    Uses trafilatura, a maintained main-content extractor; raises ValueError
    when the page has no article text.
    """
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=True, favor_precision=True)
    if not text or not text.strip():
        raise ValueError("no article text found in the HTML")
    meta = trafilatura.extract_metadata(raw)
    return Record(
        key="",
        text=text,
        title=getattr(meta, "title", None) or None,
        published=parse_day(getattr(meta, "date", None)),
        outlet=getattr(meta, "sitename", None) or None,
        url=getattr(meta, "url", None) or None,
    )


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((obj[k] for k in keys if obj.get(k) not in (None, "")), None)


def _record(obj: Any, key: str, place: str) -> Record | str:
    """A Record from one JSON object, or the reason it is not an article."""
    if not isinstance(obj, dict):
        return f"{place}: not an object"
    text = _first(obj, TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        # A feed of headlines ({"title": …, "date": …}): the headline, and a summary under it, are the text.
        head, summary = _first(obj, HEADLINE_KEYS), _first(obj, SUMMARY_KEYS)
        parts = [p.strip() for p in (head, summary) if isinstance(p, str) and p.strip()]
        if not parts:
            return f"{place}: no 'text', 'body', 'content' or 'title'"
        text = "\n\n".join(parts)
    strings = {name: value if isinstance(value, str) else None for name, value in (
        ("title", obj.get("title")), ("outlet", _first(obj, OUTLET_KEYS)), ("url", obj.get("url")))}
    return Record(key, text, strings["title"], parse_day(_first(obj, DATE_KEYS)), strings["outlet"], strings["url"])


def _loads(raw: str) -> Any:
    """``json.loads``, with every way hostile JSON can fail turned into a ValueError that says why.

    Deep nesting exhausts the decoder's recursion (RecursionError), and an
    integer longer than Python's int-string limit raises a bare ValueError;
    neither is a JSONDecodeError, and neither may abort the run.

    >>> _loads("[" * 100_000 + "]" * 100_000)
    Traceback (most recent call last):
    ValueError: not JSON (nested too deeply)
    >>> _loads("[1,")
    Traceback (most recent call last):
    ValueError: not JSON (Expecting value at line 1)
    """
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise ValueError("not JSON (nested too deeply)") from None
    except ValueError:  # only the int-string limit gets here
        raise ValueError(f"a number longer than {sys.get_int_max_str_digits()} digits") from None


def _lines(raw: str) -> list[str]:
    """JSON Lines records: split at ``\\n`` only (a ``\\r`` before it dropped).

    Not ``str.splitlines()``: U+2028 or U+0085 may stand unescaped inside a
    JSON string, and splitting there would break one record in two.

    >>> _lines('{"t": "a\\u2028b"}\\r\\n{}')
    ['{"t": "a\\u2028b"}', '{}']
    """
    return [line[:-1] if line.endswith("\r") else line for line in raw.split("\n")]


def json_records(raw: str, *, lines: bool) -> tuple[tuple[Record, ...], tuple[str, ...]]:
    """Articles in a JSON file (an object or a list of objects) or a JSON Lines file.

    Keys are ``#<n>`` (1-based position) for JSON and ``:<line>`` for JSON Lines;
    the second value lists the entries skipped and why (in JSON Lines, a bad
    line skips that line only). Raises ValueError when the file is not JSON at all.

    >>> recs, skipped = json_records('{"text": "5 killed", "date": "2025-11-30"}\\n{"x": 1}', lines=True)
    >>> [(r.key, r.published) for r in recs], skipped
    ([(':1', datetime.date(2025, 11, 30))], ("line 2: no 'text', 'body', 'content' or 'title'",))
    """
    found: list[Record] = []
    skipped: list[str] = []
    if lines:
        items: list[tuple[str, str, Any]] = []
        for n, line in enumerate(_lines(raw), 1):
            if line.strip():
                items.append((f":{n}", f"line {n}", line))
    else:
        data = _loads(raw)
        entries = data if isinstance(data, list) else [data]
        items = [(f"#{n}", f"item {n}", obj) for n, obj in enumerate(entries, 1)]
    for key, place, obj in items:
        if lines:
            try:
                obj = _loads(obj)
            except ValueError as exc:
                skipped.append(f"{place}: {str(exc).replace(' at line 1)', ')')}")
                continue
        made = _record(obj, key, place)
        if isinstance(made, Record):
            found.append(made)
        else:
            skipped.append(made)
    return tuple(found), tuple(skipped)


def json_item_lines(raw: str) -> tuple[int, ...]:
    """The line each entry of a JSON file starts on (1-based; one entry when it is not a list), in order.

    Empty when the text cannot be walked (the caller then points at line 1):
    the lines only place CI annotations, they never decide what is read.

    >>> json_item_lines('[\\n  {"text": "a"},\\n  {"text": "b"}\\n]')
    (2, 3)
    """
    decoder = json.JSONDecoder()
    at = len(raw) - len(raw.lstrip())
    if not raw.startswith("[", at):
        return (raw.count("\n", 0, at) + 1,)
    lines: list[int] = []
    line, counted = 1, 0
    at += 1
    try:
        while True:
            while at < len(raw) and raw[at] in " \t\r\n,":
                at += 1
            if at >= len(raw) or raw[at] == "]":
                return tuple(lines)
            line += raw.count("\n", counted, at)
            counted = at
            lines.append(line)
            _, at = decoder.raw_decode(raw, at)
    except (ValueError, RecursionError):
        return ()
