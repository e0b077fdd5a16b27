"""SmoothQuant for the int8 encoder: the rewrite keeps the fp32 model's outputs, cuts the int8 error when a
channel carries outliers, calibrates on real tokens only, and the shipped calibration fits the NER model."""
import json

import numpy as np
import pytest

from conftest import REPO
from newsdigest.encode import smooth as sm

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

H, V = 16, 12


def tiny_encoder(path, seed=0):
    """input_ids -> embedding rows with one outlier channel -> q/k/v-like MatMuls sharing that input (the
    way query, key and value read one LayerNorm output) and a second layer reading their sum."""
    rng = np.random.default_rng(seed)
    emb = rng.standard_normal((V, H)).astype(np.float32)
    emb[:, 3] *= 40.0  # the outlier channel
    emb[V - 1] = 1000.0  # the pad row: calibration must not see it
    weights = {n: (rng.standard_normal((H, H)) / 4).astype(np.float32) for n in ("q", "k", "v", "out")}
    layer = "/inner/bert/encoder/layer.0"
    nodes = [helper.make_node("Gather", ["emb", "input_ids"], ["x"], name="/inner/bert/embeddings/Gather")]
    for n, mod in (("q", "attention/self/query"), ("k", "attention/self/key"), ("v", "attention/self/value")):
        nodes.append(helper.make_node("MatMul", ["x", f"w_{n}"], [n], name=f"{layer}/{mod}/MatMul"))
    nodes += [helper.make_node("Sum", ["q", "k", "v"], ["s"], name="sum"),
              helper.make_node("MatMul", ["s", "w_out"], ["y"], name=f"{layer}/output/dense/MatMul"),
              helper.make_node("Cast", ["attention_mask"], ["m"], to=TensorProto.FLOAT, name="cast"),
              helper.make_node("Unsqueeze", ["m", "axis"], ["m3"], name="unsq"),
              helper.make_node("Mul", ["y", "m3"], ["logits"], name="mask")]
    inits = [numpy_helper.from_array(emb, "emb"), numpy_helper.from_array(np.array([2], np.int64), "axis")]
    inits += [numpy_helper.from_array(w, f"w_{n}") for n, w in weights.items()]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "l"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "l"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["b", "l", H])], inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def batches():
    ids = np.array([[0, 1, 2, 3, V - 1], [4, 5, 6, 7, 8]], np.int64)
    att = np.array([[1, 1, 1, 1, 0], [1, 1, 1, 1, 1]], np.int64)
    return [(ids, att), (np.array([[9, 10, 2]], np.int64), np.ones((1, 3), np.int64))]


def run(path, ids, att):
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return sess.run(None, {"input_ids": ids, "attention_mask": att})[0]


def test_module_names_of_the_exported_encoder():
    assert sm.module_name("/inner/bert/encoder/layer.0/attention/self/query/MatMul") == \
        "bert.encoder.layer.0.attention.self.query"
    assert sm.module_name("/inner/bert/encoder/layer.11/output/dense/MatMul") == "bert.encoder.layer.11.output.dense"
    assert sm.module_name("/inner/classifier/MatMul") is None  # the NER head stays as it is


def test_calibration_reads_real_tokens_and_shares_one_input(tmp_path):
    tiny_encoder(tmp_path / "m.onnx")
    maxima = sm.activation_maxima(tmp_path / "m.onnx", batches())
    assert sorted(maxima) == ["bert.encoder.layer.0.attention.self.key", "bert.encoder.layer.0.attention.self.query",
                              "bert.encoder.layer.0.attention.self.value", "bert.encoder.layer.0.output.dense"]
    q = maxima["bert.encoder.layer.0.attention.self.query"]
    assert q.shape == (H,) and q.max() < 1000.0  # the padded position (the pad row) is not counted
    emb = numpy_helper.to_array(onnx.load(str(tmp_path / "m.onnx")).graph.initializer[0])
    np.testing.assert_allclose(q, np.abs(emb[:V - 1]).max(0))  # every id but the pad occurs
    np.testing.assert_array_equal(q, maxima["bert.encoder.layer.0.attention.self.value"])


def test_smoothing_keeps_fp32_outputs_and_cuts_int8_error(tmp_path):
    from newsdigest.encode.onnx import quantize

    tiny_encoder(tmp_path / "m.onnx")
    maxima = sm.activation_maxima(tmp_path / "m.onnx", batches())
    assert sm.smooth(tmp_path / "m.onnx", tmp_path / "s.onnx", maxima) == 4
    graph = onnx.load(str(tmp_path / "s.onnx")).graph
    assert sum(n.op_type == "Mul" and n.name.endswith("_smooth") for n in graph.node) == 2  # q/k/v share one
    onnx.checker.check_model(onnx.load(str(tmp_path / "s.onnx")))  # still topologically ordered
    ids, att = batches()[0]
    ref = run(tmp_path / "m.onnx", ids, att)
    np.testing.assert_allclose(run(tmp_path / "s.onnx", ids, att), ref, rtol=1e-4, atol=1e-2)
    ids, att = np.array([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], np.int64), np.ones((1, 11), np.int64)
    ref = run(tmp_path / "m.onnx", ids, att)  # no pad row here: it would set the run-time int8 range
    quantize(tmp_path / "m.onnx", tmp_path / "m8.onnx", embeddings=False)  # the embedding table as it is
    quantize(tmp_path / "s.onnx", tmp_path / "s8.onnx", embeddings=False)
    plain = np.abs(run(tmp_path / "m8.onnx", ids, att) - ref)[att.astype(bool)].mean()
    smoothed = np.abs(run(tmp_path / "s8.onnx", ids, att) - ref)[att.astype(bool)].mean()
    assert smoothed < 0.5 * plain, (smoothed, plain)


def test_a_layer_without_calibration_is_left_alone(tmp_path):
    tiny_encoder(tmp_path / "m.onnx")
    maxima = sm.activation_maxima(tmp_path / "m.onnx", batches())
    maxima.pop("bert.encoder.layer.0.output.dense")
    assert sm.smooth(tmp_path / "m.onnx", tmp_path / "s.onnx", maxima) == 3
    bad = {k: v[:4] for k, v in maxima.items()}
    with pytest.raises(ValueError, match="channels"):
        sm.smooth(tmp_path / "m.onnx", tmp_path / "x.onnx", bad)


def test_shipped_calibration_covers_every_encoder_linear():
    ner = REPO / "models" / "ner-hi-en"
    maxima = sm.load_maxima(ner)
    assert maxima is not None, "models/ner-hi-en ships its int8 calibration (training/calibrate_int8.py)"
    config = json.loads((ner / "ner.json").read_text(encoding="utf-8"))
    layers = config.get("num_hidden_layers", 12)
    wide = {"intermediate.dense": 384, "output.dense": 1536}
    expected = {f"bert.encoder.layer.{i}.{m}" for i in range(layers)
                for m in ("attention.self.query", "attention.self.key", "attention.self.value",
                          "attention.output.dense", "intermediate.dense", "output.dense")}
    assert set(maxima) == expected
    for name, v in maxima.items():
        width = next((w for suffix, w in wide.items() if name.endswith(suffix) and "attention" not in name), 384)
        assert v.shape == (width,) and v.dtype == np.float32 and np.all(v > 0), name
