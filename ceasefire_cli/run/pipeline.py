"""The pipeline: compose the stages into one :class:`Report`. No logic of its own beyond selection.

``compare``: every document against every other.
``check``: each draft against the corpus alone (drafts are not compared with
one another unless asked) — only findings that involve the draft are kept,
with the claim it is blamed for first, so line-oriented formats point into it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..config import Settings
from ..load.corpus import iter_load, load
from ..load.directives import is_silenced
from ..models import Claim, Document, Finding, Problem, Report, Topic
from ..rules.compare import compare
from ..rules.intervals import agree, lower
from ..rules.facts import backed_by_fact, misdated
from ..rules.names import find_names, name_variants
from ..rules.reference import Reference
from ..rules.registry import Context, run_rules
from ..rules.status import ranked, with_status
from ..topics import assign_topics, with_topics
from .dating import date_from_references
from .parallel import extract_all, iter_extracted, stream_extracted
from .request import RunRequest

if TYPE_CHECKING:  # pragma: no cover
    from .cache import ClaimCache


def extract(
    documents: Sequence[Document],
    settings: Settings,
    *,
    jobs: int | None = 1,
    cache: ClaimCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[tuple[Claim, ...], tuple[Problem, ...]]:
    """Every claim of every document, in document order, and the documents that failed.

    A bug tripped by one document's text must not lose the others' results:
    that document is reported as a problem and left out. ``jobs`` worker
    processes (None: one per usable CPU, never more) and the ``cache`` change the speed, never
    the result.
    """
    return extract_all(documents, settings, jobs, cache, progress=progress)


def analyse_documents(
    documents: Sequence[Document],
    settings: Settings,
    *,
    include_comments: bool = False,
    claims: tuple[Claim, ...] | None = None,
    references: Sequence[Reference] = (),
    jobs: int | None = 1,
    cache: ClaimCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Extract (unless ``claims`` are given), group and compare; add name-variant notes.

    With ``references``, undated documents are first dated from their figures
    (:func:`~ceasefire_cli.run.dating.date_from_references`, between extraction
    and topics), then every cumulative figure is checked against the series.
    """
    request = RunRequest(
        settings, tuple(documents), include_comments=include_comments, references=tuple(references),
        jobs=jobs, cache=cache, progress=progress,
    )
    return _analysed(request, claims)


def _analysed(request: RunRequest, claims: tuple[Claim, ...] | None = None) -> Report:
    """:func:`analyse_documents` of the request's documents (already read into ``claims`` when given)."""
    settings, documents, references = request.settings, list(request.documents), request.references
    problems: tuple[Problem, ...] = ()
    if claims is None:
        claims, problems = extract(documents, settings, jobs=request.jobs, cache=request.cache, progress=request.progress)
        failed = {p.path for p in problems}
        documents = [d for d in documents if d.path not in failed]
    if references and any(d.published is None for d in documents):
        dated = date_from_references(documents, claims, settings, references, request.cache)
        documents, claims, problems = list(dated.documents), dated.claims, problems + dated.problems
    claims, topics = assign_topics(claims, settings, include_comments=request.include_comments)
    problems += misdated(documents, claims, settings)
    topics, findings = run_rules(topics, claims, Context(settings, references, tuple(documents)))
    report = Report(tuple(documents), claims, topics, findings, problems, include_comments=request.include_comments)
    return replace(report, references=references) if references else report


def analyse(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings,
    *,
    include_comments: bool = False,
    references: Sequence[Reference] = (),
    jobs: int | None = 1,
    cache: ClaimCache | None = None,
) -> Report:
    """Load ``paths`` and analyse them; unreadable files become ``Report.problems``.

    Raises :class:`~ceasefire_cli.errors.InputError` when a path is missing.
    """
    loaded = load(paths)
    request = RunRequest(
        settings, tuple(loaded.documents), include_comments=include_comments, references=tuple(references),
        jobs=jobs, cache=cache, problems=tuple(loaded.problems),
    )
    return run(request)


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
        return any(owner.get(c) in drafts for c in finding.claims)
    return any(doc in drafts for doc, _, _ in finding.locations)


