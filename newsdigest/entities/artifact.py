"""The shipped NER artifact: fine-tuned encoder layers stored as int8, never the word embeddings.

Layout of a model directory::

    ner.safetensors   int8 weight matrices (per-row scales) + fp32 small tensors
    ner.json          labels, base model, how the weights were stored, metrics
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

WEIGHTS = "ner.safetensors"
CONFIG = "ner.json"
_SKIP = ("embeddings.word_embeddings.weight",)


def quantize_rows(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-row int8: w ~= q * scale[:, None]."""
    scale = np.abs(w).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(w / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def save_ner(state: dict, out_dir: str | Path, meta: dict) -> Path:
    """Store every tensor but the word embeddings; 2-D encoder weights as int8."""
    from safetensors.numpy import save_file

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tensors = {}
    for name, t in sorted(state.items()):
        if name.endswith(_SKIP) or "pooler" in name:
            continue
        arr = t.detach().cpu().float().numpy() if hasattr(t, "detach") else np.asarray(t, np.float32)
        if arr.ndim == 2 and ".encoder.layer." in f".{name}":
            q, s = quantize_rows(arr)
            tensors[name + ".int8"] = q
            tensors[name + ".scale"] = s
        else:
            tensors[name] = np.ascontiguousarray(arr, dtype=np.float32)
    save_file(tensors, str(out / WEIGHTS), metadata={"format": "newsdigest-ner-int8", "version": "1"})
    write_meta(out, meta)
    return out


def write_meta(out_dir: str | Path, meta: dict) -> None:
    """Write ner.json (sorted keys, so the same settings give the same bytes)."""
    (Path(out_dir) / CONFIG).write_text(json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                                        encoding="utf-8")


def load_ner_state(model_dir: str | Path) -> tuple[dict, dict]:
    """Return (state dict of fp32 numpy arrays, meta) from a saved NER directory."""
    from safetensors.numpy import load_file

    d = Path(model_dir)
    raw = load_file(str(d / WEIGHTS))
    meta = json.loads((d / CONFIG).read_text(encoding="utf-8"))
    state = {}
    for name, arr in raw.items():
        if name.endswith(".scale"):
            continue
        if name.endswith(".int8"):
            base = name[: -len(".int8")]
            state[base] = arr.astype(np.float32) * raw[base + ".scale"][:, None]
        else:
            state[name] = arr
    return state, meta
