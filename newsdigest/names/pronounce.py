"""English words written in Devanagari from how they are said: Agriculture = एग्रिकल्चर, Sunday = संडे.

The transliteration model reads an English word letter by letter, which is right for names spelled as they
sound and wrong for English words whose letters do not say their sounds ("Agriculture" came out as
अग्रिकुल्टुर, "Sunday" as सुंदय, "Knight" as क्निघ्ट). The CMU Pronouncing Dictionary (Carnegie Mellon
University, BSD-style licence; 134,000 words and names of American English) gives the phonemes; the first
pronunciation of each word is stored in ``models/pronunciations-en/pronunciations.json`` by
``training/build_pronunciations.py`` and read here on first use. :func:`spell` writes ARPAbet phonemes in
Devanagari as Hindi writes English loanwords:

- consonants by their sound (T = ट, D = ड, TH = थ, DH = द, F = फ़, Z = ज़, W = व), with a virama inside
  a consonant cluster (स्ट, ग्र) and र् before a consonant (a reph: जर्नल);
- N or M before a stop, NG always, as the anusvara (संडे, ट्रंप, बैंक, किंग);
- vowels as matras after a consonant and as letters elsewhere (AE = ऐ, but ए or अ at a word's start:
  एंडी, अटलांटा; AO = ऑ, EY = े, OW = ो); an unstressed AH is the inherent vowel, or the vowel of its
  letter when that is an i or an e (जर्नलिस्ट्स, लॉरेंस), and a word's last one is ा (अटलांटा); AA is ॉ where
  the word's letter is an "o" (Rock = रॉक, Boston = बॉस्टन); an IY or IH before a vowel is ि + य
  (गार्डियन); a vowel before an R that ends its syllable takes a glide (Air = एयर, Fire = फ़ायर);
- a final Z written "s" after a consonant is स (Titans = टाइटन्स), an initial "wh" is व्ह (White = व्हाइट);
- two American readings are written as India says them: an "ew" after N, T or D keeps its glide (News =
  न्यूज़, not नूज़) and the prefix to- of today, tomorrow, together, towards is टु (Today = टुडे, not टडे;
  Toronto and Tobago keep their own vowel).

The spelling is one candidate among those the transliterator weighs (``names.Transliterator``): the model's
own spelling and the Hindi word list's spellings keep competing with it, so a name of Indian origin that the
dictionary says the American way (Sharma = SH AA1 R M AH0) stays as Hindi writes it when the model prefers
that. Into English the same spellings work backwards (:func:`said_as`): in an organisation's or a place's
name, the English words of the word list whose pronunciation is spelled exactly as the Hindi word is are
candidates, and preferred (व्हाइटहॉल = Whitehall, ब्रदर = Brother; ``names.lexicon``); never in a person's
name, where common words said alike are no names (मेसी is Messi, not "messy").
"""
from __future__ import annotations

import functools
import json

import regex

__all__ = ["spell", "phonemes", "spelling", "said_as"]

NAME, FILE = "pronunciations-en", "pronunciations.json"

_CONSONANTS = {"B": "ब", "CH": "च", "D": "ड", "DH": "द", "F": "फ़", "G": "ग", "HH": "ह", "JH": "ज",
               "K": "क", "L": "ल", "M": "म", "N": "न", "P": "प", "R": "र", "S": "स", "SH": "श", "T": "ट",
               "TH": "थ", "V": "व", "W": "व", "Y": "य", "Z": "ज़", "ZH": "ज़", "NG": "ं"}
# (letter, matra); AH's matra is the inherent vowel
_VOWELS = {"AA": ("आ", "ा"), "AE": ("ऐ", "ै"), "AH": ("अ", ""), "AO": ("ऑ", "ॉ"), "AW": ("आउ", "ाउ"),
           "AY": ("आइ", "ाइ"), "EH": ("ए", "े"), "EY": ("ए", "े"), "IH": ("इ", "ि"), "IY": ("ई", "ी"),
           "OW": ("ओ", "ो"), "OY": ("ऑय", "ॉय"), "UH": ("उ", "ु"), "UW": ("ऊ", "ू")}
_VIRAMA, _ANUSVARA = "\u094d", "\u0902"
_STOPS = {"P", "B", "T", "D", "K", "G", "CH", "JH"}
# English syllable onsets of two or three consonants (maximal onset: "st" and "tr" begin a syllable)
_ONSETS = {tuple(o.split()) for o in """
P R|P L|B R|B L|T R|T W|D R|D W|K R|K L|K W|G R|G L|G W|F R|F L|TH R|SH R|S T|S P|S K|S M|S N|S L|S W|
S T R|S P R|S P L|S K R|S K W|P Y|B Y|K Y|M Y|F Y|HH Y|V Y|N Y|L Y|T Y|D Y|S Y|TH W""".replace("\n", "").split("|")
           if o.strip()}
