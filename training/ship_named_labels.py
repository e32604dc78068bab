"""Fits the shipped classifier's named-type and named-gender bonuses from the app pipeline's own logits on the dev splits.

  npx tsx training/app_dev_logits.ts public/models/trendloom-classifier <logits.json> <eval_meta.json>…
  python3 training/ship_named_labels.py <logits.json>

ship_ngram.py chooses the bonuses on the shipped run's evaluation arrays (bash training/reproduce.sh does
that). This is the same choice — hybrid.choose_name_bonus on the dev splits without
rules.NAME_LABELLED_SOURCES for the article type, then for each rules.TYPE_PARENT_HEADS head on the named
types' parents, then for the gender, each head's temperature and sure threshold refitted (calibrate.fit_head) —
on the logits the app itself computes (the int8 graph with the n-gram mix and the named-colour bonus;
app_dev_logits.ts), for a shipped model whose run directory is not at hand; then the named sure thresholds
(hybrid.named_sure_thresholds; the colour head's too when the dump has it: --heads …,baseColour). Writes
config.json's `named_types` and `named_genders`, those heads' `calibration.temperature` and
`unsure.min_probability`, `unsure.named_min_probability`, and the figures into training/metrics.json."""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from calibrate import dev_head, fit_head  # noqa: E402
from hybrid import choose_name_bonus, named_label_masks, named_sure_thresholds, type_parents, with_name_bonus  # noqa: E402
from rules import (NAME_LABELLED_SOURCES, NAMED_COLOUR_HEAD, NAMED_GENDER_HEAD, NAMED_TYPE_HEAD, TYPE_PARENT_HEADS, named_genders_block,  # noqa: E402
                   named_types_block, with_named_sure_rule)

SHIP = os.path.join(os.path.dirname(HERE), "public", "models", "trendloom-classifier")


def fit_bonus(meta, arrays, head, masks):
    """The head's bonus (chosen without NAME_LABELLED_SOURCES) and its calibration before and after it."""
    bonus, nll = choose_name_bonus(meta, arrays, head, masks, NAME_LABELLED_SOURCES)
    before = fit_head(*dev_head(meta, arrays, head)[:3])
    after = fit_head(*dev_head(meta, with_name_bonus(meta, arrays, head, bonus, masks), head)[:3])
    return bonus, nll, before, after


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        dump = json.load(f)
    heads = [NAMED_TYPE_HEAD, *TYPE_PARENT_HEADS, NAMED_GENDER_HEAD]
    assert all(h in dump["heads"] for h in heads), f"the dump needs the heads {heads}"
    meta = {"maps": {h: dump["labels"][h] for h in dump["heads"]}, "sets": {k: v["rows"] for k, v in dump["sets"].items()}}
    arrays = {f"{k}|{h}": np.array(v["logits"][h], dtype=np.float32) for k, v in dump["sets"].items() for h in dump["heads"]}
    # The colour head's masks (its bonus is in the dumped logits already) only for the named sure thresholds,
    # when the dump has that head.
    masks = named_label_masks(meta, colours=NAMED_COLOUR_HEAD in dump["heads"])
    fits = {h: fit_bonus(meta, arrays, h, m) for h, m in masks.items() if h != NAMED_COLOUR_HEAD}
    lifted = arrays
    for h, (bonus, *_) in fits.items():
        lifted = with_name_bonus(meta, lifted, h, bonus, masks[h])
    path = os.path.join(SHIP, "config.json")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    config["named_types"] = named_types_block(fits[NAMED_TYPE_HEAD][0], {h: (fits[h][0], type_parents(h)) for h in TYPE_PARENT_HEADS})
    config["named_genders"] = named_genders_block(fits[NAMED_GENDER_HEAD][0])
    for h, (_, _, _, after) in fits.items():
        config["calibration"]["temperature"][h] = round(after[0], 4)
        config["unsure"]["min_probability"][h] = round(after[1], 4)
    # The named sure thresholds, at the heads' calibration as now written.
    calibration = {k: config[b][k] for b, k in (("calibration", "temperature"), ("unsure", "min_probability"))}
    named_min, named_several = named_sure_thresholds(meta, lifted, calibration, masks)
    config["unsure"] = with_named_sure_rule(config["unsure"], named_min, named_several)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)

    metrics_path = os.path.join(HERE, "metrics.json")
    with open(metrics_path) as f:
        metrics = json.load(f)
    figures = {h: {"bonus": b, "dev_nll_by_bonus": nll, "before": {"temperature": bf[0], "min_probability": bf[1], **bf[2]},
                   "after": {"temperature": af[0], "min_probability": af[1], **af[2]}} for h, (b, nll, bf, af) in fits.items()}
    fitted_on = "the app pipeline's logits on the dev splits (training/app_dev_logits.ts, training/ship_named_labels.py)"
    metrics["named_types"] = {"bonus": fits[NAMED_TYPE_HEAD][0], "not_chosen_on": list(NAME_LABELLED_SOURCES), "fitted_on": fitted_on,
                              "heads": {h: f for h, f in figures.items() if h != NAMED_GENDER_HEAD}}
    metrics["named_min_probability"] = {"thresholds": named_min, "several": named_several, "fitted_on": fitted_on}
    metrics["named_genders"] = {"bonus": fits[NAMED_GENDER_HEAD][0], "not_chosen_on": list(NAME_LABELLED_SOURCES), "fitted_on": fitted_on,
                                "heads": {NAMED_GENDER_HEAD: figures[NAMED_GENDER_HEAD]}}
    with open(metrics_path, "w") as f:
        json.dump(metrics, f, indent=1)
    for h, (b, nll, bf, af) in fits.items():
        print(f"{h}: bonus {b} (dev NLL {nll.get('0.0')} -> {nll.get(f'{b:.1f}')}); temperature {bf[0]:.4f} -> {af[0]:.4f}, "
              f"sure threshold {bf[1]:.4f} -> {af[1]:.4f}; dev ECE {bf[2]['ece']:.3f} -> {af[2]['ece']:.3f}, "
              f"sure {bf[2]['sure_coverage']:.3f} @ {bf[2]['sure_accuracy']:.4f} -> {af[2]['sure_coverage']:.3f} @ {af[2]['sure_accuracy']:.4f}")
    print(f"named sure thresholds: {named_min}")


if __name__ == "__main__":
    main()
