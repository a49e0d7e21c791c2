"""Who a figure is attributed to: "according to X", or the source before a reporting verb, and its party."""

from __future__ import annotations

import re

from .context import DocContext
from .lexicon import Lexicon, phrase_key

REPORTING = re.compile(
    r"(?<![\w-])(?:said|says|say|reported|reports|reporting|told|stated|states|announced|"
    r"confirmed|claimed|claims|highlighted|cited|citing|added|estimated|estimates|tallied|updated|recorded|documented)(?![\w-])",
    re.IGNORECASE,
)

_ACCORDING = re.compile(r"(?<![\w-])according to\s+([^,.;:!?\n“”\"]{2,80})", re.IGNORECASE)

_SUBJECT = re.compile(
    r"(?<![\w-])((?:(?:the|a|an|two|three|several|some)\s+)?(?:[\w’'-]+\s+){0,4}?"
    r"(?:official|officials|ministry|spokesperson|spokesman|spokeswoman|statement|"
    r"office|authorities|authority|sources|source|agency|army|military|media|medics|doctors|paramedics|rescuers|"
    r"figures|data|defence|defense|council|organisation|organization))\s*,?\s*$",
    re.IGNORECASE,
)


def attribution(ctx: DocContext, s0: int, s1: int, offset: int) -> tuple[str | None, str | None]:
    best = None
    for at, phrase in _sources(ctx, s0, s1):
        distance = abs(at - offset)
        if best is None or distance < best[0]:
            best = (distance, phrase)
    if best is None:
        return None, None
    key = ("party", best[1])
    found = ctx.memo.get(key)
    if found is None:
        phrase = " ".join(best[1].split())
        phrase = re.sub(r"^(?:with|and|but|as|while|when)\s+", "", phrase, flags=re.IGNORECASE)
        found = ctx.memo[key] = (phrase, _party(ctx.lex, phrase))
    return found


def _sources(ctx: DocContext, s0: int, s1: int) -> list[tuple[int, str]]:
    """The sentence's sources as (offset, phrase): "according to X"; else a source before a reporting verb."""
    key = ("sources", s0, s1)
    found = ctx.memo.get(key)
    if found is not None:
        return found
    text = ctx.doc.text
    found = [(m.start(), m.group(1).strip()) for m in _ACCORDING.finditer(text, s0, s1)]
    if not found:
        for verb in REPORTING.finditer(text, s0, s1):
            window = text[max(s0, verb.start() - 60) : verb.start()]
            source = _source_before(ctx.lex, window) or _SUBJECT.search(window)
            if source:
                phrase = source.group(1) if source.re is _SUBJECT else source.group()
                found.append((verb.start(), phrase.strip(" ,")))
    if not found:
        found = _headline_source(ctx.lex, text, s0, s1)
    ctx.memo[key] = found
    return found


# A headline's source before a colon or after a final colon or dash:
# "UNICEF: over 13,800 children killed", "death toll rises to 35,984: ministry".
_PREFIX = re.compile(r"[^\S\n]*([^:\n]{2,60}?):\s")
_SUFFIX = re.compile(r"(?:\s[-–—]|:)\s+([^:\n–—]{2,60}?)[\s.!]*$")


def _headline_source(lex: Lexicon, text: str, s0: int, s1: int) -> list[tuple[int, str]]:
    """The source a headline names with a colon or a final dash, when it is one (a counting basis, or
    a ministry, officials, authorities …): never "Israel-Hamas war updates:"."""
    out = []
    for m in (_PREFIX.match(text, s0, s1), _SUFFIX.search(text, s0, s1)):
        if m is None:
            continue
        phrase = m.group(1).strip()
        if basis_of(lex, phrase) is not None or _SUBJECT.fullmatch(phrase + " "):
            out.append((m.start(1), phrase))
    return out


def _source_before(lex: Lexicon, window: str) -> re.Match[str] | None:
    """The last party alias in ``window``, widened to its determiner ("a Hamas official")."""
    if lex.party is None:
        return None
    last = None
    for last in lex.party.finditer(window):
        pass
    if last is None:
        return None
    return re.search(r"(?:(?<![\w-])(?:the|a|an)\s+)?(?:(?<![\w-])(?-i:[A-Z])[\w’'-]*\s+)?" + re.escape(last.group()) + r"[\w’'-]*(?:\s+(?:official|officials|spokesperson|statement))?", window, re.IGNORECASE)


def _party(lex: Lexicon, phrase: str) -> str | None:
    """The party a source phrase belongs to: an alias inside it, else a close spelling."""
    if lex.party is None:
        return None
    longest = max(lex.party.finditer(phrase), key=lambda m: len(m.group()), default=None)
    if longest is not None:
        return lex.party_names[phrase_key(longest.group())]
    from rapidfuzz import fuzz, process

    choices = [a for a in lex.party_names if len(a) >= 5]
    best = process.extractOne(phrase.lower(), choices, scorer=fuzz.token_set_ratio, score_cutoff=88)
    return lex.party_names[best[0]] if best else None


def basis_of(lex: Lexicon, phrase: str | None) -> str | None:
    """The counting basis a source phrase names (its longest ``bases:`` alias), else None."""
    if phrase is None or lex.basis is None:
        return None
    longest = max(lex.basis.finditer(phrase), key=lambda m: len(m.group()), default=None)
    return None if longest is None else lex.basis_names[phrase_key(longest.group())]
