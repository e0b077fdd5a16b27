"""Spellings readers know: 'Zuckerberg', not 'Jukarbarg'.

A character model spells a name the way it sounds. Readers expect the established spelling, and for
well-known names that spelling is in large word-frequency lists. This is back-transliteration with a
target-language word list (Knight & Graehl, 1998): words of the list that share the input's sound key
(:func:`newsdigest.names.phonetic.script_key`) are candidates, and a candidate replaces the model's
own output when

    ALPHA * log P(candidate | input) + (1 - ALPHA) * log P(input | candidate) + WEIGHT * zipf(candidate)

is higher than the same sum for the model's output (zipf = 0 for a word the list lacks). In organisations'
and places, the English words whose pronunciation (:mod:`newsdigest.names.pronounce`) is spelled exactly as
the Hindi word is are candidates too and gain WEIGHT_SAID (व्हाइटहॉल = Whitehall, ब्रदर = Brother: the
letters of neither say their sounds); into Hindi, the pronunciation's own spelling is a candidate that gains
WEIGHT_PRONOUNCED (Labour = लेबर). Both
log-probabilities come from the one transliteration model (its two directions), divided by
length**0.6. The reverse direction is the noisy-channel score: "Zuckerberg" read aloud in Hindi is
जुकरबर्ग, though जुकरबर्ग read as English would rather be "Jukarbarg". A frequent word must also
be a likely transliteration: कमल stays Kamal and does not become "camel".

The lists come from `wordfreq` (code Apache-2.0; data CC BY-SA 4.0, built from Wikipedia, subtitles,
news, books, web text, Twitter and Reddit; Speer, 2022). English uses its 'large' list (words down to
zipf 1.5 of a-z letters with a vowel: about 155,000); Hindi its 'small' list (about 24,000 words). The word
lists are read from the installed package: nothing is downloaded and nothing is copied into newsdigest.
ALPHA and WEIGHT were chosen on tuning data (cricinfo dev players, Dakshina dev, Wikidata labels) with
benchmarks/tune_lexicon.py; see models/translit/README.md.
"""
from __future__ import annotations

import functools
import math
import unicodedata
from collections import ChainMap
from collections.abc import Mapping

import regex

from ._text import _DEVA, hindi_key
from .phonetic import script_key, skeleton

