"""claims.yaml's vocabulary compiled to the patterns the extractor runs, once per run.

Every phrase of the taxonomy becomes part of one case-insensitive pattern per
role (metric words, population words, each scope's cues, …), matched on word
boundaries; ``*`` inside a phrase stands for up to three words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..config import Settings

WORD = r"[\w’'-]+"

__all__ = ["Lexicon", "build_lexicon", "phrase_pattern", "phrase_starts", "phrase_key", "WORD"]


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for ``phrases``; ``*`` stands for up to three words.

    >>> phrase_pattern(("ceasefire * began",)).search("the ceasefire that began").group()
    'ceasefire that began'
    """
    if not phrases:
        return None
    return re.compile(r"(?<![\w-])" + _ahead(phrases) + "(?:" + _alternation(_ordered(phrases)) + r")(?![\w-])", re.IGNORECASE)


def phrase_starts(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """An empty match wherever :func:`phrase_pattern` of ``phrases`` would match: one scan for several patterns.

    >>> [m.start() for m in phrase_starts(("air strike", "strike")).finditer("an air strike")]
    [3, 7]
    """
    if not phrases:
        return None
    return re.compile(r"(?<![\w-])" + _ahead(phrases) + "(?=(?:" + _alternation(_ordered(phrases)) + r")(?![\w-]))", re.IGNORECASE)


def _ordered(phrases: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The phrases' patterns as tokens, longest phrase first (the first that matches wins)."""
    ordered = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [re.escape(w) for w in phrase.split()]
        ordered.append(_tokens(r"\s+".join(words).replace(r"\s+\*\s+", _ANY_WORDS)))
    return ordered


def _ahead(phrases: tuple[str, ...]) -> str:
    """A look-ahead on the phrases' first letters.

    It changes no match: it lets the engine skip, in one test, a word no phrase can start
    (a blank phrase could start anywhere: then there is none).
    """
    firsts = "".join(sorted({c for p in phrases if p.split() for c in (_APOSTROPHES if p.split()[0][0] in _APOSTROPHES else (re.escape(p.split()[0][0]),))}))
    return f"(?=[{firsts}])" if all(p.split() for p in phrases) else ""


#: Between the words of a phrase: a space, or (for ``*``) up to three words.
_SPACE, _ANY_WORDS = r"\s+", rf"(?:\s+{WORD}){{0,3}}\s+"


def _tokens(body: str) -> tuple[str, ...]:
    r"""A phrase's pattern cut into pieces: one character each (escaped or not), ``\s+`` and the wildcard.

    An ASCII letter compiles to the same case-insensitive test in either case: it is put in
    lower case, so that phrases differing only in case share their prefix in :func:`_alternation`.

    >>> _tokens(r"Rafah\s+crossing")[:7]
    ('r', 'a', 'f', 'a', 'h', '\\s+', 'c')
    """
    out = []
    i = 0
    while i < len(body):
        for piece in (_ANY_WORDS, _SPACE):
            if body.startswith(piece, i):
                break
        else:  # re.escape wrote a character as itself or as a backslash and itself
            piece = body[i : i + 2] if body[i] == "\\" else body[i]
        i += len(piece)
        if piece in _APOSTROPHES:
            piece = _APOSTROPHE  # "war's" as typed or as typeset: one phrase matches both
        out.append(piece.lower() if len(piece) == 1 and piece.isascii() else piece)
    return tuple(out)


_APOSTROPHES = ("'", "’")
_APOSTROPHE = "['’]"


def _is_letter(token: str) -> bool:
    """True for a token that matches exactly one character, and that no other letter token's character matches.

    ASCII characters and uncased ones qualify; a cased non-ASCII letter ("É") may match
    another spelling's text too under IGNORECASE, so it is never factored.
    """
    c = token[-1]
    return token not in (_SPACE, _ANY_WORDS) and (c.isascii() or c.lower() == c.upper())


def _alternation(ordered: list[tuple[str, ...]]) -> str:
    """The alternatives ``ordered`` (each a token tuple) as one pattern that matches what they match.

    Alternatives that start with the same letter share it ("since the war|since October" ->
    "since(?: the war| October)"), as in a trie: the engine then tries the alternatives of one
    first letter only, where it tried them all at every word (three to four times faster on
    the taxonomy's hundred-phrase patterns). Only single letters are factored and alternatives
    keep their order within a letter: alternatives of different first letters cannot match at
    the same place, so the first alternative that matches is the same as in the flat list.
    """
    return _branches(ordered)[0]


def _branches(ordered: list[tuple[str, ...]]) -> tuple[str, bool]:
    """(pattern, True when it has more than one branch at its top level) for :func:`_alternation`."""
    if len(ordered) == 1:
        return "".join(ordered[0]), False
    if not all(tokens and _is_letter(tokens[0]) for tokens in ordered):
        return "|".join("".join(tokens) for tokens in ordered), True
    groups: dict[str, list[tuple[str, ...]]] = {}
    for tokens in ordered:
        groups.setdefault(tokens[0], []).append(tokens[1:])
    parts = []
    for first, rests in groups.items():
        rest, several = _branches(rests)
        parts.append(first + (f"(?:{rest})" if several else rest))
    return "|".join(parts), len(parts) > 1


def phrase_key(text: str) -> str:
    """A matched phrase as the taxonomy spells it: lower case, single spaces, a typeset apostrophe as typed.

    >>> phrase_key("the  War’s toll")
    "the war's toll"
    """
    return " ".join(text.lower().replace("’", "'").split())


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The taxonomy compiled to patterns, built once per run."""

    settings: Settings
    metric: re.Pattern[str]
    metric_names: dict[str, str]
    population: re.Pattern[str] | None
    population_names: dict[str, str]
    scopes: tuple[tuple[str, re.Pattern[str]], ...]
    events: tuple[tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str] | None], ...]
    units: re.Pattern[str] | None
    nouns: re.Pattern[str] | None
    party: re.Pattern[str] | None
    party_names: dict[str, str]
    #: Running-total cues that give way to an event cue in the same clause.
    weak: frozenset[str] = frozenset()
    #: Words opening a sub-group of a total named before the figure.
    subsets: re.Pattern[str] | None = None
    #: Metric name -> the verbs that make its count a flow (one event), not a stock.
    flows: tuple[tuple[str, re.Pattern[str]], ...] = ()
    #: Words of another front's actors ("Hezbollah"), for events only.
    front_words: re.Pattern[str] | None = None
    #: Scope name -> its kind (cumulative, event_count, other, unchecked).
    scope_kinds: tuple[tuple[str, str], ...] = ()
    #: Population name -> the words right before a held metric's figure that name it (``before_figure``), ending at the figure.
    before_figure: tuple[tuple[str, re.Pattern[str]], ...] = ()
    #: Every population's ``actors`` words, and the population each names.
    actor: re.Pattern[str] | None = None
    actor_names: dict[str, str] = field(default_factory=dict)
    #: Party name -> the group that does what that party's sources count (the other side's, ``side``).
    counted_by: dict[str, str] = field(default_factory=dict)
    #: (scope, the vetted day of the event it starts from) for every scope that starts from a dated
    #: event: "since October 7" is the war's span, "since October 10" (2025) the truce's.
    vetted_starts: tuple[tuple[str, dt.date], ...] = ()
    #: The fallback metric's name and its nouns right after a figure (claims.yaml ``fallback: true``).
    fallback: tuple[str, re.Pattern[str], re.Pattern[str]] | None = None
    #: Counting-basis aliases, and alias key -> basis name.
    basis: re.Pattern[str] | None = None
    basis_names: dict[str, str] = field(default_factory=dict)
    #: Where any scope's cue but projection's starts (None: try each scope's pattern everywhere).
    cue_starts: re.Pattern[str] | None = None
    #: Any event's subject, any event's verb: a sentence without both names no event (two scans instead of two per event).
    event_subjects: re.Pattern[str] | None = None
    event_verbs: re.Pattern[str] | None = None
    #: ``scope_kinds`` as a dictionary (the first kind of a name, as :meth:`kind` reads them).
    kinds: dict[str, str] = field(default_factory=dict)

    def flow_pattern(self, metric: str) -> re.Pattern[str] | None:
        """The flow verbs of ``metric``, or None when its counts are never flows."""
        return next((p for name, p in self.flows if name == metric), None)

    def kind(self, scope: str) -> str:
        """The topic kind of ``scope``."""
        if self.kinds:  # asked for several times per figure: a dictionary, not a walk through the scopes
            return self.kinds.get(scope, "other")
        return next((k for name, k in self.scope_kinds if name == scope), "other")


def _names(entries: tuple) -> dict[str, str]:
    return {phrase_key(a): e.name for e in entries for a in e.aliases}


def _id_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """"Resolution 2803", "resolution No. 2720": the number that says which event is meant."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})\s+(?:No\.?\s*)?(\d[\d/.-]*\d|\d)", re.IGNORECASE)


def build_lexicon(settings: Settings) -> Lexicon:
    """Compile the taxonomy's phrases into the patterns the extractor runs."""
    metric = phrase_pattern(tuple(a for m in settings.metrics if not m.fallback for a in m.aliases))
    fallback = next((m for m in settings.metrics if m.fallback), None)
    fallback_words = phrase_pattern(fallback.aliases) if fallback is not None else None
    if metric is None:  # config guarantees at least one metric
        raise ValueError("claims.yaml lists no metric")
    units = phrase_pattern(settings.not_count_units)
    nouns = phrase_pattern(settings.not_count_nouns)
    events = []
    for e in settings.events:
        subjects, verbs = phrase_pattern(e.subjects), phrase_pattern(e.verbs)
        if subjects is not None and verbs is not None:
            events.append((e.name, subjects, verbs, _id_pattern(e.ids)))
    return Lexicon(
        settings=settings,
        metric=metric,
        metric_names=_names(settings.metrics),
        population=phrase_pattern(tuple(a for p in settings.populations for a in p.aliases)),
        population_names=_names(settings.populations),
        scopes=tuple((s.name, p) for s in settings.scopes if (p := phrase_pattern(s.cues)) is not None),
        events=tuple(events),
        units=re.compile(r"\s*(?:" + units.pattern + ")", re.IGNORECASE) if units else None,
        # The figure's noun, after up to two modifiers ("30 Hamas targets", "12 residential buildings").
        # The modifiers are not prepositions: "killed two in overnight raids" counts people, not raids.
        nouns=re.compile(r"(?:\s+(?!(?:in|on|at|of|from|by|for|with|during|after|before|across|near|into|over|as|and|while|but|when|amid)(?![\w’'-]))[\w’'-]+){0,2}?\s+(?:" + nouns.pattern + ")", re.IGNORECASE) if nouns else None,
        party=phrase_pattern(tuple(a for p in settings.parties for a in p.aliases)),
        party_names=_names(settings.parties),
        weak=frozenset(phrase_key(c) for c in settings.weak_cues),
        subsets=phrase_pattern(settings.subset_cues),
        flows=tuple((m.name, p) for m in settings.metrics if (p := phrase_pattern(m.flows)) is not None),
        scope_kinds=tuple((s.name, s.kind) for s in settings.scopes),
        before_figure=tuple(
            (p.name, re.compile(pattern.pattern + r"\s+(?:(?:the|all|another|a\s+further)\s+)?(?:(?:last|remaining|final|other)\s+)?$", re.IGNORECASE))
            for p in settings.populations if (pattern := phrase_pattern(p.before_figure)) is not None
        ),
        actor=phrase_pattern(tuple(a for p in settings.populations for a in p.actors)),
        actor_names={phrase_key(a): p.name for p in settings.populations for a in p.actors},
        counted_by=_counted_by(settings),
        vetted_starts=_vetted_starts(settings),
        kinds={s.name: s.kind for s in reversed(settings.scopes)},
        front_words=phrase_pattern(settings.front_words),
        basis=phrase_pattern(tuple(a for b in settings.bases for a in b.aliases)),
        # The figure's own noun, after up to two modifiers ("two million people", "9,000 cancer patients").
        fallback=(fallback.name, re.compile(r"(?:\s+[\w’'-]+){0,2}?\s+(?P<noun>" + fallback_words.pattern + ")", re.IGNORECASE), fallback_words)
        if fallback is not None and fallback_words is not None else None,
        basis_names=_names(settings.bases),
        cue_starts=_cue_starts(settings),
        event_subjects=phrase_pattern(tuple(w for e in settings.events if e.subjects and e.verbs for w in e.subjects)),
        event_verbs=phrase_pattern(tuple(w for e in settings.events if e.subjects and e.verbs for w in e.verbs)),
    )


def _cue_starts(settings: Settings) -> re.Pattern[str] | None:
    """:func:`phrase_starts` of every scope cue but projection's; None when a blank cue would match anywhere."""
    cues = tuple(c for s in settings.scopes if s.name != "projection" for c in s.cues)
    return phrase_starts(cues) if cues and all(c.split() for c in cues) else None


def _counted_by(settings: Settings) -> dict[str, str]:
    """Party -> the one group of the other side with ``actors``: whose deeds that party's sources count."""
    out = {}
    for party in settings.parties:
        others = [p.name for p in settings.populations if p.actors and p.side not in (None, "neutral", party.side)]
        if party.side != "neutral" and len(others) == 1:
            out[party.name] = others[0]
    return out


def _vetted_starts(settings: Settings) -> tuple[tuple[str, dt.date], ...]:
    """(scope, the vetted day its event fell on) for every scope that starts from a dated event."""
    days = {f.topic: f.first for f in settings.facts if f.first is not None}
    return tuple((s.name, days[f"date.{s.starts}"]) for s in settings.scopes if s.starts and f"date.{s.starts}" in days)
