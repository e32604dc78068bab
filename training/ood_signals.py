"""Which per-item signal tells a wrong label, or an unseen shop, apart? Measured on the
leave-one-source-out folds (training/out/loso/<fold>/heads, written by transfer.sh), each fold's
held-out source being text the model never trained on.

For each fold, head and held-out set: the AUROC with which a signal ranks wrong labels above right
ones, for the top-1 probability (what the shipped "sure" rule uses), the energy score (log-sum-exp of
the logits), the entropy, the top-2 margin and the trunk's own language-model loss per token (the LM
head trained in pre-training, read over the item's text). Then the AUROC with which the LM loss tells
the held-out source's items from the training sources' dev items (is the text "unlike anything
trained on"?).

usage: python3 training/ood_signals.py [fold …] [--rows N] [--out training/out/ood_signals.json]
(the run quoted in the model card is kept as training/ood_signals.json)
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from calibrate import auroc, load_run, scored_sets, softmax  # noqa: E402
from model import TrendloomLlama  # noqa: E402
from text import pad_batch  # noqa: E402
from train_multi import encode  # noqa: E402

FOLDS = ["womens_ecommerce_reviews", "amazon_implicitave", "flipkart_ecommerce_sample", "adidas_us+zara_us", "myntra"]
HEADS = ["articleType", "masterCategory", "gender"]


def lm_loss_per_item(model, sp, texts, max_length=128, batch=64):
    """Mean next-token cross-entropy of each text under the trunk's LM head."""
    seqs = [encode(sp, t, max_length) for t in texts]
    out = np.zeros(len(seqs))
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
    with torch.no_grad():
        for s in range(0, len(order), batch):
            idx = order[s: s + batch]
            ids, mask = pad_batch([seqs[i] for i in idx])
            logits = model.lm_logits(model.hidden_states(ids, mask)[:, :-1])
            target = ids[:, 1:].masked_fill(mask[:, 1:] == 0, -100)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=-100,
                                   reduction="none").view(target.shape)
            out[idx] = (loss.sum(1) / (target != -100).sum(1).clamp(min=1)).numpy()
    return out


def main():
    args = sys.argv[1:]
    rows_cap = int(args[args.index("--rows") + 1]) if "--rows" in args else 1500
    out_path = args[args.index("--out") + 1] if "--out" in args else os.path.join(HERE, "out", "ood_signals.json")
    folds = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] not in ("--rows", "--out"))] or FOLDS
    torch.set_num_threads(1)
    import sentencepiece as spm
    report = []
    for fold in folds:
        run = os.path.join(HERE, "out", "loso", fold, "heads")
        if not os.path.exists(os.path.join(run, "checkpoint.pt")):
            print(f"fold {fold}: no model in {run}; skipped")
            continue
        ck = torch.load(os.path.join(run, "checkpoint.pt"))
        head_sizes = {k.split(".")[1]: v.shape[0] for k, v in ck["state"].items() if k.startswith("heads.") and k.endswith(".weight")}
        model = TrendloomLlama(**ck["arch"], head_sizes=head_sizes)
        model.load_state_dict(ck["state"])
        model.eval()
        sp = spm.SentencePieceProcessor(model_file=os.path.join(run, "spm.model"))
        meta, arrays = load_run(run)
        lm = {}
        for key, rows in meta["sets"].items():
            rows = rows[:rows_cap]
            lm[key] = lm_loss_per_item(model, sp, [r["text"] for r in rows])
            if key.startswith("dev:"):
                continue
            for h in HEADS:
                scored = scored_sets(rows, h, meta["maps"])
                if scored is None:
                    continue
                keep, st = scored
                lg = arrays[f"{key}|{h}"][:rows_cap][keep].astype(np.float64)
                p = softmax(lg)
                wrong = 1 - np.array([pr in s for pr, s in zip(p.argmax(1), st)], dtype=float)
                top = lg.max(1, keepdims=True)
                energy = top[:, 0] + np.log(np.exp(lg - top).sum(1))
                entropy = -(p * np.log(p + 1e-12)).sum(1)
                two = np.sort(p, 1)
                row = {"fold": fold, "set": key, "head": h, "n": int(keep.sum()), "wrong_share": float(wrong.mean()),
                       "auroc_wrong": {"top1_probability": auroc(-p.max(1), wrong), "energy": auroc(-energy, wrong),
                                       "entropy": auroc(entropy, wrong), "margin": auroc(-(two[:, -1] - two[:, -2]), wrong),
                                       "lm_loss": auroc(lm[key][keep], wrong)}}
                report.append(row)
                print(f"{fold[:22]:22s} {key[:30]:30s} {h:14s} n={row['n']:5d} wrong {row['wrong_share']:.2f} AUROC(wrong): "
                      + " ".join(f"{k} {v:.3f}" for k, v in row["auroc_wrong"].items()), flush=True)
        dev = np.concatenate([v for k, v in lm.items() if k.startswith("dev:")])
        for key, v in lm.items():
            if key.startswith("dev:"):
                continue
            score = auroc(np.concatenate([dev, v]), np.concatenate([np.zeros(len(dev)), np.ones(len(v))]))
            report.append({"fold": fold, "set": key, "lm_loss_auroc_unseen_vs_dev": score,
                           "lm_loss_mean": float(v.mean()), "dev_lm_loss_mean": float(dev.mean())})
            print(f"{fold[:22]:22s} {key[:30]:30s} LM loss tells it from the dev items: AUROC {score:.3f} "
                  f"(mean loss {v.mean():.2f} vs dev {dev.mean():.2f})", flush=True)
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
