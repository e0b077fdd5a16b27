"""``OUT/manifest.jsonl``: one record per input, and what lets a rerun skip an article.

See docs/batch.md for the fields. While a run goes, records are appended to
``manifest.jsonl.partial``; :func:`load_manifest` reads both, so a killed run loses nothing.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from ..errors import NewsdigestError
from .errors import one_line

__all__ = ["MANIFEST", "PARTIAL", "STATUSES", "FIELDS", "make_record", "unchanged",
           "store_outcome", "load_manifest", "write_manifest", "sha256_file"]

logger = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"
PARTIAL = MANIFEST + ".partial"
STATUSES = ("ok", "error", "skipped", "ignored")
FIELDS = ("input", "status", "error", "output", "sha256", "seconds", "warnings", "model_version")


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


def store_outcome(store, item, outcome: tuple, model_version: str | None) -> dict:
    """Write an ok outcome's output into ``store``; return the article's manifest record.

    ``item``: a :class:`~newsdigest.batch.chunks.Item`; ``outcome``: what
    :func:`~newsdigest.batch.digesting.digest_chunk` yielded for it.
    """
    status, payload, warnings, seconds = outcome
    if status == "ok":
        try:
            store.write_atomic(item.output, payload.encode("utf-8"))
        except (OSError, NewsdigestError) as e:
            status, payload = "error", f"cannot write output: {one_line(e)}"
    if status == "ok":
        return make_record(item.key, "ok", model_version, output=item.output,
                           sha256=item.article.sha256, seconds=seconds, warnings=warnings)
    return make_record(item.key, "error", model_version, error=payload,
                       sha256=item.article.sha256, seconds=seconds)


def load_manifest(store) -> dict[str, dict]:
    """Records of earlier runs: ``manifest.jsonl`` overlaid with a killed run's ``.partial``."""
    records: dict[str, dict] = {}
    for name in (MANIFEST, PARTIAL):
        try:
            text = store.read_text(name)
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as e:
            # Not fatal: without the records every input is digested again.
            logger.warning("cannot read %s in %s (%s); its inputs are digested again",
                           name, store.label, e)
            continue
        for line in text.splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # the last line of a killed run may be cut short
            if isinstance(rec, dict) and isinstance(rec.get("input"), str):
                records[rec["input"]] = rec
    return records


def write_manifest(store, records: list[dict]) -> None:
    text = "".join(json.dumps({k: r.get(k) for k in FIELDS}, ensure_ascii=False) + "\n"
                   for r in records)
    store.write_atomic(MANIFEST, text.encode("utf-8"))


def sha256_file(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None
