"""Names of news entities in the other script, the gold spans and types given: newsdigest.names alone.

    python benchmarks/eval_names_news.py --data ../shared/data/ner/news-hi/dev.jsonl [--show]

hi->en: every required gold entity with an English name; its Devanagari text (as the article writes it)
goes through ``to_english_batch`` with its gold type, and is right when the result is the gold name or one
of its accepted forms (``en_alts``), compared as ``newsdigest eval ner`` compares names.
en->hi: each distinct (English name, type, Devanagari text) of those entities; ``to_hindi_batch`` is right
when it gives the article's Devanagari (nukta and zero-width characters ignored).

Unlike ``newsdigest eval ner`` (the names the digest gives the entities it found), this isolates the
name-spelling stage from NER and linking. Tune on news-hi ``dev`` (or ``train``); the last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsdigest.evaluation.ner import _name_key
from newsdigest.entities.gold import read_span_jsonl
from newsdigest.names import Transliterator
from newsdigest.names.gazetteer import _hi_key


def evaluate(paths: list[Path], translit: Transliterator) -> dict:
    items = []
    for p in paths:
        for g in read_span_jsonl(p):
            for e in g.entities:
                if not e.optional and e.en:
                    items.append((g.text[e.start:e.end], e.label, e.en, [e.en, *e.en_alts]))
    got = translit.to_english_batch([i[0] for i in items], [i[1] for i in items])
    per: dict[str, list[int]] = {}
    errors = {"hi_en": [], "en_hi": []}
    for (text, label, en, ok), g in zip(items, got):
        right = _name_key(g) in {_name_key(x) for x in ok if x}
        per.setdefault(label, [0, 0])[0] += right
        per[label][1] += 1
        if not right:
            errors["hi_en"].append({"type": label, "text": text, "gold": en, "got": g})
    pairs = sorted({(en, label, text) for text, label, en, _ in items})
    hindi = translit.to_hindi_batch([p[0] for p in pairs], [p[1] for p in pairs])
    hi_right = 0
    for (en, label, text), h in zip(pairs, hindi):
        if _hi_key(h) == _hi_key(text):
            hi_right += 1
        else:
            errors["en_hi"].append({"type": label, "english": en, "gold": text, "got": h})
    right = sum(r for r, _ in per.values())
    total = sum(n for _, n in per.values())
    return {
        "hi_en": {"right": right, "of": total, "accuracy": round(right / max(total, 1), 4),
                  "per_type": {k: round(r / n, 4) for k, (r, n) in sorted(per.items())}},
        "en_hi": {"right": hi_right, "of": len(pairs), "accuracy": round(hi_right / max(len(pairs), 1), 4)},
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, action="append", required=True, help="news-hi span JSONL (repeatable)")
    ap.add_argument("--show", action="store_true", help="print every wrong name")
    args = ap.parse_args(argv)
    result = evaluate(args.data, Transliterator())
    for d in ("hi_en", "en_hi"):
        r = result[d]
        print(f"{d}: {r['right']}/{r['of']} = {r['accuracy']:.4f}" + (f" {r['per_type']}" if "per_type" in r else ""))
        if args.show:
            for e in result["errors"][d]:
                print("   ", json.dumps(e, ensure_ascii=False))
    print(json.dumps({k: v for k, v in result.items() if k != "errors"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
