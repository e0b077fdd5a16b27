"""Which matmuls of the int8 encoder cost NER accuracy: keep one group in fp32 at a time and score.

    flock /tmp/cpu.lock python benchmarks/int8_sensitivity.py --data ../shared/data/ner/news-hi/dev.jsonl \\
        [--work /tmp/int8-sweep] [--agreement-data ../shared/data/ner/news-hi/train.jsonl:300:600] [VARIANT ...]

Exports the fp32 NER model to ONNX once (into ``--work``), builds one dynamic-int8 model per variant with
``newsdigest.encode.onnx.quantize``, the shipped recipe (per-channel int8 weights, classifier fp32), with
the variant's group also kept fp32, runs ``Digester.entities`` over the span file with it and prints one JSON
line per variant: exact-span F1, per-type F1, seconds for the pass, model size, and its agreement with the
fp32 ONNX model on the windows of the span file (plus, with ``--agreement-data PATH:START:END``, those
of more texts; training text is fine, no labels are read): ``disagree`` (tokens whose label differs),
``logit_mae`` (mean |logit difference| over the real tokens). Tune on ``dev`` only.
Variants: base (dynamic int8 without smoothing), smooth (the shipped recipe: SmoothQuant with the NER
model's calibration, ``newsdigest/encode/smooth.py``), noemb (fp32 word embeddings), noffn1, noffn2 (FFN
input / output matmuls), noqkv, noattnout, nolayer0, nolayer11 (all but smooth unsmoothed), and
``smoothA`` for any exponent A (``smooth0.5``: SmoothQuant with alpha 0.5 instead of the shipped one).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def variants(matmuls: list[str]) -> dict[str, tuple[list[str], bool]]:
    """name -> (MatMul nodes kept fp32, whether the word-embedding Gather is int8)."""
    def sel(*keys):
        return [n for n in matmuls if any(k in n for k in keys)]

    return {
        "base": ([], True),
        "smooth": ([], True),
        "noemb": ([], False),
        "noffn1": (sel("intermediate/dense"), True),
        "noffn2": ([n for n in matmuls if n.endswith("/output/dense/MatMul") and "attention" not in n], True),
        "noqkv": (sel("self/query", "self/key", "self/value"), True),
        "noattnout": (sel("attention/output/dense"), True),
        "nolayer0": (sel("layer.0/"), True),
        "nolayer11": (sel("layer.11/"), True),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="span JSONL (text + entities), e.g. news-hi dev")
    ap.add_argument("--work", default="/tmp/int8-sweep", help="folder for the exported and quantized models")
    ap.add_argument("--agreement-data", metavar="PATH:START:END",
                    help="more texts (records with 'text') for the agreement with fp32, e.g. train.jsonl:300:600")
    ap.add_argument("variant", nargs="*")
    args = ap.parse_args(argv)
    known = sorted(variants([]))
    unknown = [v for v in args.variant if v not in known and not re.fullmatch(r"smooth\d*\.?\d+", v)]
    if unknown:
        raise SystemExit(f"int8_sensitivity: unknown variant(s) {unknown}; choose from {known}")
    if not Path(args.data).is_file():
        raise SystemExit(f"int8_sensitivity: no such file {args.data}")

    import numpy as np
    import onnx

    from newsdigest.encode.base import resolve_base_model
    from newsdigest.encode.encoder import find_ner_dir
    from newsdigest.encode.onnx import _session, export_fp32, quantize
    from newsdigest.encode.smooth import ALPHA, load_maxima, pipeline_batches, smooth
    from newsdigest.evaluation.ner import score_spans
    from newsdigest.entities.gold import read_span_jsonl
    from newsdigest.pipeline import Digester

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    fp32 = work / "fp32.onnx"
    if not fp32.exists():
        export_fp32(resolve_base_model(None), find_ner_dir(None), fp32)
    graph = onnx.load(str(fp32), load_external_data=False).graph
    matmuls = [n.name for n in graph.node if n.op_type in ("MatMul", "Gemm")]
    table = variants(matmuls)

    golds = read_span_jsonl(Path(args.data), 0)
    texts = [g.text for g in golds]
    more = []
    if args.agreement_data:
        path, start, end = args.agreement_data.rsplit(":", 2)
        more = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()][int(start):int(end)]
    digester = Digester(precision="int8")
    enc = digester.encoder
    batches = pipeline_batches(digester, texts + more)

    def logits(session):
        return [session.run(None, {"input_ids": i, "attention_mask": a})[0] for i, a in batches]

    reference = logits(_session(fp32, enc.threads))
    ner_dir = find_ner_dir(None)
    for name in args.variant or list(table):
        alpha = None
        if name.startswith("smooth"):
            alpha = float(name[len("smooth"):] or ALPHA)
        excluded, embeddings = table.get(name, ([], True))
        out = work / f"{name}.onnx"
        if not out.exists():
            src = fp32
            if alpha is not None:
                src = work / f"{name}.fp32.onnx"
                smooth(fp32, src, load_maxima(ner_dir), alpha=alpha)
            quantize(src, out, embeddings=embeddings, keep_fp32=tuple(excluded))
        enc.session = _session(out, enc.threads)
        t0 = time.perf_counter()
        raw = digester.entities(texts)
        seconds = time.perf_counter() - t0
        s = score_spans(golds, [[(x.start, x.end, x.label) for x in spans] for spans in raw])
        disagree, mae = 0, []
        for (_, att), ref, got in zip(batches, reference, logits(enc.session)):
            real = att.astype(bool)
            disagree += int((ref[real].argmax(-1) != got[real].argmax(-1)).sum())
            mae.append(float(np.abs(ref[real] - got[real]).mean()))
        print(json.dumps({"variant": name, "fp32_matmuls": len(excluded), "f1": round(s["f1"], 4),
                          "per_type": {k: round(v["f1"], 4) for k, v in sorted(s["per_type"].items())},
                          "disagree": disagree, "tokens": int(sum(a.sum() for _, a in batches)),
                          "logit_mae": round(float(np.mean(mae)), 4),
                          "seconds": round(seconds, 2), "mb": round(out.stat().st_size / 1e6)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
