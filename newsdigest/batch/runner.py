"""Digest every article under one or more folders into OUT, with a manifest and rerun skipping.

See docs/batch.md for the manifest fields, exit codes and how a killed run recovers.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import deque
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from ..errors import InputError, ModelNotFoundError, NewsdigestError
from .inputs import DEFAULT_MAX_CHARS, SUPPORTED_SUFFIXES, Article, read_articles
from .store import LocalStore, _write_atomic  # noqa: F401  (importable from here as before)

__all__ = ["run_folder", "RunSummary", "RunInterrupted", "UsageError", "discover",
           "default_digester_factory", "warm_up", "chunk_size", "MANIFEST", "STATUSES"]

MANIFEST = "manifest.jsonl"
PARTIAL = MANIFEST + ".partial"
STATUSES = ("ok", "error", "skipped", "ignored")
FORMATS = {"json": ".json", "md": ".md"}
_FIELDS = ("input", "status", "error", "output", "sha256", "seconds", "warnings", "model_version")


class UsageError(NewsdigestError, ValueError):
    """The run was asked for something impossible (missing input, bad option); exit code 2."""


class RunInterrupted(KeyboardInterrupt):
    """Raised by :func:`run_folder` after Ctrl-C, once the manifest is consistent again."""

    def __init__(self, summary: "RunSummary") -> None:
        super().__init__("interrupted")
        self.summary = summary


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


def default_digester_factory(**options):
    """Build ``newsdigest.Digester(**options)``; imported here so that importing is cheap."""
    try:
        from newsdigest import Digester
    except ImportError:
        try:
            from newsdigest.pipeline import Digester
        except ImportError as e:
            raise NewsdigestError(f"newsdigest.Digester is not available ({e})") from None
    return Digester(**options)


# One English and one Hindi sentence: enough to load every model a digest of either needs.
_WARM_UP_TEXTS = ("The minister visited Delhi on Monday.",
                  "प्रधानमंत्री ने सोमवार को दिल्ली का दौरा किया।")


def warm_up(digester) -> None:
    """Load the digester's models now, so that no article's ``seconds`` pays for them.

    Calls ``digester.warm_up()`` when it has one; a ``newsdigest.Digester`` (which loads its
    models on first use) digests two short sentences; other digesters are left alone.
    """
    fn = getattr(digester, "warm_up", None)
    if callable(fn):
        fn()
        return
    if type(digester).__module__.startswith("newsdigest."):
        for text in _WARM_UP_TEXTS:
            try:
                digester.digest(text)
            except ModelNotFoundError:
                raise
            except Exception:  # noqa: BLE001 - a real article will report the same problem
                pass


# ---------------------------------------------------------------------------------- discovery

@dataclass(frozen=True)
class Entry:
    """One path found by :func:`discover`: a file to read, or one ignored with a reason."""

    key: str  # relative POSIX path: the manifest's ``input``
    path: Path
    reason: str | None = None  # set when ignored


def discover(inputs: Iterable[str | Path], out: str | Path | None = None) -> list[Entry]:
    """List the files to digest under ``inputs``, in sorted order, with the ignored ones.

    With one folder, keys are relative to it; otherwise each input adds its own name on top
    (``docs/a.txt``). Hidden names (starting with ".") and the OUT folder are skipped silently.
    Symlinked files are followed only when they point inside their input folder; symlinked
    folders are never followed (those inside are walked under their real name).
    """
    inputs = [Path(p) for p in inputs]
    if not inputs:
        raise UsageError("no inputs given")
    for p in inputs:
        if not p.exists():
            raise UsageError(f"no such file or folder: {p}")
    out_resolved = Path(out).resolve() if out is not None else None
    single_folder = len(inputs) == 1 and inputs[0].is_dir()
    entries: list[Entry] = []
    tops: dict[str, Path] = {}
    for p in inputs:
        top = "" if single_folder else p.resolve().name if p.name in ("", ".", "..") else p.name
        if not single_folder:
            if top in tops:
                raise UsageError(f"two inputs are both named {top!r} ({tops[top]} and {p}); "
                                 "pass their common parent folder instead")
            tops[top] = p
        if p.is_dir():
            _walk(p, p.resolve(), top, out_resolved, entries)
        else:
            entries.append(_file_entry(p, top))
    return entries


def _file_entry(path: Path, key: str) -> Entry:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return Entry(key, path, f"unsupported extension {path.suffix or '(none)'!r}; "
                                f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    return Entry(key, path)


def _walk(folder: Path, root: Path, rel: str, out_resolved: Path | None,
          entries: list[Entry]) -> None:
    try:
        children = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        entries.append(Entry(rel or ".", folder, f"cannot list folder: {e.strerror or e}"))
        return
    for child in children:
        if child.name.startswith("."):
            continue
        key = f"{rel}/{child.name}" if rel else child.name
        path = Path(child.path)
        try:
            if child.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    entries.append(Entry(key, path, "broken symlink"))
                    continue
                if not target.is_relative_to(root):
                    entries.append(Entry(key, path, "symlink to a path outside the input "
                                                    "folder; not followed"))
                    continue
                if target.is_dir():
                    entries.append(Entry(key, path, "symlinked folder; not followed"))
                    continue
            if child.is_dir():
                if out_resolved is not None and path.resolve() == out_resolved:
                    continue
                _walk(path, root, key, out_resolved, entries)
            elif child.is_file():
                entries.append(_file_entry(path, key))
            else:
                entries.append(Entry(key, path, "not a regular file"))
        except OSError as e:
            entries.append(Entry(key, path, f"cannot read: {e.strerror or e}"))


def _output_names(entries: list[Entry]) -> dict[str, str]:
    """Map each file key to its output stem; keys whose stems collide keep their extension."""
    stems: dict[str, str] = {}
    for e in entries:
        if e.reason is None:
            p = PurePosixPath(e.key)
            stems[e.key] = str(p.with_suffix(""))
    seen: dict[str, int] = {}
    for s in stems.values():
        seen[s] = seen.get(s, 0) + 1
    return {k: (s if seen[s] == 1 else k) for k, s in stems.items()}


def _output_rel(stem: str, line: int | None, fmt: str) -> str:
    return (f"{stem}#{line}" if line is not None else stem) + FORMATS[fmt]


# ------------------------------------------------------------------------------------- run

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

    ``progress``: a tqdm bar on stderr; None shows it only when stderr is a terminal.
    On Ctrl-C the manifest is made consistent and :class:`RunInterrupted` is raised.
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
        run.execute_serial(factory)
    else:
        run.execute_parallel(factory, jobs)
    return run.summary


# Chunks never depend on the number of workers: a digest may depend (slightly) on which
# articles share its encoder batches, so every executor must batch alike.
_CHUNKS_PER_ROUND = 8


def chunk_size(remaining: int, batch_size: int) -> int:
    """Articles for the next chunk: ``batch_size``, down to 1 as the work left shrinks.

    Guided scheduling: an eighth of what is left, so a small folder is still spread over the
    workers and the progress bar moves several times, whatever the folder's size.
    """
    return max(1, min(batch_size, -(-remaining // _CHUNKS_PER_ROUND)))


@dataclass(frozen=True)
class Unit:
    """A piece of a chunk: one file, or lines ``first <= n < stop`` of a .jsonl file."""

    entry: Entry
    stem: str
    lines: tuple[int, int] | None = None


def is_jsonl(entry: Entry) -> bool:
    return str(entry.path).lower().endswith(".jsonl")


def count_lines(entry: Entry, fs=None) -> tuple[int, int]:
    """``(lines, articles)`` of a .jsonl file: its last non-blank line's number, and how many
    lines are not blank; ``(1, 1)`` when it cannot be read (its error is found later)."""
    from .inputs import decode_bytes

    try:
        data = Path(entry.path).read_bytes() if fs is None else fs.cat_file(entry.path)
        text, _ = decode_bytes(data, name=entry.key)
    except (InputError, OSError):
        return 1, 1
    lines = text.split("\n")
    n = len(lines)
    while n and not lines[n - 1].strip():
        n -= 1
    articles = sum(1 for line in lines[:n] if line.strip())
    return max(n, 1), max(articles, 1)


def plan_chunks(entries: list[Entry], line_counts: dict[str, int], stems: dict[str, str],
                batch_size: int) -> Iterator[list[Unit]]:
    """Split the files to digest into chunks of :func:`chunk_size` articles (a .jsonl line is
    one; ``line_counts`` gives each .jsonl's lines), in input order."""
    todo = [e for e in entries if e.reason is None]
    remaining = sum(line_counts.get(e.key, 1) for e in todo)
    chunk: list[Unit] = []
    room = 0
    for e in todo:
        if not is_jsonl(e):
            if not room:
                room = chunk_size(remaining, batch_size)
            chunk.append(Unit(e, stems[e.key]))
            room -= 1
            remaining -= 1
            if not room:
                yield chunk
                chunk = []
            continue
        first, last = 1, line_counts.get(e.key, 1)
        while first <= last:
            if not room:
                room = chunk_size(remaining, batch_size)
            take = min(room, last - first + 1)
            chunk.append(Unit(e, stems[e.key], (first, first + take)))
            first += take
            room -= take
            remaining -= take
            if not room:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def read_unit(unit: Unit, *, fmt: str, max_chars: int, force: bool, previous: dict,
              model_version: str | None, store, fs=None, cache: dict | None = None
              ) -> tuple[list["_Item"], list[dict]]:
    """Read one unit: the articles to digest, and the records of those that are done already
    (unreadable: ``error``; unchanged since the last run: ``skipped``). ``cache`` keeps the
    last .jsonl file read, for the next unit of the same file."""
    e = unit.entry
    t = time.perf_counter()
    records: list[dict] = []
    try:
        if unit.lines is None or cache is None:
            articles = read_articles(e.path, max_chars=max_chars, id=e.key, fs=fs,
                                     lines=unit.lines)
        else:
            if cache.get("key") != e.key:
                cache.clear()
                cache["articles"] = read_articles(e.path, max_chars=max_chars, id=e.key, fs=fs)
                cache["key"] = e.key
            first, stop = unit.lines
            articles = [a for line, a in _numbered(cache["articles"], e.key)
                        if line is not None and first <= line < stop]
    except InputError as err:
        sha = _sha256_file(e.path) if fs is None else None
        return [], [make_record(e.key, "error", model_version, error=_one_line(err, e.key),
                                sha256=sha, seconds=time.perf_counter() - t)]
    items: list[_Item] = []
    for line, art in _numbered(articles, e.key):
        key = e.key if line is None else f"{e.key}#{line}"
        if isinstance(art, InputError):
            records.append(make_record(key, "error", model_version, error=_one_line(art, key)))
            continue
        output = _output_rel(unit.stem, line, fmt)
        prev = previous.get(key)
        if not force and unchanged(prev, art.sha256, model_version, output, store):
            records.append(make_record(key, "skipped", model_version, output=output,
                                       sha256=art.sha256, seconds=time.perf_counter() - t,
                                       warnings=list(prev.get("warnings") or [])))
            continue
        items.append(_Item(key, art, output))
    return items, records


@dataclass
class _Item:
    key: str
    article: Article
    output: str


def make_record(key: str, status: str, model_version: str | None, *, error: str | None = None,
                output: str | None = None, sha256: str | None = None, seconds: float = 0.0,
                warnings: list | None = None) -> dict:
    """One manifest record (see docs/batch.md for the fields)."""
    return {"input": key, "status": status, "error": error, "output": output, "sha256": sha256,
            "seconds": round(seconds, 4), "warnings": list(warnings or []),
            "model_version": None if status == "ignored" else model_version}


def unchanged(prev: dict | None, sha256: str, model_version: str | None, output: str,
              store) -> bool:
    """Whether an earlier record lets this article be skipped: same bytes, same model, and
    its output is still there."""
    return bool(prev and prev.get("status") in ("ok", "skipped") and prev.get("sha256") == sha256
                and model_version is not None and prev.get("model_version") == model_version
                and prev.get("output") == output and store.is_file(output))


def store_outcome(store, item: _Item, outcome: tuple, model_version: str | None) -> dict:
    """Write an ok outcome's output into ``store``; return the article's manifest record."""
    status, payload, warnings, seconds = outcome
    if status == "ok":
        try:
            store.write_atomic(item.output, payload.encode("utf-8"))
        except (OSError, NewsdigestError) as e:
            status, payload = "error", f"cannot write output: {_one_line(e)}"
    if status == "ok":
        return make_record(item.key, "ok", model_version, output=item.output,
                           sha256=item.article.sha256, seconds=seconds, warnings=warnings)
    return make_record(item.key, "error", model_version, error=payload,
                       sha256=item.article.sha256, seconds=seconds)


class _Run:
    """One run's bookkeeping: the manifest (.partial while running), the records, the bar.

    The executors (serial, process pool, Dask) only decide where articles are digested; they
    hand every record to :meth:`add` and the run does the rest.
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
        self.stems = _output_names(entries)
        self.records: dict[str, dict] = {}
        self.model_version: str | None = None
        self.summary = RunSummary(store.label if not store.local else Path(store.label))
        self.complete = False
        self.previous: dict[str, dict] = {}
        self._counts: dict[str, int] = {}
        self._bar = None
        self._partial = None

    # -- lifecycle

    def execute_serial(self, factory) -> None:
        # The digester is built before the manifest is touched: a model that fails to load
        # must not rewrite what earlier runs recorded.
        digester = factory()
        warm_up(digester)
        self.model_version = _model_version(digester)
        self.start()
        try:
            for chunk in self._chunks():
                for item, outcome in zip(chunk, _digest_chunk(digester, chunk, self.fmt,
                                                              self.batch_size)):
                    self._finish(item, outcome)
            self.complete = True
        except KeyboardInterrupt:
            self.summary.interrupted = True
        finally:
            self.close()
        if self.summary.interrupted:
            raise RunInterrupted(self.summary)

    def execute_parallel(self, factory, jobs: int) -> None:
        pool = _Pool(factory, jobs)
        try:
            self.model_version = pool.model_version()
        except BaseException:
            pool.close()
            raise
        self.start()
        try:
            # Each entry: [chunk, future or None, suspect]. Chunks in flight when a worker died
            # (out of memory, a crash) become suspects and then run alone, one at a time, on a
            # fresh pool: the one that breaks a pool by itself is recorded as an error.
            window: deque = deque()
            chunks = self._chunks()
            exhausted = False
            while True:
                careful = any(w[2] for w in window)
                while not careful and not exhausted and len(window) < 2 * jobs:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                    else:
                        window.append([chunk, pool.submit(chunk, self.fmt, self.batch_size), False])
                if not window:
                    break
                head = window[0]
                if head[1] is None:
                    head[1] = pool.submit(head[0], self.fmt, self.batch_size)
                try:
                    outcomes = head[1].result()
                except BrokenProcessPool:
                    pool.close()
                    pool = _Pool(factory, jobs)
                    if head[2]:
                        window.popleft()
                        msg = ("a worker process died while digesting this article" if len(head[0]) == 1
                               else f"a worker process died on one of the {len(head[0])} articles "
                                    "of this chunk; --batch-size 1 tells which")
                        for item in head[0]:
                            self._finish(item, ("error", msg, [], 0.0))
                    for w in window:
                        if w[1] is not None and not _succeeded(w[1]):
                            w[1], w[2] = None, True
                    continue
                window.popleft()
                for item, outcome in zip(head[0], outcomes):
                    self._finish(item, outcome)
            self.complete = True
        except KeyboardInterrupt:
            self.summary.interrupted = True
        finally:
            pool.close()
            self.close()
        if self.summary.interrupted:
            raise RunInterrupted(self.summary)

    def start(self, total: int | None = None) -> None:
        """Fold a killed run's records into the manifest, open the .partial, record the ignored
        inputs and show the bar (``total`` articles; default one per file, grown per .jsonl)."""
        self.t0 = time.perf_counter()
        self.previous = _load_manifest(self.store)
        if self.store.exists(PARTIAL):
            # A killed run left records behind: fold them into the manifest before going on.
            _write_manifest(self.store, sorted(self.previous.values(), key=lambda r: r["input"]))
            self.store.remove(PARTIAL)
        self._partial = self.store.open_write(PARTIAL)
        for e in self.entries:
            if e.reason is not None:
                self.record(e.key, "ignored", error=e.reason)
        if total is None:
            self._counts, total = self.line_counts()
        self._bar = _progress_bar(total, self.progress)

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
        _write_manifest(self.store, ordered)
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

    def _chunks(self) -> Iterator[list[_Item]]:
        counts = self._counts
        cache: dict = {}
        for units in plan_chunks(self.entries, counts, self.stems, self.batch_size):
            chunk: list[_Item] = []
            for unit in units:
                items, records = read_unit(unit, fmt=self.fmt, max_chars=self.max_chars,
                                           force=self.force, previous=self.previous,
                                           model_version=self.model_version,
                                           store=self.store, cache=cache)
                for rec in records:
                    self.add(rec)
                    self.tick()
                chunk.extend(items)
            if chunk:
                yield chunk

    # -- results

    def _finish(self, item: _Item, outcome: tuple) -> None:
        self.add(store_outcome(self.store, item, outcome, self.model_version))
        self.tick()

    def record(self, key: str, status: str, **fields) -> None:
        self.add(make_record(key, status, self.model_version, **fields))

    def add(self, rec: dict) -> None:
        """Keep one record (the last for its input) and append it to the .partial at once."""
        self.records[rec["input"]] = rec
        self._partial.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self._partial.flush()

    def tick(self, n: int = 1) -> None:
        if self._bar is not None and n:
            self._bar.update(n)


def _numbered(articles: list, key: str):
    """Pair each article with its .jsonl line number (None for a one-article file)."""
    for art in articles:
        ident = getattr(art, "id", key)
        if ident.startswith(key + "#"):
            yield int(ident.rsplit("#", 1)[1]), art
        else:
            yield None, art


# -------------------------------------------------------------------------- digesting chunks

def _model_version(digester) -> str | None:
    fn = getattr(digester, "model_version", None)
    return str(fn()) if callable(fn) else None


def _digest_chunk(digester, chunk: list[_Item], fmt: str, batch_size: int) -> Iterator[tuple]:
    """Yield one outcome per item, in order: ``("ok", rendered, warnings, seconds)`` or
    ``("error", message, [], seconds)``. If ``digest_many`` itself breaks or comes up short,
    the rest of the chunk is digested one article at a time, so no item loses its place.
    A missing model fails every article alike, so it stops the run instead.

    ``seconds``: ``digest_many`` digests ``batch_size`` articles together, so each article gets
    the share of its batch's wall time that its length (in characters) is of the batch's, plus
    the time to render its own output.
    """
    requests = [{"text": it.article.text, "title": it.article.title, "path": it.key}
                for it in chunk]
    done = 0
    pending: list[tuple] = []
    t = time.perf_counter()
    try:
        for result in digester.digest_many(requests, batch_size=batch_size):
            if done >= len(chunk):
                break
            if isinstance(result, ModelNotFoundError):
                raise result
            pending.append((chunk[done], result))
            done += 1
            if len(pending) == batch_size or done == len(chunk):
                yield from _shared_outcomes(pending, fmt, time.perf_counter() - t)
                pending = []
                t = time.perf_counter()
    except ModelNotFoundError:
        raise
    except KeyboardInterrupt:
        # Articles finished before Ctrl-C keep their outputs.
        yield from _shared_outcomes(pending, fmt, time.perf_counter() - t)
        raise
    except Exception:  # noqa: BLE001 - the items left are retried one by one below
        pass
    if pending:
        yield from _shared_outcomes(pending, fmt, time.perf_counter() - t)
    for item, req in zip(chunk[done:], requests[done:]):
        t = time.perf_counter()
        try:
            result = digester.digest(req["text"], title=req["title"], path=req["path"])
        except ModelNotFoundError:
            raise
        except Exception as e:  # noqa: BLE001 - recorded as this article's error
            result = e
        yield _outcome(item, result, fmt, time.perf_counter() - t)


def _shared_outcomes(pending: list[tuple], fmt: str, seconds: float) -> Iterator[tuple]:
    total = sum(len(item.article.text) for item, _ in pending) or 1
    for item, result in pending:
        t = time.perf_counter()
        outcome = _outcome(item, result, fmt, 0.0)
        share = seconds * len(item.article.text) / total
        yield outcome[:3] + (share + time.perf_counter() - t,)


def _outcome(item: _Item, result, fmt: str, seconds: float) -> tuple:
    if isinstance(result, BaseException):
        return ("error", _one_line(result), [], seconds)
    try:
        if item.article.warnings:
            result.warnings = list(item.article.warnings) + list(result.warnings)
        warnings = [str(w) for w in result.warnings]
        if fmt == "dict":
            rendered = result.to_dict()
        else:
            rendered = result.to_json() + "\n" if fmt == "json" else result.to_markdown()
    except Exception as e:  # noqa: BLE001 - a rendering bug fails this article only
        return ("error", f"cannot write {fmt}: {_one_line(e)}", [], seconds)
    return ("ok", rendered, warnings, seconds)


def _one_line(exc: BaseException, key: str | None = None) -> str:
    msg = " ".join(str(exc).split())
    if key and msg.startswith(key + ": "):
        msg = msg[len(key) + 2:]
    if not isinstance(exc, NewsdigestError):
        msg = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return msg[:500] + ("…" if len(msg) > 500 else "")


# ------------------------------------------------------------------------------ worker pool

def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


_WORKER: dict = {}


def _init_worker(factory, threads: int) -> None:
    import signal

    # Ctrl-C is the parent's to handle: it stops the pool and keeps the manifest consistent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # N workers each running torch on every core would fight over them; torch is imported
    # later (on first use), so this still takes effect. A value the user set wins.
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    try:
        _WORKER["digester"] = digester = factory()
        warm_up(digester)
    except BaseException as e:  # noqa: BLE001 - re-raised in the parent by each task
        _WORKER["error"] = e


def _worker_digester():
    if "error" in _WORKER:
        raise _WORKER["error"]
    return _WORKER["digester"]


def _worker_model_version() -> str | None:
    return _model_version(_worker_digester())


def _worker_digest(chunk: list[_Item], fmt: str, batch_size: int) -> list[tuple]:
    return list(_digest_chunk(_worker_digester(), chunk, fmt, batch_size))


class _Pool:
    """A spawn-context process pool whose workers each build one digester."""

    def __init__(self, factory, jobs: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        threads = max(1, (os.cpu_count() or 1) // jobs)
        self.executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_init_worker, initargs=(factory, threads))

    def model_version(self) -> str | None:
        return self.executor.submit(_worker_model_version).result()

    def submit(self, chunk, fmt, batch_size) -> Future:
        try:
            return self.executor.submit(_worker_digest, chunk, fmt, batch_size)
        except BrokenProcessPool as e:  # a worker died since the last submit
            future = Future()
            future.set_exception(e)
            return future

    def close(self) -> None:
        # shutdown() alone waits for the chunks in flight; after Ctrl-C the workers must stop now.
        for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
            if proc.is_alive():
                proc.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)


# -------------------------------------------------------------------------------- manifest

def _load_manifest(store) -> dict[str, dict]:
    """Records of earlier runs: ``manifest.jsonl`` overlaid with a killed run's ``.partial``."""
    records: dict[str, dict] = {}
    for name in (MANIFEST, PARTIAL):
        try:
            text = store.read_text(name)
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable manifest only costs a full rerun
        for line in text.splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # the last line of a killed run may be cut short
            if isinstance(rec, dict) and isinstance(rec.get("input"), str):
                records[rec["input"]] = rec
    return records


def _write_manifest(store, records: list[dict]) -> None:
    text = "".join(json.dumps({k: r.get(k) for k in _FIELDS}, ensure_ascii=False) + "\n"
                   for r in records)
    store.write_atomic(MANIFEST, text.encode("utf-8"))


def _sha256_file(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None


def _progress_bar(total: int, progress: bool | None):
    show = sys.stderr.isatty() if progress is None else progress
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True,
                desc="newsdigest")
