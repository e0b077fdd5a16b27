"""Score translations with chrF++ and BLEU (sacrebleu), the way Indic MT papers do.

Hindi hypotheses and references are first tokenized with indic-nlp's `trivial_tokenize` and
scored with sacrebleu's tokenizer off (IndicTrans2's compute_metrics.sh does the same); English
is scored with sacrebleu's default 13a tokenizer. chrF++ is `CHRF(word_order=2)`.

Data: JSONL with one field per language code, e.g. the FLORES-200 files
``{"id": "flores200-devtest-0", "hi": "...", "en": "..."}``. The data is read from where it
lies; nothing is copied into the repository.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from ..errors import InputError

__all__ = ["read_parallel", "score", "evaluate_file"]


def read_parallel(path: str | Path, src: str, tgt: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(source, reference) pairs from a JSONL file ("-": standard input); records lacking either field
    are an error."""
    import contextlib
    import sys

    pairs: list[tuple[str, str]] = []
    if str(path) == "-":
        opened = contextlib.nullcontext(sys.stdin.buffer.read().decode("utf-8-sig").splitlines())
    else:
        opened = open(path, encoding="utf-8-sig")
    with opened as f:
        for n, line in enumerate(f, 1):
            if limit is not None and len(pairs) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not JSON ({exc.msg})") from None
            if not isinstance(record.get(src), str) or not isinstance(record.get(tgt), str):
                raise InputError(f"{path}:{n}: record has no string fields {src!r} and {tgt!r}")
            pairs.append((record[src], record[tgt]))
    if not pairs:
        raise InputError(f"{path}: no records")
    return pairs


def _prepare(texts: list[str], lang: str) -> list[str]:
    if lang != "hi":
        return texts
    from ..preprocess.sentences import split_words

    return [" ".join(t[a:b] for a, b in split_words(t)) for t in texts]


def score(hypotheses: list[str], references: list[str], tgt: str) -> dict:
    """{"chrf++", "bleu", "n", "tokenize"} for one hypothesis per reference."""
    from sacrebleu.metrics import BLEU, CHRF

    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    hyps, refs = _prepare(hypotheses, tgt), _prepare(references, tgt)
    tokenize = "none" if tgt == "hi" else "13a"
    chrf = CHRF(word_order=2).corpus_score(hyps, [refs])
    bleu = BLEU(tokenize=tokenize).corpus_score(hyps, [refs])
    return {"chrf++": round(chrf.score, 2), "bleu": round(bleu.score, 2), "n": len(hyps),
            "tokenize": "newsdigest split_words + none" if tgt == "hi" else "13a"}


def evaluate_file(translator, path: str | Path, src: str, tgt: str,
                  limit: int | None = None) -> tuple[dict, list[str]]:
    """Translate the `src` side of a parallel file and score it against the `tgt` side."""
    pairs = read_parallel(path, src, tgt, limit)
    started = time.perf_counter()
    results = list(translator.translate_many([s for s, _ in pairs], src=src, tgt=tgt))
    seconds = time.perf_counter() - started
    hypotheses = [r.text for r in results]
    report = score(hypotheses, [r for _, r in pairs], tgt)
    report.update({"model": translator.name, "data": str(path), "src": src, "tgt": tgt,
                   "seconds": round(seconds, 1),
                   "sentences_per_second": round(len(pairs) / seconds, 2) if seconds else None,
                   "records_with_warnings": sum(bool(r.warnings) for r in results)})
    return report, hypotheses
