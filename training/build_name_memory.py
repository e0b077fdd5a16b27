"""Build the name memory (``names.json``) of the transliteration model from annotated Hindi news.

    PYTHONPATH=. python training/build_name_memory.py --data ../shared/data/ner/news-hi/train.jsonl \
        --lexicon models/lexicon-hi-en/lexicon.json --out models/translit

Reads only the entities of news-hi ``train`` (their Devanagari text, type and English name; never dev,
never a holdout) and writes the whole-name and word tables described in ``newsdigest.names.memory``.
Deterministic: the same input gives a byte-identical file.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsdigest.entities.gold import read_span_jsonl  # noqa: E402
from newsdigest.names._text import DEVANAGARI_RUN, LATIN_RUN, hindi_key, latin_key, words  # noqa: E402
from newsdigest.names.memory import ANY, NAMES_FILE, NameMemory, choose, word_key  # noqa: E402
from newsdigest.names.evaluate import edit_distance  # noqa: E402
from newsdigest.names.itrans import romanize_word  # noqa: E402
from train_translit import _skeleton  # noqa: E402

# how far the consonant outlines of a Hindi word's rule-based reading and its English word may be apart,
# as a share of the longer one. train_translit uses 0.34 for noisy lists; annotated news names are clean,
# so English-origin spellings the rules miss are kept (न्यूज़ = News, नेशन = Nation) while translations
# are not (आयोग = Commission).
MAX_SKELETON_DISTANCE = 0.5
LEXICON_MIN_SCORE = 0.2  # the lexicon's own threshold for offering a translation (newsdigest.summary.lexicon)
# Lexicon pairs are translations unless shown otherwise: only words of LEXICON_MIN_LETTERS or more whose
# outlines are as close as train_translit asks of its noisy lists (in = में, day = दिन, end = अंत sound
# alike at 0.5 and are translations)
LEXICON_MIN_LETTERS = 4
LEXICON_MAX_DISTANCE = 0.34


def sounds_alike(hindi: str, english: str, max_distance: float = MAX_SKELETON_DISTANCE) -> bool:
    """Consonant outlines at most ``max_distance`` apart; a g before e, i, y may sound j (George)."""
    a = _skeleton(romanize_word(hindi))
    for b in {_skeleton(english), _skeleton(re.sub("g(?=[eiy])", "j", english))}:
        if edit_distance(a, b) <= max_distance * max(len(a), len(b)):
            return True
    return False


def _nest():
    return defaultdict(lambda: defaultdict(lambda: defaultdict(int)))


def collect(paths: list[Path]) -> tuple[dict, dict, dict]:
    """Counts by article: whole names and words per direction, and the English forms a Hindi name is
    accepted in (its English name and ``en_alts``; a Hindi form is accepted when an article writes it)."""
    whole, accepted = {"en": _nest(), "hi": _nest()}, _nest()
    word = {"en": defaultdict(lambda: defaultdict(int)), "hi": defaultdict(lambda: defaultdict(int))}
    for path in paths:
        for g in read_span_jsonl(path):
            names, alts, pairs = set(), set(), set()  # an article counts once for each spelling it uses
            for e in g.entities:
                if not e.en:
                    continue
                hindi, english = " ".join(g.text[e.start:e.end].split()), " ".join(e.en.split())
                for label in (e.label, ANY):
                    names.add((hindi, label, english))
                    alts.update((hindi, label, " ".join(a.split())) for a in e.en_alts if a.strip())
                hw, ew = words(hindi, DEVANAGARI_RUN), words(english, LATIN_RUN)
                if len(hw) == len(ew):
                    pairs.update((h, w) for h, w in zip(hw, ew)
                                 if len(latin_key(w)) >= 2 and sounds_alike(hindi_key(h), latin_key(w)))
            for hindi, label, english in names:
                if not DEVANAGARI_RUN.search(english):  # the English name is in Latin letters
                    whole["en"][NameMemory.key(hindi, "en")][label][english] += 1
                if DEVANAGARI_RUN.search(hindi):  # Hindi news writes some acronyms in Latin letters (ICC)
                    whole["hi"][NameMemory.key(english, "hi")][label][hindi] += 1
            for hindi, label, english in names | alts:
                if not DEVANAGARI_RUN.search(english):
                    accepted[NameMemory.key(hindi, "en")][label][english] += 1
            for h, w in pairs:
                word["en"][word_key(h)][w] += 1
                word["hi"][latin_key(w)][h] += 1
    return whole, accepted, word


def build(paths: list[Path]) -> dict:
    """``whole[to][key][label]`` = [the chosen name, other accepted forms in order of use]."""
    whole, accepted, word = collect(paths)
    out = {"whole": {}, "words": {}}
    for to in ("en", "hi"):
        table = {}
        for key in sorted(whole[to]):
            entry = {}
            for label, counts in sorted(whole[to][key].items()):
                best = choose(dict(counts))
                if best:
                    seen = {**counts, **(accepted.get(key, {}).get(label, {}) if to == "en" else {})}
                    entry[label] = [best] + sorted((s for s in seen if s != best), key=lambda s: (-seen[s], s))
            if entry:
                table[key] = entry
        out["whole"][to] = table
        out["words"][to] = {k: s for k in sorted(word[to]) if (s := choose(dict(word[to][k])))}
    return out


def lexicon_words(path: Path) -> dict[str, dict[str, str]]:
    """Word pairs of the parallel-text lexicon (``models/lexicon-hi-en``) that are transliterations:
    each word the other's best translation, scored >= LEXICON_MIN_SCORE, and sounding alike
    (जॉर्ज = george, कैम्ब्रिज = cambridge; not हार = defeat)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    hi_en, en_hi, scores = data["hi_en"], data["en_hi"], data["scores"]["hi_en"]
    out = {"en": {}, "hi": {}}
    for h in sorted(hi_en):
        e = hi_en[h][0]
        if (scores[h][0] >= LEXICON_MIN_SCORE and en_hi.get(e, [None])[0] == h
                and len(latin_key(e)) >= LEXICON_MIN_LETTERS and DEVANAGARI_RUN.match(h)
                and sounds_alike(hindi_key(h), latin_key(e), LEXICON_MAX_DISTANCE)):
            out["en"].setdefault(word_key(h), e)
            out["hi"].setdefault(latin_key(e), h)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, action="append", required=True,
                    help="news-hi span JSONL to learn from (train only; repeatable)")
    ap.add_argument("--out", type=Path, required=True, help="the transliteration model folder")
    ap.add_argument("--lexicon", type=Path, default=None,
                    help="also take the transliterated word pairs of this parallel-text lexicon "
                         "(models/lexicon-hi-en/lexicon.json), for words of people's names that news-hi "
                         "train does not have")
    args = ap.parse_args(argv)
    for p in args.data:
        if "dev" in p.name or "holdout" in str(p):
            ap.error(f"{p}: the name memory learns from train sets only")
    memory = build(args.data)
    if args.lexicon:  # for people's names only: translations sound like their word in places (मध्य = middle)
        memory["person_words"] = {to: dict(sorted(pairs.items())) for to, pairs in lexicon_words(args.lexicon).items()}
    sha = hashlib.sha256(b"".join(p.read_bytes() for p in args.data)).hexdigest()[:12]
    memory["source"] = (f"news-hi train entity names ({', '.join(p.name for p in args.data)}, sha256 {sha}); "
                        "built by training/build_name_memory.py")
    if args.lexicon:
        memory["source"] += f"; transliterated word pairs of {args.lexicon.parent.name}/{args.lexicon.name}"
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / NAMES_FILE
    path.write_text(json.dumps(memory, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    counts = {f"{kind} {to}": len(memory[kind][to]) for kind in ("whole", "words", "person_words")
              if kind in memory for to in ("en", "hi")}
    print(f"wrote {path} ({path.stat().st_size:,} bytes): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
