"""Exact-span NER evaluation of the public entity path on a JSONL of tokens and BIO tags.

Tokens are joined with spaces into a text, the text goes through ``Digester.entities``
(sentence splitting, word windows, the model, span decoding: exactly what users get),
and predicted character spans are mapped back onto the tokens they cover.
"""
from __future__ import annotations

import json
from pathlib import Path

from .metrics import scores, span_f1

_TYPE_MAP = {"PER": "PER", "PERSON": "PER", "NEP": "PER", "person": "PER",
             "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "NEO": "ORG",
             "LOC": "LOC", "LOCATION": "LOC", "NEL": "LOC", "location": "LOC"}


def gold_bio(tags: list[str]) -> list[str]:
    out = []
    for t in tags:
        pre, _, typ = t.partition("-")
        if not typ and pre in _TYPE_MAP:  # IO-style tags
            pre, typ = "I", pre
        our = _TYPE_MAP.get(typ)
        if our is None:
            out.append("O")
        else:
            cont = pre == "I" and out and out[-1] != "O" and out[-1][2:] == our
            out.append(("I-" if cont else "B-") + our)
    return out


def read_jsonl(path: str | Path, limit: int = 0) -> list[tuple[list[str], list[str]]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            toks, tags = r.get("tokens"), r.get("tags_iob2") or r.get("tags")
            if not toks or not tags or len(toks) != len(tags):
                continue
            rows.append((toks, gold_bio(tags)))
            if limit and len(rows) >= limit:
                break
    return rows


def spans_to_token_bio(tokens: list[str], offsets: list[tuple[int, int]], spans) -> list[str]:
    labels = ["O"] * len(tokens)
    for sp in spans:
        covered = [i for i, (a, b) in enumerate(offsets) if a < sp.end and b > sp.start]
        for j, i in enumerate(covered):
            if labels[i] == "O":
                labels[i] = ("B-" if j == 0 else "I-") + sp.label
    return labels


def evaluate_file(digester, path: str | Path, limit: int = 0, batch: int = 256) -> dict:
    rows = read_jsonl(path, limit)
    gold, pred = [], []
    for k in range(0, len(rows), batch):
        part = rows[k:k + batch]
        texts, offs = [], []
        for toks, _ in part:
            o, pos = [], 0
            for t in toks:
                o.append((pos, pos + len(t)))
                pos += len(t) + 1
            texts.append(" ".join(toks))
            offs.append(o)
        for (toks, g), o, spans in zip(part, offs, digester.entities(texts)):
            gold.append(g)
            pred.append(spans_to_token_bio(toks, o, spans))
    res = span_f1(gold, pred)
    res["sentences"] = len(rows)
    res["file"] = str(path)
    return res


def _name_key(name: str | None) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKC", name or "").casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


def score_spans(golds, predictions) -> dict:
    """Exact-span scores of predicted (start, end, label[, en]) against gold entities of each text.

    The news-hi convention: a prediction is right when its span and type equal a required gold
    entity or one of its alternatives (either of LOC/ORG when ambiguous); predictions inside an
    optional span are ignored. With an English name (fourth item), ``names`` counts how many of
    the right-span predictions carry the gold name or one of its accepted forms.
    """
    tp, npred, ngold = {}, {}, {}
    named, name_errors = 0, []
    matched_total = 0
    for gold, pred in zip(golds, predictions):
        required = [g for g in gold.entities if not g.optional]
        optional = [g for g in gold.entities if g.optional]
        for g in required:
            ngold[g.label] = ngold.get(g.label, 0) + 1
        used = set()
        for p in sorted(set(pred)):
            s, e, lab = p[0], p[1], p[2]
            hit = next((k for k, g in enumerate(required) if k not in used and g.accepts(s, e, lab)), None)
            if hit is None and any(o.start <= s and e <= o.end for o in optional):
                continue
            npred[lab] = npred.get(lab, 0) + 1
            if hit is None:
                continue
            used.add(hit)
            g = required[hit]
            tp[g.label] = tp.get(g.label, 0) + 1
            npred[lab] -= 1  # count the prediction under the gold type (an ambiguous LOC/ORG)
            npred[g.label] = npred.get(g.label, 0) + 1
            if len(p) > 3:
                matched_total += 1
                ok = {_name_key(x) for x in [g.en, *g.en_alts] if x}
                if _name_key(p[3]) in ok:
                    named += 1
                else:
                    name_errors.append({"text": gold.text[s:e], "gold": g.en, "got": p[3]})
    out = scores(tp, npred, ngold)
    if matched_total:
        out["names"] = {"right": named, "of": matched_total, "accuracy": round(named / matched_total, 4),
                        "errors": name_errors}
    return out


def evaluate_span_file(digester, path: str | Path, limit: int = 0) -> dict:
    """Raw text in, through the whole pipeline, spans scored against the gold character offsets.

    ``ner`` scores the model's spans (``Digester.entities``); ``digest`` scores the mentions of the
    digest's linked entities, the output users read, and the English name each one carries.
    """
    from ..entities.gold import read_span_jsonl

    golds = read_span_jsonl(path, limit)
    texts = [g.text for g in golds]
    raw = digester.entities(texts)
    ner = score_spans(golds, [[(s.start, s.end, s.label) for s in spans] for spans in raw])
    linked = []
    for g, d in zip(golds, digester.digest_many(texts)):
        if isinstance(d, Exception):
            linked.append([])
            continue
        linked.append([(m.start, m.end, e.type, e.name_en) for e in d.entities for m in e.mentions])
    dig = score_spans(golds, linked)
    return {"file": str(path), "texts": len(golds), "format": "spans", "ner": ner, "digest": dig,
            **{k: dig[k] for k in ("f1", "precision", "recall", "per_type")}}
