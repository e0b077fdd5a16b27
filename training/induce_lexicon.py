"""Induce the Hindi <-> English word lexicon of ``models/lexicon-hi-en`` from parallel sentences.

    PYTHONPATH=. python training/induce_lexicon.py --shared ../shared --out models/lexicon-hi-en

IBM Model 1 (Brown et al., 1993) is trained by EM in both directions (with a NULL word) on the
sentence pairs of the parallel sets whose licences allow training and redistribution of what is
learned (see SETS); a word pair is kept when both directions agree: t(en|hi) and t(hi|en) are both at
least MIN_PROB, the two words share at least MIN_PAIRS sentence pairs, and the pair's score is the
geometric mean of the two probabilities. Per word the best MAX_TRANSLATIONS are written, best first.
Lookups read only pairs whose score is at least ``MIN_SCORE`` of :mod:`newsdigest.summary.lexicon`.

Hindi words are keyed by :func:`newsdigest.summary.lexicon.hindi_fold` (NFC, nukta and chandrabindu
folded), English words are lower-cased; a Hindi translation is written in its most frequent spelling. The output is one JSON file (no pickles) with the sets, their
licences, the settings and counts, so the model card can be written from it.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsdigest.summary.lexicon import english_fold, hindi_fold  # noqa: E402

# (path under data/parallel, licence, how to read it). Left out: flores200 (tune/holdout) and pud
# (holdout); il-ilgov (no licence); misc-hi-en (TIDES/TED parts are non-commercial); hinglish-en
# (romanised Hindi, not Devanagari).
SETS = [
    ("tico19-en-hi/tico19_en_hi.jsonl", "CC0-1.0", "pair"),
    ("tatoeba-hi-en/tatoeba.hin-eng.jsonl", "CC-BY-2.0-FR (Tatoeba terms of use)", "pair"),
    ("mturk-hi-en/dev.jsonl", "CC-BY-SA-3.0", "refs"),
    ("mturk-hi-en/devtest.jsonl", "CC-BY-SA-3.0", "refs"),
    ("mturk-hi-en/test.jsonl", "CC-BY-SA-3.0", "refs"),
    ("xquad-hi-en/paragraphs.jsonl", "CC-BY-SA-4.0", "paragraph"),
]
ITERATIONS = 8
MIN_PROB = 0.05
MIN_PAIRS = 2
MAX_TRANSLATIONS = 4
MAX_WORDS = 80  # longer sentences are left out (alignment noise, quadratic cost)
NULL = "<null>"

_HI_WORD = regex.compile(r"[\p{Devanagari}\p{M}]+|[0-9]+")
_EN_WORD = regex.compile(r"[A-Za-z]+(?:'[a-z]+)?|[0-9]+")
_SENTENCE_END = regex.compile(r"(?<=[।.?!])\s+")


SURFACE: dict[str, Counter] = defaultdict(Counter)  # folded key -> the spellings seen


def hi_tokens(text: str) -> list[str]:
    out = []
    for w in _HI_WORD.findall(text):
        key = hindi_fold(w)
        SURFACE[key][unicodedata.normalize("NFC", w)] += 1
        out.append(key)
    return out


def surface(key: str) -> str:
    """The most frequent spelling of a folded Hindi key (उड़ानों, not the key उडानों)."""
    seen = SURFACE.get(key)
    return min(seen.items(), key=lambda kv: (-kv[1], kv[0]))[0] if seen else key


def en_tokens(text: str) -> list[str]:
    return [english_fold(w) for w in _EN_WORD.findall(text)]


def read_pairs(shared: Path) -> tuple[list[tuple[list[str], list[str]]], list[dict]]:
    pairs, used = [], []
    for rel, licence, kind in SETS:
        path = shared / "data" / "parallel" / rel
        n = 0
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if kind == "pair":
                    items = [(r["hi"], r["en"])]
                elif kind == "refs":
                    items = [(r["hi"], ref) for ref in r["en_refs"] if ref.strip()]
                else:  # a paragraph is used sentence by sentence when both sides split alike
                    hs, es = _SENTENCE_END.split(r["hi"].strip()), _SENTENCE_END.split(r["en"].strip())
                    items = list(zip(hs, es)) if len(hs) == len(es) else []
                for hi, en in items:
                    h, e = hi_tokens(hi), en_tokens(en)
                    if h and e and len(h) <= MAX_WORDS and len(e) <= MAX_WORDS:
                        pairs.append((h, e))
                        n += 1
        used.append({"set": rel, "licence": licence, "pairs": n})
    return pairs, used


def ibm1(pairs: list[tuple[list[str], list[str]]], iterations: int) -> dict[str, dict[str, float]]:
    """t(target | source) for pairs of (source words, target words); NULL is a source word."""
    t: dict[str, dict[str, float]] = defaultdict(dict)
    for src, tgt in pairs:
        for s in set(src) | {NULL}:
            row = t[s]
            for w in tgt:
                row[w] = 1.0
    for s, row in t.items():  # uniform start
        u = 1.0 / len(row)
        for w in row:
            row[w] = u
    for _ in range(iterations):
        count: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for src, tgt in pairs:
            sources = src + [NULL]
            for w in tgt:
                z = sum(t[s][w] for s in sources)
                for s in sources:
                    count[s][w] += t[s][w] / z
        t = defaultdict(dict)
        for s, row in count.items():
            total = sum(row.values())
            t[s] = {w: c / total for w, c in row.items()}
    return t


def induce(pairs, iterations: int = ITERATIONS) -> tuple[dict, dict]:
    t_en_hi = ibm1(pairs, iterations)  # t(en | hi)
    t_hi_en = ibm1([(e, h) for h, e in pairs], iterations)  # t(hi | en)
    co: Counter = Counter()
    for h, e in pairs:
        for hw in set(h):
            for ew in set(e):
                co[hw, ew] += 1
    hi_en: dict[str, list] = defaultdict(list)
    en_hi: dict[str, list] = defaultdict(list)
    for (hw, ew), n in co.items():
        if n < MIN_PAIRS or hw.isdigit() or ew.isdigit():
            continue
        p1 = t_en_hi.get(hw, {}).get(ew, 0.0)
        p2 = t_hi_en.get(ew, {}).get(hw, 0.0)
        if p1 >= MIN_PROB and p2 >= MIN_PROB:
            score = round(math.sqrt(p1 * p2), 4)
            hi_en[hw].append((ew, score))
            en_hi[ew].append((surface(hw), score))
    pick = lambda d: {k: [w for w, _ in sorted(v, key=lambda x: (-x[1], x[0]))[:MAX_TRANSLATIONS]]  # noqa: E731
                      for k, v in sorted(d.items())}
    score = lambda d: {k: [s for _, s in sorted(v, key=lambda x: (-x[1], x[0]))[:MAX_TRANSLATIONS]]  # noqa: E731
                       for k, v in sorted(d.items())}
    return {"hi_en": pick(hi_en), "en_hi": pick(en_hi)}, {"hi_en": score(hi_en), "en_hi": score(en_hi)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "models" / "lexicon-hi-en")
    ap.add_argument("--iterations", type=int, default=ITERATIONS)
    args = ap.parse_args(argv)
    pairs, used = read_pairs(args.shared)
    words, scores = induce(pairs, args.iterations)
    out = {
        "format": "newsdigest-lexicon/1",
        "method": "IBM Model 1, both directions, intersection",
        "settings": {"iterations": args.iterations, "min_prob": MIN_PROB, "min_pairs": MIN_PAIRS,
                     "max_translations": MAX_TRANSLATIONS, "max_words": MAX_WORDS},
        "sets": used,
        "counts": {"pairs": len(pairs), "hi_words": len(words["hi_en"]), "en_words": len(words["en_hi"])},
        "hi_en": words["hi_en"], "en_hi": words["en_hi"],
        "scores": scores,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "lexicon.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                   encoding="utf-8")
    tmp.replace(path)
    print(json.dumps({"out": str(path), "bytes": path.stat().st_size, **out["counts"], "sets": used},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
