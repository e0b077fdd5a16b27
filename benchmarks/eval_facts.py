"""Quantities and direct quotes against the news-hi annotations (raw text, character offsets).

    python benchmarks/eval_facts.py --data ../shared/data/ner/news-hi/dev.jsonl            # the digest's facts
    python benchmarks/eval_facts.py --data ../shared/data/ner/news-hi/dev.jsonl --no-model # preprocess only

Quantities: a prediction matches a gold quantity when their spans overlap; recall over required gold
quantities, precision over predictions (those inside an optional gold span are ignored), and among
matches the share with the right value and the right qualifier. Quotes (digest only): a predicted
quote matches when it overlaps a gold quote; speaker right when the speaker entity's English name is
the gold speaker_en (case-insensitive), or one of the acceptable names (en, en_alts) of the gold entity
at the speaker mention, or the gold has none and the prediction has none (speaker_right_exact: the
speaker_en alone); speaker entity right (attribution apart from spelling) when the name is right or
one of the speaker entity's mentions overlaps the gold speaker mention or has its text, or both
sides have none; reported
speech shown as a direct quote is counted apart. ``--json`` also lists the missed gold quotes, the
spurious predicted ones and the speaker errors.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_quantities(records, predicted) -> dict:
    n_gold = n_pred = hit_gold = hit_pred = value_ok = qual_ok = 0
    misses, wrong = [], []
    for rec, preds in zip(records, predicted):
        gold = [q for q in rec["quantities"] if not q.get("optional")]
        optional = [q for q in rec["quantities"] if q.get("optional")]
        n_gold += len(gold)
        for g in gold:
            m = [p for p in preds if overlaps((g["start"], g["end"]), p["span"])]
            if m:
                hit_gold += 1
                value_ok += any(float(p["value"]) == float(g["value"]) for p in m)
                qual_ok += any(p["qualifier"] == g["qualifier"] for p in m)
            else:
                misses.append(g["text"])
        for p in preds:
            if any(overlaps((o["start"], o["end"]), p["span"]) for o in optional) and not any(
                    overlaps((g["start"], g["end"]), p["span"]) for g in gold):
                continue
            n_pred += 1
            if any(overlaps((g["start"], g["end"]), p["span"]) for g in gold):
                hit_pred += 1
            else:
                wrong.append(p["text"])
    return {"gold": n_gold, "predicted": n_pred, "recall": round(hit_gold / max(1, n_gold), 4),
            "precision": round(hit_pred / max(1, n_pred), 4),
            "value_right": round(value_ok / max(1, hit_gold), 4),
            "qualifier_right": round(qual_ok / max(1, hit_gold), 4),
            "missed": misses[:40], "spurious": wrong[:40]}


def _key(name) -> str:
    return " ".join(str(name or "").casefold().split())


def score_quotes(records, digests) -> dict:
    n_gold = hit = speaker_ok = speaker_exact = speaker_entity_ok = n_pred = pred_hit = reported_as_quote = 0
    errors, misses, wrong = [], [], []
    for rec, d in zip(records, digests):
        gold = rec.get("quotes") or []
        quotes = [f for f in d.facts if f.type == "quote"] if d is not None else []
        n_gold += len(gold)
        n_pred += len(quotes)
        for f in quotes:
            if any(overlaps(f.span, (g["start"], g["end"])) for g in gold):
                pred_hit += 1
                continue
            wrong.append({"id": rec.get("id"), "text": f.text[:80]})
            if f.extra.get("direct", True) and "कि" in rec["text"][max(0, f.span[0] - 4):f.span[0]]:
                reported_as_quote += 1
        for g in gold:
            m = [f for f in quotes if overlaps(f.span, (g["start"], g["end"]))]
            if not m:
                misses.append({"id": rec.get("id"), "text": g["text"][:80], "speaker_en": g.get("speaker_en")})
                continue
            hit += 1
            ent = d.entity(m[0].speaker)
            got = ent.name_en if ent else None
            want = g.get("speaker_en")
            span = g.get("speaker") or {}
            # the gold entity at the speaker mention may list other acceptable names (GUIDELINES: en_alts,
            # "the full name for a short mention": गोस्वामी -> K K Goswami or Krishnakant Goswami)
            accepted = {_key(want)}
            for e in rec.get("entities") or []:
                if span and overlaps((e["start"], e["end"]), (span["start"], span["end"])):
                    accepted |= {_key(e.get("en"))} | {_key(a) for a in e.get("en_alts") or []}
            if ent is None:
                speaker_entity_ok += want is None
            elif span:  # attribution apart from spelling: the entity names the gold speaker mention
                speaker_entity_ok += _key(got) in accepted or any(
                    overlaps((mm.start, mm.end), (span["start"], span["end"])) or mm.text == span.get("text")
                    for mm in ent.mentions)
            speaker_exact += _key(want) == _key(got)
            if _key(got) in accepted:  # both None counts: the text never names the speaker
                speaker_ok += 1
            else:
                errors.append({"quote": g["text"][:60], "gold": want, "got": got})
    return {"gold": n_gold, "predicted": n_pred, "recall": round(hit / max(1, n_gold), 4),
            "precision": round(pred_hit / max(1, n_pred), 4), "speaker_right": round(speaker_ok / max(1, hit), 4),
            "speaker_right_exact": round(speaker_exact / max(1, hit), 4),
            "speaker_entity_right": round(speaker_entity_ok / max(1, hit), 4),
            "reported_shown_as_quote": reported_as_quote, "speaker_errors": errors[:30],
            "missed": misses[:40], "spurious": wrong[:40]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="news-hi JSONL (dev to tune; never a holdout)")
    ap.add_argument("--no-model", action="store_true", help="quantities from preprocess.find_quantities only")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in open(args.data, encoding="utf-8") if line.strip()]
    out = {"file": args.data, "texts": len(records)}
    if args.no_model:
        from newsdigest.preprocess import find_quantities

        preds = [[{"span": (q.start, q.end), "value": q.value, "qualifier": q.qualifier, "text": q.text}
                  for q in find_quantities(r["text"])] for r in records]
        out["quantities"] = score_quantities(records, preds)
    else:
        from newsdigest import Digester

        digests = [d if not isinstance(d, Exception) else None for d in Digester().digest_many(r["text"] for r in records)]
        preds = [[{"span": tuple(f.span), "value": f.value, "qualifier": f.qualifier, "text": f.text}
                  for f in (d.facts if d else []) if f.type == "quantity"] for d in digests]
        out["quantities"] = score_quantities(records, preds)
        out["quotes"] = score_quotes(records, digests)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for kind in ("quantities", "quotes"):
            if kind in out:
                r = out[kind]
                print(kind, {k: v for k, v in r.items() if not isinstance(v, list)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