# chosen on tuning data: benchmarks/tune_lexicon.py; "hi" retuned on the English names of news-hi dev and
# train entities against the Devanagari the articles write (1,614 distinct names; ALPHA 1.0 / WEIGHT 0.2:
# 765 exact, 0.5 / 0.4: 834; runs of this grid in the README)
WEIGHT = {"en": 0.3, "hi": 0.4}
# Organisation names into English: brands and institutions are common English words (WhatsApp, Messenger,
# Anti-Corruption); chosen on news-hi dev ORG names (0.3 / 0.6 / 0.9 compared)
WEIGHT_ORG = 0.9
# Places' names of two or more words into English (names.PLACE_PHRASE): War Memorial Stadium, Red Lake,
# Judean Hills, not "Wor", "Lek", "Judiyan"; chosen on FLORES-200 dev (0.45 / 0.5 / 0.6: precision 0.8117 /
# 0.8094 / 0.8094; 0.3, the places' weight, 0.8035); news-hi dev names unchanged at each
WEIGHT_PLACE_PHRASE = 0.45
# Into Hindi: the spelling an English word's pronunciation gives (names.pronounce, the CMU Pronouncing
# Dictionary) is a candidate, preferred by this much (in the units of the model's length-normalised
# log-probabilities), for words of English at least this common (wordfreq zipf): rarer words are more often
# names of Indian origin the dictionary reads the American way (Tandon, Landa). Chosen on FLORES-200 dev
# English -> Hindi and news-hi dev (benchmarks/eval_crosslingual.py parallel --direction en-hi,
# eval_names_news.py): weight 1.5 / 2 / 3 at zipf 2.75 gave name precision 0.5667 / 0.5682 / 0.5545,
# 2 at zipf 3.0 0.5697 (0.5485 without); news-hi dev 268 -> 270 of 431 at each
WEIGHT_PRONOUNCED = 2.0
MIN_ZIPF_PRONOUNCED = 3.0
# Into English, in organisations' and places' names: a candidate whose pronunciation is spelled as the Hindi
# word is (व्हाइटहॉल = Whitehall, ब्रदर = Brother; names.pronounce.said_as; never Hindi's own words) is
# preferred by this much; chosen on FLORES-200 dev Hindi -> English (2 / 3 / 4 gave 0.8233 / 0.8221 / 0.8221
# with people's names too; 0.8198 without them, 0.8127 before; see models/pronunciations-en/README.md)
WEIGHT_SAID = 2.0
# en: only log P(input | candidate), the en->hi direction of the model, the one trained to read English
# spellings; hi: half log P(candidate | input), half log P(input | candidate) (the hi->en direction reads
# रिज़र्व as "reserve" better than the en->hi one writes "reserve" as रिज़र्व).
ALPHA = {"en": 0.0, "hi": 0.5}
MIN_ZIPF = {"en": 1.5, "hi": 1.0}
LISTS = {"en": "large", "hi": "small"}
PER_KEY = 30  # most frequent words kept per sound key
MAX_CANDIDATES = 2 * PER_KEY  # all of both keys: a cap of 12 lowered dev exact match (rare names)
_LATIN_WORD = regex.compile(r"(?=[a-z]*[aeiouy])[a-z]{2,}")  # with a vowel: not "wtsp", "msc"
_DEVA_WORD = regex.compile(rf"[{_DEVA}]{{2,}}")
_SOFT_G = regex.compile(r"g(?=[eiy])")
_VOICED_S = regex.compile(r"(?<=[aeiou])s(?=[aeiouy])|(?<=ew)s$")  # 'reserve', 'news': an s that sounds z
_SILENT = regex.compile(r"^k(?=n)|(?<=i)gh(?=t|$)")  # 'Knight', 'Rights': letters English does not sound
_SYLLABLE_START = regex.compile(r"[\u0904-\u0939\u0958-\u0961\u0972-\u097f]")
# closed compounds (names.lexicon.Lexicon.compounds)
COMPOUND_MIN = 7  # characters of the Devanagari word
COMPOUND_PART = 4  # characters of each half
COMPOUND_ZIPF = 3.0  # each half a common English word
COMPOUND_TOP = 3  # words per half
COMPOUND_DISCOUNT = 0.0  # zipf of a compound: that of its rarer half less this
# a compound must read back nearly as well as the model's own spelling: within this much of its score
# (डाउनडिटेक्टर -> downdetector is 0.5 below; कर्मचारी -> "creamcareer" 3.1, मोटोकॉर्प -> "mouthcorp" 3.6)
COMPOUND_MARGIN = 1.0