_LETTER_VOWELS = regex.compile(r"[aeiou]+y?(?![aeiou])|[aeiou]+|y(?![aeiou])")  # "ay" of today is one vowel


def _vowel(phone: str) -> str | None:
    base = phone.rstrip("012")
    return base if base in _VOWELS else None


def _expand(phones: list[str]) -> list[str]:
    """ER is a vowel and an R: AH + R (stress kept on the AH)."""
    out = []
    for p in phones:
        if p.rstrip("012") == "ER":
            out += ["AH" + p[2:], "R"]
        else:
            out.append(p)
    return out


def _letter_vowels(word: str, n: int) -> list[str] | None:
    """The word's vowel letters, one group per vowel sound when they can be paired in order (a silent final
    "e" or "es"/"ed" left out; a final group is marked with a "$": "the" is द, not दे); None when they
    cannot."""
    low = word.lower()
    groups = [m.group() + ("$" if m.end() == len(low) else "") for m in _LETTER_VOWELS.finditer(low)]
    if len(groups) == n:
        return groups
    if len(groups) == n + 1 and regex.search(r"[^aeiou](?:e|es|ed)$", low):
        return groups[:-1]
    return None


def spell(word: str, phones: list[str] | tuple[str, ...]) -> str:
    """``phones`` (ARPAbet with stress digits) of English ``word`` in Devanagari (see the module docstring)."""
    raw = list(phones)
    vowels_raw = [p for p in raw if _vowel(p) or p.rstrip("012") == "ER"]
    letters = _letter_vowels(word, len(vowels_raw))
    # which letter group each vowel sound stands for (ER's AH keeps its group)
    group_of: dict[int, str] = {}
    seq: list[str] = []
    soft_r: set[int] = set()  # R's unjoined before the next syllable: an unstressed ER's (लिवरपूल; see _virama_between)
    er_vowel: set[int] = set()  # the AH of each ER
    k = 0
    for p in raw:
        if _vowel(p) or p.rstrip("012") == "ER":
            if letters:
                group_of[len(seq)] = letters[k]
            k += 1
        if p.rstrip("012") == "ER":
            er_vowel.add(len(seq))
            if p == "ER0":
                soft_r.add(len(seq) + 1)
        seq += _expand([p])
    syllables = sum(1 for p in seq if _vowel(p))
    out: list[str] = []
    prev_vowel = False  # the last written unit ends in a vowel sound (a letter or a consonant's vowel)
    n = len(seq)
    for i, p in enumerate(seq):
        base = p.rstrip("012")
        v = _vowel(p)
        nxt = seq[i + 1] if i + 1 < n else None
        if v:
            letter, matra = _VOWELS[v]
            group = group_of.get(i, "")
            if v == "AA" and "o" in group:
                letter, matra = "ऑ", "ॉ"
            elif v == "AH" and not p.endswith(("1", "2")) and group in ("i", "e") and i not in er_vowel:
                letter, matra = ("इ", "ि") if group == "i" else ("ए", "े")  # Journalists, Lawrence: the letter's vowel
            if (v == "AH" and p == "AH0" and i == 1 and group == "o" and word.lower().startswith("to")
                    and nxt in ("D", "M", "G", "W")):
                letter, matra = "उ", "ु"  # the prefix to- of today, tomorrow, together, towards as India says it
            if v == "UW" and i > 0 and seq[i - 1] in ("N", "T", "D") and "ew" in word.lower() and out:
                out.append("्य")  # an "ew" keeps the glide American drops: News = न्यूज़, Newton = न्यूटन
            if v == "AH" and i == n - 1 and syllables > 1:  # a final unstressed vowel: Atlanta, Virginia
                letter, matra = "आ", "ा"
            if v == "AE" and i == 0:  # a word's first A: Andy = एंडी, Allen = एलन; unstressed, Atlanta = अटलांटा
                letter = "अ" if p.endswith("0") else "ए"
            if v == "AY" and nxt and nxt.startswith("AH") and i + 2 < n and seq[i + 2] == "R" and i + 2 in soft_r:
                out.append("ा" if out and not prev_vowel else "आ")  # Fire = फ़ायर, Ireland = आयरलंड
                out.append("य")
                prev_vowel = False  # the ER's vowel is the glide's
                continue
            if v in ("IH", "EH", "AY") and nxt == "R" and (i + 2 == n or not _vowel(seq[i + 2])):
                # Air = एयर, Pearson = पियरसन, Ireland = आयरलैंड: the vowel before an R with a glide
                first = {"IH": ("इ", "ि"), "EH": ("ए", "े"), "AY": ("आ", "ा")}[v]
                out.append(first[1] if out and not prev_vowel else first[0])
                out.append("य")
                soft_r.add(i + 1)
                prev_vowel = True
                continue
            if v in ("IY", "IH") and nxt and _vowel(nxt) and out and not prev_vowel:
                out.append("ि" + "य")  # Guardian = गार्डियन: the next vowel is the glide's
                prev_vowel = False
                continue
            if out and not prev_vowel:
                out.append(matra)
            else:
                out.append(letter)
            prev_vowel = True
            continue
        if base == "NG":
            out.append(_ANUSVARA)
            if not (nxt and nxt.rstrip("012") in ("K", "G")):
                out.append("ग")  # unjoined before a consonant: वाशिंगटन
                prev_vowel = False
            continue
        if base in ("N", "M") and prev_vowel and nxt and (nxt in _STOPS or (base == "N" and i + 2 == n
                                                                            and nxt in ("S", "Z"))):
            out.append(_ANUSVARA)  # Sunday = संडे, Trump = ट्रंप, France = फ्रांस
            continue
        letter = _CONSONANTS[base]
        if base == "Y" and out and out[-1] == _VIRAMA and nxt and _vowel(nxt) == "AH" and not nxt.endswith("1"):
            out.pop()
            letter = "ि" + "य"  # Virginia = वर्जिनिया, Onion = अनियन: that glide is a syllable of its own
        if base == "W" and i == 0 and word.lower().startswith("wh"):
            letter = "व्ह"
        if base == "Z" and i == n - 1 and word.lower().endswith("s") and i > 0 and not _vowel(seq[i - 1]):
            letter = "स"
        out.append(letter)
        prev_vowel = False
        if nxt is not None and not _vowel(nxt) and _virama_between(seq, i, i in soft_r):
            out.append(_VIRAMA)
    return "".join(out)


