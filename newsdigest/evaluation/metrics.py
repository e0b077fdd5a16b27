"""Exact-span precision/recall/F1, micro and per type (the CoNLL convention)."""
from __future__ import annotations

from ..entities.tagging import bio_spans


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """Precision, recall and F1 (rounded to 4 places) from counts; ``support`` is the gold count."""
    pr = tp / n_pred if n_pred else 0.0
    rc = tp / n_gold if n_gold else 0.0
    return {"precision": round(pr, 4), "recall": round(rc, 4),
            "f1": round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0, "support": n_gold}


def scores(tp: dict, n_pred: dict, n_gold: dict) -> dict:
    """Micro scores and ``per_type`` scores from per-type counts."""
    types = sorted(set(n_gold) | set(n_pred))
    out = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    out["per_type"] = {t: prf(tp.get(t, 0), n_pred.get(t, 0), n_gold.get(t, 0)) for t in types}
    return out


def span_f1(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Micro and per-type exact-span scores over sentences of BIO labels."""
    tp, np_, ng = {}, {}, {}
    for g, p in zip(gold, pred):
        gs = {(s, e, t) for s, e, t, _ in bio_spans(g)}
        ps = {(s, e, t) for s, e, t, _ in bio_spans(p)}
        for s in gs:
            ng[s[2]] = ng.get(s[2], 0) + 1
        for s in ps:
            np_[s[2]] = np_.get(s[2], 0) + 1
        for s in gs & ps:
            tp[s[2]] = tp.get(s[2], 0) + 1
    return scores(tp, np_, ng)
