"""Property-based: random and adversarial bytes through every reader and the extractor; no exception escapes.

Readers: .txt, .md, .html, .json, .jsonl and standard input, from raw bytes
and from text built of the tokens hostile files are made of (comment and
fence openers, brackets, JSON escapes of lone surrogates, line separators,
huge integers, dates at the calendar's ends). The extractor then reads every
document loaded, dated anywhere in the calendar. Examples are few and small:
the timing of large inputs is bench/hostile.py's job.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ceasefire_cli.config import load_settings
from ceasefire_cli.extract.claims import build_lexicon, extract_claims
from ceasefire_cli.extract.dates import find_dates
from ceasefire_cli.extract.numbers import find_quantities
from ceasefire_cli.load.corpus import documents_from_bytes, load
from ceasefire_cli.models import Document

CLAIMS = str(Path(__file__).resolve().parent.parent / "claims.yaml")
NAMES = ["a.txt", "a.md", "a.html", "a.json", "a.jsonl"]
TOKENS = [
    "<!--", "-->", "<!-->", "```", "````", "~~~", "~~~x", "`", "``", "\\", "\\`", "[", "]", "![", "{", "}", '"', ":", ",",
    "\\ud800", "\\udfff", "\\u0000", "\u2028", "\u0085", "\r", "\n", "\r\n", "\n\n", "---", "    ", "> ", "- ", "#", "<div>",
    "<p>", "</p>", "<html><body><article>", "&#xd800;", "&amp;", '{"text": "', '", "date": "', "0001-01-01", "9999-12-31",
    "9" * 5000, "1e999", "Infinity", "NaN", "5", "68,000", "killed", "injured", "overnight", "yesterday", "tomorrow",
    "last week", "next Monday", "October 7, 2023", "since the ceasefire", "the health ministry said", ".", " ", "\x00", "\ufeff",
]
HOSTILE_TEXT = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=30).map("".join)
HOSTILE_BYTES = st.one_of(st.binary(max_size=300), HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
ANY_DAY = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max]))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def _lexicon():
    return build_lexicon(load_settings(CLAIMS))


def _check(documents: list[Document], day: dt.date | None) -> None:
    """Every document is valid UTF-8 text and the extractor reads it, however it is dated."""
    for document in documents:
        for value in (document.text, document.title, document.outlet, document.url, document.id):
            if value is not None:
                value.encode("utf-8")  # strict: no lone surrogate may reach a report
        dated = Document(id=document.id, path=document.path, text=document.text, published=day, body_end=document.body_end)
        for claim in extract_claims(dated, _lexicon()):
            assert dated.text[claim.start : claim.end] == claim.text


@FUZZ
@given(HOSTILE_BYTES, st.sampled_from(NAMES), ANY_DAY)
# Known killers, always tried: a lone surrogate in front matter, '<!--' repeated, a day with no night before it.
@example(b'---\ntitle: "\\ud800"\n---\nStrikes overnight killed 5.', "a.md", dt.date.min)
@example(b"<!--" * 2000, "a.md", None)
@example(b"Overnight strikes killed 5, the ministry said yesterday.", "a.txt", dt.date.min)
def test_every_reader_takes_any_bytes(data: bytes, name: str, day: dt.date | None) -> None:
    documents, problems = documents_from_bytes(data, name, name)
    assert all(p.severity in ("error", "warning") and "\n" not in p.message for p in problems)
    _check(documents, day)


@FUZZ
@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=4), ANY_DAY)
@example(["\\ud800 overnight 5 killed", "[" * 2000 + "]" * 2000, "9" * 5000], dt.date(2025, 1, 1))
def test_json_and_jsonl_records_of_hostile_text(texts: list[str], day: dt.date | None) -> None:
    records = [json.dumps({"text": t, "title": t[:20], "date": t[:10]}) for t in texts]
    # Lone surrogates as JSON escapes: what json.dumps never writes but a file may hold.
    escaped = [r.replace("\\\\ud800", "\\ud800") for r in records]
    for name, raw in (("a.jsonl", "\n".join(escaped)), ("a.json", "[" + ",".join(escaped) + "]")):
        documents, _ = documents_from_bytes(raw.encode("utf-8", "surrogatepass"), name, name)
        _check(documents, day)


@FUZZ
@given(HOSTILE_BYTES, ANY_DAY)
@example(b"5 killed. " * 30, None)  # over max_bytes: refused, not cut
def test_standard_input_takes_any_bytes(data: bytes, day: dt.date | None) -> None:
    result = load(["-"], stdin=io.BytesIO(data), max_bytes=200)
    if len(data) > 200:  # refused whole, never cut at the limit and read
        assert result.documents == () and [p.message for p in result.problems] == ["too large (over 200 bytes), skipped"]
    _check(list(result.documents), day)


@FUZZ
@given(HOSTILE_TEXT, ANY_DAY)
@example("Overnight strikes killed 5 people, the ministry said.", dt.date.min)
def test_the_extractor_takes_any_text(text: str, day: dt.date | None) -> None:
    text = text.encode("utf-8", "replace").decode("utf-8")
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
    for d in find_dates(text, day):
        assert text[d.start : d.end] == d.text and d.first <= d.last
    _check([Document(id="a.txt", path="a.txt", text=text, body_end=len(text))], day)
