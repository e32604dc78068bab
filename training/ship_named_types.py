"""Fits the shipped classifier's named-type bonus from the app pipeline's own logits on the dev splits.

  npx tsx training/app_dev_logits.ts public/models/trendloom-classifier <logits.json> <eval_meta.json>…
  python3 training/ship_named_types.py <logits.json>

ship_ngram.py chooses the bonus on the shipped run's evaluation arrays (bash training/reproduce.sh does that).
This is the same choice — hybrid.choose_name_bonus on the dev splits without rules.NAME_LABELLED_SOURCES,
then the article-type head's temperature and sure threshold refitted (calibrate.fit_head) — on the logits the
app itself computes (the int8 graph with the n-gram mix and the named-colour bonus; app_dev_logits.ts), for a
shipped model whose run directory is not at hand. Writes config.json's `named_types`, the head's
`calibration.temperature` and `unsure.min_probability`, and the figures into training/metrics.json."""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from calibrate import dev_head, fit_head  # noqa: E402
from hybrid import choose_name_bonus, named_type_masks, with_name_bonus  # noqa: E402
from rules import NAME_LABELLED_SOURCES, NAMED_TYPE_HEAD, named_types_block  # noqa: E402

SHIP = os.path.join(os.path.dirname(HERE), "public", "models", "trendloom-classifier")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        dump = json.load(f)
    assert dump["head"] == NAMED_TYPE_HEAD
    meta = {"maps": {NAMED_TYPE_HEAD: dump["labels"]}, "sets": {k: v["rows"] for k, v in dump["sets"].items()}}
    arrays = {f"{k}|{NAMED_TYPE_HEAD}": np.array(v["logits"], dtype=np.float32) for k, v in dump["sets"].items()}
    masks = named_type_masks(meta)
    bonus, nll = choose_name_bonus(meta, arrays, NAMED_TYPE_HEAD, masks, NAME_LABELLED_SOURCES)
    before = fit_head(*dev_head(meta, arrays, NAMED_TYPE_HEAD)[:3])
    after = fit_head(*dev_head(meta, with_name_bonus(meta, arrays, NAMED_TYPE_HEAD, bonus, masks), NAMED_TYPE_HEAD)[:3])

    path = os.path.join(SHIP, "config.json")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    config["named_types"] = named_types_block(bonus)
    config["calibration"]["temperature"][NAMED_TYPE_HEAD] = round(after[0], 4)
    config["unsure"]["min_probability"][NAMED_TYPE_HEAD] = round(after[1], 4)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)

    metrics_path = os.path.join(HERE, "metrics.json")
    with open(metrics_path) as f:
        metrics = json.load(f)
    metrics["named_types"] = {"bonus": bonus, "dev_nll_by_bonus": nll, "not_chosen_on": list(NAME_LABELLED_SOURCES),
                              "fitted_on": "the app pipeline's logits on the dev splits (training/app_dev_logits.ts, training/ship_named_types.py)",
                              "articleType_before": {"temperature": before[0], "min_probability": before[1], **before[2]},
                              "articleType_after": {"temperature": after[0], "min_probability": after[1], **after[2]}}
    with open(metrics_path, "w") as f:
        json.dump(metrics, f, indent=1)
    print(f"named-type bonus {bonus} (dev NLL {nll}); articleType temperature {before[0]:.4f} -> {after[0]:.4f}, "
          f"sure threshold {before[1]:.4f} -> {after[1]:.4f}; dev figures before {before[2]}, after {after[2]}")


if __name__ == "__main__":
    main()
