"""Digest folders on a Dask cluster: workers read, digest and write; the driver keeps the manifest.

:func:`run_folder_dask` is :func:`~newsdigest.batch.run_folder` on a ``distributed.Client``:
the same manifest, reruns, ``force`` and exit codes, with inputs and OUT given as local paths
or fsspec URLs. :func:`digest_with_dask` is the older call that returns the digests themselves.

Needs ``pip install "newsdigest[distributed]"`` (dask, distributed). See docs/batch.md.
"""
from __future__ import annotations

import functools
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError, ModelNotFoundError
from .chunks import Item, Unit, count_lines, is_jsonl, numbered, plan_chunks, read_unit
from .digesting import default_digester_factory, digest_chunk, model_version, warm_up
from .discovery import Entry, discover, discover_urls
from .errors import one_line
from .inputs import DEFAULT_MAX_CHARS, read_articles
from .manifest import make_record, sha256_file, store_outcome
from .progress import wanted
from .runner import RunSummary, _Run, check_options
from .store import open_store

__all__ = ["run_folder_dask", "local_client", "digest_with_dask", "discover_urls"]

logger = logging.getLogger(__name__)

# Workers log ``[run, input]`` under this topic for each article they are done with; the
# driver moves its bar on those of its own run (several drivers may share a cluster).
PROGRESS_TOPIC = "newsdigest-progress"
# The thread pools a worker's numerical libraries size from the environment when they load.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def run_folder_dask(inputs: Iterable[str | Path], out: str | Path, client, *, fmt: str = "json",
                    force: bool = False, max_chars: int = DEFAULT_MAX_CHARS,
                    digester_factory: Callable[[], object] | None = None, batch_size: int = 32,
                    progress: bool | None = None) -> RunSummary:
    """Digest every supported file under ``inputs`` into ``out`` on ``client``'s workers.

    Like :func:`~newsdigest.batch.run_folder` (same outputs, manifest, skipping, ``force``,
    :class:`~newsdigest.batch.RunSummary` and exit codes), but each worker process builds one
    digester (``digester_factory``, default ``newsdigest.Digester()``; it must pickle), reads
    its own articles, writes their outputs into ``out`` and sends back only their manifest
    records, which the driver appends to ``OUT/manifest.jsonl.partial`` as they arrive. The
    driver never holds an article or a digest.

    ``inputs`` and ``out`` are local paths or fsspec URLs (``s3://bucket/news``) that every
    worker can reach. A worker that dies takes its chunk back to the scheduler, which runs it
    on another worker; a chunk that keeps killing workers is split, and an article that kills
    workers by itself is recorded as an error. Ctrl-C cancels what is queued and raises
    :class:`~newsdigest.batch.RunInterrupted` once the manifest is consistent.
    """
    try:
        from distributed import as_completed
    except ImportError as e:
        raise ImportError(f"run_folder_dask needs distributed ({e}); "
                          'install it with: pip install "newsdigest[distributed]"') from None
    check_options(fmt, max_chars=max_chars, batch_size=batch_size)
    entries, fs = discover_urls(inputs, out)
    store = open_store(out)
    factory = digester_factory or default_digester_factory
    spec = _Spec(factory, _token(factory), fmt, max_chars, force, batch_size, store, fs,
                 report=wanted(progress))
    # Every worker builds its digester now, together, before the manifest is touched: a model
    # that fails to load must not rewrite what earlier runs recorded, and no worker's model
    # load should land inside the run. A worker that joins later builds it on its first chunk.
    workers = list(client.scheduler_info().get("workers", {})) or [None]
    # (no worker known yet, e.g. while one restarts: any worker; Dask refuses allow_other_workers alone)
    version = client.gather([
        client.submit(_task_model_version, spec, pure=False) if w is None else
        client.submit(_task_model_version, spec, pure=False, allow_other_workers=True, workers=[w])
        for w in workers])[0]
    store.prepare()
    run = _Run(store, entries, fmt, force, max_chars, batch_size, progress)
    run.model_version = version
    todo = [e for e in entries if e.reason is None]
    counted = client.gather(client.map(_task_count_lines, [e for e in todo if is_jsonl(e)],
                                       fs=fs, pure=False))
    counts = {e.key: lines for e, (lines, _) in zip((e for e in todo if is_jsonl(e)), counted)}
    total = sum(n for _, n in counted) + sum(1 for e in todo if not is_jsonl(e))
    window = 2 * max(1, sum(client.nthreads().values()))
    plan = plan_chunks(entries, counts, run.stems, batch_size)
    running: dict = {}  # future -> its units
    results = as_completed()

    suspects: list = []  # single articles whose task failed: retried alone at the end

    def submit(units, track=True):
        keys = [u.entry.key if u.lines is None else f"{u.entry.key}#{n}"
                for u in units for n in (range(*u.lines) if u.lines else (None,))]
        previous = {k: run.previous[k] for k in keys if k in run.previous}
        future = client.submit(_task_digest, units, previous, spec, pure=False)
        if track:
            running[future] = units
            results.add(future)
        return future

    def refill():
        while len(running) < window:
            units = next(plan, None)
            if units is None:
                return
            submit(units)

    def record(records):
        for rec in records:
            run.add(rec)
            run.advance(rec["input"])

    if spec.report:
        # Called on the client's event loop for each article a worker is done with.
        client.subscribe_topic(PROGRESS_TOPIC, functools.partial(_on_progress, spec.run, run))
    try:
        with run.running(total):
            refill()
            for future in results:
                units = running.pop(future)
                try:
                    records = future.result()
                except ModelNotFoundError:
                    raise
                except Exception as e:  # noqa: BLE001 - a killed worker (KilledWorker) or a bug
                    pieces = _split(units)
                    logger.warning("a task of %d articles failed (%s); %s", len(pieces),
                                   one_line(e), "split into one-article tasks"
                                   if len(pieces) > 1 else "retried alone at the end")
                    if len(pieces) > 1:
                        for piece in pieces:
                            submit(piece)
                    else:
                        suspects.append(units)
                    refill()
                    continue
                record(records)
                refill()
            # One at a time: an article that was only queued on a worker another article killed
            # is not blamed for it (Dask counts a death against every task assigned to that worker).
            for units in suspects:
                future = submit(units, track=False)
                try:
                    records = future.result()
                except ModelNotFoundError:
                    raise
                except Exception as e:  # noqa: BLE001 - it fails alone: this article is the cause
                    records = [_lost(units[0], e, run.model_version)]
                record(records)
    finally:
        for future in list(running):
            future.cancel()
        running.clear()
        if spec.report:
            # unsubscribe_topic keeps the handler (and with it the run); events already on
            # their way find _ignore, where without a handler the client logs a traceback.
            client.subscribe_topic(PROGRESS_TOPIC, _ignore)
            client.unsubscribe_topic(PROGRESS_TOPIC)
    return run.summary


