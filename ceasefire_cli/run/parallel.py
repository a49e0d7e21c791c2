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

:func:`stream_extracted` takes documents as they come (a generator that
reads each file when asked) and gives each back with its result; with
``keep_text=False`` a document comes back without its text, with the digest
later stages read instead (:mod:`.digest`), so a large run never holds every
text at once.

Each worker compiles the taxonomy once (``Settings`` is a frozen dataclass and
pickles; the compiled lexicon does not travel). Documents go to the workers
in contiguous chunks of about 256,000 characters, a few per worker ahead, and
come back in order, each claim as a plain tuple of its fields, which pickles
in a fraction of the time a dataclass does. The parent rebuilds the claims,
letting equal sentences, dates, words and numbers be one object each.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import itertools
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..extract.claims import Lexicon, build_lexicon, extract_claims
from ..config import Settings
from ..models import Claim, Digest, Document, Problem
from .digest import digest, without_text
from .sharing import ROW, Sharing

if TYPE_CHECKING:  # pragma: no cover
    from .cache import ClaimCache

#: Below this much uncached text (characters) extraction stays in this process:
#: starting workers costs about what extracting 0.5 MB does.
PARALLEL_MIN_CHARS = 1_000_000
#: Chunks per worker: enough that one slow chunk does not leave a worker idle at the end.
_CHUNKS_PER_JOB = 8
#: Smallest chunk, in characters, so that per-task overhead stays small.
_MIN_CHUNK_CHARS = 64_000


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
    call, so a caller can show a progress bar.

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
#: Documents looked up in the cache at once.
_LOOKUP_BATCH = 500
#: Text (characters) of one chunk sent to a worker, and chunks at work or waiting per worker:
#: enough to keep every worker busy, little enough that the texts in flight stay a few megabytes.
_CHUNK_CHARS = 256_000
_AHEAD_PER_JOB = 3

#: One extraction's outcome: the document's claims, or the problem message that kept them out.
Result = tuple[Claim, ...] | str