def _draft_first(finding: Finding, owner: dict[str, str], drafts: set[str], blamed: dict[str, str]) -> Finding:
    """The finding with the draft claim it blames first (the primary location), then other draft claims, then the corpus's.

    A draft figure that the corpus seconds may sit in a cluster beside the one
    at fault; it must not be where the annotation lands.
    """
    ids = sorted(finding.claims, key=lambda c: 2 if owner[c] not in drafts else 0 if c in blamed else 1)
    locations = sorted(finding.locations, key=lambda loc: loc[0] not in drafts)
    return replace(finding, claims=tuple(ids), locations=tuple(locations))


def select_for_drafts(report: Report, drafts: Sequence[Document], settings: Settings) -> Report:
    """Keep the findings that involve a draft, with the draft's claim or place first.

    A draft claim that agrees with a vetted fact is not blamed for a corpus
    article that disagrees with it (the finding is the corpus's problem).
    """
    ids = {d.id for d in drafts}
    owner = {c.id: c.document for c in report.claims}
    backed = {c.id for c in report.claims if c.document in ids and c.topic and backed_by_fact(c, settings)}
    blamed = {cid: doc for cid, doc in owner.items() if cid not in backed}
    seconded = _seconded(report.claims, ids, settings)
    blamed_in_group = {cid: doc for cid, doc in blamed.items() if cid not in seconded}
    topics = {t.id: t for t in report.topics}
    by_id = {c.id: c for c in report.claims}
    doing: dict[tuple[str, str], bool] = {}  # one verdict per topic and code, however many findings share them
    kept = []
    for f in report.findings:
        group = f.topic is not None and len(f.claims) > 1
        if f.code == "CF106" and _stale_in_draft(f, by_id, ids):
            # A draft quoting the same old update as a corpus article is stale all the same:
            # the company it keeps is behind the newer figure, not beside it.
            kept.append(_draft_first(f, owner, ids, blamed))
            continue
        if not _involves(f, blamed_in_group if group else blamed, ids):
            continue
        if group and f.topic in topics:
            key = (f.topic, f.code)
            if key not in doing:
                doing[key] = _drafts_doing(f.code, topics[f.topic], by_id, ids, settings)
            if not doing[key]:
                continue
        kept.append(_draft_first(f, owner, ids, blamed_in_group))
    return replace(report, findings=ranked(kept, report.claims), drafts=tuple(d.id for d in drafts))


def _stale_in_draft(finding: Finding, by_id: dict[str, Claim], drafts: set[str]) -> bool:
    """True when a draft's claim is among a stale-figure finding's older figures (not its newer update)."""
    members = [by_id[c] for c in finding.claims if c in by_id]
    if len(members) < 2:
        return False
    newer = max(members, key=lambda c: (lower(c), c.id))
    return any(c.document in drafts for c in members if c is not newer)


def _drafts_doing(code: str, topic: Topic, by_id: dict[str, Claim], drafts: set[str], settings: Settings) -> bool:
    """True when the drafts draw findings of ``code`` on ``topic`` themselves, not only by joining a fault the corpus has alone.

    The topic is compared without the drafts; the corpus claims in its own
    findings of this code (a misdated record and the figures it clashes with)
    are set aside, and the drafts compared with the rest. A draft that still
    draws the code is at fault; one that drew it only beside the corpus's
    outlier is not.
    """
    members = tuple(by_id[c] for c in topic.claims if c in by_id)
    corpus = tuple(c for c in members if c.document not in drafts)
    _, alone = compare((replace(topic, claims=tuple(c.id for c in corpus)),), corpus, settings)
    culprits = {cid for g in alone if g.code == code for cid in g.claims}
    if not culprits:
        return True
    rest = tuple(c for c in members if c.id not in culprits)
    _, again = compare((replace(topic, claims=tuple(c.id for c in rest)),), rest, settings)
    return any(g.code == code and any(by_id[c].document in drafts for c in g.claims) for g in again)