def _on_progress(run_id: str, run: _Run, event) -> None:
    _, msg = event
    if isinstance(msg, (list, tuple)) and len(msg) == 2 and msg[0] == run_id:
        run.advance(msg[1])


def _ignore(event) -> None:
    pass


def local_client(n_workers: int, threads: int | None = None):
    """A ``distributed.Client`` on a ``LocalCluster`` of ``n_workers`` processes, one task at a
    time each, torch limited to ``threads`` (default: cores / workers) so they do not fight."""
    import dask
    from distributed import Client, LocalCluster

    threads = threads or max(1, (os.cpu_count() or 1) // n_workers)
    # The thread limits must be in the environment before a worker's Python starts: numpy's
    # OpenBLAS sizes its pool when numpy is imported, which Dask does before it applies
    # ``env=``. Set there (too late), OpenBLAS ran one thread per core in every worker, and its
    # spinning threads made the digest 1.4-1.8 times slower than in --jobs workers. Dask's own
    # pre-spawn default sets these to 1 but also MALLOC_TRIM_THRESHOLD_, which disables glibc's
    # adaptive mmap threshold (13% slower on a torch microbenchmark); this keeps the limits only.
    # Dask sets pre-spawn variables in this process too; they are put back once the workers run
    # (a nanny sets them again when it restarts its worker).
    # The statistical profiler, which samples the running task's stack every 10 ms, is off.
    # memory_limit=0: the nanny would otherwise restart a worker whose model takes over
    # 1/N of the memory; a plain --jobs N run has no such limit either.
    limits = {name: str(threads) for name in THREAD_VARIABLES}
    saved = {name: os.environ.get(name) for name in limits}
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ": limits,
                              "distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", memory_limit=0)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return Client(cluster)


