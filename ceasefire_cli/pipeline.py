"""The pipeline: compose the stages into one :class:`Report`. No logic of its own beyond selection.

``compare``: every document against every other.
``check``: drafts against a corpus — only findings that involve a draft are kept,
with the draft's claim first, so line-oriented formats point into the draft.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .claims import build_lexicon, extract_claims
from .compare import compare, finding_order
from .config import Settings
from .corpus import load
from .directives import is_silenced
from .facts import check_facts
from .models import Claim, Document, Finding, Problem, Report
from .names import find_names, name_variants
from .reference import Reference, check_claims, date_documents
from .topics import assign_topics


def extract(documents: Sequence[Document], settings: Settings) -> tuple[tuple[Claim, ...], tuple[Problem, ...]]:
    """Every claim of every document, in document order, and the documents that failed.

    A bug tripped by one document's text must not lose the others' results:
    that document is reported as a problem and left out.
    """
    lexicon = build_lexicon(settings)
    claims: list[Claim] = []
    problems: list[Problem] = []
    for doc in documents:
        try:
            claims.extend(extract_claims(doc, lexicon))
        except Exception as exc:  # noqa: BLE001 - reported per file, never swallowed silently
            problems.append(Problem(doc.path, f"internal error while reading figures ({type(exc).__name__}: {exc}); please report it"))
    return tuple(claims), tuple(problems)


def analyse_documents(
    documents: Sequence[Document],
    settings: Settings,
    *,
    include_comments: bool = False,
    claims: tuple[Claim, ...] | None = None,
    references: Sequence[Reference] = (),
) -> Report:
    """Extract (unless ``claims`` are given), group and compare; add name-variant notes.

    With ``references``, undated documents are first dated from their figures
    (and re-read, since relative dates depend on the date), then every
    cumulative figure is checked against the series.
    """
    problems: tuple[Problem, ...] = ()
    if claims is None:
        claims, problems = extract(documents, settings)
        failed = {p.path for p in problems}
        documents = [d for d in documents if d.path not in failed]
    claims, topics = assign_topics(claims, settings, include_comments=include_comments)
    if references and any(d.published is None for d in documents):
        documents, claims, more = _date_from_references(documents, claims, settings, references)
        problems += more
        claims, topics = assign_topics(claims, settings, include_comments=include_comments)
    topics, findings = compare(topics, claims, settings)
    checked = check_facts(claims, settings)
    if references:
        checked += check_claims(claims, references, settings)
    if checked:
        bad = {f.topic for f in checked if f.severity == "error"}
        topics = tuple(replace(t, status="conflict") if t.id in bad else t for t in topics)
        findings = tuple(sorted(findings + checked, key=finding_order))
    notes = name_variants(m for d in documents for m in find_names(d))
    return Report(tuple(documents), claims, topics, findings + notes, problems, include_comments=include_comments)


def _date_from_references(
    documents: Sequence[Document], claims: tuple[Claim, ...], settings: Settings, references: Sequence[Reference]
) -> tuple[list[Document], tuple[Claim, ...], tuple[Problem, ...]]:
    """Date undated documents from the series, and re-read their claims against that date."""
    dated = list(date_documents(documents, claims, references, settings))
    changed = [new for old, new in zip(documents, dated) if new is not old]
    if not changed:
        return list(documents), claims, ()
    fresh, problems = extract(changed, settings)
    ids = {d.id for d in changed}
    position = {d.id: i for i, d in enumerate(dated)}
    merged = [c for c in claims if c.document not in ids] + list(fresh)
    merged.sort(key=lambda c: (position[c.document], c.start, c.end))
    return dated, tuple(merged), problems


def analyse(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings,
    *,
    include_comments: bool = False,
    references: Sequence[Reference] = (),
) -> Report:
    """Load ``paths`` and analyse them; unreadable files become ``Report.problems``.

    Raises :class:`~ceasefire_cli.errors.InputError` when a path is missing.
    """
    loaded = load(paths)
    report = analyse_documents(loaded.documents, settings, include_comments=include_comments, references=references)
    return replace(report, problems=loaded.problems + report.problems)


def date_drafts(drafts: Iterable[Document], date: dt.date | None, today: dt.date) -> tuple[Document, ...]:
    """Give each draft a date: ``--date`` first, then its own metadata, then today."""
    out = []
    for d in drafts:
        if date is not None:
            d = replace(d, published=date, published_basis="option")
        elif d.published is None:
            d = replace(d, published=today, published_basis="today")
        out.append(d)
    return tuple(out)


def _involves(finding: Finding, owner: dict[str, str], drafts: set[str]) -> bool:
    if finding.claims:
        return any(owner[c] in drafts for c in finding.claims)
    return any(doc in drafts for doc, _, _ in finding.locations)


def _draft_first(finding: Finding, owner: dict[str, str], drafts: set[str]) -> Finding:
    ids = sorted(finding.claims, key=lambda c: owner[c] not in drafts)
    locations = sorted(finding.locations, key=lambda loc: loc[0] not in drafts)
    return replace(finding, claims=tuple(ids), locations=tuple(locations))


def select_for_drafts(report: Report, drafts: Sequence[Document]) -> Report:
    """Keep the findings that involve a draft, draft claim first, minus in-draft suppressions."""
    ids = {d.id for d in drafts}
    owner = {c.id: c.document for c in report.claims}
    by_id = {c.id: c for c in report.claims}
    silenced = {d.id: d.silenced for d in drafts}
    kept = []
    for finding in report.findings:
        if not _involves(finding, owner, ids):
            continue
        finding = _draft_first(finding, owner, ids)
        if finding.claims:
            first = by_id[finding.claims[0]]
            if first.document in ids and is_silenced(silenced[first.document], first.line, finding.code):
                continue
        elif finding.locations and finding.locations[0][0] in ids:
            doc, line, _ = finding.locations[0]
            if is_silenced(silenced[doc], line, finding.code):
                continue
        kept.append(finding)
    return replace(report, findings=tuple(kept), drafts=tuple(d.id for d in drafts))


def check_documents(
    drafts: Sequence[Document],
    corpus: Sequence[Document],
    settings: Settings,
    *,
    include_comments: bool = False,
    references: Sequence[Reference] = (),
) -> Report:
    """Check drafts against a corpus: the drafts' findings only, never corpus against corpus."""
    draft_ids = {d.id for d in drafts}
    others = [d for d in corpus if d.id not in draft_ids]
    report = analyse_documents([*drafts, *others], settings, include_comments=include_comments, references=references)
    return select_for_drafts(report, drafts)


def without_codes(report: Report, codes: Iterable[str]) -> Report:
    """The report minus findings whose code is in ``codes`` (``--ignore``)."""
    drop = {c.upper() for c in codes}
    return replace(report, findings=tuple(f for f in report.findings if f.code not in drop))
