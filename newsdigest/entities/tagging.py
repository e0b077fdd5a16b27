"""Word pieces <-> NER labels: the pure-Python halves of the NER stage.

``preprocess`` turns words into subword ids and remembers which piece speaks for
each word; ``postprocess`` turns per-piece logits back into word labels and
labelled word spans. Neither touches torch, so both are tested on hand-made input.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import regex

from ..preprocess.sentences import split_words

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
LABEL2ID = {l: i for i, l in enumerate(LABELS)}
TYPES = ("PER", "ORG", "LOC")

_ALNUM = regex.compile(r"[\p{L}\p{N}]")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words the NER model reads: the library's one tokenizer."""
    return split_words(text)


def is_alnum(word: str) -> bool:
    return bool(_ALNUM.search(word))


@dataclass
class Encoded:
    """Subword ids of one word window and, per word, the piece that carries its label."""

    input_ids: list[int]
    label_pos: list[int]  # index into input_ids for each word


def _pieces(tokenizer, words: list[str], special: bool) -> tuple[list[int], list[int | None]]:
    """Piece ids and, per piece, the index of its word (None for specials), from a ``tokenizers.Tokenizer``
    (what the encoders load) or a transformers fast tokenizer (what training uses): the same pieces."""
    if hasattr(tokenizer, "encode_batch") and hasattr(tokenizer, "token_to_id"):
        enc = tokenizer.encode(words, is_pretokenized=True, add_special_tokens=special)
        return enc.ids, enc.word_ids
    enc = tokenizer(words, is_split_into_words=True, add_special_tokens=special)
    return enc["input_ids"], enc.word_ids()


def _piece_id(tokenizer, piece: str) -> int:
    if hasattr(tokenizer, "token_to_id"):
        return tokenizer.token_to_id(piece)
    return tokenizer.convert_tokens_to_ids(piece)


def encode_words(tokenizer, words: list[str]) -> Encoded:
    """Tokenize pre-split words; a word's label sits on its first piece that is not a bare '▁'.

    XLM-R's sentencepiece often splits a Devanagari word into a bare '▁' and the rest;
    the bare piece carries no information about the word, the next one does.
    """
    ids, wids = _pieces(tokenizer, words, special=True)
    return _label_positions(ids, wids, len(words), _piece_id(tokenizer, "\u2581"))


def encode_windows(tokenizer, windows: list[list[str]]) -> list[Encoded]:
    """``encode_words`` for many windows; one ``encode_batch`` call with a ``tokenizers.Tokenizer``."""
    bare = _piece_id(tokenizer, "\u2581")
    if hasattr(tokenizer, "encode_batch") and hasattr(tokenizer, "token_to_id") and windows:
        encs = tokenizer.encode_batch(windows, is_pretokenized=True, add_special_tokens=True)
        return [_label_positions(e.ids, e.word_ids, len(w), bare) for e, w in zip(encs, windows)]
    return [encode_words(tokenizer, w) for w in windows]


def _label_positions(ids: list[int], wids: list[int | None], n_words: int, bare: int) -> Encoded:
    label_pos = [-1] * n_words
    for pos, w in enumerate(wids):
        if w is None:
            continue
        cur = label_pos[w]
        if cur == -1:
            label_pos[w] = pos
        elif ids[cur] == bare and pos == cur + 1:
            label_pos[w] = pos
    for w, p in enumerate(label_pos):
        if p == -1:  # a word the tokenizer dropped entirely (e.g. a lone control char)
            label_pos[w] = 0
    return Encoded(list(ids), label_pos)


def word_piece_counts(tokenizer, words: list[str]) -> list[int]:
    """Number of subword pieces each word takes (used to pack windows under the length limit)."""
    if not words:
        return []
    counts = [0] * len(words)
    for w in _pieces(tokenizer, words, special=False)[1]:
        if w is not None:
            counts[w] += 1
    return counts


def softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def _allowed_transitions() -> np.ndarray:
    """[previous, next] label pairs a name may contain: I-X never follows B-Y or I-Y of another type.

    I-X after O (or first) stays allowed and opens a name, as ``bio_spans`` reads it: the model
    often tags an acronym in brackets or a Hindi name's first word I-, and those names are right.
    """
    ok = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for i, prev in enumerate(LABELS):
        for j, lab in enumerate(LABELS):
            if lab.startswith("I-") and prev != "O" and prev[2:] != lab[2:]:
                ok[i, j] = False
    return ok


_PENALTY = np.where(_allowed_transitions(), 0.0, -np.inf)


def bio_decode(log_probs: np.ndarray) -> list[int]:
    """The most probable label sequence in which no name changes type (Viterbi over [words, labels]).

    Argmax per word can give "B-PER I-ORG" (Leander Paes cut into a person and an organisation);
    the constrained path gives the whole name the type of its stronger half, or splits it cleanly.
    """
    n = len(log_probs)
    if n == 0:
        return []
    score = log_probs[0].copy()
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    cols = np.arange(len(LABELS))
    for i in range(1, n):
        cand = score[:, None] + _PENALTY  # [previous, next]
        back[i] = cand.argmax(0)
        score = cand[back[i], cols] + log_probs[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def postprocess(logits: np.ndarray, label_pos: list[int]) -> tuple[list[str], list[float]]:
    """Per-piece logits [pieces, labels] -> a BIO label (no name changes type) and its probability per word."""
    if not label_pos:
        return [], []
    probs = softmax(np.asarray(logits, dtype=np.float64)[label_pos])
    with np.errstate(divide="ignore"):
        best = np.array(bio_decode(np.log(probs)))
    return [LABELS[i] for i in best], [float(p) for p in probs[np.arange(len(best)), best]]


def bio_spans(labels: list[str], scores: list[float] | None = None) -> list[tuple[int, int, str, float]]:
    """Word-index spans (start, end exclusive, type, mean score); a stray I- opens a new span."""
    spans = []
    cur = None
    for i, lab in enumerate(list(labels) + ["O"]):
        tag, _, typ = lab.partition("-")
        if cur is not None and (tag != "I" or typ != cur[2]):
            s, e, t = cur
            sc = float(np.mean(scores[s:e])) if scores else 1.0
            spans.append((s, e, t, sc))
            cur = None
        if tag == "B" or (tag == "I" and cur is None):
            cur = [i, i + 1, typ]
        elif tag == "I":
            cur[1] = i + 1
    return spans
