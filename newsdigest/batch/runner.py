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

__all__ = ["run_folder", "RunSummary", "RunInterrupted", "UsageError", "discover",
           "default_digester_factory", "MANIFEST", "STATUSES"]

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

    def line(self) -> str:
        rate = self.ok / self.seconds if self.seconds > 0 else 0.0
        head = "interrupted: " if self.interrupted else ""
        return (f"{head}{self.ok} done, {self.skipped} skipped, {self.failed} failed, "
                f"{self.ignored} ignored in {self.seconds:.1f}s ({rate:.2f} articles/s)")


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

def run_folder(inputs: list[Path], out: Path, *, fmt: str = "json", force: bool = False,
               jobs: int = 1, max_chars: int = DEFAULT_MAX_CHARS,
               digester_factory: Callable[[], object] | None = None, batch_size: int = 32,
               progress: bool | None = None) -> RunSummary:
    """Digest every supported file under ``inputs`` into ``out``; return a :class:`RunSummary`.

    One output per article mirrors its relative path (``a/b.txt`` -> ``OUT/a/b.json``; line
    N of ``c.jsonl`` -> ``OUT/c#N.json``), written atomically. ``OUT/manifest.jsonl`` gets
    one record per input. Unchanged inputs whose output exists are skipped unless ``force``.
    Articles go to ``digester.digest_many`` in chunks of ``batch_size``; ``jobs > 1`` spreads
    the chunks over that many worker processes, each building one digester.

    ``progress``: a tqdm bar on stderr; None shows it only when stderr is a terminal.
    On Ctrl-C the manifest is made consistent and :class:`RunInterrupted` is raised.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    for name, value in (("jobs", jobs), ("max_chars", max_chars), ("batch_size", batch_size)):
        if not isinstance(value, int) or value < 1:
            raise UsageError(f"{name} must be a positive integer, got {value!r}")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} exists and is not a folder")
    entries = discover(inputs, out)
    factory = digester_factory or default_digester_factory
    out.mkdir(parents=True, exist_ok=True)
    run = _Run(out, entries, fmt, force, max_chars, batch_size, progress)
    if jobs == 1:
        run.execute_serial(factory)
    else:
        run.execute_parallel(factory, jobs)
    return run.summary


@dataclass
class _Item:
    key: str
    article: Article
    output: str


class _Run:
    def __init__(self, out, entries, fmt, force, max_chars, batch_size, progress):
        self.out = out
        self.out_resolved = out.resolve()
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
        self.summary = RunSummary(out)
        self.complete = False
        self._bar = None
        self._partial = None

    # -- lifecycle

    def execute_serial(self, factory) -> None:
        # The digester is built before the manifest is touched: a model that fails to load
        # must not rewrite what earlier runs recorded.
        digester = factory()
        self.model_version = _model_version(digester)
        self._start()
        try:
            for chunk in self._chunks():
                for item, outcome in zip(chunk, _digest_chunk(digester, chunk, self.fmt,
                                                              self.batch_size)):
                    self._finish(item, outcome)
            self.complete = True
        except KeyboardInterrupt:
            self.summary.interrupted = True
        finally:
            self._close()
        if self.summary.interrupted:
            raise RunInterrupted(self.summary)

    def execute_parallel(self, factory, jobs: int) -> None:
        pool = _Pool(factory, jobs)
        try:
            self.model_version = pool.model_version()
        except BaseException:
            pool.close()
            raise
        self._start()
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
            self._close()
        if self.summary.interrupted:
            raise RunInterrupted(self.summary)

    def _start(self) -> None:
        self.t0 = time.perf_counter()
        self.previous = _load_manifest(self.out)
        if (self.out / PARTIAL).exists():
            # A killed run left records behind: fold them into the manifest before going on.
            _write_manifest(self.out, sorted(self.previous.values(), key=lambda r: r["input"]))
            (self.out / PARTIAL).unlink()
        self._partial = open(self.out / PARTIAL, "w", encoding="utf-8")
        for e in self.entries:
            if e.reason is not None:
                self._record(e.key, "ignored", error=e.reason)
        self._bar = _progress_bar(sum(1 for e in self.entries if e.reason is None), self.progress)

    def _close(self) -> None:
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
        _write_manifest(self.out, ordered)
        if self._partial is not None:
            self._partial.close()
            (self.out / PARTIAL).unlink(missing_ok=True)
        self.summary.records = [r for r in ordered if r["input"] in self.records]
        self.summary.seconds = time.perf_counter() - self.t0

    def _sort_key(self, rec: dict):
        key = rec["input"]
        base, _, line = key.rpartition("#") if key not in self.order else (key, "", "")
        return (self.order.get(base, len(self.order)), int(line) if line.isdigit() else 0, key)

    # -- reading and skipping

    def _chunks(self) -> Iterator[list[_Item]]:
        chunk: list[_Item] = []
        for e in self.entries:
            if e.reason is not None:
                continue
            t = time.perf_counter()
            try:
                articles = read_articles(e.path, max_chars=self.max_chars, id=e.key)
            except InputError as err:
                self._record(e.key, "error", error=_one_line(err, e.key),
                             sha256=_sha256_file(e.path), seconds=time.perf_counter() - t)
                self._tick()
                continue
            if self._bar is not None and len(articles) > 1:
                self._bar.total += len(articles) - 1
                self._bar.refresh()
            for line, art in _numbered(articles, e.key):
                key = e.key if line is None else f"{e.key}#{line}"
                if isinstance(art, InputError):
                    self._record(key, "error", error=_one_line(art, key))
                    self._tick()
                    continue
                output = _output_rel(self.stems[e.key], line, self.fmt)
                prev = self.previous.get(key)
                if not self.force and prev and self._unchanged(prev, art, output):
                    self._record(key, "skipped", output=output, sha256=art.sha256,
                                 seconds=time.perf_counter() - t,
                                 warnings=list(prev.get("warnings") or []))
                    self._tick()
                    continue
                chunk.append(_Item(key, art, output))
                if len(chunk) >= self.batch_size:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def _unchanged(self, prev: dict, art: Article, output: str) -> bool:
        return (prev.get("status") in ("ok", "skipped") and prev.get("sha256") == art.sha256
                and self.model_version is not None
                and prev.get("model_version") == self.model_version
                and prev.get("output") == output and (self.out / output).is_file())

    # -- results

    def _finish(self, item: _Item, outcome: tuple) -> None:
        status, payload, warnings, seconds = outcome
        if status == "ok":
            try:
                _write_atomic(self._safe_path(item.output), payload.encode("utf-8"))
            except (OSError, NewsdigestError) as e:
                status, payload = "error", f"cannot write output: {_one_line(e)}"
        if status == "ok":
            self._record(item.key, "ok", output=item.output, sha256=item.article.sha256,
                         seconds=seconds, warnings=warnings)
        else:
            self._record(item.key, "error", error=payload, sha256=item.article.sha256,
                         seconds=seconds)
        self._tick()

    def _safe_path(self, rel: str) -> Path:
        path = self.out / rel
        if not path.resolve().is_relative_to(self.out_resolved):
            raise NewsdigestError(f"output path {rel} would land outside {self.out}")
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _record(self, key: str, status: str, *, error: str | None = None,
                output: str | None = None, sha256: str | None = None, seconds: float = 0.0,
                warnings: list | None = None) -> None:
        rec = {"input": key, "status": status, "error": error, "output": output,
               "sha256": sha256, "seconds": round(seconds, 4), "warnings": list(warnings or []),
               "model_version": None if status == "ignored" else self.model_version}
        self.records[key] = rec
        self._partial.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self._partial.flush()

    def _tick(self) -> None:
        if self._bar is not None:
            self._bar.update(1)


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
    A missing model fails every article alike, so it stops the run instead."""
    requests = [{"text": it.article.text, "title": it.article.title, "path": it.key}
                for it in chunk]
    done = 0
    t = time.perf_counter()
    try:
        for result in digester.digest_many(requests, batch_size=batch_size):
            if done >= len(chunk):
                break
            if isinstance(result, ModelNotFoundError):
                raise result
            now = time.perf_counter()
            yield _outcome(chunk[done], result, fmt, now - t)
            t = now
            done += 1
    except ModelNotFoundError:
        raise
    except Exception:  # noqa: BLE001 - the items left are retried one by one below
        pass
    for item, req in zip(chunk[done:], requests[done:]):
        t = time.perf_counter()
        try:
            result = digester.digest(req["text"], title=req["title"], path=req["path"])
        except ModelNotFoundError:
            raise
        except Exception as e:  # noqa: BLE001 - recorded as this article's error
            result = e
        yield _outcome(item, result, fmt, time.perf_counter() - t)


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
        _WORKER["digester"] = factory()
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

def _load_manifest(out: Path) -> dict[str, dict]:
    """Records of earlier runs: ``manifest.jsonl`` overlaid with a killed run's ``.partial``."""
    records: dict[str, dict] = {}
    for name in (MANIFEST, PARTIAL):
        try:
            with open(out / name, encoding="utf-8") as f:
                for line in f:
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        continue  # the last line of a killed run may be cut short
                    if isinstance(rec, dict) and isinstance(rec.get("input"), str):
                        records[rec["input"]] = rec
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable manifest only costs a full rerun
    return records


def _write_manifest(out: Path, records: list[dict]) -> None:
    text = "".join(json.dumps({k: r.get(k) for k in _FIELDS}, ensure_ascii=False) + "\n"
                   for r in records)
    _write_atomic(out / MANIFEST, text.encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
