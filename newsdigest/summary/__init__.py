"""Headline and bullets in Hindi and English.

``summarize(digest, sentence_embeddings, translator=None)`` returns ``{"hi": Summary, "en": Summary}``:
the article's own language is extractive (sentences scored with the embeddings, chosen with MMR,
in document order; headline = the title, else the best sentence shortened), and the other
language is translated when a translator is given, else written from the structured facts
(``bilingual.summary_from_facts``). What could not be produced is said in ``digest.warnings``.
"""
from __future__ import annotations

import numpy as np

from ..schema import Digest, Summary

__all__ = ["summarize", "source_language"]


def source_language(digest: Digest) -> str:
    """'hi' or 'en': the language the extractive summary is in (``Digest.summary_language``)."""
    return digest.summary_language


def summarize(digest: Digest, sentence_embeddings: np.ndarray | None, translator=None,
              scorer="default") -> dict[str, Summary]:
    """Summaries in both languages (see the module docstring).

    ``scorer``: "default" (the shipped learned scorer when present, else the heuristic), None
    (the heuristic), or a ``SentenceScorer``.
    """
    from .bilingual import summary_from_facts
    from .extractive import bullet_text, extract, load_default_scorer, quote_end_sentence, shorten

    src = source_language(digest)
    tgt = "en" if src == "hi" else "hi"
    if sentence_embeddings is not None and len(sentence_embeddings) != len(digest.sentences):
        digest.warnings.append(f"summary: got {len(sentence_embeddings)} sentence embeddings for "
                               f"{len(digest.sentences)} sentences; scoring without embeddings")
        sentence_embeddings = None
    if scorer == "default":
        scorer = load_default_scorer()
    chosen, scores, candidates = extract(digest, sentence_embeddings, scorer)
    rank = {i: float(s) for i, s in zip(candidates, scores)}
    bullets, covered = [], -1
    for i in chosen:
        if i <= covered:
            continue
        covered = quote_end_sentence(digest, i)
        bullets.append(bullet_text(digest, i, covered))
    if digest.title:
        headline = " ".join(digest.title.split())
    elif candidates:
        best = candidates[int(np.argmax(scores))]
        headline = shorten(bullet_text(digest, best))
    else:
        headline = shorten(" ".join(digest.text.split())) if digest.text.strip() else ""
    if not bullets:
        digest.warnings.append(f"summary.{src}: the article has no body sentences to summarise; no bullets")
    elif len(candidates) < 3:
        digest.warnings.append(f"summary.{src}: the article has only {len(candidates)} body sentence(s)")
    method = "extractive"
    own = Summary(headline=headline, bullets=bullets, method=method)
    other = None
    if translator is not None:
        try:
            from ..translate import translate_summary

            t_head, t_bullets, warnings = translate_summary(translator, headline, bullets, src, tgt)
            other = Summary(headline=t_head, bullets=list(t_bullets), method="translated")
            digest.warnings.extend(warnings)
        except Exception as exc:  # noqa: BLE001 - a failed translation falls back to the facts summary
            digest.warnings.append(f"summary.{tgt}: translation failed ({type(exc).__name__}: {exc}); "
                                   f"written from the facts instead")
    if other is None:
        other = summary_from_facts(digest, src, tgt, sentence_rank=rank)
        if not other.bullets:
            digest.warnings.append(f"summary.{tgt}: no entities or facts to write a {tgt} summary from; "
                                   f"pass a translator for a translated summary")
    return {src: own, tgt: other}
