"""Word pairs read off the encoder's embeddings, for the counted nouns the parallel-text lexicon lacks.

``models/word-pairs-hi-en/word_pairs.json`` (built by ``training/induce_word_pairs.py``) gives the nearest
words of the other language of 10,083 Hindi and 11,728 English words (of wordfreq's 30,000 commonest of
each), as multilingual-e5-small embeds them, with each pair's cosine and CSLS score. The parallel-text
lexicon (:mod:`newsdigest.summary.lexicon`) is asked first; these pairs fill its gaps for the nouns that
numbers count (रन = runs, शिकायतें = complaints, बजट = budget), and only pairs at least MIN_COSINE alike and
MIN_CSLS above the two words' neighbourhoods are offered: below them come pairs such as राशि = "ras" or
साइन = "signal". Names into Hindi read them for English loanwords (:func:`hindi_loanword`: Reuters =
रॉयटर्स). Without the file (a trimmed install) nothing is offered.
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
def _load(path: str) -> dict[str, dict[str, list[list]]]:
    """Both tables as stored, keyed by folded word: word -> [[other-language word, cosine, CSLS, mutual]],
    best first."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {"hi_en": {}, "en_hi": {}}
    return {"hi_en": data["hi_en"], "en_hi": data["en_hi"]}


def _tables() -> dict[str, dict[str, list[list]]]:
    return _load(str(model_dir(WORD_PAIRS_NAME) / "word_pairs.json"))


def _close(pairs: list[list]) -> list[str]:
    return [w for w, cos, csls, _mutual in pairs if cos >= MIN_COSINE and csls >= MIN_CSLS]


def english(word: str) -> list[str]:
    """English content words for a Hindi word, best first (empty when none is close enough)."""
    return [w for w in _close(_tables()["hi_en"].get(hindi_fold(word), [])) if not is_function_word(w, "en")]


def hindi(word: str) -> list[str]:
    """Hindi content words for an English word, best first (empty when none is close enough)."""
    return [w for w in _close(_tables()["en_hi"].get(english_fold(word), [])) if not is_function_word(w, "hi")]


def hindi_loanword(english_word: str) -> str | None:
    """The Devanagari spelling Hindi text gives an English word (airways = एयरवेज, agriculture = एग्रीकल्चर),
    when the Hindi word is among the English word's stored pairs, the English word is the Hindi word's best
    pair, and the two sound alike (consonant outlines at least ``names.phrases.SAME_SOUND`` alike, 0.75: not
    ऑटोमोबाइल for automotive; the likest such pair; no oblique plural such as बैंकों): a pair of translations
    (sunday = रविवार) is none, nor a word whose best pair is another (गार्डेन, garden's, for guardian)."""
    from ..names.phonetic import script_key
    from ..names.phrases import SAME_SOUND, _likeness

    tables = _tables()
    key = english_fold(english_word)
    best, best_sound = None, 0.0
    for hi, _cos, _csls, _mutual in tables["en_hi"].get(key, []):
        back = tables["hi_en"].get(hindi_fold(hi))
        if not back or back[0][0] != key:  # the Hindi word's own best pair: गार्डेन is garden's, not guardian's
            continue
        if hi.endswith(("ों", "ओं")):  # an oblique plural (बैंकों) is no word of a name
            continue
        sound = _likeness(script_key(key), script_key(hi))
        if sound >= SAME_SOUND and sound > best_sound:  # the likest of them: not a translation next to it
            best, best_sound = hi, sound
    return best
