"""Average NER artifacts (a "model soup", as in WiSE-FT) and score the stored result on the dev sets.

    python training/average_ner.py --data ../shared/data/ner --mix runs/ner-v1:0.3 runs/ner-v4/model:0.2 \
        runs/ner-v2/model:0.5 --out models/ner-hi-en

(the shipped model; see models/ner-hi-en/README.md). Every stored tensor becomes the weighted sum of the
artifacts' tensors (weights sum to 1); all must share the base model and labels.
A fine-tuned model and its continued fine-tune lie in one basin, so the average keeps much of what each
learned. Dev F1 (il-ner-hi dev, conll2003-en validation) is written into the new ner.json, like training does.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--mix", nargs="+", metavar="DIR:WEIGHT", required=True,
                    help="NER artifact directories and their weights")
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)

    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from newsdigest.encode.base import resolve_base_model
    from newsdigest.entities.artifact import load_ner_state, save_ner, write_meta
    from newsdigest.entities.tagging import LABEL2ID, LABELS
    from train_ner import DEV_SETS, evaluate_examples, load_set

    torch.set_num_threads(args.threads)
    parts = [(d, float(w)) for d, _, w in (m.rpartition(":") for m in args.mix)]
    if abs(sum(w for _, w in parts) - 1) > 1e-6:
        raise SystemExit(f"weights must sum to 1, got {sum(w for _, w in parts)}")
    loaded = [load_ner_state(d) for d, _ in parts]
    s0, m0 = loaded[0]
    for s_, m_ in loaded[1:]:
        if s_.keys() != s0.keys() or m_["labels"] != m0["labels"] or m_["base_model"] != m0["base_model"]:
            raise SystemExit("the artifacts differ in tensors, labels or base model")
    state = {k: sum(w * s_[k] for (_, w), (s_, _m) in zip(parts, loaded)) for k in sorted(s0)}
    base_dir = resolve_base_model(None)
    tok = AutoTokenizer.from_pretrained(base_dir)
    model = AutoModelForTokenClassification.from_pretrained(
        base_dir, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id=LABEL2ID)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()}, strict=False)
    # settings all parts share (labels, base model, storage...); each part's own command is kept below
    meta = {k: v for k, v in m0.items() if k not in ("dev_metrics", "command", "averaged_from")
            and all(m_.get(k) == v for _s, m_ in loaded[1:])}
    meta.update({
        "averaged_from": [{"dir": d, "weight": w, "command": m_.get("command")}
                          for (d, w), (_s, m_) in zip(parts, loaded)],
        "command": "python training/average_ner.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    })
    save_ner(model.state_dict(), args.out, meta)
    # score what was stored (int8 rows), not the fp32 average: the int8 rounding moves dev F1 by tenths
    stored, _ = load_ner_state(args.out)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in stored.items()}, strict=False)
    data = Path(args.data)
    metrics = {}
    for name, rel, mapping, field in DEV_SETS:
        metrics[name] = evaluate_examples(model, tok, load_set(data, rel, mapping, field))
        print(name, json.dumps(metrics[name]), flush=True)
    meta["dev_metrics"] = metrics
    write_meta(args.out, meta)
    print(f"saved {args.out}", flush=True)


if __name__ == "__main__":
    main()
