"""Digest every article under one or more folders into OUT, with a manifest and rerun skipping.

:func:`run_folder` is the entry point; :class:`_Run` keeps one run's books (the manifest and
its ``.partial``, the records, the progress bar) for whichever executor digests the chunks:
in this process, a process pool (:mod:`.pool`) or a Dask cluster (:mod:`.distributed`).
See docs/batch.md for the manifest fields, exit codes and how a killed run recovers.
"""
from __future__ import annotations

import importlib
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .chunks import Item, chunk_size, count_lines, is_jsonl, plan_chunks, read_unit
from .digesting import default_digester_factory, digest_chunk, model_version, warm_up
from .discovery import FORMATS, discover, output_names
from .errors import RunInterrupted, UsageError
from .inputs import DEFAULT_MAX_CHARS
from .manifest import (MANIFEST, PARTIAL, STATUSES, load_manifest, make_record, store_outcome,
                       write_manifest)
from .progress import Progress, wanted
from .store import LocalStore

__all__ = ["run_folder", "RunSummary", "RunInterrupted", "UsageError", "discover",
           "default_digester_factory", "warm_up", "chunk_size", "MANIFEST", "STATUSES"]


@dataclass
class RunSummary:
    """What a folder run did: one manifest record (a dict) per input, in input order."""

    out: Path
    records: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.records if r["status"] == status)

    @property
    def ok(self) -> int:
        return self.count("ok")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def failed(self) -> int:
        return self.count("error")

    @property
    def ignored(self) -> int:
        return self.count("ignored")

    @property
    def exit_code(self) -> int:
        """0 when every input is ok, skipped or ignored; 1 when some failed; 130 if interrupted."""
        if self.interrupted:
            return 130
        return 1 if self.failed else 0

    def line(self, show_failed: int = 3) -> str:
        """One line for the end of a run; names the first ``show_failed`` failed inputs."""
        rate = self.ok / self.seconds if self.seconds > 0 else 0.0
        head = "interrupted: " if self.interrupted else ""
        text = (f"{head}{self.ok} done, {self.skipped} skipped, {self.failed} failed, "
                f"{self.ignored} ignored in {self.seconds:.1f}s ({rate:.2f} articles/s)")
        failed = [r["input"] for r in self.records if r["status"] == "error"]
        if failed:
            named = ", ".join(failed[:show_failed])
            more = f" and {len(failed) - show_failed} more" if len(failed) > show_failed else ""
            text += f"; failed: {named}{more} (see {_join(self.out, MANIFEST)})"
        return text


def _join(out, name: str) -> str:
    out = str(out)
    return f"{out}{'' if out.endswith('/') else '/'}{name}"


