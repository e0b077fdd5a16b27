"""The one transformer pass: per sentence window, NER logits and a sentence embedding.

This is the only module that touches torch at run time. Inputs are word windows
(lists of words from ``tagging.word_spans``); outputs are numpy arrays, in input order.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..entities.tagging import LABELS, Encoded, encode_words
from ..errors import ModelNotFoundError
from .base import resolve_base_model

MAX_PIECES = 256  # per window, specials included; longer sentences are cut into windows at words


def default_ner_dir() -> Path:
    from ..resources import model_dir

    return model_dir("ner-hi-en")


def _quiet_load(cls, path, **kw):
    """from_pretrained without the load report and progress bar (the classifier is filled in next)."""
    from transformers.utils import logging as hf_logging

    level = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        return cls.from_pretrained(path, **kw)
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()


@dataclass
class WindowOutput:
    logits: np.ndarray  # [pieces, len(LABELS)]
    label_pos: list[int]  # piece index carrying each word's label
    pooled: np.ndarray  # [hidden] sum of content-piece states (divide by n_pieces for the mean)
    n_pieces: int


class Encoder:
    """multilingual-e5-small with the project's NER layers, loaded once, run in batches."""

    def __init__(self, base_model=None, ner_model=None, *, quantize: bool = False,
                 threads: int | None = None, download: bool = False, batch_tokens: int = 4096):
        import torch
        from transformers import AutoConfig, AutoModelForTokenClassification, AutoTokenizer

        from ..entities.artifact import load_ner_state

        ner_dir = Path(ner_model) if ner_model else default_ner_dir()
        if not (ner_dir / "ner.safetensors").is_file():
            raise ModelNotFoundError(
                f"NER model not found at {ner_dir}: expected ner.safetensors and ner.json there. "
                f"Use a clone of the repository (models/ner-hi-en ships with it), set NEWSDIGEST_MODELS, "
                f"or pass ner_model=DIR")
        base_dir = resolve_base_model(base_model, download=download)
        if threads:
            torch.set_num_threads(threads)
        self.tokenizer = AutoTokenizer.from_pretrained(str(base_dir))
        state, self.meta = load_ner_state(ner_dir)
        config = AutoConfig.from_pretrained(str(base_dir), num_labels=len(LABELS),
                                            id2label=dict(enumerate(LABELS)),
                                            label2id={l: i for i, l in enumerate(LABELS)})
        model = _quiet_load(AutoModelForTokenClassification, str(base_dir), config=config)
        missing, unexpected = model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()},
                                                    strict=False)
        bad = [k for k in missing if "word_embeddings" not in k] + list(unexpected)
        if bad:
            raise ModelNotFoundError(f"NER model at {ner_dir} does not fit base {base_dir}: {bad[:5]}")
        model.eval()
        if quantize:
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
        self.model = model
        self.quantized = quantize
        self.batch_tokens = batch_tokens
        self.base_dir = base_dir
        self.ner_dir = ner_dir
        self.hidden = config.hidden_size

    # -- preprocess: words -> pieces (pure Python) ---------------------------------------
    def encode(self, words: list[str]) -> Encoded:
        return encode_words(self.tokenizer, words)

    def split_window(self, words: list[str]) -> list[tuple[int, int]]:
        """Word ranges whose pieces fit MAX_PIECES; long sentences are cut, never truncated."""
        from ..entities.tagging import word_piece_counts

        counts = word_piece_counts(self.tokenizer, words)
        ranges, start, used = [], 0, 0
        for i, c in enumerate(counts):
            if used + c > MAX_PIECES - 2 and i > start:
                ranges.append((start, i))
                start, used = i, 0
            used += c
        ranges.append((start, len(words)))
        return ranges

    # -- _forward: the only torch code -----------------------------------------------------
    def _forward(self, batch: list[Encoded]):
        import torch

        L = max(len(e.input_ids) for e in batch)
        pad = self.tokenizer.pad_token_id
        ids = torch.full((len(batch), L), pad, dtype=torch.long)
        att = torch.zeros((len(batch), L), dtype=torch.long)
        for r, e in enumerate(batch):
            ids[r, : len(e.input_ids)] = torch.tensor(e.input_ids)
            att[r, : len(e.input_ids)] = 1
        with torch.inference_mode():
            out = self.model(input_ids=ids, attention_mask=att, output_hidden_states=True)
            hidden = out.hidden_states[-1]
            content = att.clone()
            content[:, 0] = 0
            lengths = att.sum(1)
            content[torch.arange(len(batch)), lengths - 1] = 0  # drop <s> and </s> from pooling
            pooled = (hidden * content.unsqueeze(-1)).sum(1)
        return out.logits.float().numpy(), pooled.float().numpy(), content.sum(1).numpy()

    def run(self, windows: list[list[str]]) -> list[WindowOutput]:
        """Forward every word window once, batched by length, results in input order."""
        encoded = [self.encode(w) for w in windows]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].input_ids))
        results: list[WindowOutput | None] = [None] * len(encoded)
        k = 0
        while k < len(order):
            n = 1
            while (k + n < len(order)
                   and (n + 1) * len(encoded[order[k + n]].input_ids) <= self.batch_tokens and n < 64):
                n += 1
            idx = order[k:k + n]
            logits, pooled, counts = self._forward([encoded[i] for i in idx])
            for r, i in enumerate(idx):
                L = len(encoded[i].input_ids)
                results[i] = WindowOutput(logits[r, :L], encoded[i].label_pos, pooled[r], int(counts[r]))
            k += n
        return results  # type: ignore[return-value]