# --------------------------------------------------------------------------- worker side

class _Spec:
    """What every task needs besides its chunk; small, pickled with each task."""

    def __init__(self, factory, token, fmt, max_chars, force, batch_size, store, fs,
                 report=False):
        self.factory, self.token = factory, token
        self.run = os.urandom(8).hex()  # a worker's .jsonl cache is good for one run only
        self.fmt, self.max_chars, self.force, self.batch_size = fmt, max_chars, force, batch_size
        self.store, self.fs = store, fs
        self.report = report  # log each digested article for the driver's bar


def _token(factory) -> str:
    try:
        from dask.base import tokenize

        return tokenize(factory)
    except Exception:  # noqa: BLE001 - an untokenizable factory is simply built again
        return os.urandom(8).hex()


# One digester per worker process, built on first use; the lock also keeps a worker running
# several threads from using it (or the .jsonl cache) from two threads at once.
_LOCK = threading.Lock()
_STATE: dict = {}


def _digester(spec: _Spec):
    if _STATE.get("token") != spec.token:
        _STATE.clear()
        digester = spec.factory()
        warm_up(digester)
        _STATE.update(token=spec.token, digester=digester)
    if _STATE.get("run") != spec.run:
        _STATE.update(run=spec.run, cache={})
    return _STATE["digester"]


def _task_model_version(spec: _Spec) -> str | None:
    with _LOCK:
        return model_version(_digester(spec))


def _task_count_lines(entry: Entry, fs=None) -> tuple[int, int]:
    return count_lines(entry, fs)


def _task_digest(units: list[Unit], previous: dict, spec: _Spec) -> list[dict]:
    """Read, skip or digest, and write one chunk on this worker; return its manifest records."""
    with _LOCK:
        digester = _digester(spec)
        version = model_version(digester)
        records: list[dict] = []
        items = []
        for unit in units:
            found, done = read_unit(unit, fmt=spec.fmt, max_chars=spec.max_chars,
                                    force=spec.force, previous=previous, model_version=version,
                                    store=spec.store, fs=spec.fs, cache=_STATE["cache"])
            records.extend(done)
            items.extend(found)
        if items:
            outcomes = digest_chunk(digester, items, spec.fmt, spec.batch_size,
                                    _reporter(spec, items))
            for item, outcome in zip(items, outcomes):
                records.append(store_outcome(spec.store, item, outcome, version))
        return records


def _reporter(spec: _Spec, items: list[Item]):
    """``report(i)`` for :func:`digest_chunk`: an event for the driver's bar; None when the
    driver shows no bar, or outside a worker (the event would have nowhere to go)."""
    if not spec.report:
        return None
    from distributed import get_worker

    try:
        worker = get_worker()
    except ValueError:
        return None
    return lambda i: worker.log_event(PROGRESS_TOPIC, [spec.run, items[i].key])


def _split(units: list[Unit]) -> list[list[Unit]]:
    """A chunk as chunks of one article each (a .jsonl range, line by line)."""
    pieces = []
    for u in units:
        if u.lines is None:
            pieces.append([u])
        else:
            pieces.extend([Unit(u.entry, u.stem, (n, n + 1))] for n in range(*u.lines))
    return pieces


def _lost(unit: Unit, exc: BaseException, model_version: str | None) -> dict:
    key = unit.entry.key if unit.lines is None else f"{unit.entry.key}#{unit.lines[0]}"
    if type(exc).__name__ == "KilledWorker":
        msg = "worker processes kept dying while digesting this article (out of memory?)"
    else:
        msg = f"the task failed on its worker: {one_line(exc)}"
    return make_record(key, "error", model_version, error=msg)


