"""Cross-script entity agreement on parallel news: do the entities found in the Hindi sentence,
named in English by newsdigest, match the entities found in the English sentence?

    python benchmarks/eval_pud_entities.py --data ../shared/data/parallel/pud-hi-en/pud_hi_en.jsonl

PUD is a holdout set: run it for the final figure only. Prints per-genre and overall
precision/recall/F1, matching names exactly (case-insensitive) and by the phonetic skeleton
the entity linker uses; last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "pred": npred, "gold": ngold}


def match_count(a: list[str], b: list[str], key) -> int:
    rest = [key(x) for x in b]
    n = 0
    for x in a:
        k = key(x)
        if k in rest:
            rest.remove(k)
            n += 1
    return n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--genre", default="news", help="news, wiki or all")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--quantize", action="store_true")
    args = ap.parse_args(argv)

    from newsdigest import Digester
    from newsdigest.entities.linking import link_entities, skeleton

    rows = [json.loads(l) for l in open(args.data, encoding="utf-8") if l.strip()]
    if args.genre != "all":
        rows = [r for r in rows if r.get("genre") == args.genre]
    if args.limit:
        rows = rows[: args.limit]
    d = Digester(quantize=args.quantize)
    t0 = time.time()
    hi_spans = d.entities([r["hi"] for r in rows])
    en_spans = d.entities([r["en"] for r in rows])
    tp_exact = tp_skel = npred = ngold = 0
    examples = []
    for r, hs, es in zip(rows, hi_spans, en_spans):
        hi_names = [e.name_en for e in link_entities(r["hi"], hs)]
        en_names = [e.name_en for e in link_entities(r["en"], es)]
        npred += len(hi_names)
        ngold += len(en_names)
        tp_exact += match_count(hi_names, en_names, lambda s: s.casefold())
        tp_skel += match_count(hi_names, en_names, lambda s: skeleton(s))
        if len(examples) < 8 and sorted(hi_names) != sorted(en_names):
            examples.append({"hi": hi_names, "en": en_names})
    res = {"sentences": len(rows), "genre": args.genre, "seconds": round(time.time() - t0, 1),
           "exact": prf(tp_exact, npred, ngold), "skeleton": prf(tp_skel, npred, ngold)}
    for ex in examples:
        print("differs:", json.dumps(ex, ensure_ascii=False))
    print(json.dumps(res))


if __name__ == "__main__":
    main()
