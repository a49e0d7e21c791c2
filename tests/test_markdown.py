"""Markdown read as CommonMark reads it: which spans are code or comments, at which offsets (issue 17.4, issue 16.1)."""

from __future__ import annotations

import re

import pytest

from ceasefire_cli.load.corpus import documents_from_bytes
from ceasefire_cli.load.directives import blank_markdown, parse_directives, read_markdown
from ceasefire_cli.load.markdown import markdown_spans

# id: (Markdown, [(kind, offset, the text at that offset)]); "5" and "7" are figures left as prose.
SPANS = {
    "long-fence-holds-short": ("````\n```\n5 killed\n```\n````\n7 killed\n", [("code", 0, "````\n```\n5 killed\n```\n````")]),
    "unclosed-fence-to-end": ("Intro.\n```\n5 killed\n\n7 killed\n", [("code", 7, "```\n5 killed\n\n7 killed")]),
    "tilde-info-never-closes": ("~~~x\n5 killed\n~~~x\n7 killed", [("code", 0, "~~~x\n5 killed\n~~~x\n7 killed")]),
    "closing-fence-with-spaces": ("~~~\n5 killed\n~~~  \n7 killed", [("code", 0, "~~~\n5 killed\n~~~  ")]),
    "closing-fence-shorter-is-content": ("`````\n5\n```\n7\n", [("code", 0, "`````\n5\n```\n7")]),
    "indented-code": ("Intro.\n\n    5 killed\n\n7 killed", [("code", 8, "    5 killed")]),
    "indented-continuation-is-prose": ("Intro\n    5 killed\n", []),
    "fence-in-quote": ("> ```\n> 5 killed\n> ```\n7 killed", [("code", 0, "> ```\n> 5 killed\n> ```")]),
    "unclosed-fence-ends-with-its-list-item": ("- ```\n  5 killed\n\n7 killed\n", [("code", 0, "- ```\n  5 killed\n")]),
    "backtick-in-info-is-no-fence": ("``` a`b\n5 killed\n", []),
    "double-backticks-hold-one": ("a `` x ` y `` 5 killed", [("code", 2, "`` x ` y ``")]),
    "code-span-across-lines": ("a `5\nkilled` 7", [("code", 2, "`5\nkilled`")]),
    "unmatched-backtick": ("a `5 killed", []),
    "longer-run-does-not-close": ("a `5 killed`` 7", []),
    "escaped-backtick": ("a \\`5 killed` 7", []),
    "comment-block": ("<!--\n5 killed\n-->\n7 killed", [("comment", 0, "<!--\n5 killed\n-->")]),
    "unclosed-comment-block": ("<!--\n5 killed\n\n7 killed", [("comment", 0, "<!--\n5 killed\n\n7 killed")]),
    "inline-comment": ("5 <!-- 7 killed --> killed", [("comment", 2, "<!-- 7 killed -->")]),
    "empty-comments": ("a <!--> 5 <!---> killed", [("comment", 2, "<!-->"), ("comment", 10, "<!--->")]),
    "unclosed-inline-comment-is-text": ("x <!-- 5 killed", []),
    "comment-in-code-span": ("a `<!--` 5 killed -->", [("code", 2, "`<!--`")]),
    "code-in-comment": ("a <!-- `x --> 5 killed`", [("comment", 2, "<!-- `x -->")]),
    "comment-after-html-block-text": ("<div>\n5 <!-- 7 --> killed\n</div>", [("comment", 8, "<!-- 7 -->")]),
    "crlf": ("```\r\n5 killed\r\n```\r\n7 killed\r\n", [("code", 0, "```\r\n5 killed\r\n```\r")]),
    "lone-cr-is-no-line-break": ("a\r`5`\r7", [("code", 2, "`5`")]),
    "heading-code": ("# `5` killed\n", [("code", 2, "`5`")]),
}


@pytest.mark.parametrize("case", list(SPANS))
def test_spans_and_their_offsets(case: str) -> None:
    text, expected = SPANS[case]
    spans = markdown_spans(text)
    assert [(s.kind, s.start, text[s.start : s.end]) for s in spans] == expected
    blanked = blank_markdown(text, spans)
    assert len(blanked) == len(text)
    assert [m.start() for m in re.finditer("[\r\n]", blanked)] == [m.start() for m in re.finditer("[\r\n]", text)]
    kept = [(i, c) for i, c in enumerate(text) if not any(s.start <= i < s.end for s in spans)]
    assert all(blanked[i] == c for i, c in kept)
    assert all(blanked[i] in " \r\n" for s in spans for i in range(s.start, s.end))


@pytest.mark.parametrize("unit", ["<!--", "~~~x\n", "```\n", "x <!--", "`` ` ", "<!-- cfcheck off -->"])
def test_pathological_repetition_completes(unit: str) -> None:
    # 50,000 repetitions took minutes when each opener searched the rest of the text; bench/hostile.py times it.
    text = unit * 50_000
    blanked, _ = read_markdown(text)
    assert len(blanked) == len(text)


def test_fifty_thousand_comment_openers_are_one_comment_block() -> None:
    text = "<!--" * 50_000
    assert [(s.kind, s.start, s.end) for s in markdown_spans(text)] == [("comment", 0, len(text))]


@pytest.mark.parametrize(
    ("text", "silenced"),
    [
        ("```\n<!-- cfcheck off -->\n```\n5 killed\n", ()),  # an example in code is no directive
        ("`<!-- cfcheck: ignore CF102 -->`\n5 killed\n", ()),
        ("<!-- cfcheck: ignore CF102 -->\n\n\n5 killed\n", ((4, "CF102"),)),
        ("a <!-- cfcheck: ignore CF102 --> b\n5 killed\n", ((2, "CF102"),)),
        ("<!-- cfcheck off -->\n5 killed\n<!--\ncfcheck on\n-->\n7 killed\n", ((2, "*"),)),
        ("<!-- cfcheck off -->\n```\n<!-- cfcheck on -->\n```\n5 killed\n", ((2, "*"), (3, "*"), (4, "*"), (5, "*"), (6, "*"))),
    ],
    ids=["in-fence", "in-code-span", "skips-blank-lines", "inline", "multi-line-on", "on-inside-code-is-not-on"],
)
def test_directives_are_real_comments_only(text: str, silenced: tuple) -> None:
    assert parse_directives(text) == silenced


def test_the_loader_blanks_code_after_front_matter_and_keeps_offsets() -> None:
    text = "---\ntitle: T\n---\n````\n```\n5 killed\n```\n````\nStrikes killed 7 people in Rafah.\n"
    (document,), problems = documents_from_bytes(text.encode(), "a.md", "a.md")
    assert problems == []
    assert len(document.text) == len(text) and document.title == "T"
    assert document.text.strip() == "Strikes killed 7 people in Rafah."
    assert document.text.index("7 people") == text.index("7 people")
