"""Interpolate two NER artifacts (a "model soup", as in WiSE-FT) and score the result on the dev sets.

    python training/average_ner.py --data ../shared/data/ner --a models/ner-hi-en --b runs/ner-v4/model \
        --weight-b 0.5 --out runs/ner-soup

Every stored tensor becomes (1 - w) * a + w * b; both artifacts must share the base model and labels.
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
    ap.add_argument("--a", required=True, help="first NER artifact directory")
    ap.add_argument("--b", required=True, help="second NER artifact directory")
    ap.add_argument("--weight-b", type=float, default=0.5)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)

    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from newsdigest.encode.base import resolve_base_model
    from newsdigest.entities.artifact import load_ner_state, save_ner
    from newsdigest.entities.tagging import LABEL2ID, LABELS
    from train_ner import DEV_SETS, evaluate_examples, load_set

    torch.set_num_threads(args.threads)
    sa, ma = load_ner_state(args.a)
    sb, mb = load_ner_state(args.b)
    if sa.keys() != sb.keys() or ma["labels"] != mb["labels"] or ma["base_model"] != mb["base_model"]:
        raise SystemExit("the two artifacts differ in tensors, labels or base model")
    w = args.weight_b
    state = {k: (1 - w) * sa[k] + w * sb[k] for k in sorted(sa)}
    base_dir = resolve_base_model(None)
    tok = AutoTokenizer.from_pretrained(base_dir)
    model = AutoModelForTokenClassification.from_pretrained(
        base_dir, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id=LABEL2ID)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()}, strict=False)
    data = Path(args.data)
    metrics = {}
    for name, rel, mapping, field in DEV_SETS:
        metrics[name] = evaluate_examples(model, tok, load_set(data, rel, mapping, field))
        print(name, json.dumps(metrics[name]), flush=True)
    meta = {k: v for k, v in mb.items() if k not in ("dev_metrics", "command")}
    meta.update({
        "averaged_from": {"a": {"dir": args.a, "command": ma.get("command")},
                          "b": {"dir": args.b, "command": mb.get("command")}, "weight_b": w},
        "dev_metrics": metrics,
        "command": "python training/average_ner.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    })
    save_ner(model.state_dict(), args.out, meta)
    print(f"saved {args.out}", flush=True)


if __name__ == "__main__":
    main()
