"""Spelling variants of one person or place across sources -> info findings (CF202).

A name is a run of two to four capitalised words, particles such as "al-" or
"bin" allowed inside ("Khalil al-Hayya", "Mohammed Darwish"). Names are
bucketed by a key of their last word's first letters, so only names that could
be variants are ever compared: no all-pairs matching over a corpus.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..codes import rule
from ..models import Document, Finding

_NAME = re.compile(
    r"(?<![\w’'-])((?:[A-Z][a-z]*-[A-Z][a-z’']+|[A-Z][a-z’']+)"
    r"(?:[ \t]+(?:(?:al|el|bin|ibn|abu|abd|de|van|von)[- ])?(?:[A-Za-z][a-z]*-[A-Z][a-z’']+|[A-Z][a-z’']+)){1,3})"
)
# Capitalised words that open sentences or name institutions, not people or places.
_NOT_NAMES = frozenset(
    """the a an and but in on at of for to from with by as after before during since despite
    according israeli israel palestinian palestinians hamas gaza egyptian egypt us u.s american
    un united nations security council ministry health army president prime minister state
    national international general intelligence authority foundation information center centre
    his her their its this that these those it they he she we our when while if
    is why then more major how what who where there here sir
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december comments""".split()
)
_MIN_RATIO = 85.0
_POSSESSIVE = re.compile(r"(?:[’']s?)$")


@dataclass(frozen=True, slots=True)
class NameMention:
    """A name as written in one document."""

    document: str
    text: str
    line: int
    column: int


def find_names(doc: Document) -> tuple[NameMention, ...]:
    """Names of people and places in the document's body.

    >>> from ceasefire_cli.models import Document
    >>> t = "Talks led by Khalil al-Hayya and Hassan Rashad began."
    >>> [n.text for n in find_names(Document("d", "d", t, body_end=len(t)))]
    ['Khalil al-Hayya', 'Hassan Rashad']
    >>> t = "Kamala Harris’ stance differs from Iran’s Supreme Leader on this."
    >>> [n.text for n in find_names(Document("d", "d", t, body_end=len(t)))]
    ['Kamala Harris']
    """
    if doc.digest is not None:  # the text was dropped after extraction; its names were kept
        kept = doc.digest
        return tuple(NameMention(doc.id, *found) for found in zip(kept.names, kept.name_lines, kept.name_columns))
    end = doc.comments_start if doc.comments_start is not None else len(doc.text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]
    out = []
    headline: dict[int, bool] = {}  # line number -> written in title case
    for match in _NAME.finditer(doc.text, 0, end):
        line = bisect.bisect_right(line_starts, match.start(1))
        if line not in headline:
            stop = line_starts[line] if line < len(line_starts) else len(doc.text)
            headline[line] = _title_case(doc.text[line_starts[line - 1] : stop])
        if headline[line]:
            continue  # "Conducts Humanitarian Airdrops": every word capitalised, no word a name by it
        words = match.group(1).split()
        # Drop leading sentence-openers and institution words ("Egyptian Intelligence Minister Hassan Rashad").
        while words and words[0].lower().strip("’'") in _NOT_NAMES:
            words.pop(0)
        # A possessive ends the name: "Kamala Harris’ stance" is Kamala Harris; "Iran’s Supreme
        # Leader" names no one by "Iran".
        owner = next((i for i, w in enumerate(words) if _POSSESSIVE.search(w)), None)
        if owner is not None:
            words = words[:owner] + [_POSSESSIVE.sub("", words[owner])]
        if len(words) < 2 or any(w.lower() in _NOT_NAMES for w in words):
            continue
        start = match.start(1) + match.group(1).find(words[0])
        line = bisect.bisect_right(line_starts, start)
        out.append(NameMention(doc.id, " ".join(words), line, start - line_starts[line - 1] + 1))
    return tuple(out)


def _title_case(line: str) -> bool:
    """True for a line written in title case (a headline style): most of its longer words capitalised.

    >>> _title_case("Israel Conducts Humanitarian Airdrops Over Northern Gaza")
    True
    >>> _title_case("Talks led by Khalil al-Hayya and Hassan Rashad began in Cairo on Sunday.")
    False
    """
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _fold(name: str) -> str:
    return re.sub(r"[\s’'-]+", " ", name.casefold()).strip()


def _documents(paths: list[str], shown: int = 2) -> str:
    """Where a spelling appears: up to ``shown`` documents, then how many more.

    >>> _documents(["a.md"])
    'a.md'
    >>> _documents(["a.md", "b.md", "c.md", "d.md"])
    'a.md, b.md and 2 more'
    """
    more = len(paths) - shown
    return ", ".join(paths[:shown]) + (f" and {more} more" if more > 0 else "")


def _group(names: list[str]) -> list[list[str]]:
    """Each name joins the first group whose first name it matches (ratio ≥ 85), else starts one.

    The first matching group is found among all groups' first names in one
    call into rapidfuzz per name (C, with a score cut-off that stops each
    comparison early), not a Python loop per pair: 8,000 names sharing a
    surname prefix, all distinct, take a second or two instead of a minute.

    >>> _group(["Hassan Rashad", "Hasan Rashad", "Hussein Rasheed", "Rami Rashid"])
    [['Hassan Rashad', 'Hasan Rashad'], ['Hussein Rasheed'], ['Rami Rashid']]
    """
    from rapidfuzz import fuzz, process

    groups: list[list[str]] = []
    heads: list[str] = []  # the folded first name of each group, in the order the groups began
    for name in names:
        folded = _fold(name)
        matches = process.extract(folded, heads, scorer=fuzz.ratio, score_cutoff=_MIN_RATIO, limit=None)
        if matches:
            groups[min(index for _, _, index in matches)].append(name)
        else:
            groups.append([name])
            heads.append(folded)
    return groups


# What turns a place's name into its people or adjective: "Africa" -> "African", "Asia" -> "Asians".
_ENDINGS = frozenset({"n", "an", "s", "ns"})
_COMPASS = frozenset("north south east west northern southern eastern western upper lower new old".split())


def _split(group: list[str]) -> list[list[str]]:
    """A group of near spellings without the names that are plainly other names or forms.

    "North Carolina" and "South Carolina" differ by a compass word: two places.
    "North Africa" and "North African" differ by an ending: a noun and its
    adjective, nothing to tell an editor. Each such name keeps a group of its own.

    >>> _split(["North Carolina", "South Carolina"])
    [['North Carolina'], ['South Carolina']]
    >>> _split(["North Africa", "North African"])
    [['North Africa']]
    >>> _split(["Hassan Rashad", "Hasan Rashad", "Hasan rashad"])
    [['Hassan Rashad', 'Hasan Rashad', 'Hasan rashad']]
    """
    out: list[list[str]] = []
    for name in group:
        words = _fold(name).split()
        for g in out:
            head = _fold(g[0]).split()
            if {w for w in words if w in _COMPASS} != {w for w in head if w in _COMPASS}:
                continue
            shorter, longer = sorted((" ".join(words), " ".join(head)), key=len)
            if shorter != longer and longer.startswith(shorter) and longer[len(shorter):] in _ENDINGS:
                break  # a noun and its adjective or plural: neither told nor kept
            g.append(name)
            break
        else:
            out.append([name])
    return out


def _buckets(names: Iterable[str]) -> dict[str, list[str]]:
    """Names, sorted, in buckets by the first letters of their last word: only names of one bucket can be variants."""
    buckets: dict[str, list[str]] = {}
    for name in sorted(names):
        last = _fold(name).split()[-1]
        buckets.setdefault(last[:3], []).append(name)
    return buckets


def variants_in(documents: Sequence[Document]) -> tuple[Finding, ...]:
    """:func:`name_variants` of every name in ``documents``, read in two passes to hold little.

    The first pass keeps only the distinct names, to see which could be
    variants of another; the second gathers places for those alone. A name
    alone in its group takes no part in any other group (a name joins the
    first group whose first name it matches, and nothing joined this one), so
    the findings are those of one pass over every mention.
    """
    if all(d.digest is not None for d in documents):  # names kept from dropped texts: cheap to give twice
        distinct = {name for d in documents if d.digest is not None for name in d.digest.names}

        def mentions() -> Iterator[NameMention]:
            return (m for d in documents for m in find_names(d))
    else:  # texts at hand: search each once
        found = [m for d in documents for m in find_names(d)]
        distinct = {m.text for m in found}

        def mentions() -> Iterator[NameMention]:
            return iter(found)

    paired = {
        name for names in _buckets(distinct).values() for whole in _group(names) for group in _split(whole) if len(group) > 1 for name in group
    }
    if not paired:
        return ()
    return name_variants(m for m in mentions() if m.text in paired)


def name_variants(mentions: Iterable[NameMention]) -> tuple[Finding, ...]:
    """One CF202 finding per group of spellings of one name seen in two or more documents."""
    # name -> the documents it appears in, in order of first appearance (a dict: O(1) membership),
    # each with the (line, column) where the name is first seen there.
    where: dict[str, dict[str, tuple[int, int]]] = {}
    for m in mentions:
        docs = where.setdefault(m.text, {})
        if m.document not in docs:
            docs[m.document] = (m.line, m.column)
    findings = []
    for names in _buckets(where).values():
        for group in (g for whole in _group(names) for g in _split(whole)):
            seen = {d for name in group for d in where[name]}
            if len(group) > 1 and len(seen) > 1:
                shown = "; ".join(f'"{name}" ({_documents(list(where[name]))})' for name in group)
                places = tuple(sorted((d, *where[name][d]) for name in group for d in where[name]))
                message = rule("CF202").message(count=len(group), spellings=shown)
                findings.append(Finding("CF202", rule("CF202").severity, None, (), message, places))
    return tuple(sorted(findings, key=lambda f: f.message))
