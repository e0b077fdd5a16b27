"""Sentence-level Hindi <-> English translation with any transformers seq2seq checkpoint.

    from newsdigest.translate import Translator
    tr = Translator("Helsinki-NLP/opus-mt-hi-en")          # local HF cache only
    result = tr.translate(article, tgt="en")
    result.text, result.segments[0].start, result.warnings

How a text is translated
1. Paragraphs are the text's lines; each is split into sentences with
   `newsdigest.preprocess.split_sentences`. Every sentence becomes exactly one `Segment`, with
   `start`/`end` offsets into the caller's text.
2. A sentence longer than the model accepts (the smaller of tokenizer.model_max_length and
   config.max_position_embeddings) is cut at clause boundaries (see `_segment.split_to_fit`); the
   pieces are translated separately and their translations joined with a space, and a warning
   says so. Nothing is truncated.
3. Sentences without letters (numbers, URLs, punctuation) and sentences already in the target
   language are copied, not translated.
4. Everything else is batched by token length and generated. An output that stops at the
   generation limit (max_new_tokens) is reported as possibly cut.
5. Numbers, links and (Hindi to English) Latin-script names are checked and, in the one clear
   case, repaired: see `newsdigest.translate.protect`.
6. `Translation.text` joins the sentences of a line with a space and keeps the text's line breaks.

Warnings name segments counting from 1: "segment 3: number 500000 missing in translation".
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..schema import SCHEMA_VERSION  # one version for every JSON the library writes
from . import _segment, protect

__all__ = ["Translator", "Translation", "Segment", "translate_summary", "SCHEMA_VERSION"]

LANGUAGES = ("hi", "en")
# Primary subtags a checkpoint may use for our two languages (M2M100 'hi', NLLB 'hin_Deva',
# mBART-50 'hi_IN', multilingual Marian '>>hin<<'), and the script preferred when several match.
_LANG_ALIASES = {"hi": ("hi", "hin"), "en": ("en", "eng")}
_LANG_SCRIPT = {"hi": "Deva", "en": "Latn"}
_NLLB_CODE = re.compile(r"^[a-z]{3}_[A-Z][a-z]{3}$")
_MARIAN_CODE = re.compile(r"^>>(\w+)<<$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Segment:
    """One source sentence and its translation; ``text[start:end] == src``."""

    src: str
    tgt: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"src": self.src, "tgt": self.tgt, "start": self.start, "end": self.end}


@dataclass
class Translation:
    """The translation of one text: one segment per source sentence, in order."""

    src_lang: str
    tgt_lang: str
    model: str
    segments: list[Segment] = field(default_factory=list)
    text: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """``{schema_version, src_lang, tgt_lang, model, segments: [{src, tgt, start, end}], text, warnings}``."""
        return {"schema_version": SCHEMA_VERSION, "src_lang": self.src_lang, "tgt_lang": self.tgt_lang,
                "model": self.model, "segments": [s.to_dict() for s in self.segments],
                "text": self.text, "warnings": list(self.warnings)}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclass
class _Plan:
    """One text cut into segments; `pieces[i]` are the spans of segment i sent to the model."""

    text: str
    src: str
    tgt: str
    paragraphs: list[_segment.Paragraph]
    spans: list[tuple[int, int, int]]  # (paragraph index, start, end)
    pieces: list[list[tuple[int, int, int]]]  # (start, end, tokens); empty: copy the sentence
    warnings: list[str]
    outputs: dict[tuple[int, int], tuple[str, bool]] = field(default_factory=dict)


class Translator:
    """A translation model, loaded once; `translate` and `translate_many` reuse it.

    `model` is a local checkpoint folder or a Hugging Face hub id looked up in the local cache
    (downloaded only when `download=True`). Architecture and language codes come from the
    checkpoint's config and tokenizer. `max_new_tokens=None` allows each sentence twice its
    source length plus 16 tokens, within the decoder's position limit.
    """

    def __init__(self, model: str | os.PathLike, *, download: bool = False, device: str = "cpu",
                 batch_size: int = 16, max_new_tokens: int | None = None) -> None:
        from . import _hf

        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.name = os.fspath(model)
        self.path: Path = _hf.resolve_model_dir(model, download=download)
        self._model, self._tokenizer = _hf.load_seq2seq(self.path, device=device)
        config = self._model.config
        self.model_type: str = config.model_type
        self.device = device
        self.batch_size = batch_size
        self.max_new_tokens = max_new_tokens
        self.max_source_tokens = _hf.max_source_tokens(self._tokenizer, config)
        self.max_target_tokens = _hf.max_target_tokens(config)
        self._langs = LanguageCodes(self._tokenizer)

    # -- public -----------------------------------------------------------------------------

    def info(self) -> dict:
        """What is loaded: name, folder, architecture, language codes and limits."""
        from .registry import lookup

        entry = lookup(self.name)
        return {
            "model": self.name, "path": str(self.path), "architecture": self.model_type,
            "language_scheme": self._langs.scheme, "direction": self._langs.direction,
            "language_codes": {lang: self._langs.code(lang) for lang in LANGUAGES
                               if self._langs.code(lang)},
            "max_source_tokens": self.max_source_tokens, "max_target_tokens": self.max_target_tokens,
            "max_new_tokens": self.max_new_tokens, "batch_size": self.batch_size, "device": self.device,
            "license": entry.license if entry else "unknown (see the model card)",
        }

    def translate(self, text: str, src: str | None = None, tgt: str | None = None) -> Translation:
        """Translate one text into `tgt` ('en' or 'hi'); `src` None means detect it."""
        if not isinstance(text, str):
            raise InputError(f"expected a str to translate, got {type(text).__name__}")
        return next(self.translate_many([text], src=src, tgt=tgt))

    def translate_many(self, texts: Iterable[str], src: str | None = None,
                       tgt: str | None = None) -> Iterator[Translation]:
        """Translate texts, yielding one `Translation` per text in input order.

        Sentences of neighbouring texts share batches. A text that cannot be translated (empty,
        not a string) yields a `Translation` without segments and with a warning, and never stops
        or shifts the others.
        """
        tgt = self._check_target(tgt)
        window: list[_Plan | Translation] = []
        units = 0
        for text in texts:
            item = self._plan_or_fail(text, src, tgt)
            window.append(item)
            if isinstance(item, _Plan):
                units += sum(len(p) for p in item.pieces)
            if units >= 8 * self.batch_size:
                yield from self._run(window)
                window, units = [], 0
        yield from self._run(window)

    # -- preprocess -------------------------------------------------------------------------

    def _check_target(self, tgt: str | None) -> str:
        if tgt is None:
            direction = self._langs.direction
            if direction and direction[1] in LANGUAGES:
                return direction[1]
            raise InputError("no target language: pass tgt='en' or tgt='hi'")
        if tgt not in LANGUAGES:
            raise InputError(f"target language {tgt!r} is not supported; choose one of {', '.join(LANGUAGES)}")
        if not self._langs.supports(tgt, side=1):
            raise InputError(f"model {self.name!r} cannot translate into {tgt!r}: {self._langs.describe()}")
        return tgt

    def _plan_or_fail(self, text: Any, src: str | None, tgt: str) -> _Plan | Translation:
        try:
            return self._plan(text, src, tgt)
        except InputError as exc:
            return Translation(src or "", tgt, self.name, warnings=[f"input error: {exc}"])

    def _plan(self, text: Any, src: str | None, tgt: str) -> _Plan:
        from ..preprocess import detect_lang, split_sentences

        if not isinstance(text, str):
            raise InputError(f"expected a str to translate, got {type(text).__name__}")
        src = self._source_language(text, src, tgt)
        plan = _Plan(text, src, tgt, _segment.paragraphs(text), [], [], [])
        if not plan.paragraphs:
            plan.warnings.append("empty input: nothing to translate")
        for p_index, paragraph in enumerate(plan.paragraphs):
            for start, end in _segment.sentences(text, paragraph, split_sentences):
                n = len(plan.spans) + 1
                plan.spans.append((p_index, start, end))
                sentence = text[start:end]
                if not _LETTER.search(sentence) or detect_lang(sentence) == tgt:
                    plan.pieces.append([])
                    continue
                tokens = self._count_tokens(sentence, src, tgt)
                if tokens <= self.max_source_tokens:
                    plan.pieces.append([(start, end, tokens)])
                    continue
                pieces = _segment.split_to_fit(text, start, end, self._fits(src, tgt))
                plan.warnings.append(
                    f"segment {n}: {tokens} tokens exceed the model limit of {self.max_source_tokens}; "
                    f"translated in {len(pieces)} pieces cut at clause boundaries")
                plan.pieces.append([(s, e, self._count_tokens(text[s:e], src, tgt)) for s, e in pieces])
        return plan

    def _source_language(self, text: str, src: str | None, tgt: str) -> str:
        src = guess_source(text, tgt) if src is None else src
        if src not in LANGUAGES:
            raise InputError(f"source language {src!r} is not supported; choose one of {', '.join(LANGUAGES)}")
        if src == tgt:
            raise InputError(f"source and target language are both {src!r}")
        if not self._langs.supports(src, side=0):
            raise InputError(f"model {self.name!r} cannot translate from {src!r}: {self._langs.describe()}")
        return src

    def _model_input(self, text: str, tgt: str) -> str:
        prefix = self._langs.prefix(tgt)
        return f"{prefix} {text}" if prefix else text

    def _count_tokens(self, text: str, src: str, tgt: str) -> int:
        self._langs.set_source(self._tokenizer, src)
        # verbose=False: an over-long input is expected here; it is split before the model sees it
        return len(self._tokenizer(self._model_input(text, tgt), verbose=False)["input_ids"])

    def _fits(self, src: str, tgt: str):
        return lambda piece: self._count_tokens(piece, src, tgt) <= self.max_source_tokens

    # -- forward ----------------------------------------------------------------------------

    def _generate(self, texts: list[str], src: str, tgt: str, max_new_tokens: int) -> list[tuple[str, bool]]:
        """The only step that runs the model: (translation, stopped at max_new_tokens) per input."""
        from . import _hf

        self._langs.set_source(self._tokenizer, src)
        kwargs = {}
        forced = self._langs.forced_bos_token_id(self._tokenizer, tgt)
        if forced is not None:
            kwargs["forced_bos_token_id"] = forced
        return _hf.generate(self._model, self._tokenizer, [self._model_input(t, tgt) for t in texts],
                            max_new_tokens, **kwargs)

    def _run(self, window: list[_Plan | Translation]) -> Iterator[Translation]:
        # Units that share a direction are batched together, longest first.
        by_direction: dict[tuple[str, str], list[tuple[_Plan, tuple[int, int, int]]]] = {}
        for item in window:
            if isinstance(item, _Plan):
                for pieces in item.pieces:
                    by_direction.setdefault((item.src, item.tgt), []).extend((item, p) for p in pieces)
        for (src, tgt), units in by_direction.items():
            units.sort(key=lambda u: -u[1][2])
            for i in range(0, len(units), self.batch_size):
                batch = units[i:i + self.batch_size]
                longest = batch[0][1][2]
                limit = self.max_new_tokens or min(2 * longest + 16, self.max_target_tokens - 2)
                outputs = self._generate([plan.text[s:e] for plan, (s, e, _) in batch], src, tgt, limit)
                for (plan, (s, e, _)), output in zip(batch, outputs):
                    plan.outputs[(s, e)] = output
        for item in window:
            yield item if isinstance(item, Translation) else self._postprocess(item)

    # -- postprocess ------------------------------------------------------------------------

    def _postprocess(self, plan: _Plan) -> Translation:
        segments: list[Segment] = []
        warnings = list(plan.warnings)
        for n, ((_, start, end), pieces) in enumerate(zip(plan.spans, plan.pieces), 1):
            src = plan.text[start:end]
            if not pieces:
                segments.append(Segment(src, src, start, end))
                continue
            outputs = [plan.outputs[(s, e)] for s, e, _ in pieces]
            if any(cut for _, cut in outputs):
                warnings.append(f"segment {n}: translation stopped at the generation limit and may be cut")
            tgt = " ".join(text for text, _ in outputs if text)
            if not tgt:
                warnings.append(f"segment {n}: the model returned an empty translation")
            tgt, problems = protect.check(src, tgt, plan.src, plan.tgt)
            warnings.extend(f"segment {n}: {problem}" for problem in problems)
            segments.append(Segment(src, tgt, start, end))
        return Translation(plan.src, plan.tgt, self.name, segments, _reassemble(plan, segments), warnings)


def _reassemble(plan: _Plan, segments: list[Segment]) -> str:
    lines: list[list[str]] = [[] for _ in plan.paragraphs]
    for (p_index, _, _), segment in zip(plan.spans, segments):
        if segment.tgt:
            lines[p_index].append(segment.tgt)
    return "".join(" ".join(line) + paragraph.separator
                   for line, paragraph in zip(lines, plan.paragraphs)).strip()


def guess_source(text: str, tgt: str) -> str:
    """The source language of `text`: detected when it is Hindi or English and not `tgt`, else
    the other of the two (a code-mixed article going into English is treated as Hindi)."""
    from ..preprocess import detect_lang

    detected = detect_lang(text)
    return detected if detected in LANGUAGES and detected != tgt else ("hi" if tgt == "en" else "en")


class LanguageCodes:
    """How a checkpoint names languages, read from its tokenizer, never from the model's name.

    Schemes: 'lang_code_to_id' (M2M100 'hi', mBART-50 'hi_IN'), 'special_tokens' (NLLB
    'hin_Deva'), 'marian_prefix' (multilingual Marian, '>>hin<<' before the source), 'fixed'
    (a one-pair Marian model whose tokenizer config names source_lang/target_lang) and 'none'
    (one direction, languages not stated: any pair is accepted).
    """

    def __init__(self, tokenizer: Any) -> None:
        self.codes: list[str] = []
        self.direction: tuple[str, str] | None = None
        mapping = getattr(tokenizer, "lang_code_to_id", None)
        marian = getattr(tokenizer, "supported_language_codes", None)
        if isinstance(mapping, dict) and mapping:
            self.scheme, self.codes = "lang_code_to_id", list(mapping)
        elif nllb := [t for t in tokenizer.all_special_tokens if _NLLB_CODE.match(str(t))]:
            self.scheme, self.codes = "special_tokens", [str(t) for t in nllb]
        elif marian:
            self.scheme, self.codes = "marian_prefix", list(marian)
        elif getattr(tokenizer, "source_lang", None) and getattr(tokenizer, "target_lang", None):
            self.scheme = "fixed"
            self.direction = (_iso(tokenizer.source_lang), _iso(tokenizer.target_lang))
        else:
            self.scheme = "none"

    def code(self, lang: str) -> str | None:
        """The checkpoint's code for 'hi' or 'en', or None."""
        matches = [c for c in self.codes if _primary(c) in _LANG_ALIASES.get(lang, (lang,))]
        preferred = [c for c in matches if _LANG_SCRIPT[lang] in c] if lang in _LANG_SCRIPT else []
        return (preferred or matches or [None])[0]

    def supports(self, lang: str, side: int | None = None) -> bool:
        if self.scheme == "fixed":
            return lang in self.direction if side is None else self.direction[side] == lang
        if self.scheme == "none" or (self.scheme == "marian_prefix" and side == 0):
            return True
        return self.code(lang) is not None

    def describe(self) -> str:
        if self.scheme == "fixed":
            return f"it translates {self.direction[0]} to {self.direction[1]} only"
        return f"its tokenizer knows no code for that language ({len(self.codes)} codes, e.g. {self.codes[:3]})"

    def prefix(self, tgt: str) -> str | None:
        return self.code(tgt) if self.scheme == "marian_prefix" else None

    def set_source(self, tokenizer: Any, src: str) -> None:
        if self.scheme in ("lang_code_to_id", "special_tokens"):
            code = self.code(src)
            if getattr(tokenizer, "src_lang", None) != code:
                tokenizer.src_lang = code

    def forced_bos_token_id(self, tokenizer: Any, tgt: str) -> int | None:
        if self.scheme == "lang_code_to_id":
            return tokenizer.lang_code_to_id[self.code(tgt)]
        if self.scheme == "special_tokens":
            return tokenizer.convert_tokens_to_ids(self.code(tgt))
        return None


def _primary(code: str) -> str:
    match = _MARIAN_CODE.match(code)
    return (match.group(1) if match else code.strip("_")).split("_")[0].lower()


def _iso(lang: str) -> str:
    primary = _primary(str(lang))
    for iso, aliases in _LANG_ALIASES.items():
        if primary in aliases:
            return iso
    return primary


def translate_summary(translator: Translator, headline: str, bullets: list[str], src: str | None,
                      tgt: str) -> tuple[str, list[str], list[str]]:
    """Translate a digest's headline and bullets in one batch; warnings name the part they concern."""
    results = list(translator.translate_many([headline, *bullets], src=src, tgt=tgt))
    warnings = [f"headline: {w}" for w in results[0].warnings]
    for i, result in enumerate(results[1:], 1):
        warnings.extend(f"bullet {i}: {w}" for w in result.warnings)
    return results[0].text, [r.text for r in results[1:]], warnings

