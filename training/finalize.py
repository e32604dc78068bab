"""Last step of training/reproduce.sh: merges the PyTorch and onnxruntime-node measurements into
training/metrics.json, checks the shipping limits (<= 8 MB, int8 within 0.5 accuracy points of fp32
on every head), copies the shipped files into public/models/trendloom-classifier/ and rewrites the
metrics table of its MODEL_CARD.md."""
import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHIP = os.path.join(ROOT, "public", "models", "trendloom-classifier")
MAX_BYTES = 8_000_000
MAX_DROP_POINTS = 0.5


def pct(x):
    return f"{100 * x:.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    args = ap.parse_args()
    with open(os.path.join(args.out, "metrics_torch.json")) as f:
        torch_m = json.load(f)
    with open(os.path.join(args.out, "onnx_metrics.json")) as f:
        onnx_m = json.load(f)
    fp32 = onnx_m["model.onnx"]
    q = onnx_m["model_quantized.onnx"]  # int8 x int8, per-row activation scales: the CPU graph (WASM, Node)
    g = onnx_m["model_quantized_webgpu.onnx"]  # weight-only int8: the WebGPU graph
    # (metrics key, measurements, name in messages) of each shipped graph, checked against fp32 alike.
    graphs = (("int8", q, "int8"), ("int8_webgpu", g, "WebGPU int8"))
    q_path = os.path.join(args.out, "onnx", "model_quantized.onnx")
    g_path = os.path.join(args.out, "onnx", "model_quantized_webgpu.onnx")
    sizes = {"model_quantized.onnx": os.path.getsize(q_path),
             "model_quantized_webgpu.onnx": os.path.getsize(g_path),
             "model.onnx": os.path.getsize(os.path.join(args.out, "onnx", "model.onnx"))}

    heads = {}
    failures = []
    for h, r in torch_m["heads"].items():
        entry = dict(r)
        entry["model_fp32_onnx"] = fp32["heads"][h]
        for key, measured, label in graphs:
            entry[f"model_{key}_onnx"] = measured["heads"][h]
            drop = 100 * (fp32["heads"][h]["accuracy"] - measured["heads"][h]["accuracy"])
            entry[f"{key}_minus_fp32_points"] = -drop
            if abs(drop) > MAX_DROP_POINTS:
                failures.append(f"{h}: {label} accuracy differs from fp32 by {drop:.2f} points")
        if "tfidf_lr" in r:
            entry["int8_beats_tfidf_lr_accuracy"] = q["heads"][h]["accuracy"] > r["tfidf_lr"]["accuracy"]
            entry["int8_beats_tfidf_lr_macro_f1"] = q["heads"][h]["macro_f1"] > r["tfidf_lr"]["macro_f1"]
        heads[h] = entry
    for name in ("model_quantized.onnx", "model_quantized_webgpu.onnx"):
        if sizes[name] > MAX_BYTES:
            failures.append(f"{name} is {sizes[name]} bytes (> {MAX_BYTES})")

    metrics = {"heads": heads, "file_bytes": sizes,
               "onnx_eval_seconds": {"fp32": fp32["seconds"], "int8": q["seconds"], "int8_webgpu_graph_on_cpu": g["seconds"]},
               "onnx_items_per_second_1_thread": {"fp32": fp32["items_per_second"], "int8": q["items_per_second"],
                                                  "int8_webgpu_graph_on_cpu": g["items_per_second"]},
               "limits": {"max_bytes": MAX_BYTES, "max_accuracy_drop_points": MAX_DROP_POINTS},
               "limit_failures": failures}
    for k in ("model", "split", "train_seconds", "total_seconds", "torch", "threads"):
        metrics[k] = torch_m.get(k)
    with open(os.path.join(HERE, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)

    os.makedirs(os.path.join(SHIP, "onnx"), exist_ok=True)
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(os.path.join(args.out, name), os.path.join(SHIP, name))
    shutil.copyfile(q_path, os.path.join(SHIP, "onnx", "model_quantized.onnx"))
    shutil.copyfile(g_path, os.path.join(SHIP, "onnx", "model_quantized_webgpu.onnx"))
    update_card(metrics)

    print("head            majority  tfidf+lr  fp32(onnx)  int8(onnx)  int8-fp32")
    for h, e in heads.items():
        print(f"{h:15s} {pct(e.get('majority', {}).get('accuracy', float('nan'))):>8s}  "
              f"{pct(e.get('tfidf_lr', {}).get('accuracy', float('nan'))):>8s}  {pct(e['model_fp32_onnx']['accuracy']):>10s}  "
              f"{pct(e['model_int8_onnx']['accuracy']):>10s}  {e['int8_minus_fp32_points']:+.2f}")
    print(f"model_quantized.onnx: {sizes['model_quantized.onnx']:,} bytes, model_quantized_webgpu.onnx: "
          f"{sizes['model_quantized_webgpu.onnx']:,} bytes; shipped to {SHIP}")
    if failures:
        print("LIMITS NOT MET: " + "; ".join(failures))
        sys.exit(1)


def update_card(metrics):
    card = os.path.join(SHIP, "MODEL_CARD.md")
    if not os.path.exists(card):
        return
    rows = ["| head | classes | majority acc | TF-IDF+LR acc / macro-F1 | model fp32 acc / macro-F1 | model int8 acc / macro-F1 | int8 − fp32 (points) | WebGPU int8 graph acc (− fp32) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    with open(os.path.join(SHIP, "config.json")) as f:
        config = json.load(f)
    for h, e in metrics["heads"].items():
        n = len(config["heads"][h]["id2label"])
        maj = e.get("majority", {}).get("accuracy")
        lr = e.get("tfidf_lr")
        f, q = e["model_fp32_onnx"], e["model_int8_onnx"]
        win = "" if lr is None else (" **✓**" if q["accuracy"] > lr["accuracy"] else " ✗")
        rows.append(f"| {h} | {n} | {pct(maj) if maj is not None else '–'} | "
                    f"{pct(lr['accuracy']) + ' / ' + pct(lr['macro_f1']) if lr else '–'} | "
                    f"{pct(f['accuracy'])} / {pct(f['macro_f1'])} | {pct(q['accuracy'])} / {pct(q['macro_f1'])}{win} | "
                    f"{e['int8_minus_fp32_points']:+.2f} | "
                    f"{pct(e['model_int8_webgpu_onnx']['accuracy'])} ({e['int8_webgpu_minus_fp32_points']:+.2f}) |")
    table = "\n".join(rows)
    with open(card, encoding="utf-8") as f:
        text = f.read()
    start, end = "<!-- metrics:start -->", "<!-- metrics:end -->"
    if start in text and end in text:
        text = text[: text.index(start) + len(start)] + "\n" + table + "\n" + text[text.index(end):]
        with open(card, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
