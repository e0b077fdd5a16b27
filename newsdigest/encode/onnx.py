"""The int8 encoder: the NER model in ONNX Runtime with int8 weights (VNNI / AVX-512 kernels where the CPU
has them), built once from the base encoder and the NER layers and cached; no torch at run time.

Building (about a minute, the first time only, with torch): the token-classification model is exported to
ONNX (outputs: NER logits and the last hidden state, which the sentence embeddings pool), smoothed with the
NER folder's calibration (``encode/smooth.py``: per-channel scales move activation outliers into the
weights), then ``onnxruntime.quantization.quantize_dynamic`` stores every MatMul weight as int8 per output channel and
the word-embedding table as int8 (only the rows a batch gathers are dequantized); activations are
quantized per batch at run time. The classifier stays fp32:
it is tiny and its logits are the NER decision. The file lives under ``cache_dir()/onnx/<key>/`` where the key hashes the base model's
files, the NER weights, and the onnx/onnxruntime versions, so a change to any of them builds a new one.
The write is atomic (a temporary folder renamed into place); a file that fails to load is rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from ..entities.tagging import Encoded
from ..errors import ModelNotFoundError
from .base import cache_dir, resolve_base_model
from .encoder import BaseEncoder, find_ner_dir, load_tokenizer, resolve_threads
from .smooth import ALPHA, load_maxima, smooth

FORMAT = "newsdigest-onnx-int8-2"  # bump when the export or the quantization recipe changes
MODEL_FILE = "model.int8.onnx"
OPSET = 17


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for package in ("onnxruntime", "onnx"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "none"
    return out


def _file_key(path: Path) -> str:
    st = path.stat()
    return f"{path.name}:{st.st_size}:{st.st_mtime_ns}"


def cache_key(base_dir: Path, ner_dir: Path) -> str:
    """Hash of the base model's files (name, size, mtime: the 470 MB file is not read), the NER weights'
    bytes (22 MB), the runtime versions and the recipe."""
    h = hashlib.sha256(FORMAT.encode())
    for f in sorted(base_dir.glob("*")):
        if f.suffix in (".safetensors", ".json", ".model"):
            h.update(_file_key(f).encode())
    for f in sorted(ner_dir.glob("*")):
        if f.suffix in (".safetensors", ".json"):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    h.update(json.dumps(_versions(), sort_keys=True).encode())
    return h.hexdigest()[:16]


def export_fp32(base_dir: Path, ner_dir: Path, out: Path) -> None:
    """Export the fp32 token-classification model (logits, last hidden state) to ``out`` with torch."""
    import torch

    from .encoder import load_torch_model

    model, _, _ = load_torch_model(base_dir, ner_dir, attn_implementation="eager")

    class _Outputs(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            o = self.inner(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
            return o.logits, o.hidden_states[-1]

    ids = torch.tensor([[0, 100, 200, 300, 2], [0, 400, 2, 1, 1]], dtype=torch.long)
    att = (ids != 1).long()
    with torch.inference_mode():
        torch.onnx.export(_Outputs(model), (ids, att), str(out), input_names=["input_ids", "attention_mask"],
                          output_names=["logits", "hidden"], opset_version=OPSET, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                        "logits": {0: "batch", 1: "seq"}, "hidden": {0: "batch", 1: "seq"}})


def fuse(fp32: Path, out: Path, base_dir: Path) -> None:
    """ONNX Runtime's BERT fusions: one Attention op per layer (mask handled inside), SkipLayerNorm, BiasGelu,
    EmbedLayerNorm; the same arithmetic in fewer, faster kernels, and the form its int8 attention takes."""
    from onnxruntime.transformers.optimizer import optimize_model

    config = json.loads((base_dir / "config.json").read_text(encoding="utf-8"))
    model = optimize_model(str(fp32), model_type="bert", num_heads=int(config["num_attention_heads"]),
                           hidden_size=int(config["hidden_size"]), opt_level=0)
    model.save_model_to_file(str(out))


def quantize(fp32: Path, out: Path, embeddings: bool = True, keep_fp32: tuple[str, ...] = ()) -> None:
    """Dynamic int8: weights per output channel (signed), activations per tensor at run time; the
    classifier (the last MatMul, 384 x 7) stays fp32: it is tiny and its logits are the NER decision.
    ``keep_fp32`` names further nodes left fp32 (``benchmarks/int8_sensitivity.py``)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False).graph
    keep = [n.name for n in graph.node if n.op_type in ("MatMul", "Gemm") and "classifier" in n.name]
    keep += [n for n in keep_fp32 if n not in keep]
    ops = ["MatMul", "Attention"] + (["Gather", "EmbedLayerNormalization"] if embeddings else [])
    quantize_dynamic(str(fp32), str(out), per_channel=True, weight_type=QuantType.QInt8,
                     op_types_to_quantize=ops, nodes_to_exclude=keep,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def build(base_dir: Path, ner_dir: Path, dst: Path, *, fused: bool = False, embeddings: bool = True,
          smoothing: bool = True) -> Path:
    """Export (and, with ``fused``, fuse), smooth and quantize into ``dst`` atomically (a temporary sibling
    folder renamed into place). Smoothing (``encode/smooth.py``) needs the NER folder's calibration file and
    is skipped without it. The fused recipe was slower and less accurate here (README, speed), so it is off."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=dst.parent))
    tmp.chmod(0o755)
    try:
        export_fp32(base_dir, ner_dir, tmp / "model.fp32.onnx")
        if fused:
            fuse(tmp / "model.fp32.onnx", tmp / "model.fused.onnx", base_dir)
        src = tmp / ("model.fused.onnx" if fused else "model.fp32.onnx")
        maxima = load_maxima(ner_dir) if smoothing else None
        smoothed = 0
        if maxima:
            smoothed = smooth(src, tmp / "model.smooth.onnx", maxima)
            src = tmp / "model.smooth.onnx"
        quantize(src, tmp / MODEL_FILE, embeddings)
        for pattern in ("model.fp32.onnx*", "model.fused.onnx*", "model.smooth.onnx*"):
            for f in tmp.glob(pattern):
                f.unlink()
        (tmp / "BUILD.json").write_text(json.dumps(
            {"format": FORMAT, "base": str(base_dir), "ner": str(ner_dir), "fused": fused,
             "embeddings_int8": embeddings, "smoothquant_alpha": ALPHA if smoothed else None,
             "smoothed_matmuls": smoothed, **_versions()}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if dst.exists():
            shutil.rmtree(dst)
        os.replace(tmp, dst)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dst


def _session(path: Path, threads: int):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


def _import_runtime():
    try:
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise ModelNotFoundError(
            "the int8 encoder needs ONNX Runtime, which is not installed: pip install onnxruntime "
            "(it is a dependency of newsdigest), or use the fp32 torch encoder: Digester(precision='fp32') "
            "or NEWSDIGEST_PRECISION=fp32") from exc


class OnnxEncoder(BaseEncoder):
    """multilingual-e5-small with the project's NER layers, int8, in ONNX Runtime."""

    precision = "int8"
    runtime = "onnxruntime"

    def __init__(self, base_model=None, ner_model=None, *, threads: int | None = None, download: bool = False,
                 batch_tokens: int = 4096, cache: str | os.PathLike | None = None):
        _import_runtime()
        self.ner_dir = find_ner_dir(ner_model)
        self.base_dir = resolve_base_model(base_model, download=download)
        self.tokenizer = load_tokenizer(self.base_dir)
        self.pad_id = self.tokenizer.token_to_id("<pad>")
        self.meta = json.loads((self.ner_dir / "ner.json").read_text(encoding="utf-8"))
        self.threads = resolve_threads(threads)
        self.batch_tokens = batch_tokens
        self.quantized = True
        root = Path(cache) if cache else cache_dir() / "onnx"
        self.model_dir = root / cache_key(self.base_dir, self.ner_dir)
        self.session = self._load_or_build()
        self.hidden = int(self.session.get_outputs()[1].shape[-1] or 384)

    def _load_or_build(self):
        path = self.model_dir / MODEL_FILE
        if path.is_file():
            try:
                return _session(path, self.threads)
            except Exception:  # noqa: BLE001  (a truncated or corrupt cache file: build it again)
                pass
        try:
            build(self.base_dir, self.ner_dir, self.model_dir)
        except ModelNotFoundError:
            raise
        except Exception as exc:  # noqa: BLE001  (torch's exporter and onnxruntime raise many types)
            raise ModelNotFoundError(
                f"could not build the int8 ONNX encoder in {self.model_dir}: {type(exc).__name__}: {exc}. "
                f"Use the fp32 torch encoder meanwhile: Digester(precision='fp32') or NEWSDIGEST_PRECISION=fp32"
            ) from exc
        return _session(path, self.threads)

    def _forward(self, batch: list[Encoded]):
        ids, att = self.padded(batch)
        logits, hidden = self.session.run(None, {"input_ids": ids, "attention_mask": att})
        content = att.astype(np.float32)
        content[:, 0] = 0
        content[np.arange(len(batch)), att.sum(1) - 1] = 0  # drop <s> and </s> from pooling
        pooled = np.einsum("bl,blh->bh", content, hidden)
        return logits, pooled, content.sum(1).astype(np.int64)
