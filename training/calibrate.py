"""Calibration, "unsure" and transfer scores for models written by train_multi.py.

  calibrate.py fit <run dir>            -> <run dir>/calibration.json (temperatures, thresholds, OOD
                                           centroids) fitted on the training sources' dev splits only
  calibrate.py transfer <fold run dir>... <out JSON>
                                        -> leave-one-source-out table: each fold's model on the source
                                           it never saw, beside TF-IDF + LR trained on the same rows

Scoring through the taxonomy: a prediction is right when it is in the item's allowed set
(taxonomy.py). Macro-F1 takes an item's true class to be the prediction when it is allowed, else
the allowed class that is most frequent in Myntra. ECE: 15 equal-width confidence bins."""
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from rules import blocked_heads, name_too_long, text_contradiction_heads, text_contradicts, text_labels, text_named_heads  # noqa: E402
from taxonomy import HEADS  # noqa: E402

TEMPERATURES = np.exp(np.linspace(math.log(0.5), math.log(6.0), 60))
TARGET_SURE_ACCURACY = 0.93  # fitted on dev data, leaving room for the drop on unseen shops
# Never sure below this calibrated probability: on dev splits a head such as masterCategory is right
# so often that any threshold reaches the target, yet on an unseen shop (reviews, fold 1) items
# at 0.3-0.8 were right only ~70 % of the time; above 0.85 every head scored there was >= 91 %.
MIN_SURE_PROBABILITY = 0.85
N_CENTROIDS = 64
# Heads scored on other shops: the type head through each source's mapping, and these when labelled.
SCORED_HEADS = ["articleType", "masterCategory", "baseColour", "gender", "usage"]


