"""Dating from reference series: the stage between extraction and topics that dates undated documents.

An article without a publication date (:mod:`ceasefire_cli.load.dating`
found none) can still be placed in time when its running tolls match a
reference series on only a few days. The stage returns new records: the
documents, some of them dated, and their claims, the dated documents' claims
read again (a relative date such as "yesterday" depends on the day a text
speaks from). Topics are assigned once, afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..config import Settings
from ..models import Claim, Document, Problem
from ..rules.reference import Reference, date_documents
from ..topics import topic_of
from .parallel import extract_all

if TYPE_CHECKING:  # pragma: no cover
    from .cache import ClaimCache


@dataclass(frozen=True, slots=True)
class Dated:
    """The documents after dating, their claims (in document, then text order), and documents that failed a second reading."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    problems: tuple[Problem, ...] = ()


def date_from_references(
    documents: Sequence[Document],
    claims: tuple[Claim, ...],
    settings: Settings,
    references: Sequence[Reference],
    cache: ClaimCache | None = None,
) -> Dated:
    """Date undated documents from the series their figures fit, and read the dated documents' claims again.

    ``claims`` come straight from extraction, without topics: the series are
    bound to topics, so each undated document's claims are looked at with the
    topic they will get (:func:`~ceasefire_cli.topics.topic_of`). Documents
    that stay as they were keep their claims.

    >>> from ceasefire_cli.config import load_settings
    >>> doc = Document("a", "a.md", "No figure here.")
    >>> date_from_references((doc,), (), load_settings(), ()) == Dated((doc,), ())
    True
    """
    undated = {d.id for d in documents if d.published is None}
    looked_at = [replace(c, topic=topic_of(c, settings)) if c.document in undated else c for c in claims]
    dated = date_documents(documents, looked_at, references, settings)
    changed = [new for old, new in zip(documents, dated) if new is not old]
    if not changed:
        return Dated(tuple(documents), claims)
    fresh, problems = extract_all(changed, settings, 1, cache)
    ids = {d.id for d in changed}
    position = {d.id: i for i, d in enumerate(dated)}
    merged = [c for c in claims if c.document not in ids] + list(fresh)
    merged.sort(key=lambda c: (position[c.document], c.start, c.end))
    return Dated(dated, tuple(merged), problems)
