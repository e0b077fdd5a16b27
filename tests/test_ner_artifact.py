"""The int8 artifact round-trips and never stores the word-embedding matrix."""
import numpy as np

from newsdigest.entities.artifact import load_ner_state, quantize_rows, save_ner


def test_int8_rows_roundtrip_within_half_a_step():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(8, 16)).astype(np.float32)
    q, s = quantize_rows(w)
    assert q.dtype == np.int8
    assert np.abs(q * s[:, None] - w).max() <= s.max() / 2 + 1e-6


def test_save_skips_word_embeddings_and_quantizes_layers(tmp_path):
    rng = np.random.default_rng(1)
    state = {
        "bert.embeddings.word_embeddings.weight": rng.normal(size=(50, 4)).astype(np.float32),
        "bert.encoder.layer.0.attention.self.query.weight": rng.normal(size=(4, 4)).astype(np.float32),
        "bert.encoder.layer.0.attention.self.query.bias": rng.normal(size=4).astype(np.float32),
        "classifier.weight": rng.normal(size=(7, 4)).astype(np.float32),
    }
    save_ner(state, tmp_path, {"labels": ["O"]})
    loaded, meta = load_ner_state(tmp_path)
    assert "bert.embeddings.word_embeddings.weight" not in loaded
    assert meta == {"labels": ["O"]}
    q = "bert.encoder.layer.0.attention.self.query.weight"
    np.testing.assert_allclose(loaded[q], state[q], atol=np.abs(state[q]).max() / 127)
    np.testing.assert_array_equal(loaded["classifier.weight"], state["classifier.weight"])
