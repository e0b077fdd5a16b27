"""One configuration object for a Digester, and the components it builds from it.

    from newsdigest import Config, Digester
    cfg = Config(precision="fp32", threads=2, disable=("translation",), translit_model="my/translit")
    Digester(config=cfg)                     # the same as Digester(precision="fp32", ...)
    Config.from_file("newsdigest.json")      # JSON (or TOML) with the same keys; unknown keys are an error

A digest is made by named stages, in this order (:data:`STAGES`):

- ``encoder``: the transformer, one forward pass per sentence window (``base_model``, ``precision``,
  ``device``: "cpu" or a CUDA device, "cuda" or "cuda:N", where "auto" precision means fp32; ``threads``);
- ``ner``: people, organisations and places from that pass (``ner_model``);
- ``names``: each entity's name in both scripts (``translit_model``: the transliteration model and the name
  memory next to it);
- ``facts``: quantities, dates, quotes and events;
- ``summary``: headline and bullets in both languages (``scorer_model``: the sentence scorer;
  ``lexicon_model``: the Hindi-English word pairs of the other-language side; ``summary_model``: an
  abstractive model for the article's language; ``mt_model``: a translation model for the other side);
- ``translation``: the article's text in the other language (``mt_model`` and ``translate=True``).

``disable`` leaves out ``facts``, ``summary`` or ``translation`` (a digest then has no facts, no
summary, no translation); the encoder, NER and names are what every digest is, and cannot be disabled.
Every model is found the same way (:mod:`newsdigest.resources`): an explicit folder, else
``$NEWSDIGEST_MODELS``, else the models shipped with the package; hub models (``base_model``,
``mt_model``, ``summary_model``) are a hub id or a local folder and are fetched only with
``download=True``. ``Digester.model_version()`` hashes every component's settings and weight files.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .validate import DEFAULT_MAX_CHARS

__all__ = ["Config", "Component", "ConfigError", "STAGES", "OPTIONAL_STAGES"]

STAGES = ("encoder", "ner", "names", "facts", "summary", "translation")
OPTIONAL_STAGES = ("facts", "summary", "translation")
WEIGHT_SUFFIXES = (".safetensors", ".json")  # what a project model folder holds: weights and their settings
PRECISIONS = (None, "auto", "bf16", "fp32", "int8")


@dataclass(frozen=True)
class Config:
    """Everything that shapes a Digester's output and speed; see the module docstring."""

    base_model: str | None = None
    ner_model: str | None = None
    translit_model: str | None = None
    scorer_model: str | None = None
    lexicon_model: str | None = None
    mt_model: str | None = None
    summary_model: str | None = None
    precision: str | None = None
    device: str = "cpu"
    threads: int | None = None
    download: bool = False
    translate: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    disable: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self):
        for name in ("base_model", "ner_model", "translit_model", "scorer_model", "lexicon_model", "mt_model",
                     "summary_model"):
            value = getattr(self, name)
            if value is not None:
                if not isinstance(value, (str, os.PathLike)):
                    raise ConfigError(f"{name} must be a path or a model id, got {type(value).__name__}")
                object.__setattr__(self, name, str(value))
        if self.precision not in PRECISIONS:
            raise ConfigError(f"precision must be one of auto, bf16, fp32, int8, got {self.precision!r}")
        if not isinstance(self.device, str) or not re.fullmatch(r"cpu|cuda(:\d+)?", self.device):
            raise ConfigError(f"device must be 'cpu', 'cuda' or 'cuda:N', got {self.device!r}")
        if self.device != "cpu" and self.precision == "int8":
            raise ConfigError("precision int8 runs in ONNX Runtime on the CPU: use bf16 or fp32 on a GPU")
        if self.threads is not None and (not isinstance(self.threads, int) or self.threads < 1):
            raise ConfigError(f"threads must be a positive integer, got {self.threads!r}")
        if not isinstance(self.max_chars, int) or isinstance(self.max_chars, bool) or self.max_chars < 1:
            raise ConfigError(f"max_chars must be a positive integer, got {self.max_chars!r}")
        disable = (self.disable,) if isinstance(self.disable, str) else tuple(self.disable)
        unknown = [s for s in disable if s not in OPTIONAL_STAGES]
        if unknown:
            raise ConfigError(f"cannot disable {', '.join(map(str, unknown))}: "
                              f"only {', '.join(OPTIONAL_STAGES)} can be disabled")
        object.__setattr__(self, "disable", tuple(s for s in OPTIONAL_STAGES if s in disable))

    # -- reading and writing ------------------------------------------------------------------
    @classmethod
    def from_dict(cls, values: dict) -> Config:
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise ConfigError(f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(names))})")
        return cls(**values)

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> Config:
        """A JSON object or a TOML table (``.toml``) with the field names as keys."""
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read config {p}: {exc.strerror or exc}") from None
        try:
            if p.suffix == ".toml":
                import tomllib

                values = tomllib.loads(raw.decode("utf-8"))
            else:
                values = json.loads(raw)
        except (ValueError, ImportError) as exc:
            raise ConfigError(f"config {p} is not valid {'TOML' if p.suffix == '.toml' else 'JSON'}: {exc}") from None
        if not isinstance(values, dict):
            raise ConfigError(f"config {p} must hold an object of settings")
        return cls.from_dict(values)

    def to_dict(self) -> dict:
        out = dataclasses.asdict(self)
        out["disable"] = list(self.disable)
        return out

    def replace(self, **changes) -> Config:
        return dataclasses.replace(self, **changes)

    def enabled(self, stage: str) -> bool:
        return stage not in self.disable


@dataclass(frozen=True)
class Component:
    """One stage as a Digester built it: its name, the settings it runs with and the folders of its weights."""

    name: str
    settings: dict
    folders: tuple[Path, ...] = ()

    def fingerprint(self) -> str:
        """A hash of the settings and of every weight and config file (``.safetensors``, ``.json``) in the
        folders: it changes when the component's output can."""
        h = hashlib.sha256(json.dumps([self.name, self.settings], sort_keys=True, default=str).encode())
        for folder in self.folders:
            files = sorted(p for p in folder.glob("*") if p.suffix in WEIGHT_SUFFIXES) if folder.is_dir() else []
            h.update(f"\0{len(files)}".encode())  # the files, not where they are
            for f in files:
                h.update(f.name.encode() + b"\0" + f.read_bytes())
        return h.hexdigest()[:16]