def iter_extracted(
    documents: Iterable[Document],
    settings: Settings,
    jobs: int | None = None,
    cache: ClaimCache | None = None,
    *,
    min_parallel_chars: int = PARALLEL_MIN_CHARS,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Each document's claims (or its problem message), in document order, as soon as they are known.

    What :func:`extract_all` collects; a caller that writes claims as they
    come (``extract --format jsonl``) holds one chunk of them at a time.
    Closing the iterator early stops the workers.

    >>> from ceasefire_cli.config import load_settings
    >>> doc = Document("a.txt", "a.txt", "Israel has killed 447 Palestinians.", body_end=35)
    >>> [[c.text for c in claims] for claims in iter_extracted([doc], load_settings(), jobs=1)]
    [['447']]
    """
    stream = stream_extracted(documents, settings, jobs, cache, min_parallel_chars=min_parallel_chars, progress=progress)
    try:
        for _, result in stream:
            yield result
    finally:
        stream.close()


def stream_extracted(
    documents: Iterable[Document],
    settings: Settings,
    jobs: int | None = None,
    cache: ClaimCache | None = None,
    *,
    min_parallel_chars: int | None = None,
    progress: Callable[[int], None] | None = None,
    keep_text: bool = True,
) -> Generator[tuple[Document, Result], None, None]:
    """Each document with its claims (or problem message), in the order given, taking documents as they come.

    ``documents`` may be a generator that reads each file when asked
    (:func:`~ceasefire_cli.load.corpus.iter_load`): only the texts of the
    chunks at work are held at once. With ``keep_text=False`` each document
    comes back without its text, with the :class:`~ceasefire_cli.models.Digest`
    that later stages read instead (worked out in the worker that read it).

    >>> from ceasefire_cli.config import load_settings
    >>> doc = Document("a.txt", "a.txt", "Israel has killed 447 Palestinians.", body_end=35)
    >>> [(d.text, d.digest.length, len(r)) for d, r in stream_extracted([doc], load_settings(), jobs=1, keep_text=False)]
    [('', 35, 1)]
    """
    jobs = default_jobs() if jobs is None else max(1, min(jobs, usable_cpus()))
    min_parallel_chars = PARALLEL_MIN_CHARS if min_parallel_chars is None else min_parallel_chars
    step = progress or (lambda n: None)
    share = Sharing()
    looked = _looked_up(iter(documents), cache)
    if not keep_text:
        looked = _hits_without_text(looked, share)
    # Workers repay starting only for enough text to extract: look that far ahead, no further.
    head: list[_Entry] = []
    size = missing = 0
    if jobs > 1:
        for entry in looked:
            head.append(entry)
            if entry[2] is None:
                size, missing = size + len(entry[0].text), missing + 1
                if size >= min_parallel_chars and missing > 1:
                    break
    entries = itertools.chain(head, looked)
    del head
    workers = jobs > 1 and missing > 1 and size >= min_parallel_chars
    fresh = _through_workers(entries, settings, jobs, keep_text, share) if workers else _in_process(entries, settings, keep_text, share)
    pending: list[tuple[bytes, Document, tuple[Claim, ...]]] = []
    try:
        for doc, key, cached, done in fresh:
            step(1)
            if cached is not None:
                yield doc, cached
                continue
            assert done is not None
            kept, result = done
            if cache is not None and not isinstance(result, str):
                pending.append((key, doc, result))
                if len(pending) >= _CACHE_BATCH:
                    cache.put_many(pending)
                    pending = []
            yield kept, result
    finally:
        fresh.close()
        if cache is not None and pending:
            cache.put_many(pending)


#: A document on its way: (document, its cache key or b"", its cached claims or None).
_Entry = tuple[Document, bytes, tuple[Claim, ...] | None]


def _looked_up(documents: Iterator[Document], cache: ClaimCache | None) -> Iterator[_Entry]:
    """Each document with its key and cached claims, looked up a batch at a time (one SQL query per batch)."""
    if cache is None:
        for d in documents:
            yield d, b"", None
        return
    while batch := list(itertools.islice(documents, _LOOKUP_BATCH)):
        keys = [cache.key(d) for d in batch]
        yield from zip(batch, keys, cache.get_many(batch, keys))


def _hits_without_text(entries: Iterator[_Entry], share: Sharing) -> Iterator[_Entry]:
    """The entries, each cached one done at once: its document without its text, its claims sharing values.

    Looking ahead for text to extract may pass over many cached documents;
    what is held meanwhile is what the report keeps anyway.
    """
    for doc, key, cached in entries:
        if cached is None:
            yield doc, key, cached
        else:
            yield without_text(doc, digest(doc, cached), share.shared), key, share.claims(cached, doc.id)


#: What :func:`_in_process` and :func:`_through_workers` give for each entry: the entry, then
#: (the document to pass on, the extraction's result), or None for a cached entry.
_Done = tuple[Document, bytes, tuple[Claim, ...] | None, tuple[Document, Result] | None]


def _in_process(entries: Iterator[_Entry], settings: Settings, keep_text: bool, share: Sharing) -> Generator[_Done, None, None]:
    """Extract the entries that are not cached in this process, one at a time (the lexicon built at the first)."""
    lexicon: Lexicon | None = None
    for doc, key, cached in entries:
        if cached is not None:
            yield doc, key, cached, None
            continue
        if lexicon is None:
            lexicon = build_lexicon(settings)
        result = _extract_one(doc, lexicon)
        if keep_text or isinstance(result, str):
            yield doc, key, None, (doc, result)
        else:  # a large run: claims kept for the report share their values, as the workers' do
            yield doc, key, None, (without_text(doc, digest(doc, result), share.shared), share.claims(result, doc.id))


def _slices(entries: Iterator[_Entry], chars: int) -> Iterator[list[_Entry]]:
    """Contiguous runs of entries whose uncached text is about ``chars`` long (cached entries ride along)."""
    run: list[_Entry] = []
    filled = 0
    for entry in entries:
        run.append(entry)
        if entry[2] is None:
            filled += len(entry[0].text)
        if filled >= chars or len(run) >= _LOOKUP_BATCH:
            yield run
            run, filled = [], 0
    if run:
        yield run


def _chunks(documents: list[Document], jobs: int, size: int) -> list[list[Document]]:
    """Contiguous runs of documents of about equal total length (``jobs`` workers, ``size`` characters in all)."""
    target = max(_MIN_CHUNK_CHARS, size // (jobs * _CHUNKS_PER_JOB) + 1)
    return [[d for d, _, _ in run] for run in _slices(((d, b"", None) for d in documents), target)]


def _through_workers(
    entries: Iterator[_Entry], settings: Settings, jobs: int, keep_text: bool, share: Sharing
) -> Generator[_Done, None, None]:
    """Extract the uncached entries in worker processes, a few chunks ahead, yielding in order.

    When processes cannot be had (a sandbox without semaphores, a worker
    killed for memory), the entries not yet given are extracted in this
    process: the same claims, only slower. On Ctrl-C the workers are killed
    first; on an early close they finish their chunk.

    Only this process answers Ctrl-C: the workers start with SIGINT held and
    ignore it, so an interrupt never prints a worker's traceback, and the
    parent stops them at once instead of waiting for their chunks to end.
    """
    slices = _slices(entries, _CHUNK_CHARS)
    window: deque[tuple[list[_Entry], Future[list[Any]] | None]] = deque()
    pool: ProcessPoolExecutor | None = None
    try:
        try:
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings,))
        except OSError:
            pool = None
        while pool is not None:
            # Reading the next files happens here, outside the guard below: their errors are their own.
            while len(window) < jobs * _AHEAD_PER_JOB and (run := next(slices, None)) is not None:
                window.append((run, None))
            if not window:
                break
            results = None
            try:
                for i, (run, future) in enumerate(window):
                    todo = [d for d, _, cached in run if cached is None]
                    if future is None and todo:
                        with _interrupts_held():  # workers are forked (or spawned) while Ctrl-C waits
                            window[i] = (run, pool.submit(_extract_chunk, todo, keep_text))
                run, future = window[0]
                results = iter(future.result() if future is not None else ())
            except (OSError, BrokenProcessPool):
                _stop(pool)
                pool = None
                break
            window.popleft()
            for doc, key, cached in run:
                if cached is not None:
                    yield doc, key, cached, None
                    continue
                rows, kept = next(results)
                result = rows if isinstance(rows, str) else share.rows(rows, doc.id)
                yield doc, key, None, ((doc if kept is None else without_text(doc, kept, share.shared)), result)
    except GeneratorExit:
        # The reader stopped early: let the chunks at work finish and drop the rest. Killing a
        # worker in the middle of writing its result would leave half a message in the pipe,
        # and the pool's own thread would wait for the rest of it until the interpreter exits.
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        raise
    except BaseException:  # Ctrl-C: stop at once (the interrupted run ends the process anyway)
        if pool is not None:
            _stop(pool)
        raise
    if pool is not None:
        pool.shutdown()
        return
    # No processes here: the rest come from this process, the same claims, only slower.
    rest = itertools.chain([e for run, _ in window for e in run], itertools.chain.from_iterable(slices))
    window.clear()
    yield from _in_process(rest, settings, keep_text, share)


def _extract_one(doc: Document, lexicon: Lexicon) -> Result:
    """The document's claims, or the problem message when its extraction raises."""
    try:
        return extract_claims(doc, lexicon)
    except Exception as exc:  # noqa: BLE001 - reported per file, never swallowed silently
        return f"internal error while reading figures ({type(exc).__name__}: {exc}); please report it"


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


def _extract_chunk(documents: list[Document], keep_text: bool = True) -> list[tuple[list[tuple[Any, ...]] | str, Digest | None]]:
    """Run in a worker: each document's claims as tuples of their fields (or its problem message), with its digest unless ``keep_text``."""
    assert _worker_lexicon is not None, "worker started without _init_worker"
    out: list[tuple[list[tuple[Any, ...]] | str, Digest | None]] = []
    for d in documents:
        result = _extract_one(d, _worker_lexicon)
        if isinstance(result, str):
            out.append((result, None))
        else:
            out.append(([ROW(c) for c in result], None if keep_text else digest(d, result)))
    return out
