"""Weight-only int8 quantisation of the exported ONNX graph, by graph editing (no onnxruntime needed).

Every large 2-D float weight feeding a MatMul (as its right operand) or a Gather (embedding table)
is stored as int8 with one symmetric scale per output channel, followed by a DequantizeLinear node.
The result uses only ops that onnxruntime-web's WebGPU and WASM providers run (DequantizeLinear,
MatMul, Gather), no MatMulInteger / DynamicQuantizeLinear / QLinearMatMul.

usage: python3 quantize.py model.onnx model_quantized.onnx"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

MIN_ELEMENTS = 4096


def quantize(src, dst):
    model = onnx.load(src)
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    consumers = {}
    for node in graph.node:
        for pos, name in enumerate(node.input):
            consumers.setdefault(name, []).append((node, pos))

    new_nodes, replaced = [], 0
    for name, tensor in list(inits.items()):
        if tensor.data_type != TensorProto.FLOAT or len(tensor.dims) != 2:
            continue
        w = numpy_helper.to_array(tensor)
        if w.size < MIN_ELEMENTS:
            continue
        uses = consumers.get(name, [])
        if not uses:
            continue
        if all(n.op_type == "MatMul" and pos == 1 for n, pos in uses):
            axis = 1  # [in, out]: one scale per output column
        elif all(n.op_type == "Gather" and pos == 0 for n, pos in uses):
            axis = 0  # [vocab, dim]: one scale per token row
        else:
            continue
        absmax = np.abs(w).max(axis=1 - axis)
        scale = np.where(absmax > 0, absmax / 127.0, 1.0).astype(np.float32)
        shape = (1, -1) if axis == 1 else (-1, 1)
        q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
        q_name, s_name, z_name, out_name = name + "_int8", name + "_scale", name + "_zero", name + "_dq"
        graph.initializer.remove(tensor)
        graph.initializer.extend([numpy_helper.from_array(q, q_name), numpy_helper.from_array(scale, s_name),
                                  numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), z_name)])
        new_nodes.append(helper.make_node("DequantizeLinear", [q_name, s_name, z_name], [out_name],
                                          name=name + "_DequantizeLinear", axis=axis))
        for node, pos in uses:
            node.input[pos] = out_name
        replaced += 1

    # Dequantize nodes have only initializer inputs, so putting them first keeps topological order.
    old = list(graph.node)
    del graph.node[:]
    graph.node.extend(new_nodes + old)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"quantised {replaced} weights -> {dst}")


if __name__ == "__main__":
    quantize(sys.argv[1], sys.argv[2])
