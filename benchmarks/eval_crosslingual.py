"""The other-language summary written without a translation model (``summary.bilingual``), two checks.

    PYTHONPATH=. python benchmarks/eval_crosslingual.py articles [--json] [--show]
    PYTHONPATH=. python benchmarks/eval_crosslingual.py parallel --split dev [--limit N] [--json]
    PYTHONPATH=. python benchmarks/eval_crosslingual.py parallel --split dev --direction en-hi [--json]

``articles``: 30 Hindi articles (the seed, our samples/hi, BBC Hindi, ILSUM val with its heading as the
title) and 20 English ones (our samples/en, BBC English) are digested with the full pipeline; their
other-language summary (English for Hindi, Hindi for English) is checked for template filler, the share
of foreign-script letters outside quotation marks (Latin in Hindi, Devanagari in English), whether the
headline names the lead actor (the most salient entity) and whether the article's first figure (its first
quantity fact with a unit or a counted noun) is there with what it measures (its counted noun; for a
percentage, the noun it is a share or a rate of, "unemployment rate"; another unit says it itself).

``parallel``: each Hindi sentence of FLORES-200 (``dev`` to tune, ``devtest`` holdout) or PUD (holdout)
is digested as a one-sentence article and its English summary is compared with the English reference:
precision = share of the names and numbers the English rendering states (each once per sentence, quotes
left out) that the reference has too (a name: each of its words, or one within a small spelling difference;
``precision_strict_spelling`` asks for the exact words; dotted initialisms count as one word, U.S. = US;
a number: its value, among the reference's figures, digit runs and number words); recall = share of the
reference's figures (``find_quantities``) and of the names the digest found that are in the reference,
that the rendering states. ``--direction en-hi`` does the same the other way round: each English sentence
is digested and its Hindi summary is compared with the Hindi reference (Devanagari words folded as the
lexicon folds them: nukta dropped, chandrabindu read as anusvara).

Digests are cached under ``--cache`` (default runs/crosslingual/) so the rendering can be re-measured
without the encoder; ``--refresh`` re-digests. Sets marked holdout are for the final figure only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.eval_summary import read_jsonl as _jsonl  # noqa: E402
from newsdigest.schema import Digest, Entity, Fact, Mention  # noqa: E402

SHARED = REPO.parent / "shared"
FACT_FIELDS = ("id", "type", "text", "span", "value", "qualifier", "unit", "subject", "speaker", "sentence")


# -- digests, cached ------------------------------------------------------------------------------

def digest_from_dict(text: str, d: dict) -> Digest:
    """The Digest that ``Digest.to_dict()`` wrote (summary left out)."""
    entities = [Entity(id=e["id"], type=e["type"], name_hi=e["name"]["hi"], name_en=e["name"]["en"],
                       mentions=[Mention(**m) for m in e["mentions"]], salience=e["salience"])
                for e in d["entities"]]
    facts = []
    for f in d["facts"]:
        extra = {k: v for k, v in f.items() if k not in FACT_FIELDS}
        facts.append(Fact(id=f["id"], type=f["type"], text=f["text"], span=tuple(f["span"]), value=f["value"],
                          qualifier=f["qualifier"], unit=f["unit"], subject=f["subject"], speaker=f["speaker"],
                          sentence=f["sentence"], extra=extra))
    src = d["source"]
    return Digest(text=text, lang=src["lang"], title=src["title"], path=src["path"], sha256=src["sha256"],
                  sentences=[tuple(s) for s in d["sentences"]], entities=entities, facts=facts,
                  warnings=list(d["warnings"]), models=dict(d["models"]))


def cached_digests(items: list[dict], cache: Path, refresh: bool = False) -> list[tuple[dict, Digest | None]]:
    """(item, Digest) per item, digesting only what ``cache`` lacks; a bad article gives None."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    stored: dict[str, dict] = {}
    if cache.is_file() and not refresh:
        with cache.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                stored[rec["id"]] = rec
    todo = [it for it in items if it["id"] not in stored]
    if todo:
        from newsdigest import Digester

        digester = Digester()
        inputs = [{"text": it["text"], "title": it.get("title"), "path": it["id"]} for it in todo]
        with cache.open("a" if not refresh else "w", encoding="utf-8") as fh:
            for it, result in zip(todo, digester.digest_many(inputs)):
                rec = {"id": it["id"], "text": it["text"],
                       "digest": None if isinstance(result, Exception) else result.to_dict()}
                stored[it["id"]] = rec
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out = []
    for it in items:
        rec = stored[it["id"]]
        out.append((it, digest_from_dict(rec["text"], rec["digest"]) if rec["digest"] else None))
    return out


