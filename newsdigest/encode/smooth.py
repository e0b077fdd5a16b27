"""SmoothQuant for the dynamic-int8 encoder: move activation outliers into the weights before quantizing.

ONNX Runtime's dynamic int8 quantizes each MatMul's input per tensor (one uint8 range per batch). A few
hidden channels of the encoder run 10-30x larger than the rest, so that range spends most of its 256
steps on them and the other channels lose precision. SmoothQuant (Xiao et al., 2023,
https://arxiv.org/abs/2211.10438) rewrites ``X @ W`` as ``(X / s) @ (s * W)`` with one scale per input
channel, ``s_j = max|X_j|**alpha / max|W_j|**(1 - alpha)``: the same product in fp32, but the
activation's channels become even and the weights (quantized per output channel) take the spread.

The ``max|X_j|`` come from a calibration pass of the fp32 model over training text
(``training/calibrate_int8.py``), stored next to the NER weights as ``int8_calibration.safetensors``, one
vector per linear layer keyed by its module name (``bert.encoder.layer.0.attention.self.query``); the
layers that read one tensor (query, key and value) share one scale, the maximum of their weights, and
one ``Mul`` node. ``ALPHA`` was chosen on news-hi dev by agreement with the fp32 model (README, speed).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

ALPHA = 0.75
CALIBRATION_FILE = "int8_calibration.safetensors"
_MATMUL = re.compile(r"^/(?:inner/)?(bert/encoder/layer\.\d+/[\w/.]+?)/MatMul$")
_SCALE_RANGE = (1e-2, 1e2)


def module_name(node_name: str) -> str | None:
    """The linear layer a MatMul node of the exported encoder belongs to, or None for any other MatMul:
    ``/inner/bert/encoder/layer.0/attention/self/query/MatMul`` -> ``bert.encoder.layer.0.attention.self.query``."""
    m = _MATMUL.match(node_name)
    return m.group(1).replace("/", ".") if m else None


def linear_inputs(graph) -> dict[str, list]:
    """Input tensor name -> the encoder-layer MatMul nodes with a constant weight that read it."""
    inits = {i.name for i in graph.initializer}
    groups: dict[str, list] = {}
    for n in graph.node:
        if n.op_type == "MatMul" and n.input[1] in inits and module_name(n.name):
            groups.setdefault(n.input[0], []).append(n)
    return groups


def pipeline_batches(digester, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """The padded (input_ids, attention_mask) batches ``digester.entities(texts)`` forwards: the
    pipeline's own sentence splitting, windows and batching, for calibration and agreement checks."""
    enc = digester.encoder
    batches = []
    forward = enc._forward

    def record(batch):
        batches.append(enc.padded(batch))
        return forward(batch)

    enc._forward = record
    try:
        digester.entities(texts)
    finally:
        enc._forward = forward
    return batches


def activation_maxima(fp32_path: Path, batches, threads: int = 1) -> dict[str, np.ndarray]:
    """Per-channel max |input| of every encoder-layer linear over the real (unpadded) tokens of
    ``batches`` (pairs of input_ids / attention_mask arrays), keyed by module name."""
    import onnx
    import onnxruntime as ort
    from onnx import helper

    model = onnx.load(str(fp32_path))
    groups = linear_inputs(model.graph)
    for name in groups:
        model.graph.output.append(helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.log_severity_level = 3
    sess = ort.InferenceSession(model.SerializeToString(), sess_options=opts, providers=["CPUExecutionProvider"])
    del model
    names = [o.name for o in sess.get_outputs()]
    maxima: dict[str, np.ndarray] = {}
    for ids, att in batches:
        valid = att.astype(bool)
        for name, out in zip(names, sess.run(None, {"input_ids": ids, "attention_mask": att})):
            if name in groups:
                m = np.abs(out[valid]).max(0)
                maxima[name] = np.maximum(maxima[name], m) if name in maxima else m
    return {module_name(n.name): maxima[t] for t, nodes in groups.items() for n in nodes}


def smooth(fp32_path: Path, out_path: Path, maxima: dict[str, np.ndarray], alpha: float = ALPHA) -> int:
    """Write the smoothed fp32 model to ``out_path``; returns how many MatMuls were rescaled. A layer
    without calibration data is left as it is."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(fp32_path))
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    muls = {}
    count = 0
    for tensor, nodes in linear_inputs(graph).items():
        acts = [maxima.get(module_name(n.name)) for n in nodes]
        if any(a is None for a in acts):
            continue
        weights = [numpy_helper.to_array(inits[n.input[1]]) for n in nodes]
        w_max = np.max([np.abs(w).max(1) for w in weights], 0)
        a_max = np.max(acts, 0)
        if a_max.shape != w_max.shape:
            raise ValueError(f"calibration for {module_name(nodes[0].name)} has {a_max.shape[0]} channels, "
                             f"the model {w_max.shape[0]}")
        s = np.clip(np.maximum(a_max, 1e-5) ** alpha / np.maximum(w_max, 1e-5) ** (1 - alpha), *_SCALE_RANGE)
        s = s.astype(np.float32)
        inv_name, smoothed = tensor + "_smooth_inv", tensor + "_smoothed"
        graph.initializer.append(numpy_helper.from_array((1.0 / s).astype(np.float32), inv_name))
        muls[tensor] = helper.make_node("Mul", [tensor, inv_name], [smoothed], name=tensor + "_smooth")
        for n, w in zip(nodes, weights):
            inits[n.input[1]].CopyFrom(numpy_helper.from_array((w * s[:, None]).astype(np.float32), n.input[1]))
            n.input[0] = smoothed
            count += 1
    nodes = []
    for n in graph.node:  # each Mul right after the node that produces its input: the order stays topological
        nodes.append(n)
        nodes.extend(muls.pop(o) for o in n.output if o in muls)
    nodes[:0] = list(muls.values())  # inputs of the graph itself, if any
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.save(model, str(out_path))
    return count


def load_maxima(ner_dir: Path) -> dict[str, np.ndarray] | None:
    """The calibration file of a NER model folder, or None when it has none."""
    path = Path(ner_dir) / CALIBRATION_FILE
    if not path.is_file():
        return None
    from safetensors.numpy import load_file

    return load_file(str(path))
