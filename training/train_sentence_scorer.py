"""Train the sentence scorer for extractive summaries on ILSUM-hi val (70%), select on the other 30%.

    PYTHONPATH=. python training/train_sentence_scorer.py --data ../shared/data/summaries/ilsum-hi --out models/sentence-scorer

Each candidate sentence of each article gets the features of ``newsdigest.summary.extractive``
(position, length, centrality, title overlap, fact and entity density...) and a target, one of:
``f1`` (the mean of its ROUGE-1/2/L F1 against the human summary), ``f1_doc`` (the same,
standardized within the article) or ``oracle`` (1 if the sentence is in the greedy oracle set that
maximises ROUGE-L + ROUGE-2 of the summary against the reference, grown while it improves, at most
five sentences). A ridge regression predicts the target from the standardized features, optionally
plus the encoder's 384-d sentence state (``emb``) and that state relative to the article's mean state
(``ctx``: the sentence in its article context). Two models are written: ``with_embeddings`` (used
when the pipeline passes embeddings) and ``without_embeddings``. The inputs, target, ridge strength,
the MMR lambda, the word budget (summary length), the penalty on a sentence that opens with a
pronoun whose antecedent is not chosen, and whether the lead sentence is always kept are chosen by
the summary-level ROUGE-L of the real selection path on the selection part (see
``benchmarks/eval_summary.selection_part``: sha1(id) mod 10 >= 7). The test split is never read.

The encoder pass is shared with benchmarks/eval_summary.py through its cache (runs/cache/).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsdigest.facts import extract_facts  # noqa: E402
from newsdigest.summary.extractive import (FEATURES, WEIGHTS_FILE, SentenceScorer, bullet_text,  # noqa: E402
                                           candidate_sentences, extract, sentence_features)
from newsdigest.evaluation.rouge import cap_words, rouge_scores  # noqa: E402


DEFAULT_SELECTION = {"mmr_lambda": 0.85, "keep_lead": False, "budget_words": 45, "dangling_penalty": 1.0}


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_summary", REPO / "benchmarks" / "eval_summary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def oracle_set(texts: list[str], reference: str, size: int = 5) -> set[int]:
    """Greedy oracle: add the sentence that most improves ROUGE-L + ROUGE-2 F1 of the capped summary,
    while one does, up to `size` sentences."""
    chosen: list[int] = []
    current = 0.0
    for _ in range(min(size, len(texts))):
        best, best_value = None, current
        for j in range(len(texts)):
            if j in chosen:
                continue
            summary = " ".join(texts[q] for q in sorted(chosen + [j]))
            s = rouge_scores(cap_words(summary, 75), reference)
            value = s["rougeL"].f1 + s["rouge2"].f1
            if value > best_value:
                best, best_value = j, value
        if best is None:
            break
        chosen.append(best)
        current = best_value
    return set(chosen)


def build_rows(digests, embeddings, references, with_embeddings: bool):
    """Per candidate sentence: features, embedding, context embedding, targets {f1, oracle}, article index."""
    feats, embs, ctxs, f1, oracle, groups = [], [], [], [], [], []
    for k, (d, emb, ref) in enumerate(zip(digests, embeddings, references)):
        cands = candidate_sentences(d)
        if not cands:
            continue
        f = sentence_features(d, cands, emb if with_embeddings else None)
        texts = [bullet_text(d, i) for i in cands]
        in_oracle = oracle_set(texts, ref)
        e = np.asarray(emb, dtype=np.float64)[cands] if len(emb) == len(d.sentences) else np.zeros((len(cands), 384))
        ctx = e - e.mean(0)
        for r, i in enumerate(cands):
            s = rouge_scores(texts[r], ref)
            f1.append((s["rouge1"].f1 + s["rouge2"].f1 + s["rougeL"].f1) / 3)
            oracle.append(float(r in in_oracle))
            feats.append(f[r])
            embs.append(e[r])
            ctxs.append(ctx[r])
            groups.append(k)
    return (np.array(feats), np.array(embs), np.array(ctxs),
            {"f1": np.array(f1), "oracle": np.array(oracle)}, np.array(groups))


def doc_normalize(y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    out = y.copy()
    for g in np.unique(groups):
        m = groups == g
        out[m] = (y[m] - y[m].mean()) / (y[m].std() or 1.0)
    return out


def fit_ridge(x: np.ndarray, e: np.ndarray | None, c: np.ndarray | None, y: np.ndarray, alpha: float) -> dict:
    mean, std = x.mean(0), x.std(0)
    std[std == 0] = 1.0
    xs = (x - mean) / std
    blocks = [xs] + [b for b in (e, c) if b is not None] + [np.ones((len(xs), 1))]
    design = np.hstack(blocks)
    reg = alpha * np.eye(design.shape[1])
    reg[-1, -1] = 0.0  # no penalty on the bias
    coef = np.linalg.solve(design.T @ design + reg, design.T @ y)
    nf, at = xs.shape[1], xs.shape[1]
    out = {"mean": mean.tolist(), "std": std.tolist(), "w": coef[:nf].tolist(), "b": float(coef[-1]),
           "emb_w": None, "ctx_w": None}
    for name, block in (("emb_w", e), ("ctx_w", c)):
        if block is not None:
            out[name] = [round(float(v), 6) for v in coef[at:at + block.shape[1]]]
            at += block.shape[1]
    return out


def summary_rouge(digests, embeddings, references, scorer, with_embeddings: bool) -> dict[str, float]:
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    words = 0
    for d, emb, ref in zip(digests, embeddings, references):
        chosen, _, _ = extract(d, emb if with_embeddings else None, scorer)
        summary = " ".join(bullet_text(d, i) for i in chosen)
        words += len(summary.split())
        s = rouge_scores(cap_words(summary, 75), ref)
        for m in totals:
            totals[m] += s[m].f1
    out = {m: round(100 * v / max(len(digests), 1), 2) for m, v in totals.items()}
    out["mean_words"] = round(words / max(len(digests), 1), 1)
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, default=REPO / "models" / "sentence-scorer")
    p.add_argument("--cache", type=Path, default=REPO / "runs" / "cache")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--precision", default="fp32",
                   help="encoder precision of the sentence states trained on (default fp32, as the shipped scorer)")
    p.add_argument("--limit", type=int, help="first N val records only (a quick check of the script)")
    args = p.parse_args(argv)

    ev = _eval_module()
    t0 = time.perf_counter()
    records = ev.load_records(args.data, "val", args.limit)
    digests, embeddings = ev.encode(records, "val", args.cache, threads=args.threads, precision=args.precision)
    for d in digests:
        d.facts = extract_facts(d)
    is_select = [ev.selection_part(r["id"]) for r in records]
    part = lambda flag: [k for k, s in enumerate(is_select) if s == flag]  # noqa: E731
    train_ix, select_ix = part(False), part(True)
    pick = lambda items, ix: [items[k] for k in ix]  # noqa: E731
    refs = [r["summary"] for r in records]
    sel = (pick(digests, select_ix), pick(embeddings, select_ix), pick(refs, select_ix))
    print(f"val: {len(train_ix)} articles to train, {len(select_ix)} to select", file=sys.stderr)

    lead = {k: ev.score([ev.lead(d, k) for d in sel[0]], sel[2]) for k in (1, 2, 3)}
    heuristic = {key: summary_rouge(*sel, None, key == "with_embeddings")
                 for key in ("with_embeddings", "without_embeddings")}
    best: dict[str, tuple] = {}
    trials = []
    for key in ("with_embeddings", "without_embeddings"):
        use_emb = key == "with_embeddings"
        x, e, c, ys, groups = build_rows(pick(digests, train_ix), pick(embeddings, train_ix), pick(refs, train_ix),
                                         use_emb)
        targets = {"f1": ys["f1"], "f1_doc": doc_normalize(ys["f1"], groups), "oracle": ys["oracle"]}
        inputs = (("features", "features+emb", "features+emb+ctx", "features+ctx") if use_emb else ("features",))
        for target, yt in targets.items():
            for inp in inputs:
                for alpha in ((1.0, 10.0, 100.0) if inp == "features" else (10.0, 100.0, 1000.0)):
                    model = fit_ridge(x, e if "emb" in inp else None, c if "ctx" in inp else None, yt, alpha)
                    # stage 1: the model, under default selection settings
                    selection = dict(DEFAULT_SELECTION)
                    r = summary_rouge(*sel, SentenceScorer({key: model}, selection), use_emb)
                    trials.append({"model": key, "target": target, "inputs": inp, "alpha": alpha, **selection, **r})
                    print(json.dumps(trials[-1]), file=sys.stderr)
                    if key not in best or r["rougeL"] > best[key][0]["rougeL"]:
                        best[key] = (r, model, selection, trials[-1])
        # stage 2: the selection settings, for the chosen model
        _, model, _, trial = best[key]
        for lam in (0.7, 0.85, 1.0):
            for keep_lead in (False, True):
                for budget in (30, 40, 45, 55, 65):
                    selection = {**DEFAULT_SELECTION, "mmr_lambda": lam, "keep_lead": keep_lead, "budget_words": budget}
                    r = summary_rouge(*sel, SentenceScorer({key: model}, selection), use_emb)
                    trials.append({**trial, **selection, **r})
                    print(json.dumps(trials[-1]), file=sys.stderr)
                    if r["rougeL"] > best[key][0]["rougeL"]:
                        best[key] = (r, model, selection, trials[-1])
    # the pronoun penalty, tuned last on the best with-embeddings model
    r0, model, selection, trial = best["with_embeddings"]
    for penalty in (0.0, 0.5, 2.0):
        trial_sel = {**selection, "dangling_penalty": penalty}
        r = summary_rouge(*sel, SentenceScorer({"with_embeddings": model}, trial_sel), True)
        trials.append({**trial, **trial_sel, **r})
        print(json.dumps(trials[-1]), file=sys.stderr)
        if r["rougeL"] > best["with_embeddings"][0]["rougeL"]:
            best["with_embeddings"] = (r, model, trial_sel, trials[-1])
    chosen_selection = best["with_embeddings"][2]  # the with-embeddings trial decides the settings the pipeline uses
    args.out.mkdir(parents=True, exist_ok=True)
    artifact = {
        "name": "newsdigest sentence scorer (ridge over features and encoder states, ILSUM-hi val 70%)",
        "features": FEATURES,
        "models": {k: v[1] for k, v in best.items()},
        "selection": chosen_selection,
        "trained_on": "ILSUM-hi val, sha1(id) mod 10 < 7",
    }
    (args.out / WEIGHTS_FILE).write_text(json.dumps(artifact, indent=1), encoding="utf-8")
    report = {"selection_part_articles": len(select_ix), "train_part_articles": len(train_ix),
              "lead": lead, "heuristic": heuristic,
              "chosen": {k: v[3] for k, v in best.items()}, "seconds": round(time.perf_counter() - t0)}
    (args.out / "selection.json").write_text(json.dumps({"report": report, "trials": trials}, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
