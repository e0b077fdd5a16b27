"""Words for the other-language summary: CLDR through Babel, and a Hindi <-> English lexicon induced from
parallel text (``models/lexicon-hi-en``, built by ``training/induce_lexicon.py``; see its model card).

CLDR gives what it standardises: month names, unit names ("{0} किलोमीटर" / "{0} kilometres"), currency and
language names. The lexicon gives content words (the noun a number counts: उड़ानें -> flights). Hindi
keys are folded (:func:`hindi_fold`) so that ज़्यादा and ज्यादा, गाँव and गांव are one key. Small
morphology for the two languages lives here too: the Hindi oblique plural (उड़ानें -> उड़ानों before a
postposition) and English plurals.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import os
import unicodedata
from pathlib import Path

import regex

from ..errors import ModelNotFoundError
from ..resources import model_dir

__all__ = ["hindi_fold", "english_fold", "Lexicon", "load_lexicon", "month_name", "unit_pattern",
           "language_name", "oblique_plural", "english_plural", "is_function_word"]

LEXICON_NAME = "lexicon-hi-en"
# pairs scoring lower are alignment noise more often than not (brands = टोयोटा at 0.17); chosen by
# reading the counted nouns of the tuning articles, see models/lexicon-hi-en/README.md
MIN_SCORE = 0.2
MUTUAL_MIN_SCORE = 0.18  # हार = neck scores 0.17
TIE = 0.9
_NUKTA = "\u093c"
_DECOMPOSE = str.maketrans({"\u0958": "क", "\u0959": "ख", "\u095a": "ग", "\u095b": "ज", "\u095c": "ड",
                            "\u095d": "ढ", "\u095e": "फ", "\u095f": "य", "\u0901": "\u0902"})
_ZW = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))


def hindi_fold(word: str) -> str:
    """The lexicon key of a Devanagari word: NFC, nukta dropped, chandrabindu read as anusvara."""
    w = unicodedata.normalize("NFC", word).translate(_ZW).translate(_DECOMPOSE)
    return w.replace(_NUKTA, "")


def english_fold(word: str) -> str:
    return word.lower().replace("’", "'")


class Lexicon:
    """Translations of single words, best first, in both directions.

    ``hi_en``/``en_hi`` map a word to [(translation, score), ...]. A translation is offered when its
    score is at least ``MIN_SCORE``, or at least ``MUTUAL_MIN_SCORE`` when each word is the other's best
    translation (रिपोर्ट <-> report); mutual pairs come first.
    """

    def __init__(self, hi_en: dict[str, list], en_hi: dict[str, list], source: str = ""):
        self.hi_en, self.en_hi, self.source = hi_en, en_hi, source

    def _best(self, table: dict[str, list], word: str) -> str | None:
        cands = table.get(word)
        return cands[0][0] if cands else None

    def english(self, word: str) -> list[str]:
        key = hindi_fold(word)
        return self._pick(self.hi_en.get(key, []), "en",
                          lambda en: hindi_fold(self._best(self.en_hi, en) or "") == key
                          or hindi_fold(self._best(self.en_hi, _singular(en)) or "") == key)

    def score(self, word: str, english: str) -> float:
        """The alignment score of the pair (Hindi ``word``, ``english``); 0 when the lexicon lacks it."""
        return next((s for w, s in self.hi_en.get(hindi_fold(word), []) if w == english_fold(english)), 0.0)

    def hindi(self, word: str) -> list[str]:
        key = english_fold(word)
        return self._pick(self.en_hi.get(key, []), "hi",
                          lambda hi: (self._best(self.hi_en, hindi_fold(hi)) or "") in (key, _singular(key)))

    @staticmethod
    def _pick(cands: list, lang: str, mutual) -> list[str]:
        """Mutual pairs first; within them, scores within TIE of the best go to the commoner word
        (मैच: match 0.202 before fixing 0.204)."""
        from ..names.lexicon import word_zipf

        kept = [(w, s) for w, s in cands if s >= MIN_SCORE or (s >= MUTUAL_MIN_SCORE and mutual(w))]
        if not kept:
            return []
        best = max(s for _, s in kept)
        unknown = _unknown_hindi if lang == "hi" else (lambda w: False)
        key = lambda ws: (unknown(ws[0]), not mutual(ws[0]), ws[1] < TIE * best,  # noqa: E731
                          -word_zipf(ws[0], lang) if ws[1] >= TIE * best else -ws[1], ws[0])
        return [w for w, _ in sorted(kept, key=key)]

    def __len__(self) -> int:
        return len(self.hi_en) + len(self.en_hi)


def _unknown_hindi(word: str) -> bool:
    """Whether a Hindi translation is no word of the Hindi word list (the names', wordfreq's values): a
    misspelling the parallel text repeats (अर्थ्व्यवस्था for अर्थव्यवस्था), offered after the words Hindi text
    writes."""
    from ..names.lexicon import listed_hindi_zipf

    return listed_hindi_zipf(word) == 0.0


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Lexicon:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    tables = {side: {w: list(zip(cands, data["scores"][side][w])) for w, cands in data[side].items()}
              for side in ("hi_en", "en_hi")}
    return Lexicon(tables["hi_en"], tables["en_hi"], source=path)


_FOLDER: contextvars.ContextVar[str | None] = contextvars.ContextVar("newsdigest_lexicon", default=None)


@contextlib.contextmanager
def using_folder(folder: str | os.PathLike | None):
    """Within the block (this thread or task), :func:`load_lexicon` reads ``folder``'s lexicon (None: the
    project's); a Digester built with ``lexicon_model=`` runs its summaries in one."""
    token = _FOLDER.set(str(folder) if folder else None)
    try:
        yield
    finally:
        _FOLDER.reset(token)


def load_lexicon() -> Lexicon:
    """The lexicon of the innermost :func:`using_folder` block, else the project's
    (``$NEWSDIGEST_MODELS/lexicon-hi-en`` when set, else the shipped one). The project's may be absent: the
    summary then still renders names, numbers and CLDR words; a chosen folder without one is an error."""
    chosen = _FOLDER.get()
    path = (Path(chosen) if chosen else model_dir(LEXICON_NAME)) / "lexicon.json"
    if not path.is_file():
        if chosen:
            raise ModelNotFoundError(f"no lexicon.json in {chosen} (lexicon_model)")
        return Lexicon({}, {})
    return _load(str(path))


# -- CLDR (Babel) ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def month_name(month: int, lang: str) -> str:
    from babel.dates import get_month_names

    return get_month_names("wide", locale=lang)[month]


# newsdigest unit code -> CLDR unit id
_CLDR_UNITS = {"km": "length-kilometer", "kg": "mass-kilogram", "tonne": "mass-tonne", "hectare": "area-hectare",
               "km/h": "speed-kilometer-per-hour", "m": "length-meter", "percent": "concentr-percent",
               "cm": "length-centimeter", "mm": "length-millimeter", "litre": "volume-liter", "gram": "mass-gram",
               "acre": "area-acre", "mile": "length-mile", "MW": "power-megawatt", "GB": "digital-gigabyte",
               "year": "duration-year", "month": "duration-month", "week": "duration-week", "day": "duration-day",
               "hour": "duration-hour", "minute": "duration-minute", "second": "duration-second",
               "decade": "duration-decade"}


@functools.lru_cache(maxsize=256)
def unit_pattern(unit: str, lang: str, plural: bool = True) -> str | None:
    """"{0} किलोमीटर" / "{0} kilometres": CLDR's long unit pattern (British English), or None."""
    from babel import Locale

    cldr = _CLDR_UNITS.get(unit)
    if cldr is None:
        return None
    data = Locale.parse("en_GB" if lang == "en" else lang)._data["unit_patterns"].get(cldr, {})
    forms = data.get("long", {})
    pattern = forms.get("other" if plural else "one") or forms.get("other")
    if pattern and lang == "hi" and cldr == "mass-tonne":
        pattern = "{0} टन"  # CLDR says "मीट्रिक टन"; news writes टन
    return pattern