class Lexicon:
    """Words of one language indexed by sound key, each with its zipf frequency (log10 per billion + 9)."""

    def __init__(self, lang: str, words: dict[str, float], index: dict[str, list[str]] | None = None):
        self.lang = lang
        self.zipf: dict[str, float] = words
        self.compound_zipf: dict[str, float] = {}
        self.index = self.build_index(words) if index is None else index

    def build_index(self, words: dict[str, float]) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for w in sorted(words, key=lambda w: (-words[w], w)):
            for k in self._keys(w):
                bucket = index.setdefault(k, [])
                if len(bucket) < PER_KEY:
                    bucket.append(w)
        return index

    def _keys(self, word: str) -> set[str]:
        return {script_key(word)} if self.lang == "hi" else latin_keys(word)

    def candidates(self, key: str) -> list[str]:
        return self.index.get(key, []) if key else []

    def shortlist(self, output: str, keys: list[str], allowed: set[str], limit: int = MAX_CANDIDATES) -> list[str]:
        """``output`` first, then up to ``limit`` most frequent words under ``keys`` written in ``allowed``."""
        found = {w for k in keys for w in self.candidates(k) if w != output and set(w) <= allowed}
        return [output] + sorted(found, key=lambda w: (-self.zipf[w], w))[:limit]

    def compounds(self, word: str, allowed: set[str]) -> list[str]:
        """English closed compounds for a long Devanagari word: डाउनडिटेक्टर -> 'downdetector'.

        Brand names glue common words together (Downdetector, Snapchat) and are too new or too rare for
        the word list. The word is cut between two syllables; each half of at least COMPOUND_PART
        characters proposes its COMPOUND_TOP most frequent list words of zipf >= COMPOUND_ZIPF under its
        sound key, and every pairing is a candidate, with the zipf of its rarer half less
        COMPOUND_DISCOUNT (:meth:`_compound_zipf`); the model's score still has to agree. Halves of
        three characters (पुर, गढ़, बाद, पाक) made 'ahmedpoor' of अहमदपुर and 'packdust' of पाकदश्त
        on the tuning names, so they are not cut off. People's names are never proposed compounds
        (``Transliterator`` skips them for PER): ब्रेवरमैन is Braverman, not "Braveremain".
        """
        if self.lang != "en" or len(word) < COMPOUND_MIN:
            return []
        out: list[str] = []
        for i in syllable_cuts(word):
            a, b = word[:i], word[i:]
            if len(a) < COMPOUND_PART or len(b) < COMPOUND_PART:
                continue
            heads, tails = (
                [w for w in self.candidates(script_key(part)) if self.zipf[w] >= COMPOUND_ZIPF and set(w) <= allowed]
                [:COMPOUND_TOP] for part in (a, b))
            out.extend(h + t for h in heads for t in tails if h + t not in self.zipf)
        out = list(dict.fromkeys(out))
        for c in out:
            if c not in self.compound_zipf:
                self.compound_zipf[c] = self._compound_zipf(c)
        return out

    def _compound_zipf(self, compound: str) -> float:
        """Best min(zipf) over the ways to read ``compound`` as two common list words, less the discount;
        a function of the string alone, so a spelling never depends on the words seen before it."""
        halves = ((self.zipf.get(compound[:j], 0.0), self.zipf.get(compound[j:], 0.0))
                  for j in range(2, len(compound) - 1))
        best = max((min(z) for z in halves if min(z) >= COMPOUND_ZIPF), default=0.0)
        return max(best - COMPOUND_DISCOUNT, 0.0)

    def frequencies(self) -> "ChainMap[str, float]":
        """zipf of list words and of the compounds proposed so far (for :func:`choose`)."""
        return ChainMap(self.zipf, self.compound_zipf)

    @classmethod
    @functools.lru_cache(maxsize=2)
    def load(cls, lang: str) -> "Lexicon":
        """The wordfreq list of ``lang`` ('en' or 'hi') with its sound-key index: built once (about 3 s
        for English) and cached on disk (names._cache), then read in a fraction of a second."""
        from ._cache import cached_table

        def build():
            lex = cls._from_wordfreq(lang)
            return {"zipf": lex.zipf, "index": lex.index}

        t = cached_table(f"lexicon-{lang}", ("wordfreq",), build, code=("lexicon", "phonetic", "_text", "itrans"))
        return cls(lang, t["zipf"], t["index"])

    @classmethod
    def _from_wordfreq(cls, lang: str) -> "Lexicon":
        import wordfreq

        freq = wordfreq.get_frequency_dict(lang, wordlist=LISTS[lang])
        pattern = _LATIN_WORD if lang == "en" else _DEVA_WORD
        words: dict[str, float] = {}
        for w, f in freq.items():
            if lang == "hi":
                w = hindi_key(unicodedata.normalize("NFC", w))
            if not pattern.fullmatch(w):
                continue
            z = round(math.log10(f) + 9, 2)
            if z >= MIN_ZIPF[lang] and z > words.get(w, -1.0):
                words[w] = z
        return cls(lang, words)


def listed_hindi_zipf(word: str) -> float:
    """A Devanagari word's zipf in the Hindi word list the names load (wordfreq's values; 0.0 when it is not
    listed): no import of wordfreq."""
    return Lexicon.load("hi").zipf.get(hindi_key(word), 0.0)


