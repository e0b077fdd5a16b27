"""Find and load a transformers seq2seq checkpoint (translation or summarization), offline first.

The only module of this package that imports torch or transformers, and only inside functions.
Weights are read from safetensors only; remote code is never run.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import ModelNotFoundError

_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")
_GET_ONE = ("run `newsdigest models pull {name}` where there is network, or pass a local "
            "transformers model directory instead: {where}")
# Where a model directory goes, by what the model is for (the message names the caller's own option).
_WHERE = {"translation": "--model DIR (newsdigest translate), --mt-model DIR (newsdigest summarize) or "
                         "Digester(mt_model=DIR)",
          "summary": "--summary-model DIR (newsdigest summarize) or Digester(summary_model=DIR)"}
# Above this, a tokenizer's model_max_length is transformers' "no limit" placeholder.
_NO_LIMIT = 100_000


def resolve_model_dir(model: str | os.PathLike, download: bool = False, task: str = "translation") -> Path:
    """A local checkpoint directory for a directory path or a hub id; no network unless `download`.
    ``task`` ("translation" or "summary") picks the option the error message names."""
    where = _WHERE.get(task, _WHERE["translation"])
    name = os.fspath(model)
    path = Path(name).expanduser()
    if path.is_dir():
        return check_model_dir(path)
    looks_like_path = path.exists() or name.startswith((".", "/", "~")) or not _HUB_ID.match(name)
    if looks_like_path:
        raise ModelNotFoundError(
            f"no model directory at {name!r}: expected a transformers checkpoint folder "
            f"(config.json, tokenizer files, *.safetensors); {_GET_ONE.format(name='Helsinki-NLP/opus-mt-hi-en', where=where)}")
    from ..encode.base import hub_snapshot

    try:
        snapshot = hub_snapshot(name, download=False)
    except ModelNotFoundError:
        if not download:
            raise ModelNotFoundError(
                f"model {name!r} is not in the local Hugging Face cache and downloads are off; "
                + _GET_ONE.format(name=name, where=where)) from None
        from .registry import pull

        snapshot = pull(name)
    return check_model_dir(snapshot)


def check_model_dir(path: Path) -> Path:
    if not (path / "config.json").is_file():
        raise ModelNotFoundError(f"{path} has no config.json: expected a transformers checkpoint folder")
    if not any(path.glob("*.safetensors")):
        raise ModelNotFoundError(
            f"{path} has no *.safetensors weights; newsdigest never loads pickled weights "
            f"(pytorch_model.bin). Convert the checkpoint to safetensors and pass that folder")
    return path


def load_seq2seq(path: Path, device: str = "cpu") -> tuple[Any, Any]:
    """(model, tokenizer) from a checkpoint folder, in eval mode on `device`."""
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    try:
        config = AutoConfig.from_pretrained(path, local_files_only=True, trust_remote_code=False)
    except (ValueError, KeyError, OSError) as exc:
        raise ModelNotFoundError(
            f"{path}: cannot read config.json as a transformers model ({_first_line(exc)}); models that "
            f"need remote code (IndicTrans2) are not supported, see models/README.md") from exc
    if not getattr(config, "is_encoder_decoder", False):
        raise ModelNotFoundError(
            f"{path}: model_type {config.model_type!r} is not an encoder-decoder (seq2seq) model")
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # a per-load progress bar is noise on a CLI's stderr
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True, trust_remote_code=False)
        model = AutoModelForSeq2SeqLM.from_pretrained(
            path, config=config, local_files_only=True, trust_remote_code=False, use_safetensors=True)
    except (ValueError, KeyError, OSError) as exc:
        raise ModelNotFoundError(f"{path}: cannot load the {config.model_type} checkpoint "
                                 f"({_first_line(exc)})") from exc
    finally:
        if bars:
            hf_logging.enable_progress_bar()
    model.to(device)
    model.eval()
    return model, tokenizer


def max_source_tokens(tokenizer: Any, config: Any, default: int = 512) -> int:
    """Longest input, special tokens included, that both the tokenizer and the model accept."""
    limits = [n for n in (getattr(tokenizer, "model_max_length", None),
                          getattr(config, "max_position_embeddings", None),
                          getattr(config, "n_positions", None))
              if isinstance(n, int) and 0 < n < _NO_LIMIT]
    return min(limits) if limits else default


def max_target_tokens(config: Any, default: int = 512) -> int:
    """Longest output the decoder's position table allows (relative positions: `default`)."""
    n = getattr(config, "max_position_embeddings", None) or getattr(config, "n_positions", None)
    return n if isinstance(n, int) and 0 < n < _NO_LIMIT else default


def generate(model: Any, tokenizer: Any, texts: list[str], max_new_tokens: int,
             **kwargs: Any) -> list[tuple[str, bool]]:
    """Decoded outputs for a batch, each with True where generation stopped at max_new_tokens."""
    import torch

    batch = tokenizer(texts, return_tensors="pt", padding=True, truncation=False)
    batch = {k: v.to(model.device) for k, v in batch.items()}
    with torch.inference_mode():
        out = model.generate(**batch, max_new_tokens=max_new_tokens, **kwargs)
    eos = model.generation_config.eos_token_id
    eos_ids = set(eos if isinstance(eos, list) else [eos]) if eos is not None else set()
    # Not every tokenizer marks its language tokens special (M2M100's in transformers 5 may not):
    # the forced target-language token is dropped by id before decoding.
    forced = kwargs.get("forced_bos_token_id")
    rows = [row[1:] for row in out.tolist()]  # the decoder start token is not generated
    texts = tokenizer.batch_decode([[t for t in row if t != forced] for row in rows],
                                   skip_special_tokens=True, clean_up_tokenization_spaces=False)
    results = []
    for row, text in zip(rows, texts):
        stopped = any(t in eos_ids for t in row)
        results.append((text.strip(), not stopped and len(row) >= max_new_tokens))
    return results


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
