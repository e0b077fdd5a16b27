"""The fp32 encoder at run time: the BERT encoder and token classifier in plain torch, without transformers.

Importing transformers and building the model through its auto classes costs about 2.5 s of a cold
single-file digest on 2 cores; run time needs only the forward pass. :class:`TokenClassifier` holds
the same parameters under the same names as ``transformers.BertForTokenClassification`` and runs the
same operations in the same order (embeddings summed as transformers sums them, SDPA attention with
the mask transformers gives SDPA: none when every position attends, else a boolean key mask), so its
outputs equal transformers' bit for bit; ``tests/test_encode_bert.py`` checks this on a small random
model, and the training scripts keep using transformers.

Weights: ``word_embeddings`` from the base encoder's ``model.safetensors``, everything else from the NER
artifact (``entities.artifact.load_ner_state``), as ``encode.encoder.load_torch_model`` loads them.
"""
from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F


class _Linear(nn.Module):
    """``nn.Linear`` on given tensors (no random initialisation to pay for, same forward)."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor):
        super().__init__()
        self.weight, self.bias = nn.Parameter(weight, requires_grad=False), nn.Parameter(bias, requires_grad=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.linear(x, self.weight, self.bias)


class _LayerNorm(_Linear):
    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, eps: float):
        super().__init__(weight, bias)
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.layer_norm(x, self.weight.shape, self.weight, self.bias, self.eps)


class _Embedding(nn.Module):
    def __init__(self, weight: torch.Tensor, padding_idx: int | None = None):
        super().__init__()
        self.weight, self.padding_idx = nn.Parameter(weight, requires_grad=False), padding_idx

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return F.embedding(ids, self.weight, self.padding_idx)


def _node(**children: nn.Module) -> nn.Module:
    m = nn.Module()
    for k, v in children.items():
        setattr(m, k, v)
    return m


class _Layer(nn.Module):
    def __init__(self, t, prefix: str, heads: int, eps: float):
        super().__init__()
        self.heads = heads

        def lin(name):
            return _Linear(t(f"{prefix}{name}.weight"), t(f"{prefix}{name}.bias"))

        def norm(name):
            return _LayerNorm(t(f"{prefix}{name}.weight"), t(f"{prefix}{name}.bias"), eps)

        self.attention = _node(
            self=_node(query=lin("attention.self.query"), key=lin("attention.self.key"),
                       value=lin("attention.self.value")),
            output=_node(dense=lin("attention.output.dense"), LayerNorm=norm("attention.output.LayerNorm")))
        self.intermediate = _node(dense=lin("intermediate.dense"))
        self.output = _node(dense=lin("output.dense"), LayerNorm=norm("output.LayerNorm"))

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        """fp32 weights: transformers' operations, in its order. bf16 weights (``TokenClassifier.to_bf16``):
        the same operations with the residual stream and the layer norms in fp32 and everything between
        two matmuls in bf16; each matmul's output is rounded to bf16 once, and the input cast is shared
        by the matmuls that read the same tensor (q, k, v), so no tensor is cast back and forth."""
        a = self.attention
        dt = a.self.query.weight.dtype
        shape = (*x.shape[:-1], -1, x.shape[-1] // self.heads)
        xin = x.to(dt)  # x itself when the weights are fp32
        q, k, v = (getattr(a.self, n)(xin).view(*shape).transpose(1, 2) for n in ("query", "key", "value"))
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=0.0, scale=shape[-1] ** -0.5)
        ctx = ctx.transpose(1, 2).contiguous().reshape(*x.shape[:-1], -1).contiguous()
        x = a.output.LayerNorm(a.output.dense(ctx) + x)  # bf16 + fp32 adds in fp32
        return self.output.LayerNorm(self.output.dense(F.gelu(self.intermediate.dense(x.to(dt)))) + x)


class TokenClassifier(nn.Module):
    """BERT encoder + linear token classifier on given weights; parameter names as in
    ``BertForTokenClassification`` (``tensors`` maps those names to fp32 tensors)."""

    def __init__(self, config: dict, tensors: dict[str, torch.Tensor], mapped: MappedPages | None = None):
        super().__init__()
        used: set[str] = set()

        def t(name: str) -> torch.Tensor:
            used.add(name)
            if name not in tensors:
                raise KeyError(f"missing {name}")
            return tensors[name].float()

        eps = config["layer_norm_eps"]
        self.hidden = config["hidden_size"]
        e = "bert.embeddings."
        self.bert = _node(
            embeddings=_node(
                word_embeddings=_Embedding(t(e + "word_embeddings.weight"), config.get("pad_token_id")),
                position_embeddings=_Embedding(t(e + "position_embeddings.weight")),
                token_type_embeddings=_Embedding(t(e + "token_type_embeddings.weight")),
                LayerNorm=_LayerNorm(t(e + "LayerNorm.weight"), t(e + "LayerNorm.bias"), eps)),
            encoder=_node(layer=nn.ModuleList(
                _Layer(t, f"bert.encoder.layer.{i}.", config["num_attention_heads"], eps)
                for i in range(config["num_hidden_layers"]))))
        self.classifier = _Linear(t("classifier.weight"), t("classifier.bias"))
        # the tensors of ``tensors`` mapped from files, given back between runs (Encoder.release_memory)
        self.mapped = mapped or MappedPages()
        extra = set(tensors) - used
        if extra:
            raise KeyError(f"unexpected {sorted(extra)[:5]}")

    def to_bf16(self) -> "TokenClassifier":
        """The encoder layers' dense weights in bfloat16 (``precision="bf16"``): their matmuls, attention
        and GELU run in bf16 (oneDNN's AMX or AVX-512 BF16 kernels where the CPU has them), while the
        embeddings, the residual stream, the layer norms and the classifier stay fp32."""
        for layer in self.bert.encoder.layer:
            for m in layer.modules():
                if type(m) is _Linear:
                    m.weight.data, m.bias.data = m.weight.data.bfloat16(), m.bias.data.bfloat16()
        return self

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(logits [B, L, labels], last hidden states [B, L, hidden])."""
        e = self.bert.embeddings
        length = input_ids.shape[1]
        positions = torch.arange(length, device=input_ids.device).unsqueeze(0)
        x = e.word_embeddings(input_ids) + e.token_type_embeddings(torch.zeros_like(positions).expand_as(input_ids))
        x = e.LayerNorm(x + e.position_embeddings(positions))
        mask = None
        if not bool(attention_mask.all()):
            b = attention_mask.shape[0]
            mask = attention_mask.bool()[:, None, None, :].expand(b, 1, length, length)
        for layer in self.bert.encoder.layer:
            x = layer(x, mask)
        return self.classifier(x), x


def load_token_classifier(base_dir: Path, state: dict) -> TokenClassifier:
    """The run-time model: ``state`` (numpy arrays, the NER artifact) plus the base's word embeddings."""
    config = json.loads((Path(base_dir) / "config.json").read_text(encoding="utf-8"))
    tensors = {k: torch.from_numpy(v) for k, v in state.items()}
    pages = MappedPages()
    key = "bert.embeddings.word_embeddings.weight"
    if key not in tensors:
        path = Path(base_dir) / "model.safetensors"
        offset, header = _safetensors_header(path)
        name = next((n for n in ("embeddings.word_embeddings.weight", key) if n in header), None)
        if name is None:
            raise KeyError(f"missing {key} in {base_dir}/model.safetensors")
        tensors[key] = pages.tensor(path, name, offset, header[name])
    return TokenClassifier(config, tensors, pages).eval()


_DTYPES = {"F32": "<f4", "F16": "<f2"}


def _safetensors_header(path: Path) -> tuple[int, dict]:
    """(where the data starts, the JSON header: tensor name -> dtype, shape, data_offsets) of a safetensors file."""
    with open(path, "rb") as fh:
        n = int.from_bytes(fh.read(8), "little")
        return 8 + n, json.loads(fh.read(n))


class MappedPages:
    """Tensors mapped from files (copy on write), whose resident pages can be given back.

    A mapped page stays resident once read: over a folder run the rows of the word-embedding matrix
    that new words read, with the kernel's fault-around of 16 pages each, made 311 MB of its 384 MB
    resident after 1,000 articles (BBC Hindi and English), and the peak RSS 1.00 GB. No page is ever
    written, so :meth:`release` may drop them all (``madvise(MADV_DONTNEED)``): a page read again comes
    back from the page cache with the file's bytes, a minor fault. Where the system has no ``madvise``
    it does nothing."""

    def __init__(self):
        self.maps: list = []

    def tensor(self, path: Path, name: str, offset: int, info: dict) -> torch.Tensor:
        """One tensor of a safetensors file mapped from disk, copy on write: the word-embedding matrix is
        250,002 rows (384 MB in fp32), of which a news archive reads a few tens of thousands, and only the
        pages of rows read become resident. The values are the file's, as ``get_tensor`` reads them."""
        import mmap

        import numpy as np

        dtype = _DTYPES.get(info["dtype"])
        if dtype is None:  # a dtype numpy cannot map (bf16): read it whole
            from safetensors import safe_open

            with safe_open(str(path), "pt") as f:
                return f.get_tensor(name)
        start, end = info["data_offsets"]
        shape = tuple(info["shape"])
        if int(np.prod(shape)) * np.dtype(dtype).itemsize != end - start:
            raise KeyError(f"{name} in {path}: its shape and dtype do not fit its bytes")
        if end == start:
            return torch.from_numpy(np.zeros(shape, dtype=dtype))
        at = offset + start
        aligned = at - at % mmap.ALLOCATIONGRANULARITY
        with open(path, "rb") as f:
            m = mmap.mmap(f.fileno(), at - aligned + end - start, access=mmap.ACCESS_COPY, offset=aligned)
        self.maps.append(m)
        array = np.frombuffer(m, dtype=dtype, count=int(np.prod(shape)), offset=at - aligned).reshape(shape)
        return torch.from_numpy(array)

    def release(self) -> None:
        """Drop every mapped page from this process's resident memory (they are read again on use)."""
        import mmap

        advice = getattr(mmap, "MADV_DONTNEED", None)
        for m in self.maps:
            if advice is not None and hasattr(m, "madvise"):
                m.madvise(advice)
