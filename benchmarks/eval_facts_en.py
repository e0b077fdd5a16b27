"""Direct quotes with their speakers, and quantities, on BBC English business and politics articles,
through the whole pipeline.

    python benchmarks/eval_facts_en.py --data ../shared/data/news/bbc-en/articles.jsonl [--json]
    python benchmarks/eval_facts_en.py --data ../shared/data/news/bbc-en/articles.jsonl \
        --gold benchmarks/data/bbc-en-facts-check.jsonl

The quote annotations (``benchmarks/data/bbc-en-facts.jsonl``) were made by the team on 20 articles of the
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

The check set (``bbc-en-facts-check.jsonl``: 10 more articles, the 121st-125th of each category, annotated
before the quote rules of 2026-12-04 were written) also holds the quantities, under the quantity rules
of the same guidelines: counts, money, percentages and measures with their value and qualifier; years,
dates, times, durations ("three months"), names with numbers (Radio 4) and the pronoun "one" are not
quantities; ages, fractions such as "two thirds" and ranges written "$50-100,000" are optional. They are
scored as ``benchmarks/eval_facts.py`` scores the news-hi ones (spans overlap; value and qualifier among
matches).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
GOLD = Path(__file__).resolve().parent / "data" / "bbc-en-facts.jsonl"


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
            sys.exit(f"eval_facts_en: {g['id']} is not the annotated version of the article (blob {g['blob']})")
    from newsdigest import Digester

    digests = list(Digester().digest_many([{"text": articles[g["id"]]["text"], "title": articles[g["id"]]["title"]}
                                           for g in golds]))
    bad = [g["id"] for g, d in zip(golds, digests) if isinstance(d, Exception)]
    if bad:
        sys.exit(f"eval_facts_en: digest failed for {bad}")
    out = score(golds, digests)
    if any("quantities" in g for g in golds):
        from eval_facts import score_quantities

        records = [{"quantities": [{**q, "text": articles[g["id"]]["text"][q["start"]:q["end"]]}
                                   for q in g.get("quantities", [])]} for g in golds]
        preds = [[{"span": tuple(f.span), "value": f.value, "qualifier": f.qualifier, "text": f.text}
                  for f in d.facts if f.type == "quantity"] for d in digests]
        out["quantities"] = score_quantities(records, preds)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print("quotes", {k: v for k, v in out.items() if not isinstance(v, (list, dict))})
        if "quantities" in out:
            print("quantities", {k: v for k, v in out["quantities"].items() if not isinstance(v, list)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
