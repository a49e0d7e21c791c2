"""The pipeline: compose the stages into one :class:`Report`. No logic of its own."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from .claims import build_lexicon, extract_claims
from .compare import compare
from .config import Settings
from .corpus import load
from .models import Claim, Document, Report
from .topics import assign_topics


def analyse_documents(
    documents: Sequence[Document], settings: Settings, *, include_comments: bool = False
) -> Report:
    """Extract, group and compare the claims of already-loaded documents."""
    lexicon = build_lexicon(settings)
    claims: tuple[Claim, ...] = tuple(c for d in documents for c in extract_claims(d, lexicon))
    claims, topics = assign_topics(claims, settings, include_comments=include_comments)
    topics, findings = compare(topics, claims, tuple(documents), settings)
    return Report(tuple(documents), claims, topics, findings, include_comments=include_comments)


def analyse(
    paths: Sequence[str | os.PathLike[str]], settings: Settings, *, include_comments: bool = False
) -> Report:
    """Load ``paths`` and analyse them; unreadable files become ``Report.problems``.

    Raises :class:`~ceasefire_cli.errors.InputError` when a path is missing.
    """
    loaded = load(paths)
    report = analyse_documents(loaded.documents, settings, include_comments=include_comments)
    return replace(report, problems=loaded.problems)
