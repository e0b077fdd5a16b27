"""``--jobs N``: N worker processes (spawn), each building one digester, digest the chunks.

The main process reads the inputs and writes every output and manifest record, in input
order; workers only digest. Each worker reports every article it is done with on a queue, so
the bar moves per article and not when a whole chunk comes back. A worker that dies (out of
memory, a crash) breaks the pool: the chunks it may have held run again alone on a fresh pool,
and the one that breaks a pool by itself is recorded as an error.
"""
from __future__ import annotations

import concurrent.futures as cf
import itertools
import os
import threading
from collections import deque
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator

from .digesting import digest_chunk, model_version, warm_up

__all__ = ["digest_in_pool", "Pool"]

# How long the main process waits on a chunk before it looks for the workers' reports again.
_POLL_S = 0.05


def digest_in_pool(run, factory, jobs: int) -> None:
    """Digest the chunks of ``run`` (a :class:`~newsdigest.batch.runner._Run`) on ``jobs``
    worker processes."""
    pool = Pool(factory, jobs, report=run.shows_bar)
    try:
        # A model that fails to load in a worker fails here, before the manifest is touched.
        run.model_version = pool.model_version()
        with run.running():
            _digest(run, pool, jobs)
    finally:
        # After Ctrl-C or an error the workers must stop now, not when their chunks are done.
        pool.close(now=not run.complete)


class _Task:
    """A chunk on its way through the pool: ``future`` None until (re)submitted; ``suspect``
    when it was in flight as a worker died."""

    def __init__(self, chunk: list) -> None:
        self.chunk = chunk
        self.future: cf.Future | None = None
        self.suspect = False
        self.tag = -1


def _digest(run, pool: "Pool", jobs: int) -> None:
    # Up to 2 chunks per worker in flight, finished in input order. Once a worker died, the
    # suspects run one at a time, each on a fresh pool if it breaks the pool again.
    window: deque[_Task] = deque()
    chunks = run.chunks()
    exhausted = False
    while True:
        careful = any(t.suspect for t in window)
        while not careful and not exhausted and len(window) < 2 * jobs:
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
            else:
                task = _Task(chunk)
                pool.submit(task, run.fmt, run.batch_size)
                window.append(task)
        if not window:
            break
        head = window[0]
        if head.future is None:
            pool.submit(head, run.fmt, run.batch_size)
        try:
            outcomes = _result(head, pool, run)
        except BrokenProcessPool:
            pool.restart()
            if head.suspect:
                window.popleft()
                n = len(head.chunk)
                msg = ("a worker process died while digesting this article" if n == 1
                       else f"a worker process died on one of the {n} articles of this chunk; "
                            "--batch-size 1 tells which")
                for item in head.chunk:
                    run.finish(item, ("error", msg, [], 0.0))
            for t in window:
                if t.future is not None and not _succeeded(t.future):
                    t.future, t.suspect = None, True
            continue
        window.popleft()
        pool.forget(head)
        for item, outcome in zip(head.chunk, outcomes):
            run.finish(item, outcome)


def _result(task: _Task, pool: "Pool", run) -> list[tuple]:
    """The outcomes of ``task``'s chunk; meanwhile the bar moves for each reported article."""
    while True:
        for key in pool.reported():
            run.advance(key)
        try:
            return task.future.result(timeout=_POLL_S)
        except cf.TimeoutError:
            continue


def _succeeded(future: cf.Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


class Pool:
    """A spawn-context process pool whose workers each build one digester.

    With ``report``, workers put ``(tag, i)`` on a queue as they finish the ``i``-th article
    of the chunk submitted under ``tag``; :meth:`reported` turns those into article keys.
    """

    def __init__(self, factory, jobs: int, report: bool = False) -> None:
        self.factory = factory
        self.jobs = jobs
        self.report = report
        self._tags = itertools.count()
        self._start()

    def _start(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        # A new queue and pipe with each executor: a worker killed while writing to one may
        # leave it unusable for the others.
        self._reports = ctx.SimpleQueue() if self.report else None
        self._stop_r, self._stop_w = ctx.Pipe(duplex=False)
        self._tasks: dict[int, _Task] = {}
        threads = max(1, (os.cpu_count() or 1) // self.jobs)
        self.executor = cf.ProcessPoolExecutor(
            self.jobs, mp_context=ctx, initializer=_init_worker,
            initargs=(self.factory, threads, self._reports, self._stop_r))

    def model_version(self) -> str | None:
        return self.executor.submit(_worker_model_version).result()

    def submit(self, task: _Task, fmt: str, batch_size: int) -> None:
        """Start ``task``'s chunk on a worker: ``task.future`` gets its outcomes."""
        task.tag = next(self._tags)
        self._tasks[task.tag] = task
        try:
            task.future = self.executor.submit(_worker_digest, task.chunk, fmt, batch_size,
                                               task.tag)
        except BrokenProcessPool as e:  # a worker died since the last submit
            task.future = cf.Future()
            task.future.set_exception(e)

    def forget(self, task: _Task) -> None:
        """``task`` is done with: reports of it that come late are dropped."""
        self._tasks.pop(task.tag, None)

    def reported(self) -> Iterator[str]:
        """Keys of the articles the workers finished since the last call."""
        reports = self._reports
        while reports is not None and not reports.empty():
            tag, i = reports.get()
            task = self._tasks.get(tag)
            if task is not None:
                yield task.chunk[i].key

    def restart(self) -> None:
        """A fresh pool in place of a broken one."""
        self.close(now=True)
        self._start()

    def close(self, now: bool = False) -> None:
        """Shut the workers down; with ``now``, at once, even in the middle of a chunk."""
        if now:
            self._stop_w.close()  # each worker exits as it sees its end of the pipe close
        self.executor.shutdown(wait=True, cancel_futures=True)
        self._stop_w.close()
        self._stop_r.close()
        if self._reports is not None:
            self._reports.close()


# -------------------------------------------------------------------------- worker side

_WORKER: dict = {}


def _init_worker(factory, threads: int, reports, stop) -> None:
    import signal

    # Ctrl-C is the parent's to handle: it stops the pool and keeps the manifest consistent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_on_stop, args=(stop,), daemon=True).start()
    # N workers each running torch on every core would fight over them; torch is imported
    # later (on first use), so this still takes effect. A value the user set wins.
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    _WORKER["reports"] = reports
    try:
        _WORKER["digester"] = digester = factory()
        warm_up(digester)
    except BaseException as e:  # noqa: BLE001 - re-raised in the parent by each task
        _WORKER["error"] = e


def _exit_on_stop(stop) -> None:
    # Only the parent holds the pipe's other end: it closes it (or dies) to stop this worker.
    try:
        stop.recv_bytes()
    except (EOFError, OSError):
        pass
    os._exit(1)


def _worker_digester():
    if "error" in _WORKER:
        raise _WORKER["error"]
    return _WORKER["digester"]


def _worker_model_version() -> str | None:
    return model_version(_worker_digester())


def _worker_digest(chunk: list, fmt: str, batch_size: int, tag: int = -1) -> list[tuple]:
    reports = _WORKER.get("reports")
    report = None if reports is None else lambda i: reports.put((tag, i))
    return list(digest_chunk(_worker_digester(), chunk, fmt, batch_size, report))
