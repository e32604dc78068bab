"""Reliability diagrams (one picture per head) for the model card: confidence vs accuracy in ten
bins, in domain (the shipped model on the dev / held-out splits of the sources it trained on) and
out of domain (each leave-one-source-out model on the source it never saw, pooled), calibrated.

usage: python3 reliability.py <training/metrics.json> <transfer JSON (calibrate.py or hybrid.py)> <out dir>"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HEADS = ["articleType", "masterCategory", "baseColour", "gender", "usage"]


def pooled(entries):
    """Sums ten-bin reliability tables (n-weighted confidence and accuracy)."""
    bins = [{"n": 0, "conf": 0.0, "acc": 0.0} for _ in range(10)]
    for table in entries:
        for b, e in zip(bins, table):
            if e["n"]:
                b["n"] += e["n"]
                b["conf"] += e["n"] * e["confidence"]
                b["acc"] += e["n"] * e["accuracy"]
    return [(b["conf"] / b["n"], b["acc"] / b["n"], b["n"]) for b in bins if b["n"]]


def main():
    metrics_path, transfer_path, out_dir = sys.argv[1:4]
    with open(metrics_path) as f:
        metrics = json.load(f)
    with open(transfer_path) as f:
        transfer = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    for h in HEADS:
        inside = [heads[h]["calibrated"]["reliability"] for key, heads in metrics["evaluation_sets"].items()
                  if key.startswith("dev:") and h in heads]
        # Each fold as shipped: the Llama + n-gram mix when hybrid.py scored it, else the Llama heads.
        outside = [(fold.get("hybrid") or fold["model"])[key][h]["calibrated"]["reliability"] for fold in transfer
                   for key in (fold.get("hybrid") or fold["model"]) if key.startswith("holdout:") and h in (fold.get("hybrid") or fold["model"])[key]]
        fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), sharey=True)
        for ax, entries, title in ((axes[0], inside, "in domain (dev splits)"), (axes[1], outside, "unseen shops (leave-one-source-out)")):
            pts = pooled(entries)
            ax.plot([0, 1], [0, 1], color="#999", lw=1, ls="--")
            if pts:
                conf, acc, n = zip(*pts)
                ax.plot(conf, acc, marker="o", color="#0b6e4f")
                for c, a, k in pts:
                    ax.annotate(str(k), (c, a), textcoords="offset points", xytext=(3, -10), fontsize=7, color="#555")
            ax.set_title(title, fontsize=9)
            ax.set_xlabel("stated confidence (calibrated)")
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1)
        axes[0].set_ylabel("accuracy")
        fig.suptitle(f"{h}: reliability (numbers: items per bin)", fontsize=10)
        fig.tight_layout()
        fig.savefig(os.path.join(out_dir, f"reliability-{h}.png"), dpi=90)
        plt.close(fig)
        print(f"wrote {os.path.join(out_dir, f'reliability-{h}.png')}")


if __name__ == "__main__":
    main()
