"""The package installs from a wheel with its models: pyproject lists every subpackage and the models."""
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_lists_every_subpackage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {"newsdigest"} | {f"newsdigest.{p.parent.name}" for p in (ROOT / "newsdigest").glob("*/__init__.py")}
    assert on_disk | {"newsdigest._models"} == listed


def test_models_resolve_to_newsdigest_models_env(tmp_path, monkeypatch):
    from newsdigest import resources

    monkeypatch.setenv("NEWSDIGEST_MODELS", str(tmp_path))
    assert resources.model_dir("ner-hi-en") == tmp_path / "ner-hi-en"
    monkeypatch.delenv("NEWSDIGEST_MODELS")
    assert (resources.models_root() / "ner-hi-en" / "ner.safetensors").is_file()


@pytest.mark.slow
def test_a_built_wheel_carries_the_models_and_finds_them_from_any_folder(tmp_path):
    out = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    wheel = next(out.glob("newsdigest-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for model in ("ner-hi-en/ner.safetensors", "translit/model.safetensors", "sentence-scorer/scorer.json"):
        assert f"newsdigest/_models/{model}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = ("from newsdigest.resources import model_dir; from newsdigest.encode.encoder import default_ner_dir; "
             "print(default_ner_dir()); print(model_dir('translit'))")
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    res = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True)
    for line in res.stdout.split():
        assert line.startswith(str(site / "newsdigest" / "_models")) and Path(line).is_dir()


def test_only_the_command_line_reaches_the_evaluation_code():
    """Evaluation lives in newsdigest/evaluation/, apart from the stages a digest runs; only the CLI's
    eval commands import it (lazily)."""
    import re
    from pathlib import Path

    pkg = Path(__file__).resolve().parents[1] / "newsdigest"
    allowed = {pkg / "cli.py", pkg / "translate" / "cli.py"}
    offenders = [str(p.relative_to(pkg)) for p in pkg.rglob("*.py")
                 if "evaluation" not in p.parts and p not in allowed
                 and re.search(r"^\s*(?:from|import)\s+(?:\.+|newsdigest\.)evaluation\b", p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []
