"""Choose the spelling-lexicon weight (newsdigest.names.lexicon.WEIGHT) on tuning data only.

    PYTHONPATH=. python benchmarks/tune_lexicon.py --data ../shared/data/translit

Tuning sets: the dev players of cricinfo-players/train (the split training also holds out, both
directions, full names), dakshina-hi/dev (Hindi words with native romanizations; a prediction counts
as exact when it equals any attested romanization, hi->en only) and wikidata-hi-en (1,275 labels of
places, organisations and people whose word counts agree, hi->en). Wikidata is also training data of the
model, which therefore already spells much of it right: it can only understate what the lexicon adds.
Person names (cricinfo) and news names (places, organisations: Wikidata) pull the weight apart. The model's outputs, the candidates and
their model scores are computed once; each weight then only re-chooses. The holdout is never read.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsdigest.names import Transliterator
from newsdigest.names._text import DEVANAGARI_RUN, LATIN_RUN, hindi_key, latin_key, split_runs, words
from newsdigest.evaluation.names import is_dev_player, load_cricinfo, score
from newsdigest.names.lexicon import Lexicon, choose

WEIGHTS = [0.0, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.5]
ALPHAS = [1.0, 0.5, 0.0]  # share of the forward score log P(candidate|input); the rest is log P(input|candidate)


def prepare(t: Transliterator, keys: list[str], to: str):
    outputs = t._forward(keys, to)
    cands, by_alpha = t.candidate_scores(keys, outputs, to, ALPHAS)
    return outputs, cands, by_alpha, Lexicon.load(to).frequencies()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the translit data folder")
    ap.add_argument("--dakshina", type=int, default=2000, help="dakshina dev words to use")
    ap.add_argument("--model-dir", type=Path, default=None, help="default: translit/ of $NEWSDIGEST_MODELS or the shipped models")
    args = ap.parse_args(argv)
    t = Transliterator(args.model_dir, lexicon=False)
    t._load()
    rows = [r for r in load_cricinfo(args.data / "cricinfo-players/train.jsonl") if is_dev_player(r["id"])]
    seen, dev = set(), []
    for r in rows:
        if (r["hindi"], r["english"]) not in seen:
            seen.add((r["hindi"], r["english"]))
            dev.append(r)
    attested: dict[str, set[str]] = {}
    with open(args.data / "dakshina-hi/dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            attested.setdefault(hindi_key(r["devanagari"]), set()).add(r["latin"].lower())
    dak = sorted(attested)[: args.dakshina]
    results = {}
    for to, src_names, refs in (("en", [r["hindi"] for r in dev], [r["english"] for r in dev]),
                                ("hi", [r["english"] for r in dev], [r["hindi"] for r in dev])):
        run, key = (DEVANAGARI_RUN, hindi_key) if to == "en" else (LATIN_RUN, latin_key)
        keys = sorted({key(w) for n in src_names for w in words(n, run)})
        outputs, cands, by_alpha, zipf = prepare(t, keys, to)
        for a, w in [(a, w) for a in ALPHAS for w in WEIGHTS]:
            done = dict(zip(keys, choose(outputs, cands, by_alpha[a], zipf, weight=w)))
            preds = []
            for n in src_names:
                parts = [done.get(key(p), p) if is_word else p for p, is_word in split_runs(n, run)]
                preds.append("".join(parts))
            results.setdefault(f"cricinfo-dev {to} alpha={a}", {})[w] = score(preds, refs, casefold=(to == "en"))
    wiki = [json.loads(line) for line in open(args.data / "wikidata-hi-en/wikidata_20150427_hi_en_ur.jsonl",
                                              encoding="utf-8")]
    wiki = [r for r in wiki if r["en"][:1].isupper()
            and len(words(r["hi"], DEVANAGARI_RUN)) == len(r["en"].split())]
    keys = sorted({hindi_key(w) for r in wiki for w in words(r["hi"], DEVANAGARI_RUN)})
    outputs, cands, by_alpha, zipf = prepare(t, keys, "en")
    for a, w in [(a, w) for a in ALPHAS for w in WEIGHTS]:
        done = dict(zip(keys, choose(outputs, cands, by_alpha[a], zipf, weight=w)))
        preds = ["".join(done.get(hindi_key(p), p) if is_word else p for p, is_word in
                         split_runs(r["hi"], DEVANAGARI_RUN)) for r in wiki]
        results.setdefault(f"wikidata en alpha={a}", {})[w] = score(preds, [r["en"] for r in wiki], casefold=True)
    outputs, cands, by_alpha, zipf = prepare(t, dak, "en")
    for a, w in [(a, w) for a in ALPHAS for w in WEIGHTS]:
        chosen = choose(outputs, cands, by_alpha[a], zipf, weight=w)
        exact = sum(c in attested[k] for k, c in zip(dak, chosen)) / len(dak)
        results.setdefault(f"dakshina-dev en alpha={a} (any attested)", {})[w] = {"exact": exact}
    print(f"{'set':<40} " + " ".join(f"{w:>11}" for w in WEIGHTS))
    for name, by_w in sorted(results.items()):
        print(f"{name:<40} " + " ".join(
            f"{m['exact']:.3f}/{m['cer']:.3f}" if "cer" in m else f"{m['exact']:11.3f}" for m in by_w.values()))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
