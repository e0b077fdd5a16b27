"""Digest many articles: read files, run folders with a manifest, spread work over processes.

Importing this package is cheap (no torch, no dask); the digester is built on demand.
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
