"""The one transformer pass: per sentence window, NER logits and a sentence embedding.

Inputs are word windows (lists of words from ``tagging.word_spans``); outputs are numpy arrays, in
input order. ``precision="int8"`` runs in ONNX Runtime (``encode/onnx.py``, no torch at run time);
``Encoder`` here is the fp32 torch encoder, and the only code that touches torch at run time.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..entities.tagging import LABELS, Encoded, encode_windows, encode_words
from ..errors import ModelNotFoundError
from .base import resolve_base_model

MAX_PIECES = 256  # per window, specials included; longer sentences are cut into windows at words


def release_freed_memory() -> None:
    """Give the batch buffers the forward freed back to the system (glibc's ``malloc_trim``).

    glibc keeps freed heap memory for reuse; after the large, differently sized activation buffers
    of a few hundred batches a folder run's resident memory grows well above what one batch needs.
    Elsewhere (another C library, another OS) this does nothing."""
    global _TRIM
    if _TRIM is None:
        import ctypes
        import ctypes.util

        try:
            _TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM = None
# within one run, a batch that leaves the process this much larger than after the last trim returns the
# freed heap at once: each batch frees buffers of its own shapes that the next does not fully reuse, so a
# run of 14 batches grew 200 MB before the run's own trim. The forward alone over 200 BBC Hindi articles:
# peak 0.87 -> 0.78 GB, about 3% slower; a threshold of 48 MB (0.75 GB) or a trim after every batch cost
# 5-9% in page faults.
TRIM_GROWTH_MB = 128


def resident_mb() -> int | None:
    """This process's resident memory in MB that no file backs (Linux ``/proc/self/statm``: resident less
    shared), None where there is none: the heap that a trim can return. Pages of mapped files (the word
    embeddings' rows, libraries) are given back by other means and do not count."""
    try:
        with open("/proc/self/statm", "rb") as f:
            fields = f.read().split()
        pages = int(fields[1]) - int(fields[2])
    except (OSError, ValueError, IndexError):
        return None
    import mmap

    return pages * mmap.PAGESIZE >> 20


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


PRECISIONS = ("auto", "bf16", "int8", "fp32")
ENV_PRECISION = "NEWSDIGEST_PRECISION"
# "auto": bf16 where the CPU multiplies bfloat16 natively (AMX-BF16 or AVX512-BF16), else fp32. bf16 keeps
# NER within 0.1 F1 points of fp32 (README, speed); dynamic int8 loses 2.0 points on news-hi dev and stays
# an option
DEFAULT_PRECISION = "auto"
_BF16_FLAGS = ("amx_bf16", "avx512_bf16")


def cpu_has_bf16(cpuinfo: str | None = None) -> bool:
    """Whether this CPU computes bfloat16 matmuls natively (x86 flags ``amx_bf16`` or ``avx512_bf16`` in
    ``/proc/cpuinfo``). Elsewhere oneDNN emulates bf16, slower than fp32, so "auto" keeps fp32 there."""
    if cpuinfo is None:
        try:
            with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
                cpuinfo = f.read()
        except OSError:
            return False
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines()
                  if line.startswith("flags") and ":" in line), [])
    return any(flag in flags for flag in _BF16_FLAGS)


def resolve_precision(precision: str | None = None, quantize: bool = False) -> str:
    """``precision``, else ``$NEWSDIGEST_PRECISION``, else DEFAULT_PRECISION, with "auto" made concrete
    ("bf16" or "fp32", by :func:`cpu_has_bf16`); ``quantize=True`` is the old name of int8."""
    import os
    import warnings

    if quantize:
        warnings.warn("quantize=True is deprecated: use precision='int8' (ONNX Runtime int8; torch's own "
                      "dynamic int8 lost 1.9 F1 points)", DeprecationWarning, stacklevel=3)
        if precision not in (None, "int8"):
            raise ValueError(f"quantize=True contradicts precision={precision!r}")
        return "int8"
    value = precision or os.environ.get(ENV_PRECISION) or DEFAULT_PRECISION
    if value not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {value!r}")
    if value == "auto":
        return "bf16" if cpu_has_bf16() else "fp32"
    return value


def resolve_threads(threads: int | None = None) -> int:
    """``threads``, else ``$OMP_NUM_THREADS`` (set per worker by folder runs with --jobs), else all cores."""
    import os

    if threads:
        return int(threads)
    env = os.environ.get("OMP_NUM_THREADS", "")
    return int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)


def load_tokenizer(base_dir: Path):
    """The word-piece tokenizer of the base model: the same pieces as ``AutoTokenizer.from_pretrained``
    (tests/test_encode_onnx.py checks) without importing transformers.

    An XLM-R folder (multilingual-e5's) is read by the ``sentencepiece`` library (``encode/spm.py``:
    0.5 s and 60 MB instead of 0.9 s and 285 MB); any other by ``tokenizers`` from ``tokenizer.json``.
    """
    from .spm import load_piece_tokenizer

    pieces = load_piece_tokenizer(base_dir)
    if pieces is not None:
        return pieces
    return load_fast_tokenizer(base_dir)


