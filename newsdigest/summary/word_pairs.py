"""Word pairs read off the encoder's embeddings, for the counted nouns the parallel-text lexicon lacks.

``models/word-pairs-hi-en/word_pairs.json`` (built by ``training/induce_word_pairs.py``) gives the nearest
words of the other language of about 24,000 Hindi and 28,000 English words, as multilingual-e5-small
embeds them, with each pair's cosine and CSLS score. The parallel-text lexicon
(:mod:`newsdigest.summary.lexicon`) is asked first; these pairs fill its gaps for the nouns that numbers
count (रन = runs, शिकायतें = complaints, बजट = budget), and only pairs at least MIN_COSINE alike and
MIN_CSLS above the two words' neighbourhoods are offered: below them come pairs such as राशि = "ras" or
साइन = "signal". Without the file (a trimmed install) nothing is offered.
"""
from __future__ import annotations

import functools
import json

from ..resources import model_dir
from .lexicon import english_fold, hindi_fold, is_function_word

WORD_PAIRS_NAME = "word-pairs-hi-en"
# chosen on the counted nouns of the 100 BBC Hindi reference digests that the lexicon lacks (all 15
# words above both were right; राशि = ras 0.928 / 0.034, साइन = signal 0.930 / 0.035, पीट = petting were
# not) and checked against the parallel-text lexicon: of its 1,173 Hindi words with pairs above both,
# the best pair is one of its translations (or their plural) for 79% (it holds one to four per word;
# most of the rest are synonyms: सैनिकों = soldiers / troops, बच्चों = kids / children)
MIN_COSINE = 0.93
MIN_CSLS = 0.04


@functools.lru_cache(maxsize=4)
def _load(path: str) -> dict[str, dict[str, list[str]]]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {"hi_en": {}, "en_hi": {}}
    out: dict[str, dict[str, list[str]]] = {}
    for side, fold in (("hi_en", hindi_fold), ("en_hi", english_fold)):
        table: dict[str, list[str]] = {}
        for word, pairs in data[side].items():
            good = [w for w, cos, csls, _mutual in pairs if cos >= MIN_COSINE and csls >= MIN_CSLS]
            if good:
                table.setdefault(fold(word), good)
        out[side] = table
    return out


def _tables() -> dict[str, dict[str, list[str]]]:
    return _load(str(model_dir(WORD_PAIRS_NAME) / "word_pairs.json"))


def english(word: str) -> list[str]:
    """English content words for a Hindi word, best first (empty when none is close enough)."""
    return [w for w in _tables()["hi_en"].get(hindi_fold(word), []) if not is_function_word(w, "en")]


def hindi(word: str) -> list[str]:
    """Hindi content words for an English word, best first (empty when none is close enough)."""
    return [w for w in _tables()["en_hi"].get(english_fold(word), []) if not is_function_word(w, "hi")]