def article_items(shared: Path) -> list[dict]:
    """The 30 Hindi and 20 English articles of the ``articles`` check, in a fixed order."""
    hi, en = [], []
    seed = (shared / "seed" / "meta-outage-hi.txt").read_text(encoding="utf-8")
    hi.append({"id": "seed", "lang": "hi", "text": seed, "title": seed.split("\n")[0]})
    for p in sorted((REPO / "samples" / "hi").glob("*.txt")):
        hi.append({"id": f"samples/{p.stem}", "lang": "hi", "text": p.read_text(encoding="utf-8")})
    for r in _jsonl(shared / "data" / "news" / "bbc-hi" / "articles.jsonl", 12):
        hi.append({"id": f"bbc-hi/{r['id']}", "lang": "hi", "text": r["text"]})
    for r in _jsonl(shared / "data" / "summaries" / "ilsum-hi" / "val.jsonl", 30 - len(hi)):
        hi.append({"id": f"ilsum/{r['id']}", "lang": "hi", "text": r["article_bm25_extract"], "title": r["heading"]})
    for p in sorted((REPO / "samples" / "en").glob("*.txt")):
        en.append({"id": f"samples/{p.stem}", "lang": "en", "text": p.read_text(encoding="utf-8")})
    rows = _jsonl(shared / "data" / "news" / "bbc-en" / "articles.jsonl")
    # one article every 139 records: all five BBC categories, not only the first (business)
    for r in rows[::139][:20 - len(en)]:
        en.append({"id": f"bbc-en/{r['id']}", "lang": "en", "text": r["text"], "title": r["title"]})
    return hi[:30] + en[:20]


# -- what the checks read -------------------------------------------------------------------------

FILLER = {
    "en": re.compile(r"\bThis report concerns\b|\bNews about\b|\bNews summary\b|\bThe report gives\b"
                     r"|\bThis (?:article|story) (?:is about|concerns)\b", re.IGNORECASE),
    "hi": re.compile(r"से जुड़ी (?:खबर|है)|खबर का सार|यह खबर|खबर में .{0,80}आंकड़ा दिया गया"),
}
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|\'\'.*?\'\'|‘[^’]*’')
_LATIN = re.compile(r"[A-Za-z]")
_DEVA = re.compile(r"[\u0900-\u0963\u0966-\u097f]")


def outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def foreign_letters(text: str, lang: str) -> tuple[int, int]:
    """(letters of the other script, all Latin + Devanagari letters), outside quotation marks."""
    rest = outside_quotes(text)
    latin, deva = len(_LATIN.findall(rest)), len(_DEVA.findall(rest))
    return (latin if lang == "hi" else deva), latin + deva


def _summary_of(d: Digest):
    from newsdigest.summary import source_language
    from newsdigest.summary.bilingual import summary_from_facts

    src = source_language(d)
    tgt = "en" if src == "hi" else "hi"
    return src, tgt, summary_from_facts(d, src, tgt)


def check_article(d: Digest) -> dict:
    from newsdigest.preprocess import format_number
    from newsdigest.summary.bilingual import entity_name, first_figure, render_counted

    src, tgt, s = _summary_of(d)
    lines = [s.headline] + s.bullets
    text = "\n".join(lines)
    foreign, letters = foreign_letters(text, tgt)
    lead = next((e for e in d.entities if entity_name(e, tgt)), None)
    figure = first_figure(d)
    present = measured = None
    if figure is not None:
        number = format_number(figure.value, tgt)
        holders = [line for line in lines if number in outside_quotes(line)]
        present = bool(holders)
        if figure.extra.get("counted"):
            forms = {render_counted(figure.extra["counted"], src, tgt, v, case=c)[0]
                     for c in ("direct", "oblique") for v in (figure.value, 1)}  # "a reach of 2.1 million"
            measured = any(f in h and not f.startswith('"') for f in forms for h in holders)
        elif figure.unit == "percent":  # a bare share says nothing of what it measures: "0.1%" of what?
            what = figure.extra.get("measured")
            form = render_counted(what, src, tgt, 1)[0] if what else None
            measured = bool(form) and not form.startswith('"') and any(form.lower() in h.lower() for h in holders)
        else:
            measured = present  # the unit is part of the formatted quantity (12 kilometres, ₹370 crore)
    return {"lang": src, "target": tgt, "headline": s.headline, "bullets": s.bullets,
            "filler": bool(FILLER[tgt].search(text)), "foreign": foreign, "letters": letters,
            "lead_actor": entity_name(lead, tgt) if lead else None,
            "headline_names_lead": (entity_name(lead, tgt) in s.headline) if lead else None,
            "first_figure": figure.text if figure else None, "figure_present": present,
            "figure_measured": measured}


