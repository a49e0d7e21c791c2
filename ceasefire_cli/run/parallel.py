"""Extraction over many documents: from the cache, in worker processes, or in this one.

:func:`extract_all` gives exactly what extracting document by document in
this process gives — same claims, same order, same ids, the same problem for
a document whose text trips a bug — however it gets them:

1. claims of unchanged documents come from the cache (:mod:`.cache`), when one is given;
2. the rest are extracted in ``jobs`` worker processes when there is enough
   text to repay starting them (``min_parallel_chars``), else in this process;
3. fresh claims are written to the cache by this process only, so workers
   never contend for the database.

:func:`iter_extracted` gives the same results document by document as the
workers return them, for callers that write as they go.

Each worker compiles the taxonomy once (``Settings`` is a frozen dataclass and
pickles; the compiled lexicon does not travel). Documents go to the workers
in contiguous chunks of similar size and come back in order, each claim as a
plain tuple of its fields, which pickles in a fraction of the time a
dataclass does. The parent rebuilds the claims, letting the claims of one
document share their sentence strings and every claim share its date objects.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..extract.claims import Lexicon, build_lexicon, extract_claims
from ..config import Settings
from ..models import Claim, Document, Problem

if TYPE_CHECKING:  # pragma: no cover
    from .cache import ClaimCache

#: Below this much uncached text (characters) extraction stays in this process:
#: starting workers costs about what extracting 0.5 MB does.
PARALLEL_MIN_CHARS = 1_000_000
#: Chunks per worker: enough that one slow chunk does not leave a worker idle at the end.
_CHUNKS_PER_JOB = 8
#: Smallest chunk, in characters, so that per-task overhead stays small.
_MIN_CHUNK_CHARS = 64_000

_FIELDS = tuple(f.name for f in fields(Claim))
_ROW = attrgetter(*_FIELDS)
_SENTENCE = _FIELDS.index("sentence")
_DATES = tuple(i for i, f in enumerate(fields(Claim)) if "date" in str(f.type))

_worker_lexicon: Lexicon | None = None


def usable_cpus() -> int:
    """The CPUs this process may run on: its affinity mask where the system has one, else the CPU count.

    A container or ``taskset`` limits the mask, not ``os.cpu_count()``: more
    workers than usable CPUs only add memory and switching.

    >>> 1 <= usable_cpus() <= (os.cpu_count() or 1)
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def default_jobs() -> int:
    """The usable CPUs, the default for ``--jobs`` (and its ceiling)."""
    return usable_cpus()


def extract_all(
    documents: Sequence[Document],
    settings: Settings,
    jobs: int | None = None,
    cache: ClaimCache | None = None,
    *,
    min_parallel_chars: int = PARALLEL_MIN_CHARS,
    progress: Callable[[int], None] | None = None,
) -> tuple[tuple[Claim, ...], tuple[Problem, ...]]:
    """Every claim of ``documents`` (document, then text order; ids ``<doc id>#<n>``) and the failures.

    A document whose extraction raises is left out and becomes a
    :class:`Problem` naming it, so one bad text never loses the others'
    claims. ``jobs`` defaults to the usable CPUs, and is never more; 1 never starts a process.
    ``progress`` is called with the number of documents done since its last
    call (cached ones at once), so a caller can show a progress bar.

    >>> from ceasefire_cli.config import load_settings
    >>> doc = Document("a.txt", "a.txt", "Israel has killed 447 Palestinians.", body_end=35)
    >>> claims, problems = extract_all([doc], load_settings(), jobs=1)
    >>> [c.text for c in claims], problems
    (['447'], ())
    """
    found = list(iter_extracted(documents, settings, jobs, cache, min_parallel_chars=min_parallel_chars, progress=progress))
    claims = tuple(c for result in found if not isinstance(result, str) for c in result)
    problems = tuple(Problem(d.path, result) for d, result in zip(documents, found) if isinstance(result, str))
    return claims, problems


#: Fresh rows written to the cache per transaction while streaming.
_CACHE_BATCH = 2_000


def iter_extracted(
    documents: Sequence[Document],
    settings: Settings,
    jobs: int | None = None,
    cache: ClaimCache | None = None,
    *,
    min_parallel_chars: int = PARALLEL_MIN_CHARS,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[Claim, ...] | str]:
    """Each document's claims (or its problem message), in document order, as soon as they are known.

    What :func:`extract_all` collects; a caller that writes claims as they
    come (``extract --format jsonl``) holds one chunk of them at a time.
    Closing the iterator early stops the workers.

    >>> from ceasefire_cli.config import load_settings
    >>> doc = Document("a.txt", "a.txt", "Israel has killed 447 Palestinians.", body_end=35)
    >>> [[c.text for c in claims] for claims in iter_extracted([doc], load_settings(), jobs=1)]
    [['447']]
    """
    jobs = default_jobs() if jobs is None else max(1, min(jobs, usable_cpus()))
    found: list[tuple[Claim, ...] | None]
    if cache is not None:
        keys = [cache.key(d) for d in documents]
        found = cache.get_many(documents, keys)
    else:
        keys, found = [], [None] * len(documents)
    missing = [d for d, claims in zip(documents, found) if claims is None]
    step = progress or (lambda n: None)
    step(len(documents) - len(missing))
    fresh = _fresh(missing, settings, jobs, min_parallel_chars, step)
    pending: list[tuple[bytes, Document, tuple[Claim, ...]]] = []
    try:
        for i, (doc, cached) in enumerate(zip(documents, found)):
            if cached is not None:
                yield cached
                continue
            result = next(fresh)
            if cache is not None and not isinstance(result, str):
                pending.append((keys[i], doc, result))
                if len(pending) >= _CACHE_BATCH:
                    cache.put_many(pending)
                    pending = []
            yield result
    finally:
        fresh.close()
        if cache is not None and pending:
            cache.put_many(pending)


