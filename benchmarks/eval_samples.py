"""How much of what a reader must find in samples/ does the digest find?

    python benchmarks/eval_samples.py [--json]

For every samples/**/X.txt with a sidecar X.facts.json: an expected entity counts as found when
one digest entity of the same type has a mention whose text equals the sidecar's `text` or one of
its `aliases`; it counts as named when that entity's name.en / name.hi equal the sidecar's (case-
insensitive). Quantities count when a quantity fact has the same value and qualifier. Last line: JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def score_sample(digest, facts: dict) -> dict:
    found = named_en = named_hi = 0
    missed = []
    for exp in facts.get("entities", []):
        forms = {exp["text"], *exp.get("aliases", [])}
        hit = next((e for e in digest.entities if e.type == exp["type"]
                    and any(m.text in forms for m in e.mentions)), None)
        if hit is None:
            missed.append(f'{exp["type"]} {exp["text"]}')
            continue
        found += 1
        named_en += hit.name_en.casefold() == exp["en"].casefold()
        named_hi += hit.name_hi == exp["hi"]
    q_exp = facts.get("quantities", [])
    q_got = {(f.value, f.qualifier) for f in digest.facts if f.type == "quantity"}
    q_found = sum((q["value"], q.get("qualifier")) in q_got for q in q_exp)
    return {"entities": len(facts.get("entities", [])), "found": found, "named_en": named_en,
            "named_hi": named_hi, "quantities": len(q_exp), "quantities_found": q_found, "missed": missed}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", default=str(ROOT / "samples"))
    ap.add_argument("--json", action="store_true", help="only the JSON line")
    args = ap.parse_args(argv)
    from newsdigest import Digester

    paths = sorted(Path(args.samples).rglob("*.txt"))
    d = Digester()
    total = {"entities": 0, "found": 0, "named_en": 0, "named_hi": 0, "quantities": 0, "quantities_found": 0}
    for p in paths:
        side = p.with_suffix(".facts.json")
        if not side.exists():
            continue
        dg = d.digest(p.read_text(encoding="utf-8"), path=str(p))
        r = score_sample(dg, json.loads(side.read_text(encoding="utf-8")))
        for k in total:
            total[k] += r[k]
        if not args.json:
            print(f"{p.relative_to(args.samples)}: entities {r['found']}/{r['entities']} "
                  f"(named en {r['named_en']}, hi {r['named_hi']}), quantities "
                  f"{r['quantities_found']}/{r['quantities']}; missed: {', '.join(r['missed']) or '-'}")
    total["entity_recall"] = round(total["found"] / max(1, total["entities"]), 4)
    total["quantity_recall"] = round(total["quantities_found"] / max(1, total["quantities"]), 4)
    print(json.dumps(total))


if __name__ == "__main__":
    main()