def summarise_articles(rows: list[dict]) -> dict:
    out = {}
    for lang in ("hi", "en"):
        part = [r for r in rows if r["lang"] == lang]
        with_lead = [r for r in part if r["headline_names_lead"] is not None]
        with_fig = [r for r in part if r["figure_present"] is not None]
        foreign, letters = sum(r["foreign"] for r in part), sum(r["letters"] for r in part)
        out[lang] = {
            "articles": len(part),
            "with_filler": sum(r["filler"] for r in part),
            "foreign_script_share": round(foreign / letters, 4) if letters else 0.0,
            "max_foreign_share_one_article": round(max((r["foreign"] / r["letters"] for r in part if r["letters"]),
                                                       default=0.0), 4),
            "headline_names_lead_actor": f"{sum(r['headline_names_lead'] for r in with_lead)}/{len(with_lead)}",
            "first_figure_present": f"{sum(r['figure_present'] for r in with_fig)}/{len(with_fig)}",
            "first_figure_with_what_it_measures": f"{sum(r['figure_measured'] for r in with_fig)}/{len(with_fig)}",
            "without_bullets": sum(not r["bullets"] for r in part),
        }
    return out


# -- parallel text -------------------------------------------------------------------------------------

def _words(text: str, lang: str) -> list[str]:
    """Lower-case Latin words (dotted initialisms joined), or Devanagari words folded as the lexicon folds
    them (nukta dropped, chandrabindu read as anusvara: ज़्यादा = ज्यादा), with Latin words kept."""
    if lang == "en":
        return re.findall(r"[a-z0-9]+", _initialisms(text).lower())
    from newsdigest.summary.lexicon import hindi_fold

    return [hindi_fold(w) for w in re.findall(r"[\u0900-\u097f]+|[a-z0-9]+", text.lower())]


def _name_in(name: str, reference: str, strict: bool, lang: str = "en") -> bool:
    """Every word of ``name`` is a word of the reference (strict), or one within a small spelling
    difference (Aravind / Arvind: difflib ratio >= 0.8)."""
    from difflib import SequenceMatcher

    ref_words = _words(reference, lang)
    for w in _words(name, lang):
        if w in ref_words:
            continue
        if strict or not any(SequenceMatcher(None, w, r).ratio() >= 0.8 for r in ref_words):
            return False
    return True


def _initialisms(text: str) -> str:
    """Dotted initialisms as one word: "U.S. Navy" names the US Navy, "U.K." the UK."""
    return re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group().replace(".", ""), text)


_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}


