"""What a folder run raises besides the library's own errors, and how it words any error
in one manifest line."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import NewsdigestError

if TYPE_CHECKING:
    from .runner import RunSummary

__all__ = ["UsageError", "RunInterrupted", "one_line"]


class UsageError(NewsdigestError, ValueError):
    """The run was asked for something impossible (missing input, bad option); exit code 2."""


class RunInterrupted(KeyboardInterrupt):
    """Raised by :func:`~newsdigest.batch.run_folder` after Ctrl-C, once the manifest is
    consistent again."""

    def __init__(self, summary: "RunSummary") -> None:
        super().__init__("interrupted")
        self.summary = summary


def one_line(exc: BaseException, key: str | None = None) -> str:
    """``exc`` as one line of at most 500 characters, for the manifest's ``error``; the type
    name is added for errors that are not the library's own, a leading ``key: `` dropped."""
    msg = " ".join(str(exc).split())
    if key and msg.startswith(key + ": "):
        msg = msg[len(key) + 2:]
    if not isinstance(exc, NewsdigestError):
        msg = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return msg[:500] + ("…" if len(msg) > 500 else "")
