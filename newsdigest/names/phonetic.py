"""Sound keys shared by both scripts: 'Facebook', 'Phesbuk' and फेसबुक all reduce to 'fsbk'.

A key is the consonant skeleton of a Latin spelling (vowels and h dropped after the first letter,
letters of one sound class merged, doubles collapsed). Devanagari is first romanised by rule
(:func:`newsdigest.names.itrans.romanize`, short vowels). Entity linking matches mentions across scripts
with these keys, and the spelling lexicon (:mod:`newsdigest.names.lexicon`) retrieves candidate
spellings with them.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from .itrans import romanize

_DEVA = regex.compile(r"\p{Devanagari}")
# ordered rewrites from Latin spelling to a sound class; vowels are dropped afterwards
_RULES = [("ph", "f"), ("ck", "k"), ("sh", "s"), ("ch", "c"), ("th", "t"), ("dh", "d"), ("bh", "b"),
          ("gh", "g"), ("kh", "k"), ("jh", "j"), ("x", "ks"), ("q", "k"), ("c", "k"), ("w", "v"),
          ("z", "j"), ("y", "i")]
_SOFT_C = regex.compile(r"c(?=[eiy])")  # 'Face' sounds like फेस
_SOFT_DG = regex.compile(r"dg(?=[eiy])")  # 'Cambridge' ends like कैम्ब्रिज
_VOWELS_H = regex.compile(r"[aeiouh]")
_W_AFTER_VOWEL = regex.compile(r"(?<=[aeiou])w(?![aeiouy])")  # 'New', 'Crowley': a vowel, not व
_TION = regex.compile(r"t(?=ion)")  # 'Corporation' sounds like कॉर्पोरेशन
_TURE = regex.compile(r"t(?=ure)")  # 'Ventures' sounds like वेंचर्स
_TCH = regex.compile(r"t(?=ch)")  # 'Watch', 'Thatcher': the t is silent (वॉच, थैचर)
_ANUSVARA_LABIAL = regex.compile("\u0902(?=[\u092a-\u092e])")  # मुंबई is मुम्बई, कंपनी is कम्पनी


def is_devanagari(s: str) -> bool:
    return bool(_DEVA.search(s))


def skeleton(latin: str) -> str:
    """A spelling-tolerant key of a Latin word: 'Facebook' and 'Phesbuk' both give 'fsbk'."""
    s = unicodedata.normalize("NFKD", latin.casefold())
    s = "".join(ch for ch in s if ch.isalnum())
    s = _W_AFTER_VOWEL.sub("", _SOFT_DG.sub("j", _SOFT_C.sub("s", s)))
    s = _TCH.sub("", _TURE.sub("ch", _TION.sub("sh", s)))
    for a, b in _RULES:
        s = s.replace(a, b)
    if not s:
        return ""
    head, rest = s[0], _VOWELS_H.sub("", s[1:])
    out = [head if head not in "aeiou" else "a"]
    for ch in rest:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1 << 16)  # linking and the lexicon ask for the same words many times across a run
def script_key(word: str) -> str:
    """Skeleton of a word in either script: Devanagari is romanised by rule first (फेसबुक -> fsbk)."""
    if is_devanagari(word):
        return skeleton(romanize(_ANUSVARA_LABIAL.sub("\u092e\u094d", word), vowel_length=False))
    return skeleton(word)
