"""Spellings readers know: 'Zuckerberg', not 'Jukarbarg'.

A character model spells a name the way it sounds. Readers expect the established spelling, and for
well-known names that spelling is in large word-frequency lists. This is back-transliteration with a
target-language word list (Knight & Graehl, 1998): words of the list that share the input's sound key
(:func:`newsdigest.names.phonetic.script_key`) are candidates, and a candidate replaces the model's
own output when

    ALPHA * log P(candidate | input) + (1 - ALPHA) * log P(input | candidate) + WEIGHT * zipf(candidate)

is higher than the same sum for the model's output (zipf = 0 for a word the list lacks). Both
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

import regex

from ._text import hindi_key
from .phonetic import script_key, skeleton

WEIGHT = {"en": 0.3, "hi": 0.2}  # chosen on tuning data: benchmarks/tune_lexicon.py
# en: only log P(input | candidate); hi: only log P(candidate | input). Either way the en->hi direction
# of the model scores, the one trained to read English spellings.
ALPHA = {"en": 0.0, "hi": 1.0}
MIN_ZIPF = {"en": 1.5, "hi": 1.0}
LISTS = {"en": "large", "hi": "small"}
PER_KEY = 30  # most frequent words kept per sound key
MAX_CANDIDATES = 2 * PER_KEY  # all of both keys: a cap of 12 lowered dev exact match (rare names)
_LATIN_WORD = regex.compile(r"(?=[a-z]*[aeiouy])[a-z]{2,}")  # with a vowel: not "wtsp", "msc"
_DEVA_WORD = regex.compile(r"[\u0900-\u0963\u0971-\u097f]{2,}")
_SOFT_G = regex.compile(r"g(?=[eiy])")


class Lexicon:
    """Words of one language indexed by sound key, each with its zipf frequency (log10 per billion + 9)."""

    def __init__(self, lang: str, words: dict[str, float]):
        self.lang = lang
        self.zipf: dict[str, float] = words
        index: dict[str, list[str]] = {}
        for w in sorted(words, key=lambda w: (-words[w], w)):
            for k in self._keys(w):
                bucket = index.setdefault(k, [])
                if len(bucket) < PER_KEY:
                    bucket.append(w)
        self.index = index

    def _keys(self, word: str) -> set[str]:
        if self.lang == "hi":
            return {script_key(word)}
        keys = {skeleton(word)}
        if _SOFT_G.search(word):  # 'George' sounds like जॉर्ज, 'get' does not: index both readings
            keys.add(skeleton(_SOFT_G.sub("j", word)))
        return keys

    def candidates(self, key: str) -> list[str]:
        return self.index.get(key, []) if key else []

    def shortlist(self, output: str, keys: list[str], allowed: set[str], limit: int = MAX_CANDIDATES) -> list[str]:
        """``output`` first, then up to ``limit`` most frequent words under ``keys`` written in ``allowed``."""
        found = {w for k in keys for w in self.candidates(k) if w != output and set(w) <= allowed}
        return [output] + sorted(found, key=lambda w: (-self.zipf[w], w))[:limit]

    @classmethod
    @functools.lru_cache(maxsize=2)
    def load(cls, lang: str) -> "Lexicon":
        """The wordfreq list of ``lang`` ('en' or 'hi'), built once per process (about 2 s for English)."""
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


def choose(outputs: list[str], candidates: list[list[str]], scores: list[list[float]],
           zipf: dict[str, float], weight: float) -> list[str]:
    """For each word: its model output or the candidate with the best model score + weight * zipf.

    ``candidates[i]`` starts with ``outputs[i]``; ``scores[i]`` are the model scores of those
    candidates (see the module docstring). Ties keep the earlier candidate (the model's output).
    """
    chosen = []
    for out, cands, sc in zip(outputs, candidates, scores):
        best, best_score = out, -math.inf
        for c, s in zip(cands, sc):
            total = s + weight * zipf.get(c, 0.0)
            if total > best_score:
                best, best_score = c, total
        chosen.append(best)
    return chosen
