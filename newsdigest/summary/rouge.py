"""ROUGE-1/2/L with a tokenizer that keeps Devanagari words whole.

The common ``rouge-score`` package lowercases and keeps only ``[a-z0-9]`` by default, so a Hindi
summary scores zero. Here a token is a run of letters, combining marks and digits in any script
(``प्रधानमंत्री``, ``क़ीमत``, ``2,500``), after the library's normalization (nukta forms, invisible
characters) with Devanagari digits made ASCII and Latin lowercased. No stemming, no stopwords,
the same way for system and reference. ROUGE-L is the LCS of the whole token sequences
(``rougeL`` in rouge-score, not the sentence-split ``rougeLsum``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

__all__ = ["tokenize", "rouge_n", "rouge_l", "rouge_scores", "Score", "cap_words"]

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[.,][\p{N}]+)*")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def tokenize(text: str) -> list[str]:
    from ..preprocess import digits_to_ascii, normalize

    # Nukta and chandrabindu are spelled inconsistently in Hindi news: fold them like the library does.
    key = digits_to_ascii(normalize(text)).lower().replace("\u093c", "").replace("\u0901", "\u0902")
    return _TOKEN.findall(key)


def cap_words(text: str, limit: int) -> str:
    """The first `limit` whitespace-separated words of `text` (ILSUM caps summaries at 75)."""
    parts = text.split()
    return " ".join(parts[:limit])


def _score(overlap: int, n_system: int, n_reference: int) -> Score:
    p = overlap / n_system if n_system else 0.0
    r = overlap / n_reference if n_reference else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f)


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(system: list[str], reference: list[str], n: int) -> Score:
    sys_grams, ref_grams = _ngrams(system, n), _ngrams(reference, n)
    overlap = sum((sys_grams & ref_grams).values())
    return _score(overlap, sum(sys_grams.values()), sum(ref_grams.values()))


def _lcs(a: list[str], b: list[str]) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def rouge_l(system: list[str], reference: list[str]) -> Score:
    return _score(_lcs(system, reference), len(system), len(reference))


def rouge_scores(system: str, reference: str) -> dict[str, Score]:
    """{"rouge1", "rouge2", "rougeL"} of two texts, tokenized with `tokenize`."""
    s, r = tokenize(system), tokenize(reference)
    return {"rouge1": rouge_n(s, r, 1), "rouge2": rouge_n(s, r, 2), "rougeL": rouge_l(s, r)}