def _virama_between(seq: list[str], i: int, soft: bool = False) -> bool:
    """Whether consonant ``i`` joins the next one (a consonant too) with a virama: always inside a
    syllable's onset (स्ट, ग्र), a coda and a word's first or last cluster; between a coda and the next
    onset too (कल्चर, मिल्टन), except a stop before L, M or N, a nasal, and anything before an H, which
    Hindi leaves unjoined (अटलांटा, पिटमन, जॉनसन, व्हाइटहॉल)."""
    j = i
    while j > 0 and not _vowel(seq[j - 1]):
        j -= 1
    k = i + 1
    while k < len(seq) and not _vowel(seq[k]):
        k += 1
    if j == 0 or k == len(seq):
        return True
    cluster = [p.rstrip("012") for p in seq[j:k]]
    size = next((s for s in (3, 2) if s <= len(cluster) and tuple(cluster[-s:]) in _ONSETS), 1)
    split, pos = len(cluster) - size, i - j
    if pos != split - 1:  # both in the onset, or both in the coda
        return True
    if soft and cluster[pos + 1] in ("T", "D", "CH", "JH"):
        return True
    if cluster[pos + 1] == "HH" or cluster[pos] in ("N", "M") or soft:
        return False  # व्हाइटहॉल, जॉनसन, हैमलिन; a ``soft`` R (लिवरपूल, एयरबस)
    return not (cluster[pos] in _STOPS and cluster[pos + 1] in ("L", "M", "N"))


def data_file():
    """The dictionary file of the project's models (it may be absent: then no word has a pronunciation)."""
    from ..resources import model_dir

    return model_dir(NAME) / FILE


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    path = data_file()
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)["words"]
    except OSError:
        return {}


def phonemes(word: str) -> list[str] | None:
    """The dictionary's first pronunciation of ``word`` (any case), or None."""
    got = _table().get(word.lower())
    return got.split() if got else None


def _unmarked(devanagari: str) -> str:
    return devanagari.replace("\u093c", "")


@functools.lru_cache(maxsize=1)
def _said_index() -> dict[str, list[str]]:
    """Devanagari spelling (nuktas dropped) -> the English words of the names' word list said that way, of
    zipf >= names.lexicon.MIN_ZIPF_PRONOUNCED, commonest first; built once and cached (names._cache)."""
    from ._cache import cached_table
    from .lexicon import MIN_ZIPF_PRONOUNCED, Lexicon

    def build():
        zipf = Lexicon.load("en").zipf
        index: dict[str, list[str]] = {}
        for w in sorted((w for w, z in zipf.items() if z >= MIN_ZIPF_PRONOUNCED), key=lambda w: (-zipf[w], w)):
            said = spelling(w)
            if said:
                index.setdefault(_unmarked(said), []).append(w)
        return index

    return cached_table("said-en", ("wordfreq",), build, code=("pronounce", "lexicon"), files=(data_file(),))


def said_as(devanagari: str) -> list[str]:
    """The English words (of the names' word list, zipf >= MIN_ZIPF_PRONOUNCED) whose pronunciation is
    spelled as ``devanagari`` is, nuktas aside, commonest first: व्हाइटहॉल -> ["whitehall"]."""
    return _said_index().get(_unmarked(devanagari), [])


@functools.lru_cache(maxsize=65536)
def spelling(word: str) -> str | None:
    """``word`` as Hindi would write it by its pronunciation, or None when the dictionary lacks it."""
    phones = phonemes(word)
    return spell(word, phones) if phones else None
