"""The progress bar of a folder run: one step per article, with its rate and ETA, on stderr."""
from __future__ import annotations

import sys

__all__ = ["wanted", "Progress"]


def wanted(progress: bool | None) -> bool:
    """Whether to show the bar: as ``progress`` says, or (None) when stderr is a terminal."""
    return sys.stderr.isatty() if progress is None else bool(progress)


class Progress:
    """A tqdm bar of ``total`` articles (none when ``show`` is false or tqdm is missing)."""

    def __init__(self, total: int, show: bool) -> None:
        self._bar = _tqdm(total) if show else None

    def advance(self, key: str) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _tqdm(total: int):
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True,
                desc="newsdigest")
