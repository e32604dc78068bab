"""Ships the n-gram head (ngram_head.py) beside the classifier, after finalize_multi.py.

  ship_ngram.py <shipped run dir> [--dry]
  ship_ngram.py <fold run dir> --fold <out dir>

With --fold (a leave-one-source-out run of teach_fold.sh, after finalize_multi.py --dry): the same steps without the
fold's held-out source — the n-gram head trained on the other sources, everything chosen on their dev splits — on
the fold's own model folder (<run>/ship: its graph, tokenizer and OOD centroids), written as a complete app model
folder to <out dir>, so that the app's own pipeline (trendloom classify, bench/transferModel.ts) can be measured on a
shop the model never saw; nothing of the shipped model is touched and no limit is enforced.

1. Trains the n-gram head on every source's training rows (the shipped recipe's label mask).
2. Quantises it: int8 weights with one scale per n-gram (max |w| / 127); everything below uses the
   dequantised weights, as the app does.
3. Chooses each head's mix weight, the named-colour, named-type and named-gender bonuses (hybrid.with_named_bonuses) and fits the
   calibration (temperatures, sure thresholds, the named sure thresholds) of the mix on the dev splits only (hybrid.py, calibrate.py); the int8 mix must stay within 0.5 points of the
   float mix on Myntra's held-out split for every head.
4. Writes ngram_head.json / ngram_head.bin and config.json's `ngram_head`, `named_colours`, `named_types`, `named_genders`, `calibration`
   and `unsure.min_probability` into public/models/trendloom-classifier/, parity cases into
   test/fixtures/classifier/ngram-cases.json and its figures into training/metrics.json."""
import json
import os
import shutil
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from calibrate import fit_arrays, load_run, score, score_arrays  # noqa: E402
from finalize_multi import GOLDEN, MAX_BYTES, MAX_DROP_POINTS, SHIP  # noqa: E402
from hybrid import (FORMS, choose_mix, fit_ngram_fold, mix_factors, mixed_arrays, named_label_masks, named_sure_thresholds, ngram_arrays,  # noqa: E402
                    short_name_masks, type_parents, with_named_bonuses)
from rules import (NAME_LABELLED_SOURCES, NAMED_MAX_NAME_CHARS, TEXT_CONTRADICTION_RULE, TEXT_CONTRADICTION_RULES, TEXT_NAMED_RULE, TEXT_NAMED_RULES, named_colours_block,  # noqa: E402
                   named_genders_block, named_types_block, with_named_sure_rule)
from ngram_head import features, ngram_logits  # noqa: E402
from taxonomy import HEADS  # noqa: E402

MAX_FEATURES = 40000
EPOCHS = 5
# Strings for the TypeScript parity test beside the evaluation texts: odd spacing, punctuation,
# digits, Chinese, mixed scripts, accents, emoji, underscores and apostrophes.
EXTRA_CASES = ["", "   ", "Item: Women's  T-Shirt_Top (2-pack) 100% cotton", "Item: 红色连衣裙 Details: 真丝 修身", "Item: Émile Crêpe Blouse — ÉTÉ",
               "Item: 👗 dress 👠 heels ✨", "Item: İstanbul Straße ΣΟΦΙΑ", "Item: shoe_size_42 x2 3/4 sleeve", "Item: 男士 polo衫 白色", "Item: ４２ｃｍ ＢＡＧ"]


def quantise(weight):
    """Per-row int8 weights and scales (max |w| / 127; rows of zeros get scale 0)."""
    peak = np.abs(weight).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 0.0).astype(np.float32)
    q = np.where(scale[:, None] > 0, np.round(weight / np.where(scale > 0, scale, 1)[:, None]), 0).clip(-127, 127).astype(np.int8)
    return q, scale


def myntra_accuracy(meta, arrays, cal):
    rows = meta["sets"]["holdout:myntra"] if "holdout:myntra" in meta["sets"] else meta["sets"]["dev:myntra"]
    key = "holdout:myntra" if "holdout:myntra" in meta["sets"] else "dev:myntra"
    res = score(rows, {h: arrays[f"{key}|{h}"] for h in HEADS}, arrays[f"{key}|embedding"], meta["maps"], cal, heads=HEADS)
    return {h: r["calibrated"]["accuracy"] for h, r in res.items()}


