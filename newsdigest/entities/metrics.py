"""Exact-span precision/recall/F1, micro and per type (the CoNLL convention)."""
from __future__ import annotations

from .tagging import bio_spans


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

    def prf(t, p, g):
        pr = t / p if p else 0.0
        rc = t / g if g else 0.0
        return {"precision": round(pr, 4), "recall": round(rc, 4),
                "f1": round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0, "support": g}

    types = sorted(set(ng) | set(np_))
    out = prf(sum(tp.values()), sum(np_.values()), sum(ng.values()))
    out["per_type"] = {t: prf(tp.get(t, 0), np_.get(t, 0), ng.get(t, 0)) for t in types}
    return out
