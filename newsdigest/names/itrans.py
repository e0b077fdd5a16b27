"""Rule-based ITRANS-like transliteration: the baseline the learned model is measured against.

indic-nlp-library's ``ItransTransliterator`` needs the separate indic_nlp_resources checkout and a global
``loader.load()`` call, and without them returns its input unchanged; this is the same ITRANS table
(offset_itrans_map.csv) written out, with changes for names: lower case, anusvara as "n", nukta letters
as q/z/f, ज्ञ as "gy" (ITRANS "GY"), and the word-final inherent "a" dropped (Hindi schwa deletion: राम -> ram).
``vowel_length=False`` also writes ā ī ū as a i u, closer to how names are spelt in English (Rahman, not Rahaman).
"""

from __future__ import annotations

from ._text import DEVANAGARI_RUN, LATIN_RUN, hindi_key, latin_key, split_runs

_VOWELS = {"अ": "a", "आ": "aa", "इ": "i", "ई": "ii", "उ": "u", "ऊ": "uu", "ऋ": "ri", "ए": "e", "ऐ": "ai",
           "ऑ": "o", "ओ": "o", "औ": "au", "ऍ": "e", "ऎ": "e", "ऒ": "o"}
_SIGNS = {"ा": "aa", "ि": "i", "ी": "ii", "ु": "u", "ू": "uu", "ृ": "ri", "े": "e", "ै": "ai", "ॉ": "o",
          "ो": "o", "ौ": "au", "ॅ": "e", "ॆ": "e", "ॊ": "o"}
_CONSONANTS = {"क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh",
               "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d",
               "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r",
               "ल": "l", "ळ": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s", "ह": "h"}
_NUKTA_CONSONANTS = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "d", "ढ": "dh", "फ": "f", "य": "y"}
_SHORT = {"aa": "a", "ii": "i", "uu": "u"}
_MARKS = {"ं": "n", "ँ": "n", "ः": "h"}
_NUKTA, _VIRAMA = "\u093c", "\u094d"


def romanize_word(word: str, vowel_length: bool = True) -> str:
    """One Devanagari word in lower-case ITRANS-like Latin."""
    out: list[str] = []
    pending_schwa = False
    chars = hindi_key(word).replace("ज्ञ", "ग्य")
    i = 0
    while i < len(chars):
        c = chars[i]
        if c in _CONSONANTS:
            if pending_schwa:
                out.append("a")
            nukta = i + 1 < len(chars) and chars[i + 1] == _NUKTA
            out.append(_NUKTA_CONSONANTS.get(c, _CONSONANTS[c]) if nukta else _CONSONANTS[c])
            i += 2 if nukta else 1
            pending_schwa = True
            continue
        if c in _SIGNS or c in _VOWELS:
            if pending_schwa and c in _VOWELS:
                out.append("a")
            vowel = _SIGNS.get(c) or _VOWELS[c]
            out.append(vowel if vowel_length else _SHORT.get(vowel, vowel))
        elif c in _MARKS:
            if pending_schwa:
                out.append("a")
            out.append(_MARKS[c])
        # the virama, a stray nukta and unknown signs add no letters
        pending_schwa = False
        i += 1
    return "".join(out)


_LATIN_CONSONANTS = {"chh": "छ", "kh": "ख", "gh": "घ", "ch": "च", "jh": "झ", "th": "थ", "dh": "ध", "ph": "फ",
                     "bh": "भ", "sh": "श", "k": "क", "g": "ग", "c": "क", "j": "ज", "t": "त", "d": "द", "n": "न",
                     "p": "प", "b": "ब", "m": "म", "y": "य", "r": "र", "l": "ल", "v": "व", "w": "व", "s": "स",
                     "h": "ह", "f": "फ़", "z": "ज़", "q": "क़", "x": "क्स"}
_LATIN_VOWELS = {"aa": ("आ", "ा"), "ai": ("ऐ", "ै"), "au": ("औ", "ौ"), "ee": ("ई", "ी"), "ii": ("ई", "ी"),
                 "oo": ("ऊ", "ू"), "uu": ("ऊ", "ू"), "a": ("अ", ""), "i": ("इ", "ि"), "u": ("उ", "ु"),
                 "e": ("ए", "े"), "o": ("ओ", "ो")}


def devanagari_word(word: str) -> str:
    """One Latin word read as ITRANS-like Latin, written in Devanagari (the en->hi baseline)."""
    s = latin_key(word)
    out: list[str] = []
    after_consonant = False
    i = 0
    while i < len(s):
        for size in (3, 2, 1):
            piece = s[i : i + size]
            if len(piece) < size:
                continue
            if piece in _LATIN_VOWELS:
                independent, sign = _LATIN_VOWELS[piece]
                out.append(sign if after_consonant else independent)
                after_consonant = False
                break
            if piece in _LATIN_CONSONANTS:
                if after_consonant:
                    out.append(_VIRAMA)
                out.append(_LATIN_CONSONANTS[piece])
                after_consonant = True
                break
        i += size
    return "".join(out)


def romanize(name: str, vowel_length: bool = True) -> str:
    """Baseline hi->en for a whole name: each Devanagari word romanized and capitalised."""
    return "".join(romanize_word(p, vowel_length).capitalize() if is_word else p
                   for p, is_word in split_runs(name, DEVANAGARI_RUN))


def devanagari(name: str) -> str:
    """Baseline en->hi for a whole name."""
    return "".join(devanagari_word(p) if is_word else p for p, is_word in split_runs(name, LATIN_RUN))
