"""Where the project's own trained models are: one rule for every component.

``NEWSDIGEST_MODELS`` names a folder that replaces the shipped models as a whole; otherwise the models
that ship with the package are used (the repository's ``models/`` folder, installed into wheels as the
package data ``newsdigest/_models``, so ``pip install`` from a wheel or a git URL works from any folder).
A component that is given an explicit folder (``Digester(ner_model=...)``) uses that folder instead.
"""
from __future__ import annotations

import os
from pathlib import Path

ENV_MODELS = "NEWSDIGEST_MODELS"
_REPO_MODELS = Path(__file__).resolve().parents[1] / "models"
_PACKAGED = Path(__file__).resolve().parent / "_models"


def models_root() -> Path:
    """``$NEWSDIGEST_MODELS``, else the models installed with the package, else the repository's."""
    env = os.environ.get(ENV_MODELS)
    if env:
        return Path(env)
    return _PACKAGED if _PACKAGED.is_dir() else _REPO_MODELS


def model_dir(name: str, explicit: str | os.PathLike | None = None) -> Path:
    """The folder of project model ``name`` (ner-hi-en, translit, sentence-scorer)."""
    return Path(explicit) if explicit else models_root() / name
