"""Which files a folder run reads, under which keys, and the output path each one gets.

:func:`discover` walks local folders; :func:`discover_urls` also takes fsspec URLs (for a Dask
run). Keys are relative POSIX paths: the manifest's ``input``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable

from .errors import UsageError
from .inputs import SUPPORTED_SUFFIXES

__all__ = ["Entry", "discover", "discover_urls", "FORMATS", "output_names", "output_rel"]

FORMATS = {"json": ".json", "md": ".md"}


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


# ---------------------------------------------------------------------------- fsspec URLs

def discover_urls(inputs: Iterable[str | Path], out: str | Path | None = None):
    """:func:`discover` for paths or fsspec URLs.

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


# ------------------------------------------------------------------------------ outputs

def output_names(entries: list[Entry]) -> dict[str, str]:
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


def output_rel(stem: str, line: int | None, fmt: str) -> str:
    return (f"{stem}#{line}" if line is not None else stem) + FORMATS[fmt]