def _seconded(claims: Sequence[Claim], drafts: set[str], settings: Settings) -> set[str]:
    """Ids of draft claims that a corpus claim of the same topic, reported within the lag, agrees with.

    Such a claim is in good company: when a corpus article disagrees with both
    (a misdated record, an outdated copy), the finding is the corpus's problem,
    not the draft's. "More than 3,900" beside a corpus's "39,090" is seconded
    by no one and stays blamed.
    """
    lag = settings.references.lag_days
    corpus: dict[str, list[Claim]] = {}
    for c in claims:
        if c.document not in drafts and c.topic and c.as_of is not None and c.hedge != "vague":
            corpus.setdefault(c.topic, []).append(c)
    return {
        d.id
        for d in claims
        if d.document in drafts and d.topic and d.as_of is not None
        and any(
            abs((c.as_of - d.as_of).days) <= lag and agree(c, d, settings.tolerance) and _comparable(c, d, settings.max_fall)
            for c in corpus.get(d.topic, ()) if c.as_of is not None
        )
    }


def _comparable(a: Claim, b: Claim, share: float) -> bool:
    """True when neither figure's floor is below ``share`` of the other's: "at least 12" seconds no "69,000"."""
    return lower(a) >= share * lower(b) and lower(b) >= share * lower(a)


def _silenced_claims(claims: Iterable[Claim], drafts: Sequence[Document], code: str) -> set[str]:
    """Ids of the draft claims on lines where ``code`` is silenced ("*": a ``cfcheck off`` passage)."""
    lines = {d.id: d.silenced for d in drafts if d.silenced}
    return {c.id for c in claims if c.document in lines and is_silenced(lines[c.document], c.line, code)}


def apply_ignores(report: Report, drafts: Sequence[Document], settings: Settings) -> Report:
    """Filter the findings that ``<!-- cfcheck: ignore CODE -->`` lines silence, as a linter's noqa does.

    A finding about one claim or place (CF301, CF401, CF202) on an ignored line
    goes. A finding about a group (CF101, CF102, …) is worked out again for its
    topic alone without the silenced claims, keeping only findings of that code:
    "68,000" under ``ignore CF102`` leaves the fall from 71,000 to 69,000 on
    another line standing. Nothing else is re-run.
    """
    lines = {d.id: d.silenced for d in drafts if d.silenced}
    if not lines:
        return report
    owner = {c.id: c for c in report.claims}

    def quiet(claim_id: str, code: str) -> bool:
        c = owner[claim_id]
        return c.document in lines and is_silenced(lines[c.document], c.line, code)

    kept: list[Finding] = []
    again: set[tuple[str, str]] = set()
    for f in report.findings:
        places = any(doc in lines and is_silenced(lines[doc], line, f.code) for doc, line, _ in f.locations)
        if not places and not any(quiet(c, f.code) for c in f.claims):
            kept.append(f)
        elif f.topic is not None and len(f.claims) > 1:
            again.add((f.topic, f.code))
    topics = {t.id: t for t in report.topics}
    for topic_id, code in sorted(again):
        members = tuple(owner[c] for c in topics[topic_id].claims if not quiet(c, code))
        _, redone = compare((replace(topics[topic_id], claims=tuple(c.id for c in members)),), members, settings)
        kept += [f for f in redone if f.code == code]
    return replace(report, findings=ranked(kept, report.claims))


def check_documents(
    drafts: Sequence[Document],
    corpus: Sequence[Document],
    settings: Settings,
    *,
    include_comments: bool = False,
    references: Sequence[Reference] = (),
    jobs: int | None = 1,
    cache: ClaimCache | None = None,
    progress: Callable[[int], None] | None = None,
    cross_drafts: bool = False,
) -> Report:
    """Check drafts against a corpus: the drafts' findings only, never corpus against corpus.

    Each draft is compared with the corpus alone, never with the other drafts
    (a pre-commit hook stages drafts that are not yet sources), unless
    ``cross_drafts``. Figures are read and topics built once (:func:`each_draft_alone`).

    In-draft comments work as a linter's noqa, over one analysis: a claim in a
    ``cfcheck off`` passage is dropped before topics are built, so it takes no
    part in any finding; findings of CODE that involve a draft claim on a line
    under ``cfcheck: ignore CODE`` are filtered afterwards (:func:`apply_ignores`).
    """
    request = RunRequest(
        settings, tuple(corpus), drafts=tuple(drafts), include_comments=include_comments, references=tuple(references),
        jobs=jobs, cache=cache, progress=progress, cross_drafts=cross_drafts,
    )
    return _checked(request)