def _values(text: str, loose: bool = False) -> set[float]:
    """The numbers a text states (``find_quantities``); ``loose`` adds every digit run and number word, so
    that a reference's "28-year-old" or "in the 90s" holds 28 and 90."""
    from newsdigest.preprocess import find_quantities

    values = {float(q.value) for q in find_quantities(text) if q.value is not None}
    if loose:
        values |= {float(m.replace(",", "")) for m in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text)}
        values |= {float(v) for w, v in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", text, re.IGNORECASE)}
    return values


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def check_sentence(d: Digest, reference: str, src: str = "hi", tgt: str = "en") -> dict:
    from newsdigest.summary.bilingual import entity_name, summary_from_facts

    s = summary_from_facts(d, src, tgt)
    rendering = outside_quotes("\n".join([s.headline] + s.bullets))
    names = sorted({entity_name(e, tgt) for e in d.entities if entity_name(e, tgt)
                    and entity_name(e, tgt) in rendering})
    found = sorted({entity_name(e, tgt) for e in d.entities if entity_name(e, tgt)})
    stated = sorted(_values(rendering))
    ref_all = _values(reference, loose=True)
    ref_values = sorted(_values(reference))
    return {
        "names": names,
        "names_in_ref": [n for n in names if _name_in(n, reference, strict=False, lang=tgt)],
        "names_in_ref_strict": [n for n in names if _name_in(n, reference, strict=True, lang=tgt)],
        "found_in_ref": [n for n in found if _name_in(n, reference, strict=False, lang=tgt)],
        "numbers": stated,
        "numbers_in_ref": [v for v in stated if any(_same_value(v, r) for r in ref_all)],
        "ref_numbers": ref_values,
        "ref_numbers_stated": [r for r in ref_values if any(_same_value(v, r) for v in stated)],
        "rendering": [s.headline] + s.bullets,
    }


def summarise_parallel(rows: list[dict]) -> dict:
    n_names = sum(len(r["names"]) for r in rows)
    n_numbers = sum(len(r["numbers"]) for r in rows)
    ok = sum(len(r["names_in_ref"]) for r in rows) + sum(len(r["numbers_in_ref"]) for r in rows)
    ok_strict = sum(len(r["names_in_ref_strict"]) for r in rows) + sum(len(r["numbers_in_ref"]) for r in rows)
    found = sum(len(r["found_in_ref"]) for r in rows)
    found_stated = sum(len(set(r["found_in_ref"]) & set(r["names_in_ref"])) for r in rows)
    ref_n = sum(len(r["ref_numbers"]) for r in rows)
    ref_n_stated = sum(len(r["ref_numbers_stated"]) for r in rows)
    div = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
    return {
        "sentences": len(rows), "names_stated": n_names, "numbers_stated": n_numbers,
        "precision": div(ok, n_names + n_numbers),
        "precision_strict_spelling": div(ok_strict, n_names + n_numbers),
        "name_precision": div(sum(len(r["names_in_ref"]) for r in rows), n_names),
        "number_precision": div(sum(len(r["numbers_in_ref"]) for r in rows), n_numbers),
        "name_recall": div(found_stated, found),
        "number_recall": div(ref_n_stated, ref_n),
    }


PARALLEL = {"dev": "flores200-hi-en/dev.jsonl", "devtest": "flores200-hi-en/devtest.jsonl",
            "pud": "pud-hi-en/pud_hi_en.jsonl"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("check", choices=["articles", "parallel"])
    ap.add_argument("--split", choices=sorted(PARALLEL), default="dev",
                    help="parallel: FLORES-200 dev (tune) or devtest (holdout), or PUD (holdout)")
    ap.add_argument("--direction", choices=["hi-en", "en-hi"], default="hi-en",
                    help="parallel: digest the Hindi sentences and check the English side against the English "
                         "reference (hi-en, the default), or the other way round (en-hi)")
    ap.add_argument("--limit", type=int, default=None, help="parallel: first N sentences only")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--cache", type=Path, default=REPO / "runs" / "crosslingual")
    ap.add_argument("--refresh", action="store_true", help="digest again instead of reading the cache")
    ap.add_argument("--show", action="store_true", help="print every rendering")
    ap.add_argument("--json", action="store_true", help="the result as one JSON line")
    args = ap.parse_args(argv)
    if not args.shared.is_dir():
        raise SystemExit(f"error: {args.shared} not found; pass --shared PATH (the team's ../shared folder)")
    if args.check == "articles":
        pairs = cached_digests(article_items(args.shared), args.cache / "articles.jsonl", args.refresh)
        rows = []
        for it, d in pairs:
            if d is None:
                continue
            row = {"id": it["id"], **check_article(d)}
            rows.append(row)
            if args.show:
                print(json.dumps(row, ensure_ascii=False))
        result = {"check": "articles", **summarise_articles(rows)}
    else:
        records = _jsonl(args.shared / "data" / "parallel" / PARALLEL[args.split], args.limit)
        src, tgt = args.direction.split("-")
        items = [{"id": str(r.get("id", i)), "text": r[src], "reference": r[tgt]} for i, r in enumerate(records)]
        suffix = "" if src == "hi" else f"-{args.direction}"
        pairs = cached_digests(items, args.cache / f"parallel-{args.split}{suffix}.jsonl", args.refresh)
        rows = []
        for it, d in pairs:
            if d is None:
                continue
            row = check_sentence(d, it["reference"], src, tgt)
            rows.append(row)
            if args.show and (row["names"] or row["numbers"]):
                print(json.dumps({"id": it["id"], "reference": it["reference"], **row}, ensure_ascii=False))
        result = {"check": "parallel", "split": args.split, "direction": args.direction,
                  **summarise_parallel(rows)}
    print(json.dumps(result, ensure_ascii=False) if args.json else json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
