"""The plan of a run: which articles go together to ``digest_many``, and reading them.

A chunk is a list of :class:`Unit` (a file, or a range of lines of a .jsonl file); reading a
unit gives the :class:`Item` objects to digest and the records of those already done.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from .discovery import Entry, output_rel
from .errors import one_line
from .inputs import Article, decode_bytes, read_articles
from .manifest import make_record, sha256_file, unchanged

__all__ = ["Unit", "Item", "chunk_size", "plan_chunks", "read_unit", "count_lines", "is_jsonl",
           "numbered"]


@dataclass
class Item:
    """One article to digest: its manifest key, the article, its output path under OUT."""

    key: str
    article: Article
    output: str


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
              ) -> tuple[list[Item], list[dict]]:
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
            articles = [a for line, a in numbered(cache["articles"], e.key)
                        if line is not None and first <= line < stop]
    except InputError as err:
        sha = sha256_file(e.path) if fs is None else None
        return [], [make_record(e.key, "error", model_version, error=one_line(err, e.key),
                                sha256=sha, seconds=time.perf_counter() - t)]
    items: list[Item] = []
    for line, art in numbered(articles, e.key):
        key = e.key if line is None else f"{e.key}#{line}"
        if isinstance(art, InputError):
            records.append(make_record(key, "error", model_version, error=one_line(art, key)))
            continue
        output = output_rel(unit.stem, line, fmt)
        prev = previous.get(key)
        if not force and unchanged(prev, art.sha256, model_version, output, store):
            records.append(make_record(key, "skipped", model_version, output=output,
                                       sha256=art.sha256, seconds=time.perf_counter() - t,
                                       warnings=list(prev.get("warnings") or [])))
            continue
        items.append(Item(key, art, output))
    return items, records


def numbered(articles: list, key: str):
    """Pair each article with its .jsonl line number (None for a one-article file)."""
    for art in articles:
        ident = getattr(art, "id", key)
        if ident.startswith(key + "#"):
            yield int(ident.rsplit("#", 1)[1]), art
        else:
            yield None, art
