"""Markdown tables of the leave-one-source-out results (training/out/transfer.json, written by
calibrate.py transfer), for the model card and docs/BENCHMARKS.md, and a copy of the figures in
training/transfer.json (committed).

The model columns are the shipped form — the Llama heads mixed with the n-gram head — for folds
scored by hybrid.py (their "hybrid" scores), with the Llama heads alone beside them.

usage: python3 transfer_table.py --folds <calibrate.py transfer JSON>... [--previous <bench/transferModel.ts output>...]
(several files each: folds scored in separate runs; a later file's fold replaces an earlier one's)"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from rules import NAME_LABELLED_SOURCES, NAMED_TYPE_HEAD  # noqa: E402
GOALS = {"ece": 0.08, "sure_accuracy": 0.90, "sure_coverage": 0.50}


def pct(x):
    return "–" if x is None else f"{100 * x:.1f}"


def fold_steps(fold):
    """LM and multi-task steps of the fold's trunk, read from its training logs: <fold>/train.log
    (transfer.sh before 7 Dec 2026) or the stages' logs a.log and b.log (teach_fold.sh); a trunk
    trained on with train_multi.py --init-dir has each run's log in turn: their steps add up."""
    folder = fold.get("dir") or os.path.join(HERE, "out", "loso", fold["holdout"].replace(",", "+"))
    text = ""
    for name in ("train.log", "a.log", "b.log"):
        if os.path.exists(os.path.join(folder, name)):
            with open(os.path.join(folder, name)) as f:
                text += f.read()
    steps = {}
    if text:
        for phase in ("lm", "multitask"):
            runs = re.findall(rf"{phase} step 0/(\d+)", text)
            steps[phase] = sum(int(n) for n in runs) if runs else None
    return steps


def main():
    args = sys.argv[1:]
    split = args.index("--previous") if "--previous" in args else len(args)
    by_fold = {}
    for path in args[1:split]:
        with open(path) as f:
            for fold in json.load(f):
                by_fold[fold["holdout"]] = fold
    folds = list(by_fold.values())
    previous = {}
    for path in args[split + 1:]:
        with open(path) as f:
            for line in f:
                if line.startswith("{"):
                    for r in json.loads(line)["results"]:
                        previous[(r["set"], r["head"])] = r
    rows = ["| held-out source | head | items | model acc | TF-IDF+LR acc | model macro-F1 | TF-IDF+LR macro-F1 | model ECE (raw → calibrated) | TF-IDF+LR ECE | sure (probability): coverage @ accuracy | sure (probability + text rules, as the app): coverage @ accuracy | Llama heads alone: acc / ECE | Myntra-only model (before): acc / ECE |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    summary = []
    for fold in folds:
        steps = fold_steps(fold)
        for key in fold["baseline"]:
            for h, b in fold["baseline"][key].items():
                # "model" is the shipped form: the Llama heads mixed with the n-gram head (hybrid.py) when
                # the fold was scored that way, else the Llama heads alone.
                llama = fold["model"][key][h]["calibrated"]
                m = (fold.get("hybrid") or fold["model"])[key][h]
                c = m["calibrated"]
                beat = c["accuracy"] > b["accuracy"]
                prev = previous.get((key, h))
                # ‡: the set's article types are read from the same type words the named-type bonus reads.
                from_name = "type_bonus" in fold and h == NAMED_TYPE_HEAD and key.split(":", 1)[1] in NAME_LABELLED_SOURCES
                rows.append(f"| {key.split(':', 1)[1]}{' ‡' if from_name else ''} | {h} | {c['n']:,} | {pct(c['accuracy'])}{' ✓' if beat else ''} | {pct(b['accuracy'])} | "
                            f"{pct(c['macro_f1'])} | {pct(b['macro_f1'])} | {m['raw']['ece']:.3f} → {c['ece']:.3f} | {b['ece']:.3f} | "
                            f"{pct(c['sure_prob_coverage'])} % @ {pct(c['sure_prob_accuracy'])} % | "
                            f"{pct(c.get('sure_rules_coverage'))} % @ {pct(c.get('sure_rules_accuracy'))} % | "
                            f"{(pct(llama['accuracy']) + ' / ' + format(llama['ece'], '.3f')) if 'hybrid' in fold else '–'} | "
                            f"{(pct(prev['accuracy']) + ' / ' + format(prev['ece'], '.3f')) if prev else '–'} |")
                summary.append({"fold": fold["holdout"], "trunk_steps": steps, "labels_read_from_type_words": from_name, "model": "llama+ngram" if "hybrid" in fold else "llama",
                                "llama_accuracy": llama["accuracy"], "llama_ece": llama["ece"], "llama_macro_f1": llama["macro_f1"], "set": key, "head": h, "n": c["n"], "model_accuracy": c["accuracy"],
                                "baseline_accuracy": b["accuracy"], "model_macro_f1": c["macro_f1"], "baseline_macro_f1": b["macro_f1"],
                                "model_ece_raw": m["raw"]["ece"], "model_ece": c["ece"], "baseline_ece": b["ece"],
                                "sure_coverage": c["sure_prob_coverage"], "sure_accuracy": c["sure_prob_accuracy"],
                                "sure_rules_coverage": c.get("sure_rules_coverage"), "sure_rules_accuracy": c.get("sure_rules_accuracy"),
                                "sure_with_ood_coverage": c["sure_prob+ood_coverage"], "sure_with_ood_accuracy": c["sure_prob+ood_accuracy"],
                                "ood_auroc_wrong": c["ood_auroc_wrong"], "maxprob_auroc_wrong": c["maxprob_auroc_wrong"],
                                "previous_model_accuracy": prev["accuracy"] if prev else None, "previous_model_ece": prev["ece"] if prev else None})
    print("\n".join(rows))
    with open(os.path.join(HERE, "transfer.json"), "w") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
