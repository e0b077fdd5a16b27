"""Digest folders on a Dask cluster: workers read, digest and write; the driver keeps the manifest.

:func:`run_folder_dask` is :func:`~newsdigest.batch.run_folder` on a ``distributed.Client``:
the same manifest, reruns, ``force`` and exit codes, with inputs and OUT given as local paths
or fsspec URLs. :func:`digest_with_dask` is the older call that returns the digests themselves.

Needs ``pip install "newsdigest[distributed]"`` (dask, distributed). See docs/batch.md.
"""
from __future__ import annotations

import functools
import os
import threading
import time
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from ..errors import InputError, ModelNotFoundError
from .inputs import DEFAULT_MAX_CHARS, SUPPORTED_SUFFIXES, read_articles
from .runner import (Entry, RunInterrupted, RunSummary, Unit, UsageError, _digest_chunk, _Item,
                     _model_version, _numbered, _one_line, _Run, _sha256_file,
                     check_options, count_lines, default_digester_factory, discover, is_jsonl,
                     make_record, plan_chunks, read_unit, store_outcome, warm_up)
from .store import open_store

__all__ = ["run_folder_dask", "local_client", "digest_with_dask"]


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
    spec = _Spec(factory, _token(factory), fmt, max_chars, force, batch_size, store, fs)
    # Every worker builds its digester now, together, before the manifest is touched: a model
    # that fails to load must not rewrite what earlier runs recorded, and no worker's model
    # load should land inside the run. A worker that joins later builds it on its first chunk.
    workers = list(client.scheduler_info().get("workers", {})) or [None]
    # (no worker known yet, e.g. while one restarts: any worker; Dask refuses allow_other_workers alone)
    model_version = client.gather([
        client.submit(_task_model_version, spec, pure=False) if w is None else
        client.submit(_task_model_version, spec, pure=False, allow_other_workers=True, workers=[w])
        for w in workers])[0]
    store.prepare()
    run = _Run(store, entries, fmt, force, max_chars, batch_size, progress)
    run.model_version = model_version
    todo = [e for e in entries if e.reason is None]
    counted = client.gather(client.map(_task_count_lines, [e for e in todo if is_jsonl(e)],
                                       fs=fs, pure=False))
    counts = {e.key: lines for e, (lines, _) in zip((e for e in todo if is_jsonl(e)), counted)}
    total = sum(n for _, n in counted) + sum(1 for e in todo if not is_jsonl(e))
    run.start(total)
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

    try:
        refill()
        for future in results:
            units = running.pop(future)
            try:
                records = future.result()
            except ModelNotFoundError:
                raise
            except Exception as e:  # noqa: BLE001 - a killed worker (KilledWorker) or a bug
                pieces = _split(units)
                if len(pieces) > 1:
                    for piece in pieces:
                        submit(piece)
                else:
                    suspects.append(units)
                refill()
                continue
            for rec in records:
                run.add(rec)
                run.tick()
            refill()
        # One at a time: an article that was only queued on a worker another article killed is not
        # blamed for it (Dask counts a death against every task assigned to that worker).
        for units in suspects:
            future = submit(units, track=False)
            try:
                records = future.result()
            except ModelNotFoundError:
                raise
            except Exception as e:  # noqa: BLE001 - it fails alone: this article is the cause
                records = [_lost(units[0], e, run.model_version)]
            for rec in records:
                run.add(rec)
                run.tick()
        run.complete = True
    except KeyboardInterrupt:
        run.summary.interrupted = True
    finally:
        for future in list(running):
            future.cancel()
        running.clear()
        run.close()
    if run.summary.interrupted:
        raise RunInterrupted(run.summary)
    return run.summary