def word_zipf(word: str, lang: str) -> float:
    """wordfreq's ``zipf_frequency(word, lang)``; English read from the list the names already load
    (:meth:`Lexicon.load`), so a digest does not load wordfreq's own copy of it (0.1 s and 26 MB).

    English: equal to wordfreq's for every lowercase word of two or more Latin letters with a vowel (the
    list's words: the same 'large' list, the same rounding) whose zipf is at least ``MIN_ZIPF["en"]``;
    such a word rarer than that reads 0.0, below every threshold the summaries compare with. Any other
    string (digits, hyphens, apostrophes, one letter, other scripts), and any other language, is
    wordfreq's own answer, with wordfreq imported only then."""
    if lang == "en":
        low = word.lower()
        if _LATIN_WORD.fullmatch(low):
            return Lexicon.load("en").zipf.get(low, 0.0)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def choose(outputs: list[str], candidates: list[list[str]], scores: list[list[float]],
           zipf: Mapping[str, float], weight: float, compounds: Mapping[str, float] | None = None,
           preferred: list[str | None] | None = None, bonus: float = 0.0) -> list[str]:
    """For each word: its model output or the candidate with the best model score + weight * zipf.

    ``candidates[i]`` starts with ``outputs[i]``; ``scores[i]`` are the model scores of those
    candidates (see the module docstring). Ties keep the earlier candidate (the model's output).
    A candidate in ``compounds`` (:meth:`Lexicon.compounds`) counts only when its score is within
    COMPOUND_MARGIN of the model output's. ``preferred[i]`` (the word's spelling by its pronunciation,
    :mod:`names.pronounce`) gets ``bonus`` on top.
    """
    chosen = []
    preferred = preferred or [None] * len(outputs)
    for out, cands, sc, pref in zip(outputs, candidates, scores, preferred):
        best, best_score = out, -math.inf
        for c, s in zip(cands, sc):
            if compounds is not None and c in compounds and s < sc[0] - COMPOUND_MARGIN:
                continue
            total = s + weight * zipf.get(c, 0.0) + (bonus if preferred_match(c, pref) else 0.0)
            if total > best_score:
                best, best_score = c, total
        chosen.append(best)
    return chosen


def preferred_match(candidate: str, preferred) -> bool:
    """Whether ``candidate`` is the preferred spelling: a string (a Devanagari spelling, nuktas aside) or an
    object with ``matches(candidate)``; None matches nothing."""
    if preferred is None:
        return False
    if isinstance(preferred, str):
        return same_spelling(candidate, preferred)
    return preferred.matches(candidate)


def same_spelling(a: str, b: str) -> bool:
    """Two Devanagari spellings that differ at most in nuktas (फ़्लाइट, फ्लाइट: news writes both)."""
    return a.replace("\u093c", "") == b.replace("\u093c", "")


def syllable_cuts(word: str) -> list[int]:
    """Positions in a Devanagari word where a new syllable starts (a consonant or vowel letter not after a virama)."""
    return [i for i in range(1, len(word))
            if _SYLLABLE_START.match(word[i]) and word[i - 1] != "\u094d"]


def latin_keys(word: str) -> set[str]:
    """Sound keys of a Latin word; both readings of a g before e, i, y ('George' sounds like जॉर्ज,
    'get' does not; 'Agency' is एजेंसी) and of an s between vowels ('Reserve' is रिज़र्व, 'basic' is बेसिक)
    or after 'ew' ('News' is न्यूज़); also the key without an initial k before n or a gh after i before t or
    at the end ('Knight Riders' is नाइट राइडर्स, 'Human Rights' ह्यूमन राइट्स)."""
    keys = {skeleton(word)}
    if _SOFT_G.search(word):
        keys.add(skeleton(_SOFT_G.sub("j", word)))
    if _VOICED_S.search(word):
        keys.add(skeleton(_VOICED_S.sub("z", word)))
    if _SILENT.search(word):
        keys.add(skeleton(_SILENT.sub("", word)))
    return keys