def main():
    run = sys.argv[1]
    fold_out = sys.argv[sys.argv.index("--fold") + 1] if "--fold" in sys.argv else None
    ship, golden, metrics_path = SHIP, GOLDEN, os.path.join(HERE, "metrics.json")
    base_config = os.path.join(SHIP, "config.json")
    if "--dry" in sys.argv:
        ship, golden, metrics_path = os.path.join(run, "ship"), os.path.join(run, "ship", "golden"), os.path.join(run, "metrics.json")
    if fold_out:
        # The fold's own model folder (finalize_multi.py --dry) is the base: its graph, tokenizer and OOD centroids.
        base_config = os.path.join(run, "ship", "config.json")
        shutil.copytree(os.path.join(run, "ship"), fold_out, dirs_exist_ok=True)
        ship, golden, metrics_path = fold_out, os.path.join(fold_out, "golden"), os.path.join(fold_out, "metrics.json")
        shutil.copyfile(os.path.join(run, "metrics.json"), metrics_path)
    if ship != SHIP:
        os.makedirs(golden, exist_ok=True)
    meta, arrays = load_run(run)
    llama = {k: arrays[k] for k in arrays.files}
    vocab, weight, bias, maps = fit_ngram_fold(meta["holdout"] if fold_out else "", MAX_FEATURES, EPOCHS, name_views=False)
    assert maps == meta["maps"], "label maps differ from the shipped model's"
    q, scale = quantise(weight)
    dequantised = q.astype(np.float32) * scale[:, None]

    mixes, figures = {}, {}
    masks = named_label_masks(meta)
    for name, w in (("float", weight), ("int8", dequantised)):
        ngram = ngram_arrays(meta, llama, vocab, w, bias)
        mix = choose_mix(meta, llama, ngram)
        chosen, mixed = with_named_bonuses(meta, mixed_arrays(meta, llama, ngram, mix), masks)
        cal = fit_arrays(meta, mixed)
        cal["named_max_name_chars"] = NAMED_MAX_NAME_CHARS
        cal["named_min_probability"], cal["named_several_min_probability"] = named_sure_thresholds(meta, mixed, cal, short_name_masks(meta, chosen["masks"]))
        mixes[name] = (mix, mixed, cal, chosen)
        figures[name] = myntra_accuracy(meta, mixed, cal)
    mix, mixed, cal, chosen = mixes["int8"]
    (bonus, bonus_nll), (type_bonus, type_bonus_nll), (gender_bonus, gender_bonus_nll) = chosen["colour"], chosen["type"], chosen["gender"]
    failures = [f"{h}: int8 {100 * figures['int8'][h]:.2f} vs float {100 * figures['float'][h]:.2f}"
                for h in HEADS if h in figures["float"] and abs(figures["float"][h] - figures["int8"][h]) * 100 > MAX_DROP_POINTS]
    if q.nbytes > MAX_BYTES:
        failures.append(f"ngram_head.bin is {q.nbytes:,} bytes (> {MAX_BYTES:,})")

    with open(base_config, encoding="utf-8") as f:
        config = json.load(f)
    config["ngram_head"] = {
        "file": "ngram_head.json", "weights_file": "ngram_head.bin",
        "mix": {h: {f: dict(zip(("llama", "ngram"), (round(v, 6) for v in mix_factors(m, f)))) for f in FORMS} for h, m in mix.items()},
        "note": "logits = llama x Llama head + ngram x n-gram head (TF-IDF word 1-2-grams, linear, int8), then / calibration.temperature; "
                "one mix for names alone, one for texts with a description; each chosen on the dev splits only (training/ship_ngram.py, hybrid.py)"}
    config["calibration"] = {"temperature": cal["temperature"],
                             "fitted_on": "dev splits of every training source, each source weighted equally, on the Llama + n-gram mix "
                                          "(training/ship_ngram.py): " + ", ".join(f"{s} {n}" for s, n in sorted(cal["dev_rows"].items()))}
    config["unsure"]["min_probability"] = cal["min_probability"]
    if "text_named" not in config["unsure"]:
        # The whole-text rules read the named blocks written below, so a base without them (a fold's finalize_multi.py --dry
        # folder) gets them here; the shipped base already has them from finalize_multi.py.
        config["unsure"]["rule"] += TEXT_NAMED_RULE + TEXT_CONTRADICTION_RULE
        config["unsure"].update(text_named=TEXT_NAMED_RULES, text_contradiction=TEXT_CONTRADICTION_RULES)
    config["unsure"] = with_named_sure_rule(config["unsure"], cal["named_min_probability"], cal["named_several_min_probability"])
    config["named_colours"] = named_colours_block(bonus)
    config["named_types"] = named_types_block(type_bonus, {h: (b, type_parents(h)) for h, (b, _) in chosen["parents"].items()})
    config["named_genders"] = named_genders_block(gender_bonus)
    os.makedirs(ship, exist_ok=True)
    with open(os.path.join(ship, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)
    with open(os.path.join(ship, "ngram_head.json"), "w", encoding="utf-8") as f:
        json.dump({"terms": vocab.terms, "idf": [round(float(v), 6) for v in vocab.idf], "scales": [float(s) for s in scale],
                   "heads": [{"name": h, "size": len(maps[h])} for h in HEADS], "bias": [round(float(b), 6) for b in bias]},
                  f, ensure_ascii=False, separators=(",", ":"))
    q.tofile(os.path.join(ship, "ngram_head.bin"))

    # Parity cases: features for every case, logits (dequantised weights, rounded idf) for the first 200.
    from ngram_head import NgramVocab
    shipped_vocab = NgramVocab(vocab.terms, [round(float(v), 6) for v in vocab.idf])
    texts = EXTRA_CASES + [r["text"] for key in sorted(meta["sets"]) for r in meta["sets"][key][:150]]
    logits = ngram_logits(shipped_vocab, dequantised, np.round(bias, 6), texts[:200])
    with open(os.path.join(golden, "ngram-cases.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": [{"text": t, "features": features(t)} for t in texts],
                   "logits": [{"text": t, "logits": [round(float(v), 5) for v in row]} for t, row in zip(texts[:200], logits)]},
                  f, ensure_ascii=False)

    with open(metrics_path) as f:
        metrics = json.load(f)
    metrics["calibration"] = {k: v for k, v in cal.items() if k != "ood"}
    metrics["evaluation_sets"] = score_arrays(meta, mixed, cal, chosen["masks"])["sets"]
    metrics["ngram_head"] = {"vocabulary": len(vocab.terms), "bytes": int(q.nbytes), "epochs": EPOCHS, "mix": mix,
                             "myntra_heldout_accuracy": figures, "limit_failures": failures}
    metrics["named_colours"] = {"bonus": bonus, "dev_nll_by_bonus": bonus_nll}
    metrics["named_types"] = {"bonus": type_bonus, "dev_nll_by_bonus": type_bonus_nll, "not_chosen_on": list(NAME_LABELLED_SOURCES),
                              "parents": {h: {"bonus": b, "dev_nll_by_bonus": nll} for h, (b, nll) in chosen["parents"].items()}}
    metrics["named_genders"] = {"bonus": gender_bonus, "dev_nll_by_bonus": gender_bonus_nll, "not_chosen_on": list(NAME_LABELLED_SOURCES)}
    with open(metrics_path, "w") as f:
        json.dump(metrics, f, indent=1)
    print(f"ngram_head.bin {q.nbytes:,} bytes, {len(vocab.terms):,} n-grams; mix weights "
          + ", ".join(f"{h} {m['weight']}" for h, m in mix.items()) + f"; named-colour bonus {bonus}, named-type bonus {type_bonus}, named-gender bonus {gender_bonus}")
    print("Myntra held-out, mix, float -> int8: " + ", ".join(f"{h} {100 * figures['float'][h]:.2f} -> {100 * figures['int8'][h]:.2f}" for h in figures["int8"]))
    if failures and not fold_out:
        print("LIMITS NOT MET: " + "; ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
