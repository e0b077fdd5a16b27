"""Throughput of the digest pipeline against its own encoder floor, the fp32 reference and a naive baseline.

    flock /tmp/cpu.lock env PYTHONPATH=. python benchmarks/throughput.py --json \\
        --corpus-jsonl ../shared/data/summaries/ilsum-hi/val.jsonl:article_bm25_extract:20 \\
        --corpus-jsonl ../shared/data/news/bbc-en/articles.jsonl:text:20

Articles come from ``--corpus DIR`` (every .txt file, sorted) and/or ``--corpus-jsonl PATH[:FIELD[:N]]``
(the first N records with a non-empty FIELD; BBC records marked ``duplicate_of`` are skipped). In one
process, with the same thread count for every timing, it times:

- ``pipeline_s``: ``Digester(precision=...).digest_many`` over all articles (after one warm-up digest that
  loads the lazily imported stages and the transliteration model; that costs ``warmup_s``);
- ``encoder_floor_s``: the best bare ``_forward`` over exactly the windows the pipeline forwarded, in the
  same runtime and precision: the fastest of the pipeline's own batches and length-sorted packings of
  1,024 to 8,192 padded pieces a batch, best of two runs each (``encoder_floor_plan`` says which won);
  ``pipeline_over_floor`` is the pipeline held to it;
- ``fp32_floor_s``: the same best floor of the fp32 torch encoder (the reference: what int8 is measured
  against), unless ``--no-reference``;
- ``naive_s``: a transformers ``pipeline("token-classification", aggregation_strategy="simple")`` call per
  sentence plus a separate mean-pooled ``AutoModel`` pass per sentence, fp32, from a standard model
  directory saved from the same encoder, unless ``--no-naive``.

``pipeline_forward_s`` is the time spent in ``_forward`` during the pipeline run itself, so
``pipeline_outside_forward_s`` (everything else the pipeline does) is measured in the same interval.
``peak_rss_mb`` is the process's peak resident memory after the pipeline run, before any reference model
loads (``peak_rss_mb_with_references`` after them). ``--profile FILE`` runs the timed pipeline under cProfile
instead, writes the stats to FILE and prints where the time outside the encoder's forward goes. Run it under
``flock /tmp/cpu.lock`` on a shared machine: other load skews every figure. The last line printed is JSON.

``--names-store`` sets what the on-disk store of name spellings (``newsdigest.names.store``) holds when the
timed run starts: ``cold`` (the default: a new, empty store in a temporary folder, so every word is spelled by
the model as in a first run), ``warm`` (the same temporary store, filled by one untimed pass over the same
articles, the process's own name caches then emptied: a later run over names already seen) or ``off``.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def use_names_store(mode: str) -> str | None:
    """Point the name spellings' store at a new temporary folder (cold, warm) or turn it off; the folder."""
    from newsdigest.names import store

    if mode == "off":
        os.environ[store.ENV] = "0"
        return None
    import atexit
    import shutil

    folder = tempfile.mkdtemp(prefix="throughput-names-")
    atexit.register(shutil.rmtree, folder, True)
    os.environ[store.ENV] = "1"

    def open_store(model_dir, beam):
        return store.SpellingStore(Path(folder) / f"spellings-{store.store_key(model_dir, beam)}.sqlite")

    store.open_store = open_store
    return folder


def read_dir(folder: str) -> list[dict]:
    paths = sorted(Path(folder).glob("*.txt"))
    if not paths:
        raise SystemExit(f"throughput: no .txt files in {folder}")
    return [{"text": p.read_text(encoding="utf-8-sig"), "path": str(p)} for p in paths]


def read_jsonl(spec: str, field: str, n: int) -> list[dict]:
    """``PATH[:FIELD[:N]]``: the first N records whose FIELD is a non-empty string."""
    parts = spec.rsplit(":", 2)
    while len(parts) > 1 and not Path(parts[0]).is_file():
        parts = [":".join(parts[:2])] + parts[2:]  # a colon that belongs to the path
    path = parts[0]
    if not Path(path).is_file():
        raise SystemExit(f"throughput: no such file in {spec!r} (expected PATH[:FIELD[:N]])")
    field = parts[1] if len(parts) > 1 else field
    n = int(parts[2]) if len(parts) > 2 else n
    out = []
    with open(path, encoding="utf-8-sig") as fh:
        for i, line in enumerate(fh):
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec.get(field)
            if not isinstance(text, str) or not text.strip() or rec.get("duplicate_of"):
                continue
            out.append({"text": text, "path": f"{path}#{rec.get('id', i)}"})
            if n and len(out) >= n:
                break
    if not out:
        raise SystemExit(f"throughput: no records with a non-empty {field!r} in {path}")
    return out


def rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return round(kb / 1024, 1)


def record_batches(encoder):
    """Let ``encoder._forward`` keep every batch it is given and the seconds it took.

    Returns the batch list, the list of seconds and an undo call. The forward time inside the
    pipeline run is measured in the same interval as the run, so other load on the machine
    skews it as much as it skews the run.
    """
    batches, seconds = [], []
    inner = encoder._forward

    def recording(batch):
        batches.append(batch)
        t0 = time.perf_counter()
        out = inner(batch)
        seconds.append(time.perf_counter() - t0)
        return out

    encoder._forward = recording
    return batches, seconds, lambda: delattr(encoder, "_forward")


def time_floor(encoder, batches) -> float:
    t0 = time.perf_counter()
    for b in batches:
        encoder._forward(b)
    return time.perf_counter() - t0


def rebatch(batches, batch_tokens: int, max_rows: int = 64) -> list:
    """The same windows, sorted by length and packed under ``batch_tokens`` padded pieces a batch."""
    windows = sorted((e for b in batches for e in b), key=lambda e: len(e.input_ids))
    out, cur = [], []
    for e in windows:
        if cur and ((len(cur) + 1) * len(e.input_ids) > batch_tokens or len(cur) >= max_rows):
            out.append(cur)
            cur = []
        cur.append(e)
    return out + ([cur] if cur else [])


def best_floor(encoder, batches, sizes=(1024, 2048, 4096, 8192), repeats: int = 2) -> tuple[float, str]:
    """The fastest bare ``_forward`` over exactly these windows: the pipeline's own batches or any
    length-sorted packing in ``sizes``, best of ``repeats`` each. The floor the pipeline is held to."""
    plans = {"pipeline batches": batches, **{f"sorted, {n} tokens": rebatch(batches, n) for n in sizes}}
    encoder._forward(plans["sorted, 1024 tokens"][-1])  # warm the kernels for the longest shape
    best = (float("inf"), "")
    for name, plan in plans.items():
        for _ in range(repeats):
            best = min(best, (time_floor(encoder, plan), name))
    return best


def time_model_only(encoder, batches) -> float | None:
    """The bare torch model call on these batches (fp32 torch only): what ``_forward`` adds over it."""
    if getattr(encoder, "runtime", "torch") != "torch":
        return None
    import torch

    tensors = [tuple(torch.from_numpy(a) for a in encoder.padded(b)) for b in batches]
    with torch.inference_mode():
        t0 = time.perf_counter()
        for ids, att in tensors:
            encoder.model(input_ids=ids, attention_mask=att)
        return time.perf_counter() - t0


def time_naive(fp32_encoder, sentences: list[str], tmp: Path) -> tuple[float, float]:
    """(load seconds, run seconds) of the straightforward per-sentence fp32 transformers baseline."""
    import shutil

    import torch
    from transformers import AutoModel, AutoModelForTokenClassification, AutoTokenizer, pipeline
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # the pooler weights are missing and unused; say nothing
    t0 = time.perf_counter()
    from newsdigest.encode.encoder import load_torch_model

    load_torch_model(fp32_encoder.base_dir, fp32_encoder.ner_dir)[0].save_pretrained(tmp)  # the transformers model
    for f in fp32_encoder.base_dir.glob("*"):
        if "token" in f.name or f.suffix == ".model":
            shutil.copy(f, tmp / f.name)
    tok = AutoTokenizer.from_pretrained(tmp)
    ner_model = AutoModelForTokenClassification.from_pretrained(tmp).eval()
    emb_model = AutoModel.from_pretrained(tmp).eval()
    ner = pipeline("token-classification", model=ner_model, tokenizer=tok, aggregation_strategy="simple",
                   device="cpu")
    ner(sentences[0])  # the pipeline's own first-call set-up is not part of the run
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in sentences:
        ner(s)
        with torch.no_grad():
            enc = tok(s, return_tensors="pt", truncation=True, max_length=512)
            hidden = emb_model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1)
            (hidden * mask).sum(1) / mask.sum(1)
    return load_s, time.perf_counter() - t0


