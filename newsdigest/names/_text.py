"""Pure-Python text handling shared by training and inference: script runs, model keys, vocabulary.

A name is split into runs of one script's letters and the text between them. Only letter runs are
transliterated; everything else (spaces, hyphens, digits, dots, other scripts) is copied through, so
"M.K. Stalin-Jr" keeps its punctuation and "२०२४" stays as it is.
"""

from __future__ import annotations

import re
import unicodedata

from ..preprocess.hindi import DEVANAGARI_LETTERS

# Devanagari letters, vowel signs, nukta, virama; not digits (U+0966-096F), dandas (0964-0965) or ॰ (0970).
_DEVA = DEVANAGARI_LETTERS
_ZW = "\u200c\u200d"  # ZWNJ/ZWJ only change glyph shaping inside a Devanagari word
DEVANAGARI_RUN = re.compile(f"[{_DEVA}][{_DEVA}{_ZW}]*")
# Basic Latin letters plus Latin-1/Extended-A/B letters (é, ø, ł...), which are folded to a-z.
LATIN_RUN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")

PAD, BOS, EOS, UNK = "<pad>", "<s>", "</s>", "<unk>"
TO_EN, TO_HI = "<2en>", "<2hi>"
SPECIALS = (PAD, BOS, EOS, UNK, TO_EN, TO_HI)

# Spelled-out Latin initials as Hindi news writes them ("M. K. Stalin" -> "एम. के. स्टालिन").
LETTER_NAMES_HI = {
    "a": "ए", "b": "बी", "c": "सी", "d": "डी", "e": "ई", "f": "एफ", "g": "जी", "h": "एच", "i": "आई",
    "j": "जे", "k": "के", "l": "एल", "m": "एम", "n": "एन", "o": "ओ", "p": "पी", "q": "क्यू", "r": "आर",
    "s": "एस", "t": "टी", "u": "यू", "v": "वी", "w": "डब्ल्यू", "x": "एक्स", "y": "वाई", "z": "ज़ेड",
}


# The other way: Devanagari letter names back to Latin capitals (डी. वाई. चंद्रचूड़, एसबीआई = SBI).
_LETTER_VARIANTS = {"z": ["जेड"], "w": ["डब्लू", "डबल्यू"], "a": ["ऐ"], "f": ["एफ़"]}  # एफ़आईआर = FIR


def _letter_table() -> dict[str, str]:
    table = {}
    for latin, name in LETTER_NAMES_HI.items():
        for form in [name] + _LETTER_VARIANTS.get(latin, []):
            table[hindi_key(form)] = latin.upper()
    return table


def spell_letters(word: str) -> str | None:
    """Latin capitals if a Devanagari word is nothing but letter names ("एसबीआई" -> "SBI"), else None."""
    table = _LETTERS
    best: list[str | None] = [""] + [None] * len(word)  # best[i]: spelling of word[:i]
    for i in range(len(word)):
        if best[i] is None:
            continue
        for n in range(1, min(8, len(word) - i) + 1):
            part = word[i : i + n]
            if part in table and best[i + n] is None:
                best[i + n] = best[i] + table[part]
    return best[len(word)]


def split_runs(text: str, run: re.Pattern[str]) -> list[tuple[str, bool]]:
    """Split ``text`` into ``(piece, is_letter_run)`` pieces whose concatenation is ``text``."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in run.finditer(text):
        if m.start() > pos:
            pieces.append((text[pos : m.start()], False))
        pieces.append((m.group(), True))
        pos = m.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


def words(text: str, run: re.Pattern[str]) -> list[str]:
    """The letter runs of ``text`` in order (the word alignment unit for training pairs)."""
    return run.findall(text)


def hindi_key(word: str) -> str:
    """Model input for a Devanagari word: NFC (nukta letters decomposed), no zero-width joiners."""
    return unicodedata.normalize("NFC", word).translate({ord(c): None for c in _ZW})


_FLAP = re.compile(f"(\u0921\u093c|\u0922\u093c)(?=[{_DEVA}])")


def name_key(word: str) -> str:
    """Model input for a Devanagari name: :func:`hindi_key`, with ड़ and ढ़ inside the word read as र and
    र्ह, as names are romanised (चोपड़ा = Chopra, अखाड़ा = Akhara, बाड़मेर = Barmer); at the end of a
    word they keep their d (गायकवाड़ = Gaikwad)."""
    return _FLAP.sub(lambda m: "\u0930" if m.group(1) == "\u0921\u093c" else "\u0930\u094d\u0939", hindi_key(word))


def latin_key(word: str) -> str:
    """Model input for a Latin word: accents folded, lower case, a-z only ("José" -> "jose")."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in folded if "a" <= c <= "z")


class Vocab:
    """Character vocabulary shared by both directions; index order is the saved order."""

    def __init__(self, symbols: list[str]):
        self.symbols = list(symbols)
        self.index = {s: i for i, s in enumerate(self.symbols)}
        self.pad, self.bos, self.eos, self.unk = (self.index[s] for s in (PAD, BOS, EOS, UNK))

    @classmethod
    def build(cls, texts: list[str]) -> "Vocab":
        chars = sorted({c for t in texts for c in t})
        return cls(list(SPECIALS) + chars)

    def encode_source(self, key: str, to: str) -> list[int]:
        """Direction tag, then the characters; characters never seen in training are dropped."""
        tag = TO_EN if to == "en" else TO_HI
        return [self.index[tag]] + [self.index[c] for c in key if c in self.index] + [self.eos]

    def encode_target(self, key: str) -> list[int]:
        return [self.index[c] for c in key if c in self.index] + [self.eos]

    def decode(self, ids: list[int]) -> str:
        out = []
        for i in ids:
            if i == self.eos:
                break
            s = self.symbols[i]
            if s not in SPECIALS:
                out.append(s)
        return "".join(out)


_LETTERS = _letter_table()