def _fresh(
    missing: list[Document], settings: Settings, jobs: int, min_parallel_chars: int, step: Callable[[int], None]
) -> Generator[tuple[Claim, ...] | str, None, None]:
    """The claims of documents not in the cache, in order: from workers when it repays, else from this process."""
    done = 0
    size = sum(len(d.text) for d in missing)
    if jobs > 1 and len(missing) > 1 and size >= min_parallel_chars:
        try:
            for result in _in_workers(missing, settings, jobs, size, step):
                done += 1
                yield result
        except (OSError, BrokenProcessPool):
            # No processes here (a sandbox without semaphores, a worker killed for memory):
            # the rest come from this process, the same claims, only slower.
            pass
    lexicon = build_lexicon(settings) if done < len(missing) else None
    for d in missing[done:]:
        yield _extract_one(d, lexicon)  # type: ignore[arg-type]
        step(1)


def _extract_one(doc: Document, lexicon: Lexicon) -> tuple[Claim, ...] | str:
    """The document's claims, or the problem message when its extraction raises."""
    try:
        return extract_claims(doc, lexicon)
    except Exception as exc:  # noqa: BLE001 - reported per file, never swallowed silently
        return f"internal error while reading figures ({type(exc).__name__}: {exc}); please report it"


def _chunks(documents: list[Document], jobs: int, size: int) -> list[list[Document]]:
    """Contiguous runs of documents of about equal total length."""
    target = max(_MIN_CHUNK_CHARS, size // (jobs * _CHUNKS_PER_JOB) + 1)
    chunks: list[list[Document]] = [[]]
    filled = 0
    for d in documents:
        if filled >= target:
            chunks.append([])
            filled = 0
        chunks[-1].append(d)
        filled += len(d.text)
    return chunks


def _in_workers(
    documents: list[Document], settings: Settings, jobs: int, size: int, step: Callable[[int], None]
) -> Iterator[tuple[Claim, ...] | str]:
    """Extract ``documents`` in worker processes, yielding in order; on Ctrl-C the workers are killed first, on an early close they finish their chunk.

    Only this process answers Ctrl-C: the workers start with SIGINT held and
    ignore it, so an interrupt never prints a worker's traceback, and the
    parent stops them at once instead of waiting for their chunks to end.
    """
    chunks = _chunks(documents, jobs, size)
    days: dict[dt.date, dt.date] = {}
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=_init_worker, initargs=(settings,))
    try:
        with _interrupts_held():  # the workers are forked (or spawned) while Ctrl-C waits
            results_in_order = pool.map(_extract_chunk, chunks)
        for results in results_in_order:
            step(len(results))
            for rows in results:
                yield rows if isinstance(rows, str) else _rebuild(rows, days)
    except GeneratorExit:
        # The reader stopped early: let the chunks at work finish and drop the rest. Killing a
        # worker in the middle of writing its result would leave half a message in the pipe,
        # and the pool's own thread would wait for the rest of it until the interpreter exits.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    except BaseException:  # Ctrl-C: stop at once (the interrupted run ends the process anyway)
        _stop(pool)
        raise
    pool.shutdown()


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT in this thread (a Ctrl-C meanwhile is delivered on leaving); a no-op where that cannot be done."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (AttributeError, ValueError, OSError):  # no POSIX signal masks (Windows)
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the workers now (they hold no state worth keeping) and drop the queued chunks."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(5)  # reaped, so no stray (zombie) worker outlives the run


def _init_worker(settings: Settings) -> None:
    """Ignore Ctrl-C (the parent stops the workers), then compile the taxonomy once in each worker process."""
    global _worker_lexicon
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _worker_lexicon = build_lexicon(settings)


def _extract_chunk(documents: list[Document]) -> list[list[tuple[Any, ...]] | str]:
    """Run in a worker: each document's claims as tuples of their fields, or its problem message."""
    assert _worker_lexicon is not None, "worker started without _init_worker"
    out: list[list[tuple[Any, ...]] | str] = []
    for d in documents:
        result = _extract_one(d, _worker_lexicon)
        out.append(result if isinstance(result, str) else [_ROW(c) for c in result])
    return out


def _rebuild(rows: list[tuple[Any, ...]], days: dict[dt.date, dt.date]) -> tuple[Claim, ...]:
    """Claims from field tuples; one document's claims share sentences, all share dates."""
    sentences: dict[str, str] = {}
    out = []
    for row in rows:
        values = list(row)
        values[_SENTENCE] = sentences.setdefault(values[_SENTENCE], values[_SENTENCE])
        for i in _DATES:
            day = values[i]
            if day is not None:
                values[i] = days.setdefault(day, day)
        out.append(Claim(*values))
    return tuple(out)