@functools.lru_cache(maxsize=64)
def currency_pattern(code: str, lang: str, plural: bool = True) -> str:
    """"{0} Japanese yen" / "{0} जापानी येन": CLDR's name of a currency after the amount (British English)."""
    from babel.numbers import get_currency_name

    return "{0} " + get_currency_name(code, count=2 if plural else 1, locale="en_GB" if lang == "en" else lang)


@functools.lru_cache(maxsize=16)
def language_name(code: str, lang: str) -> str:
    """CLDR's name of language ``code`` in ``lang``: Hindi / अंग्रेज़ी."""
    from babel import Locale

    return Locale.parse(lang).languages[code]


# -- morphology ----------------------------------------------------------------------------------------

_MATRA_E, _MATRA_EN = "\u0947", "\u0947\u0902"
_VIRAMA = "\u094d"
_CONSONANT = regex.compile(r"[\u0915-\u0939\u0958-\u095f]\u093c?$")
_FUNCTION_HI = set("""
का की के को में से पर ने तक और या भी ही तो है हैं था थे थी थीं हो गया गई गए किया कि यह ये वह वे इस उस
इन उन एक लिए साथ बाद पहले अब जो जब तब कर करने करते करती रहा रही रहे
""".split())
_FUNCTION_EN = set("""
a an the of in on at to for from by with and or but is are was were be been has have had it its this that
these those as than who which what when where there their they he she his her we our you your not no also
will would can could may might do does did said says before after ago about over under more less most some
any all each every other such only very just then now here into onto upon up down out off versus behind
ahead around across along among between
""".split())


def is_function_word(word: str, lang: str) -> bool:
    return (hindi_fold(word) if lang == "hi" else english_fold(word)) in (_FUNCTION_HI if lang == "hi" else _FUNCTION_EN)


def oblique_plural(noun: str) -> str:
    """The oblique plural of a Hindi plural noun, the form before a postposition:
    उड़ानें -> उड़ानों, महिलाएं -> महिलाओं, यात्री -> यात्रियों, मामले -> मामलों, लोग -> लोगों,
    बच्चे -> बच्चों, नौकरियां -> नौकरियों. A form that is already oblique is kept; the last word of a
    phrase is inflected."""
    head, sep, last = noun.rpartition(" ")
    w = last
    if w.endswith("ों") or w.endswith("ओं") or not regex.search(r"\p{Devanagari}", w):
        out = w
    elif w.endswith("याँ") or w.endswith("यां"):
        out = w[:-2] + "ों"
    elif w.endswith("एं") or w.endswith("एँ"):
        out = w[:-2] + "ओं"
    elif w.endswith(_MATRA_EN) or w.endswith("\u0947\u0901"):
        out = w[:-2] + "ों"
    elif w.endswith("ी"):
        out = w[:-1] + "ियों"
    elif w.endswith("ू"):
        out = w[:-1] + "ुओं"
    elif w.endswith(_MATRA_E) or w.endswith("ा"):
        out = w[:-1] + "ों"
    elif w.endswith("ए"):
        out = w[:-1] + "ओं"
    elif _CONSONANT.search(w) and not w.endswith(_VIRAMA):
        out = w + "ों"
    else:
        out = w
    return f"{head}{sep}{out}"


_INVARIANT_EN = set("people police staff cattle sheep deer fish data media crops aircraft personnel children men women "
                    "feet teeth mice".split())


def english_plural(noun: str) -> str:
    """flight -> flights, city -> cities, bus -> buses; a word that is already plural is kept."""
    head, sep, last = noun.rpartition(" ")
    w = last
    low = w.lower()
    if low in _INVARIANT_EN or (low.endswith("s") and not low.endswith(("ss", "us", "is"))) or not w.isalpha():
        out = w
    elif regex.search(r"[^aeiou]y$", low):
        out = w[:-1] + "ies"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        out = w + "es"
    elif low == "man" or low.endswith("woman"):
        out = w[:-2] + "en"
    elif low == "child":
        out = w + "ren"
    else:
        out = w + "s"
    return f"{head}{sep}{out}"
