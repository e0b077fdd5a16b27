"""Abstractive headline and bullets from an mT5/mBART summarization checkpoint (optional backend).

    from newsdigest.summary.abstractive import AbstractiveSummarizer
    summarizer = AbstractiveSummarizer("csebuetnlp/mT5_multilingual_XLSum")   # local HF cache only
    headline, bullets, warnings = summarizer.summarize(article, "hi")

- The article is cut into chunks of whole sentences that fit the model's input limit (the
  smaller of tokenizer.model_max_length and config.max_position_embeddings; 512 for T5-style
  models without either); a sentence longer than the limit is cut at clause boundaries. Each
  chunk is summarized; nothing of the article is truncated, and more than one chunk is reported.
- The generated sentences, in chunk order and without repeats, make the output: the first is
  the headline, the others the bullets (a one-sentence summary is both headline and bullet).
- Grounding check: numbers, capitalized Latin words and name-like Devanagari words in the output
  that do not occur in the article are reported as warnings ("summary: number '12' not in the
  article"). A Devanagari word is supported when an article word shares all but its last three
  characters (at least three), so inflections (सरकार / सरकारों) pass; unsupported words are
  reported when they read as a name: two or more in a row, or one before a case marker (ने, का,
  को, में...). This is a lexical check, not NER: it flags unsupported names, it cannot prove a
  statement true.

The model must be in safetensors and must not need remote code; see models/README.md for the
licence of csebuetnlp/mT5_multilingual_XLSum (CC-BY-NC-SA-4.0: not for commercial use).
"""
from __future__ import annotations

import os
import unicodedata

import regex

from ..preprocess import split_sentences
from ..preprocess.normalize import normalize
from ..translate import _hf, _segment, protect
from ..translate.translator import LanguageCodes

__all__ = ["AbstractiveSummarizer", "grounding_warnings"]

_LATIN_CAPITALIZED = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Latin}\p{N}'’-]*")
_DEVANAGARI_WORD = regex.compile(r"[\p{Devanagari}&&[\p{L}\p{M}]]+", flags=regex.VERSION1)
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_CASE_MARKERS = frozenset("ने का के की को से में पर जी".split())


class AbstractiveSummarizer:
    """A seq2seq summarization model, loaded once (offline unless `download=True`)."""

    def __init__(self, model: str | os.PathLike, *, download: bool = False, device: str = "cpu",
                 max_new_tokens: int = 84, num_beams: int = 4, no_repeat_ngram_size: int = 2,
                 batch_size: int = 4) -> None:
        self.name = os.fspath(model)
        self.path = _hf.resolve_model_dir(model, download=download, task="summary")
        self._model, self._tokenizer = _hf.load_seq2seq(self.path, device=device)
        self.max_source_tokens = _hf.max_source_tokens(self._tokenizer, self._model.config)
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self._generate_kwargs = {"num_beams": num_beams, "no_repeat_ngram_size": no_repeat_ngram_size}
        # mBART-style checkpoints name the language of input and output; mT5 ones do not
        self._langs = LanguageCodes(self._tokenizer)

    def summarize(self, text: str, lang: str) -> tuple[str, list[str], list[str]]:
        """(headline, bullets, warnings) for one article written in `lang` ('hi' or 'en')."""
        if not isinstance(text, str) or not text.strip():
            return "", [], ["summary: empty article, nothing to summarize"]
        self._langs.set_source(self._tokenizer, lang)
        chunks, warnings = self._chunks(text)
        summaries: list[str] = []
        for i in range(0, len(chunks), self.batch_size):
            for summary, cut in self._generate(chunks[i:i + self.batch_size], lang):
                summaries.append(summary)
                if cut:
                    warnings.append(f"summary: chunk {len(summaries)} stopped at {self.max_new_tokens} "
                                    f"new tokens and may be cut")
        sentences = _unique_sentences(summaries)
        if not sentences:
            warnings.append("summary: the model generated no text")
            return "", [], warnings
        headline, bullets = sentences[0], sentences[1:] or sentences[:1]
        warnings.extend(grounding_warnings(text, [headline, *bullets]))
        return headline, bullets, warnings

    def _fits(self, piece: str) -> bool:
        return len(self._tokenizer(piece, verbose=False)["input_ids"]) <= self.max_source_tokens

    def _chunks(self, text: str) -> tuple[list[str], list[str]]:
        """Consecutive whole sentences packed under the input limit; long sentences cut at clauses."""
        warnings: list[str] = []
        units: list[str] = []
        for paragraph in _segment.paragraphs(text):
            for start, end in _segment.sentences(text, paragraph, split_sentences):
                pieces = _segment.split_to_fit(text, start, end, self._fits)
                if len(pieces) > 1:
                    warnings.append(f"summary: a sentence at {start}-{end} is longer than the model's "
                                    f"{self.max_source_tokens} tokens; cut at clause boundaries")
                units.extend(text[s:e] for s, e in pieces)
        chunks: list[str] = []
        for unit in units:
            if chunks and self._fits(f"{chunks[-1]} {unit}"):
                chunks[-1] = f"{chunks[-1]} {unit}"
            else:
                chunks.append(unit)
        if len(chunks) > 1:
            warnings.append(f"summary: the article is longer than the model's {self.max_source_tokens} "
                            f"tokens; summarized in {len(chunks)} chunks cut at sentence boundaries")
        return chunks, warnings

    def _generate(self, chunks: list[str], lang: str) -> list[tuple[str, bool]]:
        """The only step that runs the model: (summary, stopped at max_new_tokens) per chunk."""
        kwargs = dict(self._generate_kwargs)
        if self._langs.code(lang):
            kwargs["forced_bos_token_id"] = self._langs.forced_bos_token_id(self._tokenizer, lang)
        return _hf.generate(self._model, self._tokenizer, chunks, self.max_new_tokens, **kwargs)


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", normalize(text)).casefold()


