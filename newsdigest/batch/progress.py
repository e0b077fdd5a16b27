"""The progress bar of a folder run: one step per article, with its rate and ETA, on stderr.

Workers report each article as the digester is done with it (see
:func:`~newsdigest.batch.digesting.digest_chunk`), so the bar moves per article even when the
articles come back to the run a chunk at a time.
"""
from __future__ import annotations

import sys
import threading

__all__ = ["wanted", "Progress"]

# How often the bar is redrawn between articles, so that elapsed time and ETA stay current.
_REDRAW_S = 0.5


def wanted(progress: bool | None) -> bool:
    """Whether to show the bar: as ``progress`` says, or (None) when stderr is a terminal."""
    return sys.stderr.isatty() if progress is None else bool(progress)


class Progress:
    """A tqdm bar of ``total`` articles (none when ``show`` is false or tqdm is missing).

    Each key counts once, however often and from whichever thread it is reported: a worker
    reports an article when it is digested, the run again when it records it, and a chunk
    that is run again after a worker died reports its articles anew.
    """

    def __init__(self, total: int, show: bool) -> None:
        self._bar = _tqdm(total) if show else None
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._redraw = None
        if self._bar is not None:
            self._redraw = threading.Thread(target=self._keep_drawing, daemon=True,
                                            name="newsdigest-progress")
            self._redraw.start()

    def advance(self, key: str) -> None:
        if self._bar is None:
            return
        with self._lock:
            if self._bar is None or key in self._seen:
                return
            self._seen.add(key)
            self._bar.update(1)

    def close(self) -> None:
        self._closed.set()
        if self._redraw is not None and self._redraw is not threading.current_thread():
            self._redraw.join()
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None

    def _keep_drawing(self) -> None:
        # tqdm redraws only on update(): with a digester that finishes a chunk's articles
        # together, the bar would otherwise sit still (elapsed time and ETA too) between chunks,
        # and skip showing the last articles of a burst (updates within 0.1 s are not drawn).
        while not self._closed.wait(_REDRAW_S):
            with self._lock:
                if self._bar is not None:
                    self._bar.refresh()


def _tqdm(total: int):
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    # smoothing=0: the rate (and ETA) over the whole run, as articles come in bursts of a chunk;
    # miniters=1: every update is considered for drawing, however big the last burst was.
    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True,
                desc="newsdigest", smoothing=0, miniters=1)
