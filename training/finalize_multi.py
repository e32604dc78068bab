"""Last step of training/reproduce.sh for the multi-source model: int8 graphs (quantize.py), their
accuracy in onnxruntime-node against fp32 on Myntra's held-out split (eval_onnx.mjs), the shipping
limits (each graph <= 16 MB, int8 within 0.5 points of fp32 on every head), the calibration and
"unsure" blocks of config.json (calibrate.py fit, dev splits only), then the copy into
public/models/trendloom-classifier/, the golden files into test/fixtures/classifier/ and
training/metrics.json.

usage: python3 finalize_multi.py <run dir>"""
import json
import os
import shutil
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from calibrate import fit, load_run, score  # noqa: E402
from rules import (CONVENTION_RULE, CONVENTION_RULES, EVIDENCE_RULES, SCRIPT_RULES, TEXT_CONTRADICTION_RULE,  # noqa: E402
                   TEXT_CONTRADICTION_RULES, TEXT_NAMED_RULE, TEXT_NAMED_RULES)
from taxonomy import HEADS  # noqa: E402

SHIP = os.path.join(ROOT, "public", "models", "trendloom-classifier")
GOLDEN = os.path.join(ROOT, "test", "fixtures", "classifier")
MAX_BYTES = 16_000_000
MAX_DROP_POINTS = 0.5


def heldout_json(run, path):
    """Myntra's fixed held-out split as token ids + single labels, for eval_onnx.mjs."""
    import sentencepiece as spm
    from corpus import build_corpus, label_maps
    from train_multi import encode, item_text
    examples, _, _ = build_corpus()
    maps = label_maps([e["labels"] for e in examples if e["source"] == "myntra"])
    test = [e for e in examples if e["source"] == "myntra" and e["split"] == "test"]
    sp = spm.SentencePieceProcessor(model_file=os.path.join(run, "spm.model"))
    with open(os.path.join(run, "config.json")) as f:
        max_length = json.load(f)["max_length"]
    index = {h: {l: i for i, l in enumerate(maps[h])} for h in HEADS}
    with open(path, "w") as f:
        json.dump({"heads": HEADS, "ids": [encode(sp, item_text(e["name"], ""), max_length) for e in test],
                   "labels": {h: [index[h][e["labels"][h][0]] if e["labels"][h] else -100 for e in test] for h in HEADS}}, f)


def main():
    run = sys.argv[1]
    global SHIP, GOLDEN
    metrics_path = os.path.join(HERE, "metrics.json")
    dry = "--dry" in sys.argv
    if dry:
        # Everything lands inside the run folder instead of the repository (for trying the step out).
        SHIP, GOLDEN, metrics_path = os.path.join(run, "ship"), os.path.join(run, "ship", "golden"), os.path.join(run, "metrics.json")
        os.makedirs(GOLDEN, exist_ok=True)
    onnx_dir = os.path.join(run, "onnx")
    subprocess.run([sys.executable, os.path.join(HERE, "quantize.py"), os.path.join(onnx_dir, "model.onnx"), onnx_dir], check=True)
    heldout_json(run, os.path.join(run, "heldout.json"))
    graphs = ["model.onnx", "model_quantized.onnx", "model_quantized_webgpu.onnx"]
    subprocess.run(["node", os.path.join(HERE, "eval_onnx.mjs"), os.path.join(run, "heldout.json"), os.path.join(run, "onnx_metrics.json")]
                   + [os.path.join(onnx_dir, g) for g in graphs], check=True)
    with open(os.path.join(run, "onnx_metrics.json")) as f:
        onnx_m = json.load(f)
    failures = []
    sizes = {g: os.path.getsize(os.path.join(onnx_dir, g)) for g in graphs}
    for g in graphs[1:]:
        if sizes[g] > MAX_BYTES:
            failures.append(f"{g} is {sizes[g]:,} bytes (> {MAX_BYTES:,})")
        for h in HEADS:
            drop = 100 * (onnx_m["model.onnx"]["heads"][h]["accuracy"] - onnx_m[g]["heads"][h]["accuracy"])
            if abs(drop) > MAX_DROP_POINTS:
                failures.append(f"{g} {h}: {drop:+.2f} points vs fp32")

    cal = fit(run)
    with open(os.path.join(run, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    config["calibration"] = {"temperature": cal["temperature"],
                             "fitted_on": "dev splits of every training source, each source weighted equally "
                                          "(training/calibrate.py fit): " + ", ".join(f"{s} {n}" for s, n in sorted(cal["dev_rows"].items()))}
    # No OOD block: the embedding's distance to the training centroids was measured (calibrate.py,
    # leave-one-source-out) and told right from wrong labels worse than the calibrated probability.
    # The text-named and text-contradiction rules read the heads' named blocks, which ship_ngram.py adds to the shipped
    # model only; a --dry folder (a leave-one-source-out fold, training/teach_fold.sh) never gets them, and the app
    # refuses a rule without its block, so such a folder goes without those two rules (calibrate.score applies them
    # from rules.py when the folds are scored).
    text_rules = not dry
    config["unsure"] = {"min_probability": cal["min_probability"],
                        "rule": "sure when the calibrated top-1 probability >= min_probability[head] (fitted on the dev "
                                "splits to 93 % accuracy, never below 0.85); never sure for the heads of a script rule when "
                                "half or more of the item's words are in that script (unsure.scripts); sure only when the text "
                                "names something of the head's kind (unsure.evidence: a colour word for baseColour)" + CONVENTION_RULE
                                + (TEXT_NAMED_RULE + TEXT_CONTRADICTION_RULE if text_rules else ""),
                        "scripts": SCRIPT_RULES, "evidence": EVIDENCE_RULES, "conventions": CONVENTION_RULES,
                        **({"text_named": TEXT_NAMED_RULES, "text_contradiction": TEXT_CONTRADICTION_RULES} if text_rules else {})}
    # In-domain and dev figures of the shipped model, calibrated.
    meta, arrays = load_run(run)
    in_domain = {}
    for key, rows in meta["sets"].items():
        in_domain[key] = score(rows, {h: arrays[f"{key}|{h}"] for h in HEADS}, arrays[f"{key}|embedding"], meta["maps"], cal,
                               heads=HEADS)
    os.makedirs(os.path.join(SHIP, "onnx"), exist_ok=True)
    with open(os.path.join(SHIP, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(os.path.join(run, name), os.path.join(SHIP, name))
    for g in graphs[1:]:
        shutil.copyfile(os.path.join(onnx_dir, g), os.path.join(SHIP, "onnx", g))
    for name in os.listdir(os.path.join(run, "golden")):
        shutil.copyfile(os.path.join(run, "golden", name), os.path.join(GOLDEN, name))
    metrics = {"onnx_myntra_heldout": onnx_m, "file_bytes": sizes, "calibration": {k: v for k, v in cal.items() if k != "ood"},
               "ood_max_distance": cal["ood"]["max_distance"], "evaluation_sets": in_domain, "timings": meta.get("timings"),
               "parameters": meta.get("parameters"), "limits": {"max_bytes": MAX_BYTES, "max_drop_points": MAX_DROP_POINTS},
               "limit_failures": failures}
    with open(metrics_path, "w") as f:
        json.dump(metrics, f, indent=1)
    for g in graphs:
        print(f"{g}: {sizes[g]:,} bytes; " + ", ".join(f"{h} {100 * onnx_m[g]['heads'][h]['accuracy']:.2f}" for h in HEADS))
    if failures:
        print("LIMITS NOT MET: " + "; ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