def load_fast_tokenizer(base_dir: Path):
    """The base model's ``tokenizer.json`` read by ``tokenizers`` itself, set up as transformers sets it up."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    path = Path(base_dir) / "tokenizer.json"
    if not path.is_file():
        raise ModelNotFoundError(f"{base_dir} has no tokenizer.json: expected a fast-tokenizer model directory")
    tok = Tokenizer.from_file(str(path))
    if isinstance(tok.model, models.Unigram) and isinstance(tok.pre_tokenizer, pre_tokenizers.Metaspace):
        # what transformers' XLMRobertaTokenizer builds from the same file (and the NER model was tuned
        # with): the sentencepiece normalizer alone, and whitespace split first, so that a zero-width
        # character left alone at a word's end gives no piece of its own
        tok.normalizer = next((n for n in _normalizers(tok.normalizer) if isinstance(n, normalizers.Precompiled)),
                              tok.normalizer)
        tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), tok.pre_tokenizer])
    return tok


def _normalizers(n) -> list:
    from tokenizers import normalizers

    if not isinstance(n, normalizers.Sequence):
        return [n]
    out = []
    while True:
        try:
            out.append(n[len(out)])
        except IndexError:
            return out


def find_ner_dir(ner_model=None) -> Path:
    ner_dir = Path(ner_model) if ner_model else default_ner_dir()
    if not (ner_dir / "ner.safetensors").is_file():
        raise ModelNotFoundError(
            f"NER model not found at {ner_dir}: expected ner.safetensors and ner.json there. "
            f"Use a clone of the repository (models/ner-hi-en ships with it), set NEWSDIGEST_MODELS, "
            f"or pass ner_model=DIR")
    return ner_dir


def load_torch_model(base_dir: Path, ner_dir: Path, **config_kw):
    """The base encoder with the NER layers and classifier filled in, fp32, in eval mode."""
    import torch
    from transformers import AutoConfig, AutoModelForTokenClassification

    from ..entities.artifact import load_ner_state

    state, meta = load_ner_state(ner_dir)
    config = AutoConfig.from_pretrained(str(base_dir), num_labels=len(LABELS),
                                        id2label=dict(enumerate(LABELS)),
                                        label2id={l: i for i, l in enumerate(LABELS)}, **config_kw)
    model = _quiet_load(AutoModelForTokenClassification, str(base_dir), config=config)
    missing, unexpected = model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()},
                                                strict=False)
    bad = [k for k in missing if "word_embeddings" not in k] + list(unexpected)
    if bad:
        raise ModelNotFoundError(f"NER model at {ner_dir} does not fit base {base_dir}: {bad[:5]}")
    return model.eval(), meta, config


def load_run_model(base_dir: Path, ner_dir: Path):
    """(model, NER metadata) for run time: the same weights as :func:`load_torch_model` in the plain-torch
    module of ``encode/bert.py`` (bit-identical outputs, no transformers import: 2.5 s of a cold start)."""
    from ..entities.artifact import load_ner_state
    from .bert import load_token_classifier

    state, meta = load_ner_state(ner_dir)
    try:
        model = load_token_classifier(base_dir, state)
    except KeyError as e:
        raise ModelNotFoundError(f"NER model at {ner_dir} does not fit base {base_dir}: {e}") from None
    return model, meta


def load_encoder(base_model=None, ner_model=None, *, precision: str | None = None, quantize: bool = False,
                 threads: int | None = None, download: bool = False, device: str = "cpu"):
    """The encoder for ``precision``: int8 runs in ONNX Runtime (built once and cached), bf16 and fp32 in
    torch."""
    precision = resolve_precision(precision, quantize)
    if precision == "int8":
        from .onnx import OnnxEncoder

        return OnnxEncoder(base_model, ner_model, threads=threads, download=download)
    return Encoder(base_model, ner_model, threads=threads, download=download, bf16=precision == "bf16",
                   device=device)


class BaseEncoder:
    """Words -> pieces -> batches -> per-window outputs; subclasses supply ``_forward`` for one runtime."""

    tokenizer = None
    pad_id = 1
    hidden = 384
    batch_tokens = 4096
    precision = "fp32"
    runtime = "torch"

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

    def _forward(self, batch: list[Encoded]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(logits [B, L, labels], pooled [B, hidden], content-piece counts [B]) for one padded batch."""
        raise NotImplementedError

    def padded(self, batch: list[Encoded]) -> tuple[np.ndarray, np.ndarray]:
        """int64 ids and attention mask [B, L], padded to the longest window of the batch."""
        L = max(len(e.input_ids) for e in batch)
        ids = np.full((len(batch), L), self.pad_id, dtype=np.int64)
        att = np.zeros((len(batch), L), dtype=np.int64)
        for r, e in enumerate(batch):
            ids[r, : len(e.input_ids)] = e.input_ids
            att[r, : len(e.input_ids)] = 1
        return ids, att

    def run(self, windows: list[list[str]]) -> list[WindowOutput]:
        """Forward every word window once, batched by length, results in input order."""
        encoded = encode_windows(self.tokenizer, windows)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].input_ids))
        results: list[WindowOutput | None] = [None] * len(encoded)
        batches, k = [], 0
        while k < len(order):
            n = 1
            while (k + n < len(order)
                   and (n + 1) * len(encoded[order[k + n]].input_ids) <= self.batch_tokens and n < 64):
                n += 1
            batches.append(order[k:k + n])
            k += n
        # longest batch first: the buffers it frees are large enough for every later batch, so the heap does
        # not grow batch by batch as it does when each batch is a little longer than the one before
        base = resident_mb()
        for idx in reversed(batches):
            logits, pooled, counts = self._forward([encoded[i] for i in idx])
            for r, i in enumerate(idx):
                L = len(encoded[i].input_ids)
                results[i] = WindowOutput(logits[r, :L], encoded[i].label_pos, pooled[r], int(counts[r]))
            now = resident_mb()
            if base is not None and now is not None and now - base > TRIM_GROWTH_MB:
                release_freed_memory()
                base = resident_mb()
        self.release_memory()
        return results  # type: ignore[return-value]

    def release_memory(self) -> None:
        """After a run: the freed heap back to the system, and the pages of mapped weights (torch)."""
        release_freed_memory()


