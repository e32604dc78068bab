"""Label-shift adaptation measured on catalogues a model never saw (issue 12; measured, not shipped).

  label_shift.py [alpha] <fold run dir>...   e.g. training/out/teach/*/export  (bash training/teach_fold.sh <source>)

A user's catalogue has its own mix of classes (a dress shop has no cosmetics), so the model's class
priors could be re-estimated on the catalogue itself by EM (Saerens, Latinne & Decaestecker 2002):
q_i(y) ∝ p_i(y) · π_t(y) / π_s(y), π_t = (Σ_i q_i + alpha · π_s) / (n + alpha), where p is the calibrated
probability and π_s the model's mean calibrated prediction on its dev splits (sources weighted equally).
Prints, per fold, set and head, accuracy, ECE and sure share @ accuracy (calibrated probability ≥ the
fold's threshold) before -> after; the EM sees every item of a set, the scores count the labelled ones."""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from calibrate import SCORED_HEADS, ece, gather, load_run, scored_sets, softmax, source_weights  # noqa: E402


def adapt(p, prior_source, alpha=0.0, iterations=200, tolerance=1e-7):
    """EM re-estimate of the catalogue's class priors; returns the adapted probabilities and priors."""
    prior = prior_source.copy()
    for _ in range(iterations):
        q = p * (prior / prior_source)
        q /= q.sum(axis=1, keepdims=True)
        new = (q.sum(axis=0) + alpha * prior_source) / (len(p) + alpha)
        done = np.abs(new - prior).max() < tolerance
        prior = new
        if done:
            break
    q = p * (prior / prior_source)
    return q / q.sum(axis=1, keepdims=True), prior


def scores(p, sets, threshold):
    """Accuracy, ECE, sure share and sure accuracy of probabilities against allowed label sets."""
    pred, conf = p.argmax(1), p.max(1)
    right = np.array([a in s for a, s in zip(pred, sets)], dtype=float)
    sure = conf >= threshold
    return right.mean(), ece(conf, right), sure.mean(), right[sure].mean() if sure.any() else float("nan")


def main():
    args = sys.argv[1:]
    alpha = float(args.pop(0)) if args and not os.path.isdir(args[0]) else 0.0
    for run in args:
        meta, arrays = load_run(run)
        with open(os.path.join(run, "calibration.json")) as f:
            cal = json.load(f)
        dev_rows, dev_logits, _ = gather(meta, arrays, "dev:")
        w = source_weights(dev_rows)
        for h in SCORED_HEADS:
            dev = softmax(dev_logits[h], cal["temperature"][h])
            prior_source = np.maximum((dev * w[:, None]).sum(0) / w.sum(), 1e-8)
            for key, set_rows in meta["sets"].items():
                scored = scored_sets(set_rows, h, meta["maps"])
                if scored is None:
                    continue
                keep, sets = scored
                p = softmax(arrays[f"{key}|{h}"], cal["temperature"][h])
                q, _ = adapt(p, prior_source, alpha)
                b, a = scores(p[keep], sets, cal["min_probability"][h]), scores(q[keep], sets, cal["min_probability"][h])
                print(f"{meta['holdout'][:12]:12s} {key[:30]:30s} {h:14s} n={len(sets):5d} acc {b[0]:.3f}->{a[0]:.3f} "
                      f"ECE {b[1]:.3f}->{a[1]:.3f} sure {b[2]:.2f}@{b[3]:.3f}->{a[2]:.2f}@{a[3]:.3f}")


if __name__ == "__main__":
    main()
