"""Digest files on a Dask cluster (or local processes): one digester per partition.

Needs ``pip install "dask[bag]"`` (and ``distributed`` for a cluster). See docs/batch.md.
"""
from __future__ import annotations

import functools
import os
import time
from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError
from .inputs import DEFAULT_MAX_CHARS, read_articles
from .runner import (Entry, _digest_chunk, _Item, _model_version, _numbered, _one_line,
                     _sha256_file, default_digester_factory, discover)

__all__ = ["digest_with_dask"]


def digest_with_dask(paths: Iterable[str | Path], digester_factory: Callable[[], object] | None = None,
                     *, npartitions: int | None = None, scheduler=None,
                     max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = 32) -> list[dict]:
    """Digest every supported file under ``paths`` with Dask; return one dict per input.

    Files are listed like :func:`~newsdigest.batch.run_folder` does, split into
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
