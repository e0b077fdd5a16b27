"""Digest many articles: read files, run folders with a manifest, spread work over processes.

Importing this package is cheap (no torch, no dask); the digester is built on demand.

Where things are: ``inputs`` reads one file into articles; ``discovery`` finds the files of a
run and names their outputs; ``chunks`` plans which articles go together and reads them;
``digesting`` runs ``digest_many`` on a chunk; ``manifest`` writes the records and decides
what a rerun skips; ``progress`` is the bar; ``runner`` has :func:`run_folder` and the run's
bookkeeping; ``pool`` (``--jobs``) and ``distributed`` (``--dask``) digest the chunks
elsewhere; ``store`` is where outputs go; ``cli`` is ``newsdigest summarize``.
"""
from .inputs import Article, read_article, read_articles
from .runner import RunInterrupted, RunSummary, UsageError, run_folder

__all__ = ["Article", "read_article", "read_articles", "run_folder", "RunSummary",
           "RunInterrupted", "UsageError", "run_folder_dask", "digest_with_dask"]


def __getattr__(name):
    if name in ("run_folder_dask", "digest_with_dask"):
        from . import distributed

        return getattr(distributed, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
