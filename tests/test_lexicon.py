"""The taxonomy's phrases compiled to patterns: the prefix-sharing pattern matches what the flat list of phrases matches."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire_cli.config import load_settings
from ceasefire_cli.extract.clauses import scope_cues
from ceasefire_cli.extract.lexicon import WORD, build_lexicon, phrase_pattern
from ceasefire_cli.extract.sentences import index_text


def flat_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The phrases as a plain ordered alternation, longest first: the reference the shared-prefix pattern must equal.

    A typed and a typeset apostrophe are one character of a phrase: each matches both.
    """
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [re.sub("['’]", "['’]", re.escape(w)) for w in phrase.split()]
        parts.append(r"\s+".join(words).replace(r"\s+\*\s+", rf"(?:\s+{WORD}){{0,3}}\s+"))
    firsts = "".join(sorted({c for p in phrases if p.split() for c in (("'", "’") if p.split()[0][0] in "'’" else (re.escape(p.split()[0][0]),))}))
    ahead = f"(?=[{firsts}])" if all(p.split() for p in phrases) else ""
    return re.compile(r"(?<![\w-])" + ahead + "(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_phrases_share_their_first_letters():
    # One branch per first letter, so the engine tries only the phrases that can start there;
    # within it the longer phrase still comes first.
    assert phrase_pattern(("since the war", "Since October 7", "toll")).pattern == (
        r"(?<![\w-])(?=[Sst])(?:since(?:\s+october\s+7|\s+the\s+war)|toll)(?![\w-])"
    )


@pytest.mark.parametrize(
    "phrases, text, expected",
    [
        # The longer phrase first, whether or not it shares the shorter one's letters.
        (("war", "wars", "war crimes"), "war crimes and wars, a war", ["war crimes", "wars", "war"]),
        # A wildcard and a plain space after the same word keep their order.
        (("ceasefire talks", "ceasefire * began"), "the ceasefire talks began", ["ceasefire talks began"]),
        (("ceasefire * began", "ceasefire talks"), "ceasefire talks stalled", ["ceasefire talks"]),
        # Case: "Hamas" and "hamas’s" share a prefix and still match in any case.
        (("Hamas", "hamas’s attack"), "HAMAS’S ATTACK and Hamas", ["HAMAS’S ATTACK", "Hamas"]),
        # A second "*" in a row is a literal star, as before.
        (("a * * b",), "a x * b and a x y b", ["a x * b"]),
        # Cased letters beyond ASCII are not shared: "É" and "é" stay separate branches.
        (("École", "école normale"), "école normale, École", ["école normale", "École"]),
        # Kelvin sign and dotless i match their ASCII letters case-insensitively, shared or not.
        (("kibbutz", "Kfar Aza"), "\u212aibbutz, kfar aza", ["\u212aibbutz", "kfar aza"]),
    ],
)
def test_phrase_pattern_matches_like_the_flat_list(phrases, text, expected):
    pattern = phrase_pattern(phrases)
    assert [m.group() for m in pattern.finditer(text)] == expected
    assert spans(pattern, text) == spans(flat_pattern(phrases), text)


_LETTERS = st.sampled_from(list("abAB-’'.*É\u00e9\u0131I\u212ak1"))
_WORDS = st.text(_LETTERS, min_size=1, max_size=4)
_PHRASES = st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8).map(tuple)
_TEXT = st.text(st.sampled_from(list("abAB-’'.*É\u00e9\u0131I\u212ak1 \n,")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_PHRASES, _TEXT)
def test_phrase_pattern_equals_the_flat_list(phrases, text):
    new, old = phrase_pattern(phrases), flat_pattern(phrases)
    assert spans(new, text) == spans(old, text)
    for i in range(len(text)):
        found, expected = new.search(text, i), old.search(text, i)
        assert (found and found.span()) == (expected and expected.span())


SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_scope_cues_found_from_one_scan_equal_each_scope_scanned(seed):
    # scope_cues tries each scope's pattern only where lex.cue_starts says a cue starts;
    # without it, it scans the sentence once per scope. Both must find the same cues.
    lex = build_lexicon(load_settings())
    text = seed.read_text("utf-8")
    index = index_text(text)
    sentences = sorted({index.sentence(i) for i in range(len(text))})
    plain = replace(lex, cue_starts=None)
    got = [scope_cues(lex, text, s0, s1) for s0, s1 in sentences]
    assert got == [scope_cues(plain, text, s0, s1) for s0, s1 in sentences]
    assert any(got)
