"""Would one "unseen shop" temperature factor calibrate the model on shops it never saw?

For every leave-one-source-out fold (training/out/loso/<fold>/heads-caps) and head, the fold's
dev-fitted temperature T is multiplied by a factor m fitted on the OTHER folds' held-out sources only
(m minimising their mean set-NLL, each held-out set weighing the same), then the fold's own held-out
ECE is measured at T and at T·m. Two variants: one m shared by all heads, one m per head.
Measured on 6 Dec 2026 and not shipped (docs/BENCHMARKS.md): the shops' miscalibration goes both ways.

usage: /usr/bin/python3 training/shift_temperature.py"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from calibrate import SCORED_HEADS, load_run, scored_sets, set_metrics, set_nll  # noqa: E402

FOLDS = ["adidas_us+zara_us2", "amazon_implicitave2", "flipkart2", "womens_ecommerce_reviews2", "myntra"]
FACTORS = np.exp(np.linspace(np.log(0.8), np.log(4.0), 41))


def held_out_sets():
    """(fold, set key, head) -> logits, allowed sets and the fold's dev-fitted temperature."""
    out = {}
    for fold in FOLDS:
        run = os.path.join(HERE, "out", "loso", fold, "heads-caps")
        meta, arrays = load_run(run)
        with open(os.path.join(run, "calibration.json")) as f:
            cal = json.load(f)
        for key, rows in meta["sets"].items():
            if not key.startswith("holdout:"):
                continue
            for h in SCORED_HEADS:
                scored = scored_sets(rows, h, meta["maps"])
                if scored is None:
                    continue
                keep, st = scored
                out[(fold, key, h)] = (arrays[f"{key}|{h}"][keep], st, cal["temperature"][h])
    return out


def held_out_ece(logits, sets, t):
    return set_metrics(logits, sets, t)[2]["ece"]


def main():
    data = held_out_sets()
    nll = {k: [set_nll(lg, st, np.ones(len(st)), t * m) for m in FACTORS] for k, (lg, st, t) in data.items()}
    for variant in ("shared", "per head"):
        before, after = [], []
        print(f"== one factor {variant}, fitted on the other folds' held-out sources")
        for (fold, key, h), (lg, st, t) in data.items():
            others = [k for k in data if k[0] != fold and (variant == "shared" or k[2] == h)]
            m = FACTORS[int(np.argmin(np.mean([nll[k] for k in others], axis=0)))]
            e0, e1 = held_out_ece(lg, st, t), held_out_ece(lg, st, t * m)
            before.append(e0)
            after.append(e1)
            print(f"  {key:36s} {h:15s} m={m:.2f}  ECE {e0:.3f} -> {e1:.3f}")
        before, after = np.array(before), np.array(after)
        print(f"  mean ECE {before.mean():.3f} -> {after.mean():.3f}; sets with ECE <= 0.08: {(before <= 0.08).sum()} -> {(after <= 0.08).sum()} of {len(before)}")


if __name__ == "__main__":
    main()
