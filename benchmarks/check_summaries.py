"""Check the article-language summaries of real articles for the faults a reader notices first.

    PYTHONPATH=. python benchmarks/check_summaries.py --jsonl ../shared/data/news/bbc-hi/articles.jsonl --limit 40 [--json]

Each article (records' ``text``; records marked ``duplicate_of`` are skipped) is digested by the
whole pipeline, as a user runs it, and its summary in the article's language is checked for:

- boilerplate: a headline or bullet holding a call to action or a promotion ("… क्लिक करें",
  "फ़ॉलो … कर सकते हैं", "ये भी पढ़ें", "ऐप", "डाउनलोड", "Also read", "click here", "follow us") or a photo
  credit ("इमेज स्रोत", "Getty Images"). The markers are matched here independently of the
  candidate filter in ``newsdigest.summary.extractive`` (plain substrings, a wider net);
- length: bullets over 400 characters, and bullets that end neither with an end mark, a closing
  quote or bracket, nor the " …" that marks a clause cut;
- dangling openers: bullets that open with a third-person pronoun whose sentence before is not
  also a bullet.

The last line printed is JSON with the counts and the worst examples.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MARKERS = ("क्लिक", "फ़ॉलो", "फॉलो", "ये भी पढ़ें", "यह भी पढ़ें", "और पढ़ें", "डाउनलोड", " ऐप ", "एंड्रॉएड ऐप",
           "इमेज स्रोत", "इमेज कैप्शन", "सब्सक्राइब", "also read", "click here", "follow us", "getty images",
           "download the app", "subscribe")
ENDINGS = ("।", ".", "?", "!", "\"", "”", "’", "'", ")", "]", "…", "॥", "|")


def boilerplate(text: str) -> bool:
    low = f" {text.lower()} "
    return any(m in low for m in MARKERS)


def load(path: Path, limit: int | None) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("duplicate_of") or not r.get("text"):
                continue
            out.append(r)
            if limit and len(out) >= limit:
                break
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--jsonl", type=Path, required=True, help="articles, one JSON record with 'text' per line")
    p.add_argument("--limit", type=int, default=40)
    p.add_argument("--json", action="store_true", help="print only the JSON line")
    args = p.parse_args(argv)

    from newsdigest import Digester
    from newsdigest.summary import source_language
    from newsdigest.summary.extractive import opens_with_pronoun

    records = load(args.jsonl, args.limit)
    items = [{"text": r["text"], "title": r.get("title")} for r in records]
    counts = {"articles": 0, "bullets": 0, "boilerplate_headlines": 0, "boilerplate_bullets": 0,
              "bullets_over_400": 0, "bullets_cut_without_mark": 0, "dangling_pronoun_bullets": 0,
              "max_bullet_chars": 0}
    examples: dict[str, list[str]] = {k: [] for k in counts if k not in ("articles", "bullets", "max_bullet_chars")}

    def note(kind: str, rid: str, text: str) -> None:
        counts[kind] += 1
        if len(examples[kind]) < 3:
            examples[kind].append(f"{rid}: {text[:160]}")

    for r, d in zip(records, Digester().digest_many(items)):
        if isinstance(d, Exception):
            print(f"{r.get('id')}: {d}", file=sys.stderr)
            continue
        rid = str(r.get("id"))
        s = d.summary[source_language(d)]
        counts["articles"] += 1
        counts["bullets"] += len(s.bullets)
        if boilerplate(s.headline):
            note("boilerplate_headlines", rid, s.headline)
        previous_taken = set()
        for b in s.bullets:
            counts["max_bullet_chars"] = max(counts["max_bullet_chars"], len(b))
            if boilerplate(b):
                note("boilerplate_bullets", rid, b)
            if len(b) > 400:
                note("bullets_over_400", rid, b)
            if not b.rstrip().endswith(ENDINGS):
                note("bullets_cut_without_mark", rid, b[-80:])
            start = d.text.find(b[:40])
            before = d.text[max(0, start - 300):start] if start > 0 else ""
            if opens_with_pronoun(b) and not any(t and t[-40:] in before for t in previous_taken):
                note("dangling_pronoun_bullets", rid, b)
            previous_taken.add(b)
        if not args.json:
            print(f"{rid}\t{s.headline[:80]}\t{len(s.bullets)} bullets", file=sys.stderr)
    print(json.dumps({"counts": counts, "examples": examples}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
