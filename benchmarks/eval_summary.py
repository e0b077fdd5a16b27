"""ROUGE of the Hindi extractive summary on ILSUM, next to lead-1/2/3 baselines from the same run.

    PYTHONPATH=. python benchmarks/eval_summary.py --data ../shared/data/summaries/ilsum-hi --split val [--limit N] [--json]

Each record's ``article_bm25_extract`` is digested with ``heading`` as the title (the full pipeline:
NER, facts, the encoder's sentence embeddings). The system summary is the Hindi bullets joined,
capped at 75 words as in ILSUM; lead-k is the first k sentences of the same segmentation, capped
the same way. Scores are ROUGE-1/2/L F1 (x100) with ``newsdigest.evaluation.rouge`` (Devanagari-aware
tokens, no stemming), averaged over articles, against the human ``summary``.

Encoder outputs are cached under ``--cache`` (default runs/cache/) as <split>.jsonl (sentences and
entities per record) and <split>.npz (sentence embeddings), so that other scorers can be compared
without re-encoding (``--scorer heuristic|default|DIR``) and training/train_sentence_scorer.py can
read the same cache. ``test`` is a holdout: report on it once, at the end.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsdigest.schema import Digest, Entity, Mention  # noqa: E402
from newsdigest.evaluation.rouge import cap_words, rouge_scores  # noqa: E402

CAP = 75
METRICS = ("rouge1", "rouge2", "rougeL")


def load_records(data: Path, split: str, limit: int | None = None) -> list[dict]:
    path = data / f"{split}.jsonl"
    if not path.is_file():
        raise SystemExit(f"error: {path} not found; --data must be the folder holding val.jsonl and test.jsonl")
    return read_jsonl(path, limit)


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """The first `limit` records (all without a limit) of a JSONL file; blank lines skipped."""
    records = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def selection_part(record_id: str) -> bool:
    """The fixed 30% of val used for model selection (the other 70% trains the scorer)."""
    return int(hashlib.sha1(record_id.encode()).hexdigest(), 16) % 10 >= 7


def _cache_paths(cache: Path, split: str, n: int, precision: str) -> tuple[Path, Path]:
    stem = f"ilsum-{split}-{n}-{precision}"
    return cache / f"{stem}.jsonl", cache / f"{stem}.npz"


def encode(records: list[dict], split: str, cache: Path, threads: int = 2, batch_size: int = 16,
           precision: str | None = None):
    """(digests without facts or summary, per-record embeddings), from the cache or the pipeline.

    ``precision`` is the encoder's (None: the library default); the cache is kept per precision."""
    from newsdigest.encode.encoder import resolve_precision

    precision = resolve_precision(precision, False)
    meta_path, emb_path = _cache_paths(cache, split, len(records), precision)
    if meta_path.is_file() and emb_path.is_file():
        metas = [json.loads(line) for line in meta_path.read_text(encoding="utf-8").splitlines()]
        arrays = np.load(emb_path)
        if [m["id"] for m in metas] == [r["id"] for r in records]:
            digests = [_digest_from_meta(r, m) for r, m in zip(records, metas)]
            return digests, [arrays[f"e{k}"].astype(np.float32) for k in range(len(records))]
    import torch

    torch.set_num_threads(threads)
    import newsdigest.summary as summary_module
    from newsdigest import Digester

    captured: dict[int, np.ndarray] = {}
    real = summary_module.summarize

    def capture(digest, embeddings, translator=None, **kw):  # keep the encoder's embeddings for the cache
        captured[id(digest)] = np.asarray(embeddings, dtype=np.float32)
        return real(digest, embeddings, translator=translator, **kw)

    summary_module.summarize = capture
    digests, embeddings = [], []
    t0 = time.perf_counter()
    try:
        items = ({"text": r["article_bm25_extract"], "title": r["heading"], "lang": "hi"} for r in records)
        for k, d in enumerate(Digester(threads=threads, precision=precision).digest_many(items, batch_size=batch_size)):
            if isinstance(d, Exception):  # one bad article scores zero instead of stopping the run
                print(f"record {records[k]['id']}: {d}", file=sys.stderr)
                d = Digest(text=records[k]["article_bm25_extract"], lang="hi", title=records[k]["heading"])
                captured[id(d)] = np.zeros((0, 384), dtype=np.float32)
            digests.append(d)
            embeddings.append(captured.pop(id(d)))
            if (k + 1) % 100 == 0:
                print(f"encoded {k + 1}/{len(records)} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    finally:
        summary_module.summarize = real
    cache.mkdir(parents=True, exist_ok=True)
    with meta_path.open("w", encoding="utf-8") as fh:
        for r, d in zip(records, digests):
            fh.write(json.dumps({"id": r["id"], "sentences": d.sentences,
                                 "entities": [e.to_dict() for e in d.entities]}, ensure_ascii=False) + "\n")
    np.savez_compressed(emb_path, **{f"e{k}": e.astype(np.float16) for k, e in enumerate(embeddings)})
    return digests, embeddings


def _digest_from_meta(record: dict, meta: dict) -> Digest:
    entities = [Entity(e["id"], e["type"], e["name"]["hi"], e["name"]["en"],
                       [Mention(m["start"], m["end"], m["text"]) for m in e["mentions"]], e["salience"])
                for e in meta["entities"]]
    return Digest(text=record["article_bm25_extract"], lang="hi", title=record["heading"],
                  sentences=[tuple(s) for s in meta["sentences"]], entities=entities)


def fresh_copy(d: Digest) -> Digest:
    return Digest(text=d.text, lang=d.lang, title=d.title, sentences=list(d.sentences), entities=d.entities)


def system_summaries(digests: list[Digest], embeddings: list[np.ndarray], scorer) -> list[str]:
    from newsdigest.facts import extract_facts
    from newsdigest.summary import summarize

    out = []
    for d, emb in zip(digests, embeddings):
        d = fresh_copy(d)
        d.facts = extract_facts(d)
        out.append(" ".join(summarize(d, emb, scorer=scorer)["hi"].bullets))
    return out


def lead(d: Digest, k: int) -> str:
    return " ".join(d.text[s:e] for s, e in d.sentences[:k])


def score(systems: list[str], references: list[str], cap: int = CAP) -> dict[str, float]:
    totals = dict.fromkeys(METRICS, 0.0)
    for s, r in zip(systems, references):
        scores = rouge_scores(cap_words(s, cap), r)
        for m in METRICS:
            totals[m] += scores[m].f1
    n = max(len(systems), 1)
    return {m: round(100 * totals[m] / n, 2) for m in METRICS}


def resolve_scorer(name: str):
    from newsdigest.summary.extractive import SentenceScorer, load_default_scorer

    if name == "heuristic":
        return None, "heuristic"
    if name == "default":
        scorer = load_default_scorer()
        return scorer, ("learned (models/sentence-scorer)" if scorer else "heuristic (no scorer shipped)")
    return SentenceScorer.load(name), f"learned ({name})"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, required=True, help="folder with val.jsonl / test.jsonl")
    p.add_argument("--split", choices=["val", "test"], required=True)
    p.add_argument("--limit", type=int, help="first N records only")
    p.add_argument("--part", choices=["all", "train", "select"], default="all",
                   help="val only: the scorer's training part (70%%) or its selection part (30%%)")
    p.add_argument("--scorer", default="default", help="default | heuristic | a scorer directory")
    p.add_argument("--compare-heuristic", action="store_true", help="also score the heuristic in the same run")
    p.add_argument("--cache", type=Path, default=REPO / "runs" / "cache")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--precision", help="encoder precision (default: the library's, as a user runs it)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = p.parse_args(argv)

    records = load_records(args.data, args.split, args.limit)
    digests, embeddings = encode(records, args.split, args.cache, threads=args.threads, precision=args.precision)
    keep = list(range(len(records)))
    if args.part != "all":
        if args.split != "val":
            raise SystemExit("error: --part applies to --split val only")
        keep = [k for k in keep if selection_part(records[k]["id"]) == (args.part == "select")]
    digests = [digests[k] for k in keep]
    embeddings = [embeddings[k] for k in keep]
    references = [records[k]["summary"] for k in keep]
    scorer, scorer_name = resolve_scorer(args.scorer)
    rows = {f"lead-{k}": score([lead(d, k) for d in digests], references) for k in (1, 2, 3)}
    systems = system_summaries(digests, embeddings, scorer)
    rows[f"system: {scorer_name}"] = score(systems, references)
    if args.compare_heuristic and scorer is not None:
        rows["system: heuristic"] = score(system_summaries(digests, embeddings, None), references)
    words = sum(len(cap_words(s, CAP).split()) for s in systems) / max(len(systems), 1)
    result = {"split": args.split, "part": args.part, "articles": len(keep), "cap_words": CAP,
              "system_mean_words": round(words, 1), "rouge_f1": rows}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"ILSUM-hi {args.split} ({args.part}), {len(keep)} articles, summaries capped at {CAP} words; "
              f"system mean {words:.1f} words")
        print(f"{'':40s} {'R-1':>6s} {'R-2':>6s} {'R-L':>6s}")
        for name, r in rows.items():
            print(f"{name:40s} {r['rouge1']:6.2f} {r['rouge2']:6.2f} {r['rougeL']:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
