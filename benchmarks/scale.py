"""Archive scale: the same BBC English articles through ``--dask local:N`` and ``--jobs N``.

    flock /tmp/cpu.lock env PYTHONPATH=. python benchmarks/scale.py --articles 500 2000 \\
        --work /tmp/scale

Writes the first N articles of ``--source`` (records marked ``duplicate_of`` left out) as one
``.json`` file each (``WORK/in-N/business/001.json``: an archive folder), then for each N runs
``newsdigest summarize WORK/in-N --out WORK/out-N-MODE`` with ``--dask local:N`` and with
``--jobs N`` (``--modes`` picks which, in that order), each in a fresh driver process that records
its own peak resident memory (``VmHWM``: the driver only; workers are separate processes).

Per run: ``wall_s`` (the whole command, model loads included), ``run_s`` and ``articles_per_s``
(from the run's end line: after the models are loaded), ``driver_peak_rss_mb``. Per N:
``identical`` (every output byte-identical and the manifests equal but for ``seconds``) and
``dask_over_jobs`` (throughput ratio, end-line rates). Nothing is written inside the repository.
The last line printed is JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "data" / "news" / "bbc-en" / "articles.jsonl"


def write_archive(source: Path, n: int, folder: Path) -> int:
    """The first ``n`` non-duplicate records as ``folder/<id>.json``; return how many."""
    if folder.exists() and len(list(folder.rglob("*.json"))) == n:
        return n
    written = 0
    with open(source, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("duplicate_of"):
                continue
            path = folder / f"{rec['id']}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"id": rec["id"], "title": rec.get("title"),
                                        "text": rec["text"]}, ensure_ascii=False),
                            encoding="utf-8")
            written += 1
            if written == n:
                break
    return written


def drive(result: str, argv: list[str]) -> int:
    """Run the CLI in this process; record wall time and this process's peak RSS."""
    from newsdigest.cli import main

    t = time.perf_counter()
    code = main(argv)
    wall = time.perf_counter() - t
    status = Path("/proc/self/status").read_text()
    hwm_kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
    Path(result).write_text(json.dumps({"code": code, "wall_s": round(wall, 2),
                                        "driver_peak_rss_mb": round(hwm_kb / 1024, 1)}))
    return code


def run_one(folder: Path, out: Path, mode: str, workers: int, batch_size: int) -> dict:
    flag = ["--dask", f"local:{workers}"] if mode == "dask" else ["--jobs", str(workers)]
    result = out.with_suffix(".result.json")
    argv = ["summarize", str(folder), "--out", str(out), "--force", "--batch-size",
            str(batch_size), *flag]
    proc = subprocess.run([sys.executable, __file__, "_drive", str(result), *argv],
                          capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    line = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    info = json.loads(result.read_text()) if result.exists() else {"code": proc.returncode}
    m = re.search(r"(\d+) done, .* in ([\d.]+)s \(([\d.]+) articles/s\)", line)
    if m:
        info.update(ok=int(m.group(1)), run_s=float(m.group(2)), articles_per_s=float(m.group(3)))
    info["end_line"] = line
    return info


def same_outputs(one: Path, two: Path) -> bool:
    def rows(out):
        return [{k: v for k, v in json.loads(x).items() if k != "seconds"}
                for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]

    first, second = rows(one), rows(two)
    if first != second:
        return False
    return all((one / r["output"]).read_bytes() == (two / r["output"]).read_bytes()
               for r in first if r["output"])


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "_drive":
        return drive(sys.argv[2], sys.argv[3:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--modes", nargs="+", choices=("dask", "jobs"), default=["dask", "jobs"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--work", type=Path, default=Path("/tmp/newsdigest-scale"))
    args = ap.parse_args()
    if not args.source.exists():
        print(json.dumps({"error": f"{args.source} not found"}))
        return 2
    report = {"workers": args.workers, "batch_size": args.batch_size, "cpus": os.cpu_count(),
              "runs": {}}
    for n in args.articles:
        folder = args.work / f"in-{n}"
        got = write_archive(args.source, n, folder)
        entry = {"articles": got}
        for mode in args.modes:
            entry[mode] = run_one(folder, args.work / f"out-{n}-{mode}", mode, args.workers,
                                  args.batch_size)
            print(json.dumps({n: {mode: entry[mode]}}), file=sys.stderr, flush=True)
        if {"dask", "jobs"} <= set(args.modes):
            entry["identical"] = same_outputs(args.work / f"out-{n}-dask",
                                              args.work / f"out-{n}-jobs")
            rates = entry["dask"].get("articles_per_s"), entry["jobs"].get("articles_per_s")
            if all(rates):
                entry["dask_over_jobs"] = round(rates[0] / rates[1], 3)
        report["runs"][str(n)] = entry
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
