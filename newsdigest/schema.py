"""The one container that flows through the pipeline and its JSON shape (schema_version 1).

Every offset is a character offset into the text the caller passed in:
``text[m.start:m.end] == m.text`` holds for every mention, fact span and sentence.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class EntitySpan:
    """One NER mention: offsets into the given text, PER/ORG/LOC, model confidence."""

    start: int
    end: int
    label: str
    text: str
    score: float

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text,
                "score": round(self.score, 4)}


@dataclass
class Mention:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    """A real-world entity: its mentions in either script merged, named in both scripts."""

    id: str
    type: str  # PER | ORG | LOC
    name_hi: str
    name_en: str
    mentions: list[Mention] = field(default_factory=list)
    salience: float = 0.0

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "name": {"hi": self.name_hi, "en": self.name_en},
                "mentions": [m.to_dict() for m in self.mentions], "salience": round(self.salience, 4)}


@dataclass
class Fact:
    """A key fact traceable to the original text (``span``) and, when found, its entities.

    ``type`` is quantity | quote | date | time | duration | event. Type-specific fields
    beyond the common ones go into ``extra`` and are written at the top level of the dict.
    """

    id: str
    type: str
    text: str
    span: tuple[int, int]
    value: Any = None
    qualifier: str | None = None
    unit: str | None = None
    subject: str | None = None  # entity id
    speaker: str | None = None  # entity id
    sentence: int | None = None  # index into Digest.sentences
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = {"id": self.id, "type": self.type, "text": self.text, "span": list(self.span),
             "value": self.value, "qualifier": self.qualifier, "unit": self.unit,
             "subject": self.subject, "speaker": self.speaker, "sentence": self.sentence}
        d.update(self.extra)
        return d


@dataclass
class Summary:
    headline: str = ""
    bullets: list[str] = field(default_factory=list)
    method: str = ""  # extractive | from_facts | translated | abstractive

    def to_dict(self) -> dict:
        return {"headline": self.headline, "bullets": list(self.bullets), "method": self.method}


@dataclass
class Digest:
    """Everything newsdigest found in one article."""

    text: str
    lang: str
    title: str | None = None
    path: str | None = None
    sha256: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    summary: dict[str, Summary] = field(default_factory=dict)
    translation: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=dict)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    @property
    def summary_language(self) -> str:
        """'hi' or 'en': the article's own language, which the extractive summary, the Markdown's first
        section and every other stage take; a "mixed" article counts by script (the letters of each)."""
        if self.lang in ("hi", "en"):
            return self.lang
        deva = sum("\u0900" <= c <= "\u097f" for c in self.text)
        latin = sum(c.isascii() and c.isalpha() for c in self.text)
        return "hi" if deva >= latin else "en"

    def to_dict(self) -> dict:
        d = {
            "schema_version": SCHEMA_VERSION,
            "source": {"path": self.path, "lang": self.lang, "title": self.title,
                       "chars": len(self.text), "sha256": self.sha256},
            "sentences": [list(s) for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "facts": [f.to_dict() for f in self.facts],
            "summary": {k: self.summary[k].to_dict() for k in ("hi", "en") if k in self.summary},
            "warnings": list(self.warnings),
            "models": dict(sorted(self.models.items())),
        }
        if self.translation:
            d["translation"] = dict(self.translation)
        return d

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False)

    def to_markdown(self) -> str:
        from .render.markdown import render_markdown

        return render_markdown(self)