def profile_report(stats: pstats.Stats, top: int = 10) -> list[dict]:
    """Functions by cumulative time, leaving out the encoder forward, all it calls and what calls it."""
    raw = stats.stats  # {func: (cc, nc, tt, ct, callers)}
    fwd = [f for f in raw if f[2] == "_forward" and f[0].endswith(("encoder.py", "onnx.py"))]
    callees: dict = {}
    for f, (_, _, _, _, callers) in raw.items():
        for c in callers:
            callees.setdefault(c, set()).add(f)
    above, below = set(fwd), set(fwd)
    todo = list(fwd)
    while todo:
        f = todo.pop()
        for c in raw.get(f, (0, 0, 0, 0, {}))[4]:
            if c not in above:
                above.add(c)
                todo.append(c)
    todo = list(fwd)
    while todo:
        f = todo.pop()
        for c in callees.get(f, ()):
            if c not in below:  # shared helpers (nn.Module.__call__) would carry forward time
                below.add(c)
                todo.append(c)
    fwd_s = sum(raw[f][3] for f in fwd)
    rows = [{"function": f"{Path(f[0]).name}:{f[1]}({f[2]})", "cumulative_s": round(v[3], 3),
             "own_s": round(v[2], 3), "calls": v[1]}
            for f, v in raw.items() if f not in above and f not in below]
    rows.sort(key=lambda r: -r["cumulative_s"])
    return [{"function": "encoder.py(_forward) [the forward itself]", "cumulative_s": round(fwd_s, 3)}] + rows[:top]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", default=[], help="folder of .txt articles (repeatable)")
    ap.add_argument("--corpus-jsonl", action="append", default=[], metavar="PATH[:FIELD[:N]]",
                    help="articles from a JSONL file (repeatable)")
    ap.add_argument("--field", default="text", help="JSONL field when PATH does not name one (default text)")
    ap.add_argument("--n", type=int, default=20, help="records per JSONL when PATH does not say (default 20)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles in all")
    ap.add_argument("--precision", choices=("auto", "bf16", "int8", "fp32"), default="auto",
                    help="encoder of the timed pipeline: auto (the library's default: bf16 on CPUs with native "
                         "bfloat16, else fp32), bf16 or fp32 (torch), int8 (ONNX Runtime)")
    ap.add_argument("--no-reference", action="store_true", help="skip the fp32 torch reference floor")
    ap.add_argument("--threads", type=int, default=2, help="torch threads for every timing (default 2)")
    ap.add_argument("--batch-size", type=int, default=32,
                    help="articles per digest_many batch (default 32, as digest_many and the CLI)")
    ap.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    ap.add_argument("--profile", metavar="FILE", help="cProfile the pipeline run into FILE; no other timings")
    ap.add_argument("--names-store", choices=("cold", "warm", "off"), default="cold",
                    help="the name spellings' store at the start of the timed run (default cold: empty)")
    ap.add_argument("--json", action="store_true", help="print only the JSON line")
    args = ap.parse_args(argv)

    items = [a for d in args.corpus for a in read_dir(d)]
    items += [a for s in args.corpus_jsonl for a in read_jsonl(s, args.field, args.n)]
    if not items:
        ap.error("give --corpus DIR or --corpus-jsonl PATH[:FIELD[:N]]")
    if args.limit:
        items = items[: args.limit]

    load_avg = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
    from newsdigest import Digester

    use_names_store(args.names_store)
    t0 = time.perf_counter()
    digester = Digester(precision=args.precision, threads=args.threads)
    encoder = digester.encoder
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    digester.digest(**items[0])
    warmup_s = time.perf_counter() - t0
    if args.names_store == "warm":  # one untimed pass fills the store; the in-process caches start empty
        list(digester.digest_many(items, batch_size=args.batch_size))
        t = digester.transliterator
        t._cache.clear()
        t._raw.clear()

    batches, forward_s, undo = record_batches(encoder)
    prof = cProfile.Profile() if args.profile else None
    t0, c0 = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    results = list(digester.digest_many(items, batch_size=args.batch_size))
    if prof:
        prof.disable()
    pipeline_s, pipeline_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    undo()
    peak_rss = rss_mb()  # the digest run alone: before any reference model loads
    failed = [(it["path"], repr(r)) for it, r in zip(items, results) if isinstance(r, Exception)]
    digests = [r for r in results if not isinstance(r, Exception)]
    sentences = [d.text[s:e] for d in digests for s, e in d.sentences if d.text[s:e].strip()]
    tokens = sum(len(e.input_ids) for b in batches for e in b)
    padded = sum(len(b) * max(len(e.input_ids) for e in b) for b in batches)

    res = {"articles": len(items), "failed": len(failed), "sentences": len(sentences),
           "windows": sum(len(b) for b in batches), "batches": len(batches), "tokens": tokens,
           "padded_tokens": padded, "load_avg_1m_start": load_avg,
           "precision": encoder.precision, "runtime": encoder.runtime, "threads": args.threads,
           "load_s": round(load_s, 2), "warmup_s": round(warmup_s, 2), "pipeline_s": round(pipeline_s, 2),
           "pipeline_cpu_s": round(pipeline_cpu_s, 2), "pipeline_forward_s": round(sum(forward_s), 2),
           "pipeline_outside_forward_s": round(pipeline_s - sum(forward_s), 2),
           "articles_per_s": round(len(items) / pipeline_s, 2), "peak_rss_mb": peak_rss,
           "names_store": args.names_store}
    if prof:
        prof.dump_stats(args.profile)
        res["profile"] = args.profile
        res["profile_top"] = profile_report(pstats.Stats(args.profile))
        if not args.json:
            pstats.Stats(args.profile).sort_stats("cumulative").print_stats(25)
        print(json.dumps(res, ensure_ascii=False))
        return 0

    floor_s, floor_plan = best_floor(encoder, batches)
    model_s = time_model_only(encoder, batches)
    res.update({"encoder_floor_s": round(floor_s, 2), "encoder_floor_plan": floor_plan,
                "sentences_per_s": round(len(sentences) / pipeline_s, 1),
                "tokens_per_s": round(tokens / pipeline_s),
                "pipeline_over_floor": round(pipeline_s / floor_s, 3),
                "pipeline_over_own_forward": round(pipeline_s / sum(forward_s), 3)})
    if model_s is not None:
        res["floor_over_model"] = round(floor_s / model_s, 3)
    fp32 = encoder if encoder.precision == "fp32" else None
    if not args.no_reference or not args.no_naive:
        if fp32 is None:
            from newsdigest.encode.encoder import Encoder

            fp32 = Encoder(encoder.base_dir, encoder.ner_dir, threads=args.threads)
    if not args.no_reference:
        ref_s, ref_plan = (floor_s, floor_plan) if fp32 is encoder else best_floor(fp32, batches)
        res.update({"fp32_floor_s": round(ref_s, 2), "fp32_floor_plan": ref_plan,
                    "pipeline_over_fp32_floor": round(pipeline_s / ref_s, 3),
                    "floor_speedup_over_fp32": round(ref_s / floor_s, 2)})
    if not args.no_naive:
        with tempfile.TemporaryDirectory(prefix="newsdigest-naive-") as tmp:
            naive_load_s, naive_s = time_naive(fp32, sentences, Path(tmp))
        res.update({"naive_load_s": round(naive_load_s, 2), "naive_s": round(naive_s, 2),
                    "naive_over_pipeline": round(naive_s / pipeline_s, 2)})
    res["peak_rss_mb_with_references"] = rss_mb()
    res["load_avg_1m_end"] = round(os.getloadavg()[0], 2)
    if not args.json:
        for path, err in failed:
            print(f"failed: {path}: {err}", file=sys.stderr)
        for k, v in res.items():
            print(f"{k:>28}: {v}")
    print(json.dumps(res, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
