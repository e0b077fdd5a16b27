"""The default int8 encoder (ONNX Runtime): the same pieces, the same labels and embeddings as the fp32 torch
encoder within quantization error, built once and cached by what it was built from, and no torch at run time."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import REPO
from newsdigest.encode import onnx as ox
from newsdigest.encode.encoder import load_encoder, resolve_precision, resolve_threads
from newsdigest.errors import ModelNotFoundError

WINDOWS = [
    ["मेटा", "के", "प्रवक्ता", "एंडी", "स्टोन", "ने", "एक्स", "पर", "लिखा", "कि", "सेवाएं", "बहाल", "हो", "गई", "हैं", "।"],
    "Chief executive Richard Parsons said Time Warner 's results were strong .".split(),
    ["तानूर\u200c", "मण्डल", "में", "2,50,000", "लोग", "प्रभावित", "''", "हुए", "''"],
    ["Reliance", "Jio", "ने", "5G", "सेवा", "12", "शहरों", "में", "शुरू", "की"],
]


# -- options and the cache key (no model) -------------------------------------------------------------
def test_precision_has_a_default_and_reads_the_environment(monkeypatch):
    from newsdigest.encode.encoder import cpu_has_bf16

    monkeypatch.delenv("NEWSDIGEST_PRECISION", raising=False)
    assert resolve_precision() == ("bf16" if cpu_has_bf16() else "fp32")  # the default, auto, made concrete
    monkeypatch.setenv("NEWSDIGEST_PRECISION", "int8")
    assert resolve_precision() == "int8"
    assert resolve_precision("fp32") == "fp32"  # an explicit choice wins over the environment
    monkeypatch.setenv("NEWSDIGEST_PRECISION", "auto")
    assert resolve_precision() in ("bf16", "fp32")


def test_auto_takes_bf16_only_where_the_cpu_multiplies_bfloat16_natively(monkeypatch):
    from newsdigest.encode import encoder

    flags = "processor\t: 0\nflags\t\t: fpu sse sse2 avx2 avx512f avx512_vnni {}\nbugs\t\t: spectre_v1\n"
    assert encoder.cpu_has_bf16(flags.format("amx_bf16 amx_tile")) is True  # Sapphire Rapids
    assert encoder.cpu_has_bf16(flags.format("avx512_bf16")) is True  # Cooper Lake, Zen 4
    assert encoder.cpu_has_bf16(flags.format("")) is False  # AVX-512 without BF16: oneDNN would emulate it
    assert encoder.cpu_has_bf16("") is False  # no flags line (not x86 Linux)
    monkeypatch.delenv("NEWSDIGEST_PRECISION", raising=False)
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: False)
    assert resolve_precision() == "fp32"
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: True)
    assert resolve_precision() == "bf16"
    assert resolve_precision("fp32") == "fp32"


def test_unknown_precision_names_the_choices():
    with pytest.raises(ValueError, match="auto, bf16, int8, fp32"):
        resolve_precision("fp16")


def test_quantize_is_a_deprecated_name_of_int8():
    with pytest.warns(DeprecationWarning, match="precision"):
        assert resolve_precision(None, quantize=True) == "int8"
    with pytest.raises(ValueError, match="contradicts"), pytest.warns(DeprecationWarning):
        resolve_precision("fp32", quantize=True)


def test_threads_follow_the_argument_then_omp_num_threads(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert resolve_threads() == 1  # what a folder run with --jobs sets in each worker
    assert resolve_threads(3) == 3
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert resolve_threads() == (os.cpu_count() or 1)


def _fake_models(tmp_path):
    base, ner = tmp_path / "base", tmp_path / "ner"
    base.mkdir()
    ner.mkdir()
    (base / "config.json").write_text("{}")
    (base / "model.safetensors").write_bytes(b"base")
    (ner / "ner.safetensors").write_bytes(b"weights-1")
    (ner / "ner.json").write_text("{}")
    return base, ner


def test_cache_key_changes_with_the_ner_weights_and_the_runtime(tmp_path, monkeypatch):
    base, ner = _fake_models(tmp_path)
    key = ox.cache_key(base, ner)
    assert ox.cache_key(base, ner) == key
    (ner / "ner.safetensors").write_bytes(b"weights-2")
    assert ox.cache_key(base, ner) != key
    key2 = ox.cache_key(base, ner)
    monkeypatch.setattr(ox, "_versions", lambda: {"onnxruntime": "0.0.0", "onnx": "0.0.0"})
    assert ox.cache_key(base, ner) != key2


def test_cache_key_changes_with_the_base_model(tmp_path):
    base, ner = _fake_models(tmp_path)
    key = ox.cache_key(base, ner)
    (base / "model.safetensors").write_bytes(b"another base")
    assert ox.cache_key(base, ner) != key


def test_missing_onnxruntime_is_a_typed_error_with_the_fix(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ModelNotFoundError, match="pip install onnxruntime.*precision='fp32'"):
        load_encoder(precision="int8")


def test_failed_build_is_a_typed_error_and_leaves_no_cache(tmp_path, monkeypatch):
    def broken_export(base_dir, ner_dir, out):
        raise RuntimeError("exporter broke")

    monkeypatch.setattr(ox, "export_fp32", broken_export)
    with pytest.raises(ModelNotFoundError, match="exporter broke.*precision='fp32'"):
        ox.OnnxEncoder(cache=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == []  # no half-written folder


# -- the real models ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def int8():
    return load_encoder(precision="int8", threads=2)


@pytest.fixture(scope="module")
def fp32():
    return load_encoder(precision="fp32", threads=2)


@pytest.mark.slow
@pytest.mark.model
def test_tokenizer_json_gives_the_pieces_of_the_transformers_tokenizer(int8):
    from transformers import AutoTokenizer

    from newsdigest.entities.tagging import encode_words, word_piece_counts
    from newsdigest.preprocess import split_sentences
    from newsdigest.preprocess.sentences import split_words

    hf = AutoTokenizer.from_pretrained(str(int8.base_dir))
    windows = list(WINDOWS)
    for path in sorted((REPO / "samples").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        windows += [[text[s + a:s + b] for a, b in split_words(text[s:e])] for s, e in split_sentences(text)]
    windows = [w for w in windows if w]
    assert len(windows) > 100
    for words in windows:
        assert encode_words(int8.tokenizer, words) == encode_words(hf, words), words
        assert word_piece_counts(int8.tokenizer, words) == word_piece_counts(hf, words), words


@pytest.mark.slow
@pytest.mark.model
def test_int8_gives_the_fp32_labels_and_embeddings(int8, fp32):
    from newsdigest.entities.tagging import postprocess

    assert (int8.precision, int8.runtime) == ("int8", "onnxruntime")
    same = total = 0
    for a, b in zip(int8.run(WINDOWS), fp32.run(WINDOWS)):
        assert a.label_pos == b.label_pos and a.n_pieces == b.n_pieces
        la, lb = postprocess(a.logits, a.label_pos)[0], postprocess(b.logits, b.label_pos)[0]
        same += sum(x == y for x, y in zip(la, lb))
        total += len(lb)
        assert [x == "O" for x in la] == [y == "O" for y in lb]  # the same words are names
        cos = float(a.pooled @ b.pooled / np.linalg.norm(a.pooled) / np.linalg.norm(b.pooled))
        assert cos > 0.99, cos
    assert same >= 0.9 * total  # a borderline type may flip (int8 costs ~0.2 F1 points on the test sets)


@pytest.mark.slow
@pytest.mark.model
def test_built_model_is_cached_and_a_corrupt_file_is_rebuilt(int8, tmp_path, monkeypatch):
    import shutil

    cached = int8.model_dir / ox.MODEL_FILE
    key_dir = tmp_path / int8.model_dir.name
    key_dir.mkdir()
    (key_dir / ox.MODEL_FILE).write_bytes(b"\0" * 100)  # e.g. a disk that filled up mid-write elsewhere
    builds = []

    def fake_build(base_dir, ner_dir, dst):  # the real build takes a minute; copy the cached result
        builds.append(dst)
        shutil.copy(cached, dst / ox.MODEL_FILE)
        return dst

    monkeypatch.setattr(ox, "build", fake_build)
    enc = ox.OnnxEncoder(cache=tmp_path, threads=1)
    assert builds == [key_dir]
    assert enc.run(WINDOWS[:1])[0].logits.shape[-1] == 7
    ox.OnnxEncoder(cache=tmp_path, threads=1)
    assert builds == [key_dir]  # the second load reuses the file


@pytest.mark.slow
@pytest.mark.model
def test_int8_encoder_runs_without_importing_torch(int8):
    code = ("import sys, json; from newsdigest.encode.encoder import load_encoder; "
            f"o = load_encoder(precision='int8').run({json.dumps(WINDOWS, ensure_ascii=True)}); "
            "print(len(o), sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"{len(WINDOWS)} []"


@pytest.mark.slow
@pytest.mark.model
def test_int8_digest_is_byte_identical_across_runs():
    from newsdigest import Digester

    digester = Digester(precision="int8")
    text = (REPO / "samples" / "hi").glob("*.txt").__next__().read_text(encoding="utf-8")
    first = digester.digest(text).to_json()
    assert digester.digest(text).to_json() == first
    assert Digester(precision="int8").digest(text).to_json() == first
    assert "int8 (onnxruntime)" in json.loads(first)["models"]["ner"]