def _unique_sentences(summaries: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for summary in summaries:
        for start, end in split_sentences(summary):
            sentence = summary[start:end].strip()
            key = " ".join(_WORD.findall(_key(sentence)))
            if sentence and key not in seen:
                seen.add(key)
                result.append(sentence)
    return result


def grounding_warnings(source: str, generated: list[str]) -> list[str]:
    """Numbers and names in `generated` that the source does not support, one warning each."""
    source_key = _key(source)
    source_numbers = set().union(*(item.keys for item in protect.numbers(source))) if source else set()
    source_words = set(_DEVANAGARI_WORD.findall(source_key))
    warnings: list[str] = []
    reported: set[str] = set()

    def report(kind: str, surface: str) -> None:
        if surface not in reported:
            reported.add(surface)
            warnings.append(f"summary: {kind} {surface!r} not in the article")

    for line in generated:
        for item in protect.numbers(line):
            if not item.keys & source_numbers:
                report("number", item.surface)
        for match in _LATIN_CAPITALIZED.finditer(line):
            word = match.group().rstrip("'’-")
            if len(word) > 1 and _key(word) not in source_key:
                report("name", word)
        for run in _unsupported_runs(_WORD.findall(_key(line)), source_words):
            report("name", run)
    return warnings


def _unsupported_runs(words: list[str], source_words: set[str]) -> list[str]:
    """Runs of Devanagari words the source lacks that read as names: two or more in a row
    (मार्क जुकरबर्ग), or one followed by a case marker (ट्रम्प ने). A lone unsupported word
    elsewhere is usually an ordinary word the model chose, and is not reported."""
    runs, current = [], []
    for i, word in enumerate(words + [""]):
        if _DEVANAGARI_WORD.fullmatch(word) and len(word) >= 3 and not _supported(word, source_words):
            current.append(word)
            continue
        if len(current) >= 2 or (current and word in _CASE_MARKERS):
            runs.append(" ".join(current))
        current = []
    return runs


def _supported(word: str, source_words: set[str]) -> bool:
    if word in source_words:
        return True
    stem = word[:max(3, len(word) - 3)]
    return any(w.startswith(stem) for w in source_words)
