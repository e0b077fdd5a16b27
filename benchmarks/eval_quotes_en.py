"""Direct quotes and their speakers on BBC English business and politics articles, through the whole pipeline.

    python benchmarks/eval_quotes_en.py --data ../shared/data/news/bbc-en/articles.jsonl [--json]

The annotations (``benchmarks/data/bbc-en-quotes.jsonl``) were made by the team on 20 articles of the
``news/bbc-en`` bench set (business and politics, the 111th-120th distinct article of each category;
politics/112 has no quote), under the direct-quote rules of the news-hi GUIDELINES.md: every stretch
between quote marks that reproduces what someone said, with the speaker's English name (and accepted short
forms); single scare-quoted words and titles are not quotes; quoted fragments inside reported speech and
quotes whose speaker the text leaves unclear are optional (neither required nor penalised). Each record
holds the article id, its git blob id, its length and character offsets of the quoted words — no text
of the articles, which stay in ../shared (the BBC's copyright, research use only).

A predicted quote matches a gold quote when their spans overlap; recall over required gold quotes,
precision over predicted quotes (those overlapping only optional gold are ignored), speaker right among
matched required quotes when the speaker entity's English name is one of the accepted names.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
GOLD = Path(__file__).resolve().parent / "data" / "bbc-en-quotes.jsonl"


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(golds: list[dict], digests) -> dict:
    n_gold = hit = speaker_ok = n_pred = pred_hit = 0
    errors, misses, spurious = [], [], []
    for g, d in zip(golds, digests):
        quotes = [f for f in d.facts if f.type == "quote"]
        required = [q for q in g["quotes"] if not q["optional"]]
        optional = [q for q in g["quotes"] if q["optional"]]
        n_gold += len(required)
        for f in quotes:
            on_required = any(overlaps(f.span, (q["start"], q["end"])) for q in required)
            if not on_required and any(overlaps(f.span, (q["start"], q["end"])) for q in optional):
                continue
            n_pred += 1
            pred_hit += on_required
            if not on_required:
                spurious.append({"id": g["id"], "span": list(f.span)})
        for q in required:
            m = [f for f in quotes if overlaps(f.span, (q["start"], q["end"]))]
            if not m:
                misses.append({"id": g["id"], "span": [q["start"], q["end"]], "speaker_en": q["speaker_en"][0]})
                continue
            hit += 1
            ent = d.entity(m[0].speaker)
            got = ent.name_en if ent else None
            if got and got.casefold() in {n.casefold() for n in q["speaker_en"]}:
                speaker_ok += 1
            else:
                errors.append({"id": g["id"], "span": [q["start"], q["end"]], "gold": q["speaker_en"][0], "got": got})
    return {"articles": len(golds), "gold": n_gold, "predicted": n_pred,
            "recall": round(hit / max(1, n_gold), 4), "precision": round(pred_hit / max(1, n_pred), 4),
            "speaker_right": round(speaker_ok / max(1, hit), 4),
            "speaker_errors": errors, "missed": misses, "spurious": spurious}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="../shared/data/news/bbc-en/articles.jsonl")
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--json", action="store_true", help="also list the missed, spurious and misattributed quotes")
    args = ap.parse_args(argv)
    golds = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    articles = {}
    with open(args.data, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            articles[r["id"]] = r
    for g in golds:
        r = articles.get(g["id"])
        if r is None or r["blob"] != g["blob"] or len(r["text"]) != g["chars"]:
            sys.exit(f"eval_quotes_en: {g['id']} is not the annotated version of the article (blob {g['blob']})")
    from newsdigest import Digester

    digests = list(Digester().digest_many([{"text": articles[g["id"]]["text"], "title": articles[g["id"]]["title"]}
                                           for g in golds]))
    bad = [g["id"] for g, d in zip(golds, digests) if isinstance(d, Exception)]
    if bad:
        sys.exit(f"eval_quotes_en: digest failed for {bad}")
    out = score(golds, digests)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print({k: v for k, v in out.items() if not isinstance(v, list)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
