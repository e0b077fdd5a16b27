"""Exact-span NER evaluation of the public entity path on a JSONL of tokens and BIO tags.

Tokens are joined with spaces into a text, the text goes through ``Digester.entities``
(sentence splitting, word windows, the model, span decoding: exactly what users get),
and predicted character spans are mapped back onto the tokens they cover.
"""
from __future__ import annotations

import json
from pathlib import Path

from .metrics import span_f1

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
