"""Fills the measured tables of public/models/trendloom-classifier/MODEL_CARD.md (and the transfer
table of docs/BENCHMARKS.md) from
training/metrics.json (finalize_multi.py) and training/transfer.json (transfer_table.py), so the
card never carries a hand-typed figure.

usage: python3 card.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CARD = os.path.join(HERE, "..", "public", "models", "trendloom-classifier", "MODEL_CARD.md")
BENCHMARKS = os.path.join(HERE, "..", "docs", "BENCHMARKS.md")
HEADS = ["articleType", "subCategory", "masterCategory", "baseColour", "usage", "gender", "season"]
# The previous, Myntra-only model (commit 714aa56, training/metrics.json there): int8 CPU graph
# accuracy / macro-F1 and TF-IDF + LR accuracy on the same 4,445 held-out Myntra names.
PREVIOUS = {"articleType": (96.92, 88.40, 95.66), "subCategory": (99.08, 88.73, 99.26), "masterCategory": (99.69, 88.64, 99.73),
            "baseColour": (89.81, 80.23, 90.66), "usage": (94.92, 67.42, 94.60), "gender": (99.75, 98.82, 99.84),
            "season": (83.71, 84.67, 83.51)}


def pct(x):
    return "–" if x is None else f"{100 * x:.1f}"


def replace(text, name, body):
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    return text[: text.index(start) + len(start)] + "\n" + body + "\n" + text[text.index(end):]


def transfer_rows():
    with open(os.path.join(HERE, "transfer.json")) as f:
        rows = json.load(f)
    out = ["| held-out source (trunk steps: LM + multi-task) | head | items | model acc | TF-IDF+LR acc | model macro-F1 | TF-IDF+LR macro-F1 | model ECE raw → calibrated | TF-IDF+LR ECE | sure (probability): share @ accuracy | sure (+ named thresholds and text rules, as the app): share @ accuracy | Llama heads alone: acc / ECE | before (Myntra-only): acc / ECE |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        if not r["set"].startswith("holdout:"):
            continue  # each fold's model on the Chinese titles is in training/transfer.json; the card shows the shipped model's
        st = r.get("trunk_steps") or {}
        mark = " ‡" if r.get("labels_read_from_type_words") else ""  # labels read from the words the named-type bonus reads
        name = f"{r['set'].split(':', 1)[1]}{mark} ({st.get('lm')} + {st.get('multitask')})"
        beat = " ✓" if r["model_accuracy"] > r["baseline_accuracy"] else ""
        prev = f"{pct(r['previous_model_accuracy'])} / {r['previous_model_ece']:.3f}" if r["previous_model_accuracy"] is not None else "–"
        # The model columns are the Llama heads mixed with the n-gram head, as shipped; the Llama heads alone beside them.
        llama = f"{pct(r['llama_accuracy'])} / {r['llama_ece']:.3f}" if r.get("model") == "llama+ngram" else "–"
        out.append(f"| {name} | {r['head']} | {r['n']:,} | {pct(r['model_accuracy'])}{beat} | {pct(r['baseline_accuracy'])} | "
                   f"{pct(r['model_macro_f1'])} | {pct(r['baseline_macro_f1'])} | {r['model_ece_raw']:.3f} → {r['model_ece']:.3f} | "
                   f"{r['baseline_ece']:.3f} | {pct(r['sure_coverage'])} % @ {pct(r['sure_accuracy'])} % | "
                   f"{pct(r.get('sure_rules_coverage'))} % @ {pct(r.get('sure_rules_accuracy'))} % | {llama} | {prev} |")
    return "\n".join(out)


def indomain_rows():
    with open(os.path.join(HERE, "metrics.json")) as f:
        m = json.load(f)
    onnx = m["onnx_myntra_heldout"]["model_quantized.onnx"]["heads"]
    fp32 = m["onnx_myntra_heldout"]["model.onnx"]["heads"]
    web = m["onnx_myntra_heldout"]["model_quantized_webgpu.onnx"]["heads"]
    cal = m["evaluation_sets"]["dev:myntra"]
    out = ["Myntra's fixed held-out split (4,445 product names), onnxruntime-node; ECE and \"sure\" from the calibrated probabilities:", "",
           "| head | with the n-gram mix (as the app) acc | Llama graph alone: int8 acc / macro-F1 | fp32 acc | WebGPU graph acc | ECE (mix) | sure (mix): share @ accuracy | before: int8 acc / macro-F1 (TF-IDF+LR acc) |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for h in HEADS:
        c = cal.get(h, {}).get("calibrated", {})
        p = PREVIOUS[h]
        mixed = (m.get("ngram_head") or {}).get("myntra_heldout_accuracy", {}).get("int8", {}).get(h, c.get("accuracy"))
        out.append(f"| {h} | {pct(mixed)} | {pct(onnx[h]['accuracy'])} / {pct(onnx[h]['macro_f1'])} | {pct(fp32[h]['accuracy'])} | {pct(web[h]['accuracy'])} | "
                   f"{(format(c['ece'], '.3f') if 'ece' in c else '–')} | {pct(c.get('sure_prob_coverage'))} % @ {pct(c.get('sure_prob_accuracy'))} % | "
                   f"{p[0]:.1f} / {p[1]:.1f} ({p[2]:.1f}) |")
    out += ["", "Dev splits of the other training sources (calibrated):", "",
            "| source | head | items | acc | ECE | sure: share @ accuracy |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for key, heads in m["evaluation_sets"].items():
        if not key.startswith("dev:") or key == "dev:myntra":
            continue
        for h in ("articleType", "masterCategory", "baseColour", "gender", "usage"):
            if h in heads:
                c = heads[h]["calibrated"]
                out.append(f"| {key[4:]} | {h} | {c['n']:,} | {pct(c['accuracy'])} | {c['ece']:.3f} | {pct(c['sure_prob_coverage'])} % @ {pct(c['sure_prob_accuracy'])} % |")
    zh = m["evaluation_sets"].get("handwritten:zh")
    if zh:
        out += ["", "The shipped model on the 320 hand-written Chinese titles (never trained on):", "",
                "| head | items | acc | ECE | sure: share @ accuracy |", "| --- | ---: | ---: | ---: | ---: |"]
        for h, r in zh.items():
            c = r["calibrated"]
            out.append(f"| {h} | {c['n']} | {pct(c['accuracy'])} | {c['ece']:.3f} | {pct(c['sure_prob_coverage'])} % @ {pct(c['sure_prob_accuracy'])} % |")
    out += ["", f"Graph sizes: `model_quantized.onnx` {m['file_bytes']['model_quantized.onnx']:,} bytes, "
                f"`model_quantized_webgpu.onnx` {m['file_bytes']['model_quantized_webgpu.onnx']:,} bytes (limit 16 MB; fp32 "
                f"{m['file_bytes']['model.onnx']:,} bytes, not shipped)."]
    return "\n".join(out)


def main():
    with open(CARD, encoding="utf-8") as f:
        text = f.read()
    text = replace(text, "indomain", indomain_rows())
    if os.path.exists(os.path.join(HERE, "transfer.json")):
        text = replace(text, "transfer", transfer_rows())
    with open(CARD, "w", encoding="utf-8") as f:
        f.write(text)
    if os.path.exists(os.path.join(HERE, "transfer.json")):
        with open(BENCHMARKS, encoding="utf-8") as f:
            bench = f.read()
        with open(BENCHMARKS, "w", encoding="utf-8") as f:
            f.write(replace(bench, "transfer", transfer_rows()))


if __name__ == "__main__":
    main()
