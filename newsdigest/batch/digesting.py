"""Digesting a chunk: ``digest_many`` on its articles, one outcome per article, in order.

The same code runs in every executor (in-process, a pool worker, a Dask worker); only where the
outcomes go differs. An outcome is ``("ok", rendered, warnings, seconds)`` or
``("error", message, [], seconds)``.
"""
from __future__ import annotations

import logging
import time
from typing import Callable, Iterator

from ..errors import ModelNotFoundError, NewsdigestError
from .chunks import Item
from .errors import one_line

__all__ = ["default_digester_factory", "warm_up", "model_version", "digest_chunk"]

logger = logging.getLogger(__name__)


def default_digester_factory(**options):
    """Build ``newsdigest.Digester(**options)``; imported here so that importing is cheap."""
    try:
        from newsdigest import Digester
    except ImportError:
        try:
            from newsdigest.pipeline import Digester
        except ImportError as e:
            raise NewsdigestError(f"newsdigest.Digester is not available ({e})") from None
    return Digester(**options)


# One English and one Hindi sentence: enough to load every model a digest of either needs.
_WARM_UP_TEXTS = ("The minister visited Delhi on Monday.",
                  "प्रधानमंत्री ने सोमवार को दिल्ली का दौरा किया।")


def warm_up(digester) -> None:
    """Load the digester's models now, so that no article's ``seconds`` pays for them.

    Calls ``digester.warm_up()`` when it has one; a ``newsdigest.Digester`` (which loads its
    models on first use) digests two short sentences; other digesters are left alone.
    """
    fn = getattr(digester, "warm_up", None)
    if callable(fn):
        fn()
        return
    if type(digester).__module__.startswith("newsdigest."):
        for text in _WARM_UP_TEXTS:
            try:
                digester.digest(text)
            except ModelNotFoundError:
                raise
            except Exception as e:  # noqa: BLE001 - a real article will report the same problem
                logger.warning("warming up the digester failed (%s); the articles that need "
                               "the same model will fail with it", one_line(e))


def model_version(digester) -> str | None:
    fn = getattr(digester, "model_version", None)
    return str(fn()) if callable(fn) else None


def digest_chunk(digester, chunk: list[Item], fmt: str, batch_size: int,
                 report: Callable[[int], None] | None = None) -> Iterator[tuple]:
    """Yield one outcome per item, in order: ``("ok", rendered, warnings, seconds)`` or
    ``("error", message, [], seconds)``. If ``digest_many`` itself breaks or comes up short,
    the rest of the chunk is digested one article at a time, so no item loses its place.
    A missing model fails every article alike, so it stops the run instead.

    ``report(i)`` is called as soon as the digester is done with ``chunk[i]``, before its
    batch's outcomes are yielded: that is what moves the progress bar per article.

    ``seconds``: ``digest_many`` digests ``batch_size`` articles together, so each article gets
    the share of its batch's wall time that its length (in characters) is of the batch's, plus
    the time to render its own output.
    """
    requests = [{"text": it.article.text, "title": it.article.title, "path": it.key}
                for it in chunk]
    done = 0
    pending: list[tuple] = []
    t = time.perf_counter()
    try:
        for result in digester.digest_many(requests, batch_size=batch_size):
            if done >= len(chunk):
                break
            if isinstance(result, ModelNotFoundError):
                raise result
            pending.append((chunk[done], result))
            _tell(report, done)
            done += 1
            if len(pending) == batch_size or done == len(chunk):
                yield from _shared_outcomes(pending, fmt, time.perf_counter() - t)
                pending = []
                t = time.perf_counter()
    except ModelNotFoundError:
        raise
    except KeyboardInterrupt:
        # Articles finished before Ctrl-C keep their outputs.
        yield from _shared_outcomes(pending, fmt, time.perf_counter() - t)
        raise
    except Exception as e:  # noqa: BLE001 - the items left are retried one by one below
        logger.warning("digest_many failed after %d of %d articles (%s); digesting the rest "
                       "of the chunk one article at a time", done, len(chunk), one_line(e))
    if pending:
        yield from _shared_outcomes(pending, fmt, time.perf_counter() - t)
    for i in range(done, len(chunk)):
        item, req = chunk[i], requests[i]
        t = time.perf_counter()
        try:
            result = digester.digest(req["text"], title=req["title"], path=req["path"])
        except ModelNotFoundError:
            raise
        except Exception as e:  # noqa: BLE001 - recorded as this article's error
            result = e
        seconds = time.perf_counter() - t
        _tell(report, i)
        yield _outcome(item, result, fmt, seconds)


def _tell(report: Callable[[int], None] | None, i: int) -> None:
    if report is None:
        return
    try:
        report(i)
    except Exception as e:  # noqa: BLE001 - the bar must never cost an article its digest
        logger.debug("progress report failed: %s", one_line(e))


def _shared_outcomes(pending: list[tuple], fmt: str, seconds: float) -> Iterator[tuple]:
    total = sum(len(item.article.text) for item, _ in pending) or 1
    for item, result in pending:
        t = time.perf_counter()
        outcome = _outcome(item, result, fmt, 0.0)
        share = seconds * len(item.article.text) / total
        yield outcome[:3] + (share + time.perf_counter() - t,)


def _outcome(item: Item, result, fmt: str, seconds: float) -> tuple:
    if isinstance(result, BaseException):
        return ("error", one_line(result), [], seconds)
    try:
        if item.article.warnings:
            result.warnings = list(item.article.warnings) + list(result.warnings)
        warnings = [str(w) for w in result.warnings]
        if fmt == "dict":
            rendered = result.to_dict()
        else:
            rendered = result.to_json() + "\n" if fmt == "json" else result.to_markdown()
    except Exception as e:  # noqa: BLE001 - a rendering bug fails this article only
        return ("error", f"cannot write {fmt}: {one_line(e)}", [], seconds)
    return ("ok", rendered, warnings, seconds)
