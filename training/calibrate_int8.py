"""Calibrate the int8 encoder's SmoothQuant scales on training text (see newsdigest/encode/smooth.py).

    python training/calibrate_int8.py --data ../shared/data/ner --texts 300 --out models/ner-hi-en

Reads the first ``--texts`` texts of ``news-hi/train.jsonl`` under ``--data`` (training text only: dev and
holdout sets are refused), runs them through the pipeline's own sentence splitter, windows and batches,
records the fp32 ONNX model's per-channel maximum |input| of every encoder-layer linear over the real
tokens, and writes ``int8_calibration.safetensors`` into the NER model folder ``--out`` (about 170 kB), with
the data and the command in its metadata. ``Digester(precision="int8")`` reads it when it builds its cached
ONNX model; the file is part of the NER model's cache key, so a new calibration builds a new model.
Deterministic: the same texts and models give the same file.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="folder holding news-hi/train.jsonl (../shared/data/ner)")
    ap.add_argument("--texts", type=int, default=300, help="how many training texts, from the first")
    ap.add_argument("--out", default="models/ner-hi-en", help="the NER model folder to write into")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    train = Path(args.data) / "news-hi" / "train.jsonl"
    if not train.is_file():
        raise SystemExit(f"calibrate_int8: no {train}")
    if any(part in str(train.resolve()) for part in ("holdout", "dev.jsonl", "test")):
        raise SystemExit("calibrate_int8: calibration reads training text only")

    from safetensors.numpy import save_file

    from newsdigest.encode.base import resolve_base_model
    from newsdigest.encode.onnx import export_fp32
    from newsdigest.encode.smooth import CALIBRATION_FILE, activation_maxima, pipeline_batches
    from newsdigest.entities.gold import read_span_jsonl
    from newsdigest.pipeline import Digester

    out = Path(args.out)
    texts = [g.text for g in read_span_jsonl(train, 0)][: args.texts]
    digester = Digester(precision="fp32", ner_model=str(out), threads=args.threads)
    enc = digester.encoder
    t0 = time.time()
    batches = pipeline_batches(digester, texts)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        export_fp32(resolve_base_model(None), enc.ner_dir, fp32)
        maxima = activation_maxima(fp32, batches, threads=args.threads)
    tokens = int(sum(a.sum() for _, a in batches))
    meta = {"data": f"news-hi/train.jsonl, first {len(texts)} texts", "windows": str(sum(len(i) for i, _ in batches)),
            "tokens": str(tokens), "command": "python " + " ".join([Path(sys.argv[0]).as_posix()] + sys.argv[1:]),
            "statistic": "per-channel max |input| over real tokens, fp32 ONNX export"}
    save_file({k: maxima[k] for k in sorted(maxima)}, str(out / CALIBRATION_FILE), metadata=meta)
    (out / CALIBRATION_FILE).chmod(0o644)
    print(json.dumps({"out": str(out / CALIBRATION_FILE), "layers": len(maxima), "texts": len(texts),
                      "tokens": tokens, "seconds": round(time.time() - t0, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
