"""Digest many articles: read files, run folders with a manifest, spread work over processes.

Importing this package is cheap (no torch, no dask); the digester is built on demand.
"""
from .inputs import Article, read_article, read_articles
from .runner import RunInterrupted, RunSummary, UsageError, run_folder

__all__ = ["Article", "read_article", "read_articles", "run_folder", "RunSummary",
           "RunInterrupted", "UsageError", "digest_with_dask"]


def __getattr__(name):
    if name == "digest_with_dask":
        from .distributed import digest_with_dask

        return digest_with_dask
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