def _checked(request: RunRequest) -> Report:
    """:func:`check_documents` of the request's drafts (dated already) against its documents."""
    settings, drafts = request.settings, request.drafts
    draft_ids = {d.id for d in drafts}
    documents = [*drafts, *(d for d in request.documents if d.id not in draft_ids)]
    claims, problems = extract(documents, settings, jobs=request.jobs, cache=request.cache, progress=request.progress)
    failed = {p.path for p in problems}
    documents = [d for d in documents if d.path not in failed]
    off = _silenced_claims(claims, drafts, "*")
    claims = tuple(c for c in claims if c.id not in off)
    report = _analysed(replace(request, documents=tuple(documents)), claims)
    report = replace(report, problems=tuple(sorted(problems + report.problems, key=lambda p: p.path)))
    if request.cross_drafts or len(drafts) < 2:
        return select_for_drafts(apply_ignores(report, drafts, settings), drafts, settings)
    findings = each_draft_alone(report, [d for d in drafts if d.path not in failed], settings)
    topics = with_status(report.topics, report.claims, findings)
    return replace(report, topics=topics, findings=findings, drafts=tuple(d.id for d in drafts))


def each_draft_alone(report: Report, drafts: Sequence[Document], settings: Settings) -> tuple[Finding, ...]:
    """Each draft's findings against the corpus alone, the other drafts left out, from one analysis of them all.

    The same findings as analysing each draft with the corpus on its own, at a
    fraction of the cost: a topic that holds claims of one draft at most has the
    same findings either way, so only topics shared by drafts are compared again
    (once per draft, without the others' claims), and name spellings (CF202)
    are grouped again per draft from names found once.
    """
    ids = {d.id for d in drafts}
    owner = {c.id: c.document for c in report.claims}
    holders = {t.id: {owner[c] for c in t.claims} & ids for t in report.topics}
    shared_topics = tuple(t for t in report.topics if len(holders[t.id]) > 1)
    # What the comparison made of the shared topics with every draft in them: worked out again per draft below.
    redone = set(compare(shared_topics, report.claims, settings)[1]) if shared_topics else set()
    mentions = {d.id: find_names(d) for d in report.documents}
    corpus_names = [m for d in report.documents if d.id not in ids for m in mentions[d.id]]
    found: set[Finding] = set()
    for draft in drafts:
        others = ids - {draft.id}
        claims = tuple(c for c in report.claims if c.document not in others)
        topics = tuple(
            replace(t, claims=kept) for t in report.topics if (kept := tuple(c for c in t.claims if owner[c] not in others))
        )
        findings = [
            f for f in report.findings
            if f.code != "CF202" and f not in redone and not any(owner.get(c) in others for c in f.claims)
        ]
        shared = tuple(t for t in topics if len(holders[t.id]) > 1 and draft.id in holders[t.id])
        findings += compare(shared, claims, settings)[1] if shared else ()
        findings += name_variants([*corpus_names, *mentions.get(draft.id, ())])
        alone = Report(
            tuple(d for d in report.documents if d.id not in others), claims, topics, ranked(findings, claims),
            include_comments=report.include_comments,
        )
        found.update(select_for_drafts(apply_ignores(alone, [draft], settings), [draft], settings).findings)
    return ranked(found, report.claims)


