"""A document without its text: what the stages after extraction still need of it, computed where the text is.

A large run reads tens of thousands of articles; keeping every text until
the report is written made the text as large as all the claims together.
After extraction nothing reads the text but three things, and each needs
little of it: the names in the body (CF202 spellings), the line a comment
section starts on, and, for a quote whose figure occurs twice in its
sentence, which occurrence is the claim's. :func:`digest` computes those
from the text (in the worker that extracted it), and :func:`without_text`
gives the document that keeps them instead of its text. The report is the
same byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..models import Claim, Digest, Document
from ..render.common import figure_at, one_line
from ..rules.names import find_names


def digest(doc: Document, claims: Sequence[Claim]) -> Digest:
    """What is still needed of ``doc``'s text once its ``claims`` are read.

    >>> t = "Talks led by Khalil al-Hayya began. 3 or 3 more?"
    >>> d = Document("d", "d", t, body_end=len(t))
    >>> digest(d, ())
    Digest(length=48, comments_line=None, names=('Khalil al-Hayya',), name_lines=(1,), name_columns=(14,), figures=())
    """
    start = doc.comments_start
    figures = []
    lines: dict[str, str] = {}  # the claims of one sentence share it: made one line once
    for c in claims:
        figure = one_line(c.text)
        sentence = lines.get(c.sentence)
        if sentence is None:
            sentence = lines[c.sentence] = one_line(c.sentence)
        if figure and sentence.count(figure) > 1:  # the only quotes that look at the text around the claim
            figures.append((c.start, c.end, figure_at(sentence, figure, c, doc)))
    names = find_names(doc)
    return Digest(
        length=len(doc.text),
        comments_line=None if start is None else doc.text.count("\n", 0, start) + 1,
        names=tuple(m.text for m in names),
        name_lines=tuple(m.line for m in names),
        name_columns=tuple(m.column for m in names),
        figures=tuple(figures),
    )


def without_text(doc: Document, kept: Digest, shared: dict[Any, Any] | None = None) -> Document:
    """``doc`` with its text dropped and ``kept`` in its place; ``shared`` gives one object for equal names and places.

    Digests that come from a worker each bring their own copies of names that
    many articles share ("Khalil al-Hayya").
    """
    if shared is None:
        return replace(doc, text="", digest=kept)
    if kept.names:
        kept = replace(
            kept,
            names=tuple(shared.setdefault((str, n), n) for n in kept.names),
            name_lines=tuple(shared.setdefault((int, n), n) for n in kept.name_lines),
            name_columns=tuple(shared.setdefault((int, n), n) for n in kept.name_columns),
        )
    # An outlet, a date, a basis or an offset that many articles have: one object for all.
    same = {name: shared.setdefault((type(value), value), value) for name in _SHARED if (value := getattr(doc, name)) is not None}
    return replace(doc, text="", digest=kept, **same)


_SHARED = ("published", "published_basis", "outlet", "body_end", "encoding")
