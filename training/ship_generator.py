"""Ships the design-brief generator (train_generator.py) beside the classifier: copies its int8
graphs into public/models/trendloom-classifier/onnx/, adds the `generator` block to that folder's
config.json (run after finalize_multi.py, which rewrites config.json) and its golden next-token ids
to test/fixtures/classifier/generator-golden.json. Checks the size limit (finalize_multi.MAX_BYTES a graph, as the classifier's).

usage: python3 ship_generator.py <generator run dir>"""
import json
import os
import shutil
import sys

# The classifier's shipping folder, golden-file folder and graph size limit (one definition).
from finalize_multi import GOLDEN as GOLDEN_DIR, MAX_BYTES, SHIP  # noqa: E402

GOLDEN = os.path.join(GOLDEN_DIR, "generator-golden.json")


def main():
    run = sys.argv[1]
    with open(os.path.join(run, "generator.json"), encoding="utf-8") as f:
        info = json.load(f)
    graphs = ["generator_quantized.onnx", "generator_quantized_webgpu.onnx"]
    for g in graphs:
        size = os.path.getsize(os.path.join(run, g))
        if size > MAX_BYTES:
            sys.exit(f"{g} is {size:,} bytes (> {MAX_BYTES:,})")
        shutil.copyfile(os.path.join(run, g), os.path.join(SHIP, "onnx", g))
    path = os.path.join(SHIP, "config.json")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    config["generator"] = {
        "model_file": "onnx/generator_quantized.onnx",
        "model_file_webgpu": "onnx/generator_quantized_webgpu.onnx",
        "max_length": info["architecture"]["max_length"],
        **({"brief_marker": " Details:"} if info.get("brief_rows") else {}),
        "note": (f"tag-conditioned Llama language model (training/train_generator.py): {info['parameters']:,} parameters, "
                 f"{info['steps']} steps of {info['batch']} rows: Myntra training names after their tag prompt, loss on the name only"
                 + (f"; {info['brief_rows']:,} Myntra-style names with their one-line brief after ' Details:' "
                    f"(training/data/myntra_briefs.csv, {round(100 * info['brief_share'])} % of rows, loss on the brief only; "
                    f"held-out brief loss {info.get('brief_dev_loss')})" if info.get('brief_rows') else "")
                 + f"; held-out name loss {info['dev_loss']}; shares the classifier's tokenizer; output next_token_logits"),
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)
    with open(GOLDEN, "w", encoding="utf-8") as f:
        json.dump({"source": "training/train_generator.py (PyTorch fp32 next-token logits)", "cases": info["golden"]}, f, ensure_ascii=False, indent=1)
    print(f"shipped the generator: {', '.join(f'{g} {os.path.getsize(os.path.join(run, g)):,} bytes' for g in graphs)}")


if __name__ == "__main__":
    main()