class _TransformersModel:
    """A transformers token classifier called as ``encode.bert.TokenClassifier`` is: (logits, last hidden)."""

    def __init__(self, model):
        self.model, self.hidden = model, model.config.hidden_size

    def __call__(self, input_ids, attention_mask):
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
        return out.logits, out.hidden_states[-1]


class Encoder(BaseEncoder):
    """The torch encoder: fp32 (``precision="fp32"``, the reference the others are measured against) or,
    with ``bf16=True``, the encoder layers' matmuls in bfloat16 (``precision="bf16"``)."""

    def __init__(self, base_model=None, ner_model=None, *, quantize: bool = False, bf16: bool = False,
                 threads: int | None = None, download: bool = False, batch_tokens: int = 4096,
                 device: str = "cpu"):
        from concurrent.futures import ThreadPoolExecutor

        ner_dir = find_ner_dir(ner_model)
        base_dir = resolve_base_model(base_model, download=download)
        with ThreadPoolExecutor(max_workers=1) as pool:
            # the tokenizer is read while torch imports (sentencepiece releases the GIL): 0.5 s of a cold start
            tokenizer = pool.submit(load_tokenizer, base_dir)
            import torch

            if threads:
                torch.set_num_threads(threads)
            self.tokenizer = tokenizer.result()
        if device != "cpu":  # before any weights load
            from ..errors import ConfigError

            if quantize:
                raise ConfigError("torch's dynamic int8 runs on the CPU only")
            if not torch.cuda.is_available():
                raise ConfigError(f"device {device!r}: this torch build sees no CUDA device "
                                  f"(torch {torch.__version__}); use device='cpu'")
        self.pad_id = self.tokenizer.token_to_id("<pad>")
        if quantize:  # torch's own dynamic int8: kept for comparison, loses ~2 F1 points on HiNER
            hf, self.meta, _ = load_torch_model(base_dir, ner_dir)  # its nn.Linear layers are what it quantizes
            hf = torch.ao.quantization.quantize_dynamic(hf, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
            model = _TransformersModel(hf)
            self.precision = "int8-torch"
        else:
            model, self.meta = load_run_model(base_dir, ner_dir)
            if bf16:
                model = model.to_bf16()
                self.precision = "bf16"
        if device != "cpu":
            model = model.to(torch.device(device))
        self.device = device
        self.model = model
        self.quantized = quantize or bf16  # any precision below fp32: the digest's models.ner names it
        self.batch_tokens = batch_tokens
        self.base_dir = base_dir
        self.ner_dir = ner_dir
        self.hidden = model.hidden

    def release_memory(self) -> None:
        super().release_memory()
        mapped = getattr(self.model, "mapped", None)  # the word embeddings (encode.bert.MappedPages)
        if mapped is not None:
            mapped.release()

    # -- _forward: the only torch code -----------------------------------------------------
    def _forward(self, batch: list[Encoded]):
        import torch

        ids, att = (torch.from_numpy(a).to(self.device) for a in self.padded(batch))
        with torch.inference_mode():
            logits, hidden = self.model(input_ids=ids, attention_mask=att)
            content = att.clone()
            content[:, 0] = 0
            lengths = att.sum(1)
            rows = torch.arange(len(batch), device=att.device)
            content[rows, lengths - 1] = 0  # drop <s> and </s> from pooling
            pooled = (hidden * content.unsqueeze(-1)).sum(1)
        return logits.float().cpu().numpy(), pooled.float().cpu().numpy(), content.sum(1).cpu().numpy()