def local_client(n_workers: int, threads: int | None = None):
    """A ``distributed.Client`` on a ``LocalCluster`` of ``n_workers`` processes, one task at a
    time each, torch limited to ``threads`` (default: cores / workers) so they do not fight."""
    import dask
    from distributed import Client, LocalCluster

    threads = threads or max(1, (os.cpu_count() or 1) // n_workers)
    # The digest ran 1.7 times slower in default Dask workers than in --jobs workers (500 BBC
    # articles). Two worker defaults are turned off as the suspects: MALLOC_TRIM_THRESHOLD_
    # (it disables glibc's adaptive mmap threshold; 13% slower on a torch microbenchmark) and
    # the statistical profiler that samples the running task's stack every 10 ms.
    # memory_limit=0: the nanny would otherwise restart a worker whose model takes over
    # 1/N of the memory; a plain --jobs N run has no such limit either.
    with dask.config.set({"distributed.nanny.pre-spawn-environ": {},
                          "distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", memory_limit=0,
                               env={"OMP_NUM_THREADS": str(threads),
                                    "MKL_NUM_THREADS": str(threads)})
    return Client(cluster)


# ------------------------------------------------------------------------------ discovery

def discover_urls(inputs: Iterable[str | Path], out: str | Path | None = None):
    """:func:`~newsdigest.batch.runner.discover` for paths or fsspec URLs.

    Returns ``(entries, fs)``: for local paths (and ``file://``) the very entries a plain run
    lists, and ``fs`` None; else the entries found by walking ``fs`` (one filesystem for all
    inputs), with the same keys, sorted order, hidden names and OUT left out.
    """
    import fsspec
    from fsspec.implementations.local import LocalFileSystem

    inputs = [str(i) for i in inputs]
    if not inputs:
        raise UsageError("no inputs given")
    resolved = [fsspec.core.url_to_fs(i) for i in inputs]
    if all(isinstance(fs, LocalFileSystem) for fs, _ in resolved):
        out_path = None
        if out is not None:
            out_fs, out_path = fsspec.core.url_to_fs(str(out))
            out_path = out_path if isinstance(out_fs, LocalFileSystem) else None
        return discover([Path(p) for _, p in resolved], out_path), None
    fs = resolved[0][0]
    if any(type(f) is not type(fs) for f, _ in resolved):
        raise UsageError("all inputs must be on one filesystem (local paths, or URLs of one kind)")
    out_root = None
    if out is not None:
        out_fs, out_root = fsspec.core.url_to_fs(str(out))
        out_root = out_root.rstrip("/") if type(out_fs) is type(fs) else None
    paths = [p.rstrip("/") or "/" for _, p in resolved]
    for url, p in zip(inputs, paths):
        if not fs.exists(p):
            raise UsageError(f"no such file or folder: {url}")
    single_folder = len(paths) == 1 and fs.isdir(paths[0])
    entries: list[Entry] = []
    tops: dict[str, str] = {}
    for url, p in zip(inputs, paths):
        top = "" if single_folder else PurePosixPath(p).name
        if not single_folder:
            if top in tops:
                raise UsageError(f"two inputs are both named {top!r} ({tops[top]} and {url}); "
                                 "pass their common parent folder instead")
            tops[top] = url
        if not fs.isdir(p):
            entries.append(_fs_entry(p, top))
            continue
        for found in sorted(fs.find(p, withdirs=False)):
            rel = found[len(p):].lstrip("/")
            if any(part.startswith(".") for part in rel.split("/")):
                continue
            if out_root is not None and (found + "/").startswith(out_root + "/"):
                continue
            entries.append(_fs_entry(found, f"{top}/{rel}" if top else rel))
    return entries, fs


def _fs_entry(path: str, key: str) -> Entry:
    suffix = PurePosixPath(path).suffix
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        return Entry(key, path, f"unsupported extension {suffix or '(none)'!r}; "
                                f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    return Entry(key, path)


# --------------------------------------------------------------------------- worker side

class _Spec:
    """What every task needs besides its chunk; small, pickled with each task."""

    def __init__(self, factory, token, fmt, max_chars, force, batch_size, store, fs):
        self.factory, self.token = factory, token
        self.run = os.urandom(8).hex()  # a worker's .jsonl cache is good for one run only
        self.fmt, self.max_chars, self.force, self.batch_size = fmt, max_chars, force, batch_size
        self.store, self.fs = store, fs


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
        return _model_version(_digester(spec))


def _task_count_lines(entry: Entry, fs=None) -> tuple[int, int]:
    return count_lines(entry, fs)


def _task_digest(units: list[Unit], previous: dict, spec: _Spec) -> list[dict]:
    """Read, skip or digest, and write one chunk on this worker; return its manifest records."""
    with _LOCK:
        digester = _digester(spec)
        version = _model_version(digester)
        records: list[dict] = []
        items = []
        for unit in units:
            found, done = read_unit(unit, fmt=spec.fmt, max_chars=spec.max_chars,
                                    force=spec.force, previous=previous, model_version=version,
                                    store=spec.store, fs=spec.fs, cache=_STATE["cache"])
            records.extend(done)
            items.extend(found)
        if items:
            for item, outcome in zip(items, _digest_chunk(digester, items, spec.fmt,
                                                          spec.batch_size)):
                records.append(store_outcome(spec.store, item, outcome, version))
        return records


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
        msg = f"the task failed on its worker: {_one_line(exc)}"
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
    items: list[_Item] = []
    for e in entries:
        if e.reason is not None:
            results.append(_result(e.key, "ignored", error=e.reason))
            continue
        t = time.perf_counter()
        try:
            articles = read_articles(e.path, max_chars=max_chars, id=e.key)
        except InputError as err:
            results.append(_result(e.key, "error", error=_one_line(err, e.key),
                                   sha256=_sha256_file(e.path), seconds=time.perf_counter() - t))
            continue
        for line, art in _numbered(articles, e.key):
            key = e.key if line is None else f"{e.key}#{line}"
            if isinstance(art, InputError):
                results.append(_result(key, "error", error=_one_line(art, key)))
            else:
                results.append(_result(key, "pending", sha256=art.sha256))
                items.append(_Item(key, art, ""))
    if not items:
        return results
    digester = factory()  # built only when the partition has something to digest
    version = _model_version(digester)
    outcomes = {}
    for start in range(0, len(items), batch_size):
        chunk = items[start:start + batch_size]
        for item, outcome in zip(chunk, _digest_chunk(digester, chunk, "dict", batch_size)):
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
