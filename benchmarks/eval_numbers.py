"""Hindi number phrases generated from indic-numtowords: is the value (and qualifier) read right?

    python benchmarks/eval_numbers.py [--json] [--show-errors]

Phrases: every cardinal 0-99 in words before a counted noun; compounds of सौ/हज़ार/लाख/करोड़ written by
indic-numtowords (एक लाख पचहत्तर हज़ार); fractions डेढ़, ढाई, सवा, साढ़े, पौने before a scale; digits with
words (12 हजार 500, 2.5 लाख); Indian-grouped digits and Devanagari digits; each with a qualifier
before (करीब, लगभग, तकरीबन, कम से कम) or after (से ज्यादा, से अधिक, से कम, के पार, तक) or none, and a
unit (रुपये, प्रतिशत, लोगों). The generator is deterministic (every combination, no sampling).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PRE = {None: None, "करीब": "about", "लगभग": "about", "तकरीबन": "about", "कम से कम": "more_than"}
POST = {None: None, "से ज्यादा": "more_than", "से अधिक": "more_than", "से कम": "less_than",
        "के पार": "more_than", "तक": "less_than"}
UNITS = {"लोगों की मौत": None, "रुपये": "INR", "प्रतिशत": "percent"}


def numbers() -> list[tuple[str, float]]:
    from indic_numtowords import num2words

    out = [(num2words(n, lang="hi"), n) for n in range(2, 100)]
    for n in (100, 175, 999, 1000, 1500, 25000, 99999, 100000, 175000, 250000, 1234567, 10000000,
              35000000, 123456789):
        out.append((num2words(n, lang="hi"), n))
    for frac, v in (("डेढ़", 1.5), ("ढाई", 2.5)):
        for scale, s in (("सौ", 100), ("हजार", 1000), ("लाख", 100000), ("करोड़", 10**7)):
            out.append((f"{frac} {scale}", v * s))
    for mod, dv in (("सवा", 0.25), ("साढ़े", 0.5), ("पौने", -0.25)):
        for base, b in (("तीन", 3), ("चार", 4), ("सात", 7)):
            for scale, s in (("हजार", 1000), ("लाख", 100000), ("करोड़", 10**7)):
                out.append((f"{mod} {base} {scale}", (b + dv) * s))
    out += [("12 हजार 500", 12500), ("2.5 लाख", 250000), ("1 लाख 20 हजार", 120000), ("2,50,000", 250000),
            ("३ करोड़", 3 * 10**7), ("१२,३४,५६७", 1234567), ("88,000", 88000), ("5 हज़ार", 5000)]
    return out


def phrases():
    for words, value in numbers():
        for pre, pq in PRE.items():
            for post, sq in POST.items():
                if pre and post:
                    continue
                for unit, code in UNITS.items():
                    if post and unit == "लोगों की मौत":
                        text = f"{words} {post} लोगों की मौत"
                    elif post:
                        text = f"{words} {unit} {post}"
                    else:
                        text = f"{words} {unit}"
                    if pre:
                        text = f"{pre} {text}"
                    yield f"हादसे में {text} हुई", value, pq or sq, code


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N")
    args = ap.parse_args(argv)
    from newsdigest.preprocess import find_quantities

    n = value_ok = qual_ok = 0
    errors = []
    for text, value, qualifier, unit in phrases():
        n += 1
        found = find_quantities(text)
        q = found[0] if len(found) == 1 else None
        ok = q is not None and abs(float(q.value) - value) < 1e-6
        value_ok += ok
        qual_ok += ok and q.qualifier == qualifier
        if not (ok and q.qualifier == qualifier):
            errors.append({"text": text, "want": [value, qualifier],
                           "got": [(x.text, x.value, x.qualifier) for x in found]})
    res = {"phrases": n, "value_right": round(value_ok / n, 4), "value_and_qualifier_right": round(qual_ok / n, 4)}
    if args.json:
        print(json.dumps({**res, "errors": errors[:200]}, ensure_ascii=False, indent=1))
    else:
        print(res)
        for e in errors[: args.show_errors]:
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