def load_run(run_dir):
    with open(os.path.join(run_dir, "eval_meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    arrays = np.load(os.path.join(run_dir, "eval_logits.npz"))
    return meta, arrays


def softmax(logits, t=1.0):
    z = logits / t
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def allowed_sets(rows, head, maps):
    index = {l: i for i, l in enumerate(maps[head])}
    key = (lambda r: r["type_for_eval"] or r["labels"][head]) if head == "articleType" else (lambda r: r["labels"][head])
    return [[index[l] for l in key(r) if l in index] for r in rows]


MIN_SCORED_ITEMS = 20


def scored_sets(rows, head, maps):
    """The rows a head is scored on — those with an allowed label set — as (keep mask, their sets),
    or None when fewer than MIN_SCORED_ITEMS have one."""
    sets = allowed_sets(rows, head, maps)
    keep = np.array([bool(s) for s in sets])
    if keep.sum() < MIN_SCORED_ITEMS:
        return None
    return keep, [s for s, k in zip(sets, keep) if k]


def set_nll(logits, sets, weights, t):
    p = softmax(logits, t)
    mass = np.array([p[i, s].sum() for i, s in enumerate(sets)])
    return float(-(weights * np.log(np.maximum(mass, 1e-12))).sum() / weights.sum())


def nll_by_temperature(logits, sets, weights):
    """set_nll at every temperature of TEMPERATURES."""
    return [set_nll(logits, sets, weights, t) for t in TEMPERATURES]


def best_temperature(logits, sets, weights):
    """The temperature of TEMPERATURES with the lowest weighted set NLL, and that NLL."""
    nll = nll_by_temperature(logits, sets, weights)
    i = int(np.argmin(nll))
    return float(TEMPERATURES[i]), float(nll[i])


def source_weights(rows):
    """Each row's weight 1 / (rows of its source): every source weighs the same, however many rows it has."""
    sources = np.array([r["source"] for r in rows])
    counts = {s: (sources == s).sum() for s in set(sources)}
    return np.array([1.0 / counts[s] for s in sources])


MIN_FIT_ROWS = 50


def dev_head(meta, arrays, head):
    """One head on the dev splits: (logits, allowed sets, source weights, rows) of the rows with a
    label, or None when fewer than MIN_FIT_ROWS have one. arrays[f"{set}|{head}"] holds the logits."""
    rows, logits = [], []
    for key, set_rows in meta["sets"].items():
        if key.startswith("dev:"):
            rows.extend(set_rows)
            logits.append(arrays[f"{key}|{head}"])
    sets = allowed_sets(rows, head, meta["maps"])
    keep = np.array([bool(x) for x in sets])
    if keep.sum() < MIN_FIT_ROWS:
        return None
    return (np.concatenate(logits)[keep], [x for x, k in zip(sets, keep) if k], source_weights(rows)[keep],
            [r for r, k in zip(rows, keep) if k])


def ece(conf, correct, bins=15):
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return float(total)


def reliability(conf, correct, bins=10):
    edges = np.linspace(0, 1, bins + 1)
    out = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        out.append({"lo": float(lo), "hi": float(hi), "n": int(m.sum()),
                    "confidence": float(conf[m].mean()) if m.any() else None,
                    "accuracy": float(correct[m].mean()) if m.any() else None})
    return out


def macro_f1(pred, sets, n_classes):
    from sklearn.metrics import f1_score
    truth = np.array([p if p in s else min(s) for p, s in zip(pred, sets)])
    return float(f1_score(truth, pred, average="macro", labels=sorted(set(truth.tolist())), zero_division=0))


def kmeans(x, k, seed=0, iters=25):
    rng = np.random.RandomState(seed)
    c = x[rng.choice(len(x), k, replace=False)]
    for _ in range(iters):
        assign = (x @ c.T).argmax(axis=1)
        for j in range(k):
            m = assign == j
            if m.any():
                v = x[m].mean(axis=0)
                c[j] = v / max(np.linalg.norm(v), 1e-9)
    return c


def unit(x):
    x = x.astype(np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def ood_distance(emb, centroids):
    return 1.0 - (unit(emb) @ centroids.T).max(axis=1)


def gather(meta, arrays, prefix):
    """Every evaluation set whose key starts with prefix, as (rows, {head: logits}, embeddings)."""
    rows, logits, emb = [], {h: [] for h in HEADS}, []
    for key, set_rows in meta["sets"].items():
        if not key.startswith(prefix):
            continue
        rows.extend(set_rows)
        for h in HEADS:
            logits[h].append(arrays[f"{key}|{h}"])
        emb.append(arrays[f"{key}|embedding"])
    if not rows:
        return [], {}, None
    return rows, {h: np.concatenate(v) for h, v in logits.items()}, np.concatenate(emb)


def fit(run_dir):
    """Temperatures, sure thresholds and OOD centroids from the dev splits of the sources the run
    trained on, written to <run dir>/calibration.json."""
    out = fit_arrays(*load_run(run_dir))
    with open(os.path.join(run_dir, "calibration.json"), "w") as f:
        json.dump(out, f)
    return out


def fit_arrays(meta, arrays):
    """fit() on a run's evaluation metadata and arrays (logits per set and head, embeddings)."""
    rows, _, emb = gather(meta, arrays, "dev:")
    sources = np.array([r["source"] for r in rows])
    counts = {s: (sources == s).sum() for s in set(sources)}
    centroids = kmeans(unit(arrays["train_sample|embedding"]), N_CENTROIDS)
    dist = ood_distance(emb, centroids)
    # An item further from every training centroid than 97.5 % of the dev items is out of distribution.
    max_distance = float(np.quantile(dist, 0.975))
    out = {"temperature": {}, "min_probability": {}, "ood": {"kind": "centroid_cosine", "max_distance": max_distance,
                                                              "centroids": centroids.round(5).tolist()},
           "dev_rows": {s: int(c) for s, c in counts.items()}, "heads": {}}
    for h in HEADS:
        dev = dev_head(meta, arrays, h)
        if dev is None:
            out["temperature"][h], out["min_probability"][h] = 1.0, 0.5
            continue
        t_best, tau, out["heads"][h] = fit_head(*dev[:3])
        out["temperature"][h] = round(t_best, 4)
        out["min_probability"][h] = round(tau, 4)
    return out


def fit_head(lg, st, w):
    """One head's calibration from its dev rows (logits, allowed sets, source weights): the temperature of
    lowest weighted set NLL, the sure threshold and the dev figures behind them, as (temperature, threshold, figures)."""
    nll = nll_by_temperature(lg, st, w)
    t_best = float(TEMPERATURES[int(np.argmin(nll))])
    p = softmax(lg, t_best)
    pred, conf = p.argmax(1), p.max(1)
    correct = np.array([pr in s for pr, s in zip(pred, st)], dtype=float)
    # The lowest probability (not under MIN_SURE_PROBABILITY) whose sure items reach the target
    # accuracy on the dev splits, sources weighted equally.
    tau = 0.99
    for cand in np.linspace(MIN_SURE_PROBABILITY, 0.99, 29):
        sure = conf >= cand
        if sure.sum() and (w[sure] * correct[sure]).sum() / w[sure].sum() >= TARGET_SURE_ACCURACY:
            tau = float(cand)
            break
    sure = conf >= tau
    return t_best, tau, {"n": len(st), "nll_t1": nll[int(np.argmin(np.abs(TEMPERATURES - 1)))], "nll": min(nll),
                         "ece_t1": ece(softmax(lg).max(1), correct), "ece": ece(conf, correct),
                         "sure_coverage": float(sure.mean()), "sure_accuracy": float(correct[sure].mean()) if sure.any() else None}


def set_metrics(logits, sets, temperature):
    """Predictions, confidences and rightness (prediction in the allowed set) of one head's logits at a
    temperature, with accuracy, macro-F1 and ECE."""
    p = softmax(logits, temperature)
    pred, conf = p.argmax(1), p.max(1)
    correct = np.array([pr in s for pr, s in zip(pred, sets)], dtype=float)
    return conf, correct, {"n": len(sets), "accuracy": float(correct.mean()), "macro_f1": macro_f1(pred, sets, p.shape[1]),
                           "ece": ece(conf, correct)}


def score(rows, logits, emb, maps, cal, heads=SCORED_HEADS, named=None):
    """Accuracy, macro-F1, ECE and sure coverage/accuracy per head on one evaluation set ("sure_rules":
    the probability threshold and the text rules of rules.py, as the app applies them: with
    cal["named_min_probability"] and `named` ({head: rows x classes, 1 where the row's name names the
    label}), an item whose top label its name names is sure from that head's named threshold — from
    cal["named_several_min_probability"] when the name names several labels of the head; neither for a name longer than
    cal["named_max_name_chars"] —, and on the
    heads of cal["named_contradiction"] one whose name names labels of the head but not its top label is
    never sure; on the heads of rules.TEXT_NAMED_RULES an item is sure only when its text names the top label, and on
    those of rules.TEXT_CONTRADICTION_RULES never when its text names labels of the head but not the top one)."""
    res = {}
    texts = [r["text"] if "text" in r else "Item: " + r.get("name", "") for r in rows]
    blocked = [blocked_heads(t) for t in texts]
    short_names = np.array([not name_too_long(t, cal.get("named_max_name_chars")) for t in texts], dtype=bool)
    dist = ood_distance(emb, np.array(cal["ood"]["centroids"], dtype=np.float32)) if emb is not None else None
    for h in heads:
        scored = scored_sets(rows, h, maps)
        if scored is None:
            continue
        keep, st = scored
        for name, t in (("raw", 1.0), ("calibrated", cal["temperature"][h])):
            conf, correct, r = set_metrics(logits[h][keep], st, t)
            r["mean_confidence"] = float(conf.mean())
            if name == "calibrated":
                allowed = np.array([h not in b for b, k in zip(blocked, keep) if k])
                by_threshold = conf >= cal["min_probability"][h]
                by_prob = by_threshold
                named_min = cal.get("named_min_probability", {}).get(h)
                if named is not None and h in named:
                    pred = logits[h][keep].argmax(1)
                    mask = named[h][keep]
                    named_top, named_count = mask[np.arange(len(pred)), pred] > 0, mask.sum(1)
                    if named_min is not None:
                        several = named_count >= 2
                        several_min = cal.get("named_several_min_probability", {}).get(h, named_min)
                        # A name too long for the named thresholds gets the head's own (rules.NAMED_MAX_NAME_RULE).
                        short = short_names[keep]
                        by_prob = by_prob | (named_top & short & ~several & (conf >= named_min)) | (named_top & short & several & (conf >= several_min))
                    if h in cal.get("named_contradiction", ()):
                        allowed = allowed & ~((named_count > 0) & ~named_top)
                if h in text_contradiction_heads() or h in text_named_heads():
                    # The whole-text rules: each kept item's top label and its text.
                    tops = [maps[h][p] for p in logits[h][keep].argmax(1)]
                    kept_texts = [t for t, k in zip(texts, keep) if k]
                    if h in text_contradiction_heads():
                        # A text-contradiction rule: never sure when the item's text names labels of the head but not the top one.
                        allowed = allowed & ~np.array([text_contradicts(h, top, t) for top, t in zip(tops, kept_texts)], dtype=bool)
                    if h in text_named_heads():
                        # A text-named rule: sure only when the item's text names the top label.
                        allowed = allowed & np.array([top in text_labels(h, t) for top, t in zip(tops, kept_texts)], dtype=bool)
                for rname, sure in (("prob", by_threshold),
                                    ("prob+ood", by_threshold & (dist[keep] <= cal["ood"]["max_distance"])),
                                    ("rules", by_prob & allowed)):
                    r[f"sure_{rname}_coverage"] = float(sure.mean())
                    r[f"sure_{rname}_accuracy"] = float(correct[sure].mean()) if sure.any() else None
                r["reliability"] = reliability(conf, correct)
                r["ood_auroc_wrong"] = auroc(dist[keep], 1 - correct)
                r["maxprob_auroc_wrong"] = auroc(-conf, 1 - correct)
            res.setdefault(h, {})[name] = r
    return res


def auroc(score_, positive):
    """Probability that a positive (wrong) item scores above a negative one."""
    pos, neg = score_[positive == 1], score_[positive == 0]
    if not len(pos) or not len(neg):
        return None
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def evaluate_run(run_dir):
    """fit() then score every evaluation set of the run (dev, holdout, hand-written Chinese), written
    to <run dir>/scores.json."""
    cal = fit(run_dir)
    out = score_arrays(*load_run(run_dir), cal)
    with open(os.path.join(run_dir, "scores.json"), "w") as f:
        json.dump(out, f, indent=1)
    return out


def score_arrays(meta, arrays, cal, named=None):
    """score() on every evaluation set of a run's metadata and arrays, with its calibration (named:
    {head: {set key: named mask}} for the named sure thresholds, see score)."""
    out = {"holdout": meta["holdout"], "calibration": {k: v for k, v in cal.items() if k != "ood"},
           "ood_max_distance": cal["ood"]["max_distance"], "sets": {}}
    for key, rows in meta["sets"].items():
        logits = {h: arrays[f"{key}|{h}"] for h in HEADS}
        named_here = {h: masks[key] for h, masks in named.items()} if named else None
        out["sets"][key] = score(rows, logits, arrays[f"{key}|embedding"], meta["maps"], cal, named=named_here)
    return out


def fold_run(row):
    """The run directory (eval_meta.json, eval_logits.npz) of a transfer table's fold: its "run", or, for
    rows written before 7 Dec 2026, <fold>/heads (transfer.sh's layout then)."""
    if row.get("run"):
        return row["run"]
    return os.path.join(row.get("dir") or os.path.join(HERE, "out", "loso", row["holdout"].replace(",", "+")), "heads")


def rescore(in_path, out_path):
    """A transfer JSON with each fold's model scores computed again (e.g. after the sure rules changed);
    the TF-IDF + LR baseline is kept as it was."""
    with open(in_path) as f:
        table = json.load(f)
    for row in table:
        row["model"] = evaluate_run(fold_run(row))["sets"]
        print_fold(row)
    with open(out_path, "w") as f:
        json.dump(table, f, indent=1)


def main():
    cmd, dirs = sys.argv[1], sys.argv[2:]
    if cmd == "transfer":
        transfer(dirs[:-1], dirs[-1])
        return
    if cmd == "rescore":
        rescore(dirs[0], dirs[1])
        return
    for d in dirs:
        res = evaluate_run(d)
        for key, heads in res["sets"].items():
            for h, r in heads.items():
                c = r["calibrated"]
                print(f"{os.path.basename(d.rstrip('/'))} {key:40s} {h:15s} n={c['n']:5d} acc={c['accuracy']:.3f} "
                      f"raw_ece={r['raw']['ece']:.3f} ece={c['ece']:.3f} sure(p)={c['sure_prob_coverage']:.2f}/{c['sure_prob_accuracy'] or 0:.3f} "
                      f"sure(p+ood)={c['sure_prob+ood_coverage']:.2f}/{c['sure_prob+ood_accuracy'] or 0:.3f} "
                      f"auroc ood={c['ood_auroc_wrong'] or 0:.2f} maxp={c['maxprob_auroc_wrong'] or 0:.2f}")


# ---------------------------------------------------------------- TF-IDF + LR on the same rows

def baseline_logits(holdout, cap=6000, epochs=5, seed=0):
    """TF-IDF (word 1-2-grams, sublinear tf, min_df 2) + multinomial logistic regression per head,
    trained on the rows the fold's model trained on (their plain text) with the same partial-label
    loss, and its logits on the fold's evaluation sets. The weights are an EmbeddingBag over the
    vocabulary (sparse gradients, SparseAdam), so a step touches only the n-grams in its batch."""
    import torch
    from sklearn.feature_extraction.text import TfidfVectorizer
    from corpus import build_corpus, label_maps
    from train_multi import eval_sets, excluded_sources, item_text, label_targets, set_loss
    from ngram_head import fit_sparse_linear
    examples, _, _ = build_corpus()
    maps = label_maps([e["labels"] for e in examples if e["source"] == "myntra"])
    excluded = excluded_sources(holdout)
    train = [e for e in examples if e["split"] == "train" and e["source"] not in excluded]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, lowercase=True, dtype=np.float32)
    x = vec.fit_transform([item_text(e["name"], e["description"]) for e in train]).tocsr()
    sizes = [len(maps[h]) for h in HEADS]

    def bag_input(csr):
        return csr.indices.astype(np.int64), csr.indptr[:-1].astype(np.int64), csr.data

    bag, bias = fit_sparse_linear(x.shape[1], sizes, HEADS, label_targets(train, maps), x.shape[0], lambda rows: bag_input(x[rows]),
                                  set_loss, epochs=epochs, seed=seed)

    def logits_of(csr):
        indices, offsets, weights = (torch.from_numpy(a) for a in bag_input(csr))
        return dict(zip(HEADS, torch.split(bag(indices, offsets, per_sample_weights=weights) + bias, sizes, dim=1)))

    result = {}
    with torch.no_grad():
        for key, rows in eval_sets(examples, holdout, excluded, cap).items():
            xe = vec.transform([item_text(r["name"], r["description"]) for r in rows]).tocsr()
            result[key] = {h: v.numpy() for h, v in logits_of(xe).items()}
    return result, maps


def transfer(fold_dirs, out_path):
    """The leave-one-source-out table: per fold, the model and TF-IDF + LR on the held-out source."""
    table = []
    for d in fold_dirs:
        model_scores = evaluate_run(d)
        meta, _ = load_run(d)
        base, maps = baseline_logits(meta["holdout"])
        # The baseline is calibrated the same way: temperatures fitted on the same dev splits.
        base_arrays = {f"{k}|{h}": base[k][h] for k in base for h in HEADS}
        temps = {}
        for h in HEADS:
            dev = dev_head(meta, base_arrays, h)
            temps[h] = best_temperature(*dev[:3])[0] if dev is not None else 1.0
        row = {"holdout": meta["holdout"], "dir": os.path.dirname(os.path.abspath(d.rstrip("/"))), "run": os.path.abspath(d.rstrip("/")),
               "model": model_scores["sets"],
               "baseline": {}, "baseline_temperature": temps}
        for key, rows in meta["sets"].items():
            if key.startswith("dev:"):
                continue
            res = {}
            for h in SCORED_HEADS:
                scored = scored_sets(rows, h, maps)
                if scored is None:
                    continue
                keep, st = scored
                res[h] = set_metrics(base[key][h][keep], st, temps[h])[2]
            row["baseline"][key] = res
        table.append(row)
        print_fold(row)
    with open(out_path, "w") as f:
        json.dump(table, f, indent=1)
    return table


def print_fold(row):
    for key in row["baseline"]:
        for h, b in row["baseline"][key].items():
            m = row["model"][key][h]["calibrated"]
            print(f"holdout={row['holdout']:26s} {key:32s} {h:14s} n={m['n']:5d} model acc {m['accuracy']:.3f} "
                  f"F1 {m['macro_f1']:.3f} ECE {m['ece']:.3f} sure {m['sure_prob+ood_coverage']:.2f}@{(m['sure_prob+ood_accuracy'] or 0):.3f} "
                  f"| tfidf+lr acc {b['accuracy']:.3f} F1 {b['macro_f1']:.3f} ECE {b['ece']:.3f}")


if __name__ == "__main__":
    main()
