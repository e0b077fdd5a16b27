"""A Digest as Markdown: summaries in both languages, an entities table with both names, the facts.

Section headings are bilingual ("Summary · सारांश"); the summary of the article's own language
comes first. Table cells are escaped so a '|' in a name or quote cannot break the table.
"""
from __future__ import annotations

from ..schema import Digest

__all__ = ["render_markdown"]

_LANG = {"hi": "हिंदी", "en": "English"}
_TYPE_LABEL = {"quantity": ("Figures", "आंकड़े"), "quote": ("Quotes", "बयान"),
               "reported": ("Reported speech", "कथन"), "date": ("Dates", "तारीखें"),
               "time": ("Times", "समय"), "duration": ("Durations", "अवधि"), "event": ("Events", "घटनाएं")}
_ENTITY_TYPE = {"PER": ("person", "व्यक्ति"), "ORG": ("organisation", "संगठन"), "LOC": ("place", "स्थान")}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render_markdown(digest: Digest) -> str:
    from ..summary.bilingual import describe_fact

    src = digest.summary_language
    order = [src] + [k for k in ("hi", "en") if k != src]
    out: list[str] = []
    title = digest.title or (digest.summary.get(src).headline if digest.summary.get(src) else "") or "Digest"
    out += [f"# {' '.join(title.split())}", ""]
    for lang in order:
        summary = digest.summary.get(lang)
        if summary is None:
            continue
        method = f" — {summary.method}" if summary.method else ""
        out += [f"## Summary · सारांश ({_LANG[lang]}{method})", ""]
        if summary.headline:
            out += [f"**{' '.join(summary.headline.split())}**", ""]
        out += [f"- {' '.join(b.split())}" for b in summary.bullets] or ["_(no bullets)_"]
        out.append("")
    if digest.entities:
        out += ["## Entities · नाम", "", "| id | type · प्रकार | English | हिंदी | mentions |", "|---|---|---|---|---|"]
        for e in sorted(digest.entities, key=lambda e: -e.salience):
            en, hi = _ENTITY_TYPE.get(e.type, (e.type, e.type))
            out.append(f"| {e.id} | {en} · {hi} | {_cell(e.name_en)} | {_cell(e.name_hi)} | {len(e.mentions)} |")
        out.append("")
    if digest.facts:
        out += ["## Key facts · मुख्य तथ्य", ""]
        for kind, (en_label, hi_label) in _TYPE_LABEL.items():
            facts = [f for f in digest.facts if f.type == kind]
            if not facts:
                continue
            out += [f"### {en_label} · {hi_label}", "", "| id | source text | English | हिंदी |", "|---|---|---|---|"]
            for f in facts:
                out.append(f"| {f.id} | {_cell(f.text)} | {_cell(describe_fact(digest, f, 'en'))} | "
                           f"{_cell(describe_fact(digest, f, 'hi'))} |")
            out.append("")
    if digest.warnings:
        out += ["## Warnings · चेतावनियां", ""] + [f"- {_cell(w)}" for w in digest.warnings] + [""]
    return "\n".join(out).rstrip() + "\n"