# ------------------------------------------------------------------ digests back (older API)

def digest_with_dask(paths: Iterable[str | Path], digester_factory: Callable[[], object] | None = None,
                     *, npartitions: int | None = None, scheduler=None,
                     max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = 32) -> list[dict]:
    """Digest every supported file under ``paths`` with Dask; return one dict per input.

    Every digest comes back to the caller's memory and nothing is written: fine for a few
    thousand articles; for an archive use :func:`run_folder_dask`. Files are listed like :func:`~newsdigest.batch.run_folder` does, split into
    ``npartitions`` (default: one per CPU), and each partition builds one digester with
    ``digester_factory`` (default ``newsdigest.Digester()``), reads its own files and feeds
    them to ``digest_many`` in chunks of ``batch_size``. ``scheduler`` is passed to
    ``compute``: "processes", "threads", "synchronous", or None for Dask's default (the
    active ``distributed.Client`` if there is one). The factory must pickle, and on a cluster
    the paths must be readable from the workers.

    Each dict has the manifest's keys (``input``, ``status``, ``error``, ``sha256``,
    ``seconds``, ``warnings``, ``model_version``; ``output`` is None) plus ``digest``: the
    ``Digest.to_dict()`` of an ok article, else None. Results come in input order.
    """
    try:
        import dask.bag as db
    except ImportError as e:
        raise ImportError(f"digest_with_dask needs Dask ({e}); "
                          'install it with: pip install "dask[bag]"') from None
    entries = discover(paths)
    if not entries:
        return []
    if npartitions is None:
        npartitions = os.cpu_count() or 1
    npartitions = max(1, min(npartitions, len(entries)))
    fn = functools.partial(_digest_partition, factory=digester_factory or default_digester_factory,
                           max_chars=max_chars, batch_size=batch_size)
    bag = db.from_sequence(entries, npartitions=npartitions).map_partitions(fn)
    return list(bag.compute(scheduler=scheduler))


def _digest_partition(entries: Iterable[Entry], *, factory, max_chars: int,
                      batch_size: int) -> list[dict]:
    results: list[dict] = []
    items: list[Item] = []
    for e in entries:
        if e.reason is not None:
            results.append(_result(e.key, "ignored", error=e.reason))
            continue
        t = time.perf_counter()
        try:
            articles = read_articles(e.path, max_chars=max_chars, id=e.key)
        except InputError as err:
            results.append(_result(e.key, "error", error=one_line(err, e.key),
                                   sha256=sha256_file(e.path), seconds=time.perf_counter() - t))
            continue
        for line, art in numbered(articles, e.key):
            key = e.key if line is None else f"{e.key}#{line}"
            if isinstance(art, InputError):
                results.append(_result(key, "error", error=one_line(art, key)))
            else:
                results.append(_result(key, "pending", sha256=art.sha256))
                items.append(Item(key, art, ""))
    if not items:
        return results
    digester = factory()  # built only when the partition has something to digest
    version = model_version(digester)
    outcomes = {}
    for start in range(0, len(items), batch_size):
        chunk = items[start:start + batch_size]
        for item, outcome in zip(chunk, digest_chunk(digester, chunk, "dict", batch_size)):
            outcomes[item.key] = outcome
    for r in results:
        if r["status"] == "ignored":
            continue
        r["model_version"] = version
        if r["status"] != "pending":
            continue
        status, payload, warnings, seconds = outcomes[r["input"]]
        r.update(status=status, seconds=round(seconds, 4))
        if status == "ok":
            r.update(digest=payload, warnings=warnings)
        else:
            r["error"] = payload
    return results


def _result(key: str, status: str, *, error: str | None = None, sha256: str | None = None,
            seconds: float = 0.0) -> dict:
    return {"input": key, "status": status, "error": error, "output": None, "sha256": sha256,
            "seconds": round(seconds, 4), "warnings": [], "model_version": None, "digest": None}
