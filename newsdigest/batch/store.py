"""Where a folder run writes: a local folder, or any fsspec URL (``s3://bucket/digests``).

A store writes outputs whole (a temporary file renamed into place on a local disk; one object
PUT on an object store, which is atomic by itself), reads and writes the manifest, and never
lets an output land outside its root.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from ..errors import NewsdigestError

__all__ = ["LocalStore", "FsspecStore", "open_store", "is_local_url"]


class LocalStore:
    """OUT on the local disk: atomic writes with fsync, no output through a symlink outside OUT."""

    local = True

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.label = str(root)

    def prepare(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            from .errors import UsageError

            raise UsageError(f"--out {self.root} exists and is not a folder")
        self.root.mkdir(parents=True, exist_ok=True)
        self._resolved = self.root.resolve()

    def resolved(self) -> Path:
        if getattr(self, "_resolved", None) is None:
            self._resolved = self.root.resolve()
        return self._resolved

    def write_atomic(self, rel: str, data: bytes) -> None:
        path = self.root / rel
        if not path.resolve().is_relative_to(self.resolved()):
            raise NewsdigestError(f"output path {rel} would land outside {self.label}")
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, data)

    def is_file(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def exists(self, name: str) -> bool:
        return (self.root / name).exists()

    def remove(self, name: str) -> None:
        (self.root / name).unlink(missing_ok=True)

    def read_text(self, name: str) -> str:
        """The file's text; FileNotFoundError when it is not there."""
        return (self.root / name).read_text(encoding="utf-8")

    def open_write(self, name: str):
        return open(self.root / name, "w", encoding="utf-8")


class FsspecStore:
    """OUT on any fsspec filesystem (object stores, memory://, ...)."""

    local = False

    def __init__(self, fs, root: str, label: str) -> None:
        self.fs = fs
        self.root = root.rstrip("/")
        self.label = label

    def _path(self, rel: str) -> str:
        parts = PurePosixPath(rel).parts
        if PurePosixPath(rel).is_absolute() or ".." in parts:
            raise NewsdigestError(f"output path {rel} would land outside {self.label}")
        return f"{self.root}/{rel}"

    def prepare(self) -> None:
        if self.fs.isfile(self.root):
            from .errors import UsageError

            raise UsageError(f"--out {self.label} exists and is not a folder")
        self.fs.makedirs(self.root, exist_ok=True)

    def write_atomic(self, rel: str, data: bytes) -> None:
        path = self._path(rel)
        self.fs.makedirs(path.rpartition("/")[0], exist_ok=True)
        self.fs.pipe_file(path, data)

    def is_file(self, rel: str) -> bool:
        return self.fs.isfile(self._path(rel))

    def exists(self, name: str) -> bool:
        return self.fs.exists(self._path(name))

    def remove(self, name: str) -> None:
        if self.fs.exists(self._path(name)):
            self.fs.rm_file(self._path(name))

    def read_text(self, name: str) -> str:
        return self.fs.cat_file(self._path(name)).decode("utf-8")

    def open_write(self, name: str):
        return self.fs.open(self._path(name), "w", encoding="utf-8")


def is_local_url(url: str | Path) -> bool:
    """True for a plain path or a ``file://`` URL (what fsspec reads with its local filesystem)."""
    if isinstance(url, Path):
        return True
    import fsspec
    from fsspec.implementations.local import LocalFileSystem

    fs, _ = fsspec.core.url_to_fs(str(url))
    return isinstance(fs, LocalFileSystem)


def open_store(out: str | Path):
    """A :class:`LocalStore` for a path or ``file://`` URL, else an :class:`FsspecStore`."""
    if isinstance(out, Path):
        return LocalStore(out)
    import fsspec
    from fsspec.implementations.local import LocalFileSystem

    fs, path = fsspec.core.url_to_fs(str(out))
    if isinstance(fs, LocalFileSystem):
        return LocalStore(Path(path))
    return FsspecStore(fs, path, str(out))


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
