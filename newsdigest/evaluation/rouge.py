"""ROUGE-1/2/L through the ``rouge-score`` package, with a tokenizer that keeps Devanagari words whole.

``rouge-score``'s default tokenizer lowercases and keeps only ``[a-z0-9]``, so a Hindi summary
scores zero against its reference (a regression test pins this). Here the package does the
counting and LCS, given :class:`DevanagariTokenizer`: a token is a run of letters, combining marks
and digits in any script (``प्रधानमंत्री``, ``क़ीमत``, ``2,500``), after the library's normalization
(nukta forms, invisible characters) with Devanagari digits made ASCII, nukta and chandrabindu
folded and Latin lowercased. No stemming, no stopwords, the same way for system and reference.
ROUGE-L is ``rougeL`` (LCS of the whole token sequences), not the sentence-split ``rougeLsum``.

Needs ``pip install rouge-score`` (in the ``eval`` and ``test`` extras); the digest pipeline never
imports this module.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

__all__ = ["tokenize", "DevanagariTokenizer", "rouge_scores", "Score", "cap_words", "METRICS"]

METRICS = ("rouge1", "rouge2", "rougeL")
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


class DevanagariTokenizer:
    """The ``tokenizer`` object ``rouge_score.rouge_scorer.RougeScorer`` accepts (a ``tokenize`` method)."""

    def tokenize(self, text: str) -> list[str]:
        return tokenize(text)


def cap_words(text: str, limit: int) -> str:
    """The first `limit` whitespace-separated words of `text` (ILSUM caps summaries at 75)."""
    parts = text.split()
    return " ".join(parts[:limit])


_SCORER = None


def _scorer():
    global _SCORER
    if _SCORER is None:
        try:
            from rouge_score import rouge_scorer
        except ImportError as e:
            raise ImportError(f"ROUGE needs the rouge-score package ({e}); "
                              'install it with: pip install "newsdigest[eval]"') from None
        _SCORER = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=False, tokenizer=DevanagariTokenizer())
    return _SCORER


def rouge_scores(system: str, reference: str) -> dict[str, Score]:
    """{"rouge1", "rouge2", "rougeL"} of two texts (F1, precision, recall; 0..1)."""
    scores = _scorer().score(reference, system)  # rouge-score takes (target, prediction)
    return {k: Score(v.precision, v.recall, v.fmeasure) for k, v in scores.items()}
