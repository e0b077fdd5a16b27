"""newsdigest: structured, bilingual (Hindi/English) digests of news articles.

    from newsdigest import Digester
    digest = Digester().digest(text)
    print(digest.to_json())

Importing newsdigest does not import torch; models load on first use.
"""
from .config import Config
from .errors import ConfigError, InputError, ModelNotFoundError, NewsdigestError
from .schema import SCHEMA_VERSION, Digest, Entity, EntitySpan, Fact, Mention, Summary

__version__ = "0.1.0"

__all__ = [
    "Config", "ConfigError", "Digester", "Digest", "Entity", "EntitySpan", "Fact", "Mention", "Summary",
    "InputError", "ModelNotFoundError", "NewsdigestError", "SCHEMA_VERSION", "__version__",
]


def __getattr__(name):
    if name == "Digester":  # keeps `import newsdigest` light: the pipeline imports numpy
        from .pipeline import Digester

        return Digester
    raise AttributeError(f"module 'newsdigest' has no attribute {name!r}")
