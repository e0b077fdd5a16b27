"""Typed errors: each subclasses a built-in and says what was wrong and how to fix it."""


class NewsdigestError(Exception):
    """Base class of every error newsdigest raises on purpose."""


class ModelNotFoundError(NewsdigestError, FileNotFoundError):
    """A model id or path could not be found or loaded offline."""


class InputError(NewsdigestError, ValueError):
    """An article cannot be digested (empty, binary, wrong encoding, too long)."""


class ConfigError(NewsdigestError, ValueError):
    """A Digester configuration that cannot be built: an unknown setting or stage, a wrong type."""