def check_options(fmt: str, **positive) -> None:
    """Raise :class:`UsageError` for an unknown format or a value that must be a positive int."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    for name, value in positive.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise UsageError(f"{name} must be a positive integer, got {value!r}")


def run_folder(inputs: list[Path], out: Path, *, fmt: str = "json", force: bool = False,
               jobs: int = 1, max_chars: int = DEFAULT_MAX_CHARS,
               digester_factory: Callable[[], object] | None = None, batch_size: int = 32,
               progress: bool | None = None) -> RunSummary:
    """Digest every supported file under ``inputs`` into ``out``; return a :class:`RunSummary`.

    One output per article mirrors its relative path (``a/b.txt`` -> ``OUT/a/b.json``; line
    N of ``c.jsonl`` -> ``OUT/c#N.json``), written atomically. ``OUT/manifest.jsonl`` gets
    one record per input. Unchanged inputs whose output exists are skipped unless ``force``.
    Articles go to ``digester.digest_many`` in chunks of at most ``batch_size``, smaller when
    few articles are left (:func:`chunk_size`: the bar moves, every worker gets some); ``jobs > 1``
    spreads the chunks over that many worker processes, each building one digester.

    ``progress``: a tqdm bar on stderr, one step per article; None shows it only when stderr
    is a terminal. On Ctrl-C the manifest is made consistent and :class:`RunInterrupted` is
    raised.
    """
    check_options(fmt, jobs=jobs, max_chars=max_chars, batch_size=batch_size)
    store = LocalStore(Path(out))
    if store.root.exists() and not store.root.is_dir():
        raise UsageError(f"--out {out} exists and is not a folder")
    entries = discover(inputs, out)
    factory = digester_factory or default_digester_factory
    store.prepare()
    run = _Run(store, entries, fmt, force, max_chars, batch_size, progress)
    if jobs == 1:
        _digest_here(run, factory)
    else:
        from .pool import digest_in_pool

        digest_in_pool(run, factory, jobs)
    return run.summary


def _digest_here(run: "_Run", factory) -> None:
    """Digest ``run``'s chunks in this process, with one digester."""
    # The digester is built before the manifest is touched: a model that fails to load
    # must not rewrite what earlier runs recorded.
    digester = factory()
    warm_up(digester)
    run.model_version = model_version(digester)
    with run.running():
        for chunk in run.chunks():
            def report(i, chunk=chunk):
                run.advance(chunk[i].key)

            outcomes = digest_chunk(digester, chunk, run.fmt, run.batch_size, report)
            for item, outcome in zip(chunk, outcomes):
                run.finish(item, outcome)


class _Run:
    """One run's bookkeeping: the manifest (.partial while running), the records, the bar.

    The executors (in-process, process pool, Dask) only decide where articles are digested;
    they hand every record to :meth:`add` (or an outcome to :meth:`finish`), report articles
    to :meth:`advance` as they are digested, and the run does the rest.
    """

    def __init__(self, store, entries, fmt, force, max_chars, batch_size, progress):
        self.store = store
        self.entries = entries
        self.fmt = fmt
        self.force = force
        self.max_chars = max_chars
        self.batch_size = batch_size
        self.progress = progress
        self.order = {e.key: i for i, e in enumerate(entries)}
        self.stems = output_names(entries)
        self.records: dict[str, dict] = {}
        self.model_version: str | None = None
        self.summary = RunSummary(store.label if not store.local else Path(store.label))
        self.complete = False
        self.previous: dict[str, dict] = {}
        self._counts: dict[str, int] = {}
        self._bar: Progress | None = None
        self._partial = None

    @property
    def shows_bar(self) -> bool:
        """Whether this run shows a bar (known before :meth:`start`: workers report only then)."""
        return wanted(self.progress)

    # -- lifecycle

    @contextmanager
    def running(self, total: int | None = None):
        """:meth:`start` the run; on the way out :meth:`close` it, marked complete if nothing
        went wrong; after Ctrl-C raise :class:`RunInterrupted` once the manifest is written."""
        self.start(total)
        try:
            yield self
            self.complete = True
        except KeyboardInterrupt:
            self.summary.interrupted = True
        finally:
            self.close()
        if self.summary.interrupted:
            raise RunInterrupted(self.summary)

    def start(self, total: int | None = None) -> None:
        """Fold a killed run's records into the manifest, open the .partial, record the ignored
        inputs and show the bar (``total`` articles; default one per file, grown per .jsonl)."""
        self.t0 = time.perf_counter()
        self.previous = load_manifest(self.store)
        if self.store.exists(PARTIAL):
            # A killed run left records behind: fold them into the manifest before going on.
            write_manifest(self.store, sorted(self.previous.values(), key=lambda r: r["input"]))
            self.store.remove(PARTIAL)
        self._partial = self.store.open_write(PARTIAL)
        for e in self.entries:
            if e.reason is not None:
                self.record(e.key, "ignored", error=e.reason)
        if total is None:
            self._counts, total = self.line_counts()
        self._bar = Progress(total, self.shows_bar)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        records = dict(self.records)
        if not self.complete:
            # Keep what earlier runs said about inputs this run did not reach.
            for key, rec in self.previous.items():
                if key not in records and (key in self.order
                                           or key.rpartition("#")[0] in self.order):
                    records[key] = rec
        ordered = sorted(records.values(), key=self._sort_key)
        write_manifest(self.store, ordered)
        if self._partial is not None:
            self._partial.close()
            self.store.remove(PARTIAL)
        self.summary.records = [r for r in ordered if r["input"] in self.records]
        self.summary.seconds = time.perf_counter() - self.t0

    def _sort_key(self, rec: dict):
        key = rec["input"]
        base, _, line = key.rpartition("#") if key not in self.order else (key, "", "")
        return (self.order.get(base, len(self.order)), int(line) if line.isdigit() else 0, key)

    # -- reading and skipping

    def line_counts(self, fs=None) -> tuple[dict[str, int], int]:
        """Lines of each .jsonl input (for the plan) and the articles in all (for the bar)."""
        counts, articles = {}, 0
        for e in self.entries:
            if e.reason is None:
                if is_jsonl(e):
                    counts[e.key], n = count_lines(e, fs)
                    articles += n
                else:
                    articles += 1
        return counts, articles

    def chunks(self) -> Iterator[list[Item]]:
        """The articles to digest, chunk by chunk; those done already are recorded on the way."""
        cache: dict = {}
        for units in plan_chunks(self.entries, self._counts, self.stems, self.batch_size):
            chunk: list[Item] = []
            for unit in units:
                items, records = read_unit(unit, fmt=self.fmt, max_chars=self.max_chars,
                                           force=self.force, previous=self.previous,
                                           model_version=self.model_version,
                                           store=self.store, cache=cache)
                for rec in records:
                    self.add(rec)
                    self.advance(rec["input"])
                chunk.extend(items)
            if chunk:
                yield chunk

    # -- results

    def finish(self, item: Item, outcome: tuple) -> None:
        """Write a digested article's output and record it."""
        self.add(store_outcome(self.store, item, outcome, self.model_version))
        self.advance(item.key)

    def record(self, key: str, status: str, **fields) -> None:
        self.add(make_record(key, status, self.model_version, **fields))

    def add(self, rec: dict) -> None:
        """Keep one record (the last for its input) and append it to the .partial at once."""
        self.records[rec["input"]] = rec
        self._partial.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self._partial.flush()

    def advance(self, key: str) -> None:
        """Move the bar for the article ``key``: once, however often it is reported."""
        if self._bar is not None:
            self._bar.advance(key)


# Names this module had before it was split into the modules named here; still importable.
_MOVED = {
    "PARTIAL": ("manifest", "PARTIAL"), "_FIELDS": ("manifest", "FIELDS"),
    "make_record": ("manifest", "make_record"), "unchanged": ("manifest", "unchanged"),
    "store_outcome": ("manifest", "store_outcome"),
    "_load_manifest": ("manifest", "load_manifest"),
    "_write_manifest": ("manifest", "write_manifest"),
    "_sha256_file": ("manifest", "sha256_file"),
    "FORMATS": ("discovery", "FORMATS"), "Entry": ("discovery", "Entry"),
    "_file_entry": ("discovery", "_file_entry"), "_walk": ("discovery", "_walk"),
    "_output_names": ("discovery", "output_names"), "_output_rel": ("discovery", "output_rel"),
    "_CHUNKS_PER_ROUND": ("chunks", "_CHUNKS_PER_ROUND"), "Unit": ("chunks", "Unit"),
    "is_jsonl": ("chunks", "is_jsonl"), "count_lines": ("chunks", "count_lines"),
    "plan_chunks": ("chunks", "plan_chunks"), "read_unit": ("chunks", "read_unit"),
    "_Item": ("chunks", "Item"), "_numbered": ("chunks", "numbered"),
    "_WARM_UP_TEXTS": ("digesting", "_WARM_UP_TEXTS"),
    "_model_version": ("digesting", "model_version"),
    "_digest_chunk": ("digesting", "digest_chunk"),
    "_shared_outcomes": ("digesting", "_shared_outcomes"),
    "_outcome": ("digesting", "_outcome"), "_one_line": ("errors", "one_line"),
    "_Pool": ("pool", "Pool"), "_succeeded": ("pool", "_succeeded"),
    "_WORKER": ("pool", "_WORKER"), "_init_worker": ("pool", "_init_worker"),
    "_worker_digester": ("pool", "_worker_digester"),
    "_worker_model_version": ("pool", "_worker_model_version"),
    "_worker_digest": ("pool", "_worker_digest"),
    "_write_atomic": ("store", "_write_atomic"),
    "SUPPORTED_SUFFIXES": ("inputs", "SUPPORTED_SUFFIXES"), "Article": ("inputs", "Article"),
    "read_articles": ("inputs", "read_articles"),
}


def __getattr__(name):
    if name in _MOVED:
        module, attr = _MOVED[name]
        return getattr(importlib.import_module(f"{__package__}.{module}"), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
