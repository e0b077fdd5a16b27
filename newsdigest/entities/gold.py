"""Gold entities given as character spans on raw text (the news-hi format), for training and scoring.

A record is ``{"text", "entities": [{"start", "end", "label", "en", "optional"?, "ambiguous"?,
"alts"?, "en_alts"?}]}``; offsets index ``text``. Training reads it through the library's own
sentence splitter and word tokenizer, so the model learns on the words it will see at run time.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..preprocess.sentences import split_sentences
from .tagging import word_spans

IGNORE = "IGN"  # a word inside an optional span: neither rewarded nor penalised in training


@dataclass
class GoldEntity:
    start: int
    end: int
    label: str
    text: str = ""
    en: str | None = None
    optional: bool = False
    ambiguous: bool = False
    alts: list[tuple[int, int, str]] = field(default_factory=list)
    en_alts: list[str] = field(default_factory=list)

    def accepts(self, start: int, end: int, label: str) -> bool:
        """The scoring convention: the span and type, or one of the alternative spans and types."""
        ok_types = {"LOC", "ORG"} if self.ambiguous and self.label in ("LOC", "ORG") else {self.label}
        if (start, end) == (self.start, self.end) and label in ok_types:
            return True
        return any((start, end, label) == alt for alt in self.alts)


@dataclass
class GoldText:
    id: str
    text: str
    entities: list[GoldEntity]


def read_span_jsonl(path: str | Path, limit: int = 0) -> list[GoldText]:
    """Records with ``text`` and character-offset ``entities``; a line without them is an error."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if not isinstance(r.get("text"), str) or not isinstance(r.get("entities"), list):
                raise ValueError(f"{path}:{n}: a span record needs 'text' and 'entities'")
            ents = []
            for e in r["entities"]:
                alts = [(a["start"], a["end"], a["label"]) for a in e.get("alts") or []]
                ents.append(GoldEntity(e["start"], e["end"], e["label"], e.get("text", ""), e.get("en"),
                                       bool(e.get("optional")), bool(e.get("ambiguous")), alts,
                                       list(e.get("en_alts") or [])))
            out.append(GoldText(str(r.get("id", n)), r["text"], ents))
            if limit and len(out) >= limit:
                break
    return out


def is_span_record(line: str) -> bool:
    r = json.loads(line)
    return isinstance(r, dict) and "text" in r and "entities" in r


def sentence_examples(rec: GoldText) -> list[tuple[list[str], list[str]]]:
    """(words, BIO labels) per sentence of the text, as the run-time splitter cuts it.

    Words inside an optional span carry IGNORE. An entity that a sentence boundary cuts is labelled
    in each part, so the model still sees its words as a name.
    """
    spans = word_spans(rec.text)
    label = ["O"] * len(spans)
    starts = [a for a, _ in spans]

    for e in sorted(rec.entities, key=lambda e: (e.optional, e.start)):
        i = bisect.bisect_left(starts, e.start)
        idx = []
        while i < len(spans) and spans[i][0] < e.end:
            if spans[i][1] > e.start:
                idx.append(i)
            i += 1
        if not idx or any(label[j] != "O" for j in idx):
            continue
        for k, j in enumerate(idx):
            label[j] = IGNORE if e.optional else ("B-" if k == 0 else "I-") + e.label
    out = []
    for s, t in split_sentences(rec.text):
        a = bisect.bisect_left(starts, s)
        b = bisect.bisect_left(starts, t)
        words = [rec.text[x:y] for x, y in spans[a:b]]
        labs = label[a:b]
        if labs and labs[0].startswith("I-"):
            labs = ["B-" + labs[0][2:]] + labs[1:]
        if words:
            out.append((words, labs))
    return out