def run(request: RunRequest) -> Report:
    """The report of one run: a check when the request has drafts, else a comparison; ``ignore`` filters findings.

    Drafts are dated first (:func:`date_drafts`: ``draft_date``, else their
    own, else ``today``); the problems loading reported head the report's.

    >>> from ceasefire_cli.config import load_settings
    >>> day = dt.date(2025, 12, 1)
    >>> docs = tuple(Document(i, f"{i}.md", f"The ministry says {n} Palestinians have been killed in the war.", published=day)
    ...              for i, n in (("a", "70,100"), ("b", "52,000")))
    >>> [f.code for f in run(RunRequest(load_settings(), docs)).findings]
    ['CF101']
    >>> run(RunRequest(load_settings(), docs, ignore=("CF101",))).findings
    ()
    """
    if request.sources is not None:
        if request.drafts or request.references:  # dating and checks read texts again: read them all first
            loaded = load(request.sources)
            request = replace(request, documents=request.documents + loaded.documents, sources=None, problems=request.problems + loaded.problems)
        else:
            return without_codes(_streamed(request), request.ignore)
    if request.drafts:
        drafts = date_drafts(request.drafts, request.draft_date, request.today or dt.date.today())
        report = _checked(replace(request, drafts=drafts))
    else:
        report = _analysed(request)
    report = without_codes(report, request.ignore)
    return replace(report, problems=request.problems + report.problems)


def _streamed(request: RunRequest) -> Report:
    """The comparison of the documents under ``request.sources``, each read as extraction reaches it and kept without its text.

    The same report as loading every file first (:func:`_analysed`): documents
    and claims in id order, then the problems loading met (by path), those
    extraction met (in document order) and the comparison's.
    """
    assert request.sources is not None
    met: list[Problem] = []

    def documents() -> Iterator[Document]:
        for item in iter_load(request.sources):  # type: ignore[arg-type]
            if isinstance(item, Problem):
                met.append(item)
            else:
                yield item

    read: list[tuple[Document, tuple[Claim, ...]]] = []
    failed: list[tuple[str, Problem]] = []
    ids: dict[tuple, str] = {}
    stream = stream_extracted(documents(), request.settings, request.jobs, request.cache, progress=request.progress, keep_text=False)
    for doc, found in stream:
        if isinstance(found, str):
            failed.append((doc.id, Problem(doc.path, found)))
        else:
            # Topics now, one document at a time: the comparison keeps these claims rather than copying them all.
            read.append((doc, with_topics(found, request.settings, include_comments=request.include_comments, ids=ids)))
    read.sort(key=lambda pair: pair[0].id)
    request = replace(request, documents=tuple(doc for doc, _ in read), sources=None)
    claims = tuple(c for _, found in read for c in found)
    del read
    report = _analysed(request, claims)
    failed.sort(key=lambda pair: pair[0])
    problems = (*request.problems, *sorted(met, key=lambda p: p.path), *(p for _, p in failed), *report.problems)
    return replace(report, problems=problems)


def extract_each(request: RunRequest) -> Iterator[tuple[Claim, ...] | Problem]:
    """Each document's claims with their topics, in order as they are read, or the problem that kept them out.

    A claim's topic depends on its document alone, so a caller may write each
    document's claims as soon as they come (``cfcheck extract``).

    >>> from ceasefire_cli.config import load_settings
    >>> doc = Document("a", "a.md", "The ministry says 70,100 Palestinians have been killed in the war.")
    >>> [[(c.text, c.topic) for c in found] for found in extract_each(RunRequest(load_settings(), (doc,)))]
    [[('70,100', 'killed.palestinians.war')]]
    """
    documents, settings = request.documents, request.settings
    results = iter_extracted(documents, settings, request.jobs, request.cache, progress=request.progress)
    for doc, found in zip(documents, results):
        if isinstance(found, str):
            yield Problem(doc.path, found)
        else:
            yield assign_topics(found, settings, include_comments=request.include_comments)[0]


def without_codes(report: Report, codes: Iterable[str]) -> Report:
    """The report minus findings whose code is in ``codes`` (``--ignore``)."""
    drop = {c.upper() for c in codes}
    return replace(report, findings=tuple(f for f in report.findings if f.code not in drop))
