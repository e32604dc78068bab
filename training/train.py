"""Trendloom classifier: tokenizer -> multi-task Llama training -> evaluation vs baselines ->
ONNX export -> golden files. Run through training/reproduce.sh (see training/README.md).

Phases: `--phase all` does everything; `--phase post` skips training and uses the latest
checkpoint in the output folder (so a run stopped early still yields a model)."""
import argparse
import csv
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import NgramBag, OnnxWrapper, TrendloomLlama  # noqa: E402

HEADS = ["articleType", "subCategory", "masterCategory", "baseColour", "usage", "gender", "season"]
# Multi-task weights lambda_k (the LM objective is weighted separately by --lm-weight).
HEAD_WEIGHTS = {"articleType": 1.0, "subCategory": 0.5, "masterCategory": 0.3, "baseColour": 1.0,
                "usage": 0.7, "gender": 0.5, "season": 0.7}
GEN_TAGS = ["gender", "usage", "season", "baseColour", "articleType"]
INPUT_TEMPLATE = "Item: {text}"
SEED = 20261128
POOL = 8  # batches per length-sorted pool

ADJECTIVES = ["Relaxed", "Slim", "Classic", "Everyday", "Soft", "Lightweight", "Printed", "Solid",
              "Textured", "Regular fit", "Oversized", "Essential", "Modern", "Comfortable", "Simple"]
MATERIALS = ["cotton", "linen", "denim", "wool", "polyester", "leather", "knit", "jersey", "viscose",
             "synthetic", "canvas", "suede", ""]
PLURAL_KEEP = ("jeans", "shorts", "trousers", "pants", "leggings", "capris", "briefs", "boxers",
               "sunglasses", "flops", "tights", "jeggings", "trunks", "stockings", "lounge pants",
               "pyjamas", "salwar", "dupatta", "innerwear", "accessories", "sets", "gloves", "socks")
GENDER_WORDS = {"men", "women", "boys", "girls", "unisex", "kids", "men's", "women's"}


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def set_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


# ---------------------------------------------------------------- data

def load_rows(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = (r.get("productDisplayName") or "").strip()
            if not name:
                continue
            rows.append({k: (v or "").strip() for k, v in r.items()})
    rows.sort(key=lambda r: int(r["id"]))
    return rows


def split_rows(rows, test_fraction=0.1):
    perm = np.random.RandomState(SEED).permutation(len(rows))
    n_test = int(round(len(rows) * test_fraction))
    test_idx = set(perm[:n_test].tolist())
    train = [r for i, r in enumerate(rows) if i not in test_idx]
    test = [r for i, r in enumerate(rows) if i in test_idx]
    return train, test


def build_label_maps(train, all_rows):
    maps = {}
    for h in HEADS:
        counts = {}
        for r in train:
            if r[h]:
                counts[r[h]] = counts.get(r[h], 0) + 1
        labels = sorted(counts, key=lambda k: (-counts[k], k))
        # Labels seen only outside the training split still get an id (never predicted well).
        extra = sorted({r[h] for r in all_rows if r[h]} - set(labels))
        maps[h] = labels + extra
    return maps


def encode_labels(rows, label_maps):
    out = {}
    for h in HEADS:
        index = {l: i for i, l in enumerate(label_maps[h])}
        out[h] = np.array([index[r[h]] if r[h] else -100 for r in rows], dtype=np.int64)
    return out


def singular(article_type):
    t = article_type.lower()
    if t.endswith(PLURAL_KEEP) or not t.endswith("s") or t.endswith("ss"):
        return t
    return t[:-1]


def gender_phrase(g):
    return {"Men": "men", "Women": "women", "Boys": "boys", "Girls": "girls", "Unisex": "everyone"}.get(g, "")


def describe(row, rng):
    """A description-like sentence another retailer might write, built from the labels."""
    adj = rng.choice(ADJECTIVES)
    colour = row["baseColour"].lower()
    mat = rng.choice(MATERIALS)
    typ = singular(row["articleType"])
    gen = gender_phrase(row["gender"])
    usage = row["usage"].lower()
    season = row["season"].lower()
    options = [
        f"{adj} {colour} {mat} {typ}" + (f" for {gen}" if gen else ""),
        f"{adj} {typ} in {colour}" if colour else f"{adj} {mat} {typ}",
        f"{colour} {typ}" + (f" for {gen}" if gen else "") + (f", {usage} wear" if usage else ""),
        (f"{gen}'s " if gen and gen != "everyone" else "") + f"{adj.lower()} {colour} {typ}",
        f"{typ} - {colour}" + (f", {season} collection" if season else ""),
    ]
    text = rng.choice(options)
    return " ".join(text.split())


def drop_brand(name):
    words = name.split()
    for i, w in enumerate(words[:4]):
        if w.lower() in GENDER_WORDS:
            return " ".join(words[i:]) if i > 0 else " ".join(words[1:])
    return " ".join(words[1:]) if len(words) > 2 else name


def augment(row, rng, plain=0.30):
    r = rng.random()
    if r < plain:
        text = row["productDisplayName"]
    elif r < plain + 0.25 * (1 - plain) / 0.70:
        text = describe(row, rng)
    else:
        text = row["productDisplayName"]
        if rng.random() < 0.5:
            text = drop_brand(text)
        if rng.random() < 0.2:
            words = text.split()
            rng.shuffle(words)
            text = " ".join(words)
    if rng.random() < 0.3:
        text = text.lower()
    return INPUT_TEMPLATE.format(text=text)


def generation_text(row, rng):
    tags = [f"[{k}={row[k]}]" for k in GEN_TAGS if row[k] and rng.random() < 0.7]
    if not tags:
        tags = [f"[articleType={row['articleType']}]"]
    return "Item: " + " ".join(tags) + " " + row["productDisplayName"]


# ---------------------------------------------------------------- tokenizer

def train_tokenizer(rows, out_dir, vocab_size):
    import sentencepiece as spm
    rng = random.Random(SEED)
    corpus = os.path.join(out_dir, "tokenizer_corpus.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(INPUT_TEMPLATE.format(text=r["productDisplayName"]) + "\n")
            f.write(r["productDisplayName"].lower() + "\n")
            f.write(describe(r, rng) + "\n")
            f.write(generation_text(r, rng) + "\n")
    prefix = os.path.join(out_dir, "spm")
    spm.SentencePieceTrainer.train(
        input=corpus, model_prefix=prefix, model_type="bpe", vocab_size=vocab_size,
        byte_fallback=True, character_coverage=1.0, split_digits=True, add_dummy_prefix=True,
        remove_extra_whitespaces=False, normalization_rule_name="identity",
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1, num_threads=2, seed_sentencepiece_size=200000,
        max_sentencepiece_length=16, minloglevel=2)
    return prefix + ".model"


def export_tokenizer_json(sp, path_json, path_cfg, max_length):
    """Writes the SentencePiece BPE model in the Hugging Face tokenizer.json layout (Llama style)."""
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    mergeable = []
    for i in range(sp.get_piece_size()):
        if sp.is_control(i) or sp.is_unknown(i) or sp.is_byte(i):
            continue
        piece = sp.id_to_piece(i)
        if len(piece) < 2:
            continue
        splits = []
        for cut in range(1, len(piece)):
            a, b = piece[:cut], piece[cut:]
            if a in vocab and b in vocab:
                splits.append((vocab[a], vocab[b], a, b))
        splits.sort()
        for _, _, a, b in splits:
            mergeable.append((-sp.get_score(i), i, f"{a} {b}"))
    mergeable.sort(key=lambda m: (m[0], m[1]))
    specials = [(0, "<unk>"), (1, "<s>"), (2, "</s>")]
    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, c in specials],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": "\u2581"},
            {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]},
        "pre_tokenizer": None,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}},
        },
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
            {"type": "ByteFallback"}, {"type": "Fuse"},
            {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True,
                  "ignore_merges": False, "vocab": vocab, "merges": [m[2] for m in mergeable]},
    }
    with open(path_json, "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False)
    cfg = {"tokenizer_class": "LlamaTokenizerFast", "bos_token": "<s>", "eos_token": "</s>",
           "unk_token": "<unk>", "pad_token": "<unk>", "add_bos_token": True, "add_eos_token": False,
           "model_max_length": max_length, "clean_up_tokenization_spaces": False, "legacy": False,
           "padding_side": "right"}
    with open(path_cfg, "w", encoding="utf-8") as f:
        json.dump(cfg, f, indent=2)


def classifier_ids(sp, text, max_length):
    """<s> + pieces + </s>, truncated to max_length; pooling reads the </s> position."""
    return [1] + sp.encode(text)[: max_length - 2] + [2]


def generation_ids(sp, text, max_length):
    return ([1] + sp.encode(text) + [2])[:max_length]


def pad_batch(seqs):
    t = max(len(s) for s in seqs)
    ids = torch.zeros((len(seqs), t), dtype=torch.long)
    mask = torch.zeros((len(seqs), t), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask


# ---------------------------------------------------------------- eval

def metrics_for(y_true, y_pred):
    from sklearn.metrics import f1_score
    keep = y_true >= 0
    yt, yp = y_true[keep], y_pred[keep]
    return {"n": int(keep.sum()), "accuracy": float((yt == yp).mean()),
            "macro_f1": float(f1_score(yt, yp, average="macro", zero_division=0)),
            "micro_f1": float(f1_score(yt, yp, average="micro", zero_division=0))}


@torch.no_grad()
def predict(model, sp, texts, max_length, batch_size=256):
    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    preds = {h: np.zeros(len(texts), dtype=np.int64) for h in HEADS}
    logits_all = {h: [None] * len(texts) for h in HEADS}
    for s in range(0, len(order), batch_size):
        idx = order[s: s + batch_size]
        ids, mask = pad_batch([classifier_ids(sp, texts[i], max_length) for i in idx])
        out = model(ids, mask)
        for h in HEADS:
            lg = out[f"logits_{h}"]
            preds[h][idx] = lg.argmax(-1).numpy()
            for j, i in enumerate(idx):
                logits_all[h][i] = lg[j]
    return preds, logits_all


def baselines(train, test, label_maps, y_train, y_test):
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    from sklearn.linear_model import LogisticRegression
    res = {}
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
    xtr = vec.fit_transform([r["productDisplayName"] for r in train])
    xte = vec.transform([r["productDisplayName"] for r in test])
    # The same harder variant the model is scored on: lower case, brand dropped.
    xvar = vec.transform([drop_brand(r["productDisplayName"]).lower() for r in test])
    predictions = {}
    for h in HEADS:
        keep = y_train[h] >= 0
        counts = np.bincount(y_train[h][keep], minlength=len(label_maps[h]))
        majority = np.full(len(test), int(counts.argmax()))
        # saga: on this shared 2-core machine lbfgs needed > 40 min for articleType alone; saga's
        # 30 epochs take about a minute for it (accuracy has levelled off by then).
        clf = LogisticRegression(C=10.0, solver="saga", max_iter=30, tol=1e-4)
        clf.fit(xtr[keep], y_train[h][keep])
        predictions[h] = clf.predict(xte)
        res[h] = {"majority": metrics_for(y_test[h], majority),
                  "tfidf_lr": metrics_for(y_test[h], predictions[h]),
                  "tfidf_lr_lower_nobrand": metrics_for(y_test[h], clf.predict(xvar))}
        log(f"baseline {h}: majority acc {res[h]['majority']['accuracy']:.4f}, tfidf+lr acc {res[h]['tfidf_lr']['accuracy']:.4f}")
    return res, {h: v.tolist() for h, v in predictions.items()}


def paired_comparison(y_true, model_pred, baseline_pred):
    """Items only the model gets right, items only the baseline gets right, and the exact (binomial)
    McNemar p-value of that split: whether the accuracy difference could be chance."""
    from scipy.stats import binomtest
    keep = y_true >= 0
    model_right = (model_pred == y_true)[keep]
    base_right = (np.asarray(baseline_pred) == y_true)[keep]
    wins, losses = int((model_right & ~base_right).sum()), int((~model_right & base_right).sum())
    p = binomtest(wins, wins + losses, 0.5).pvalue if wins + losses else 1.0
    return {"model_only_right": wins, "baseline_only_right": losses, "mcnemar_exact_p": float(p)}


def cached_baselines(out_dir, train, test, label_maps, y_train, y_test):
    """Baselines depend only on the data and split, so a run may compute them once, in parallel
    with training (`--phase baselines`), and the evaluation reuses them."""
    path = os.path.join(out_dir, "baselines.json")
    if os.path.exists(path):
        with open(path) as f:
            cached = json.load(f)
        if cached.get("heldout") == len(test) and cached.get("seed") == SEED and "predictions" in cached:
            log("baselines: reusing " + path)
            return cached["heads"], cached["predictions"]
    base, predictions = baselines(train, test, label_maps, y_train, y_test)
    with open(path, "w") as f:
        json.dump({"heldout": len(test), "seed": SEED, "heads": base, "predictions": predictions}, f, indent=2)
    return base, predictions


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data",
                                                   "fashion-products", "styles.csv"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "out"))
    ap.add_argument("--phase", choices=["all", "post", "baselines"], default="all")
    ap.add_argument("--vocab-size", type=int, default=3000)
    ap.add_argument("--dim", type=int, default=160)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--hidden", type=int, default=432)
    ap.add_argument("--max-length", type=int, default=48)
    ap.add_argument("--steps", type=int, default=1200)
    ap.add_argument("--stop-at", type=int, default=0,
                    help="stop after this many steps of the --steps schedule (the learning-rate curve is unchanged)")
    ap.add_argument("--plain-fraction", type=float, default=0.30,
                    help="share of classifier inputs given as the plain product name (the rest is augmented)")
    ap.add_argument("--init-from", default="", help="start from this checkpoint (second, fine-tuning stage)")
    ap.add_argument("--train-only", action="store_true", help="stop after training (first stage)")
    ap.add_argument("--wide-stage", action="store_true",
                    help="last stage: freeze the Llama trunk of --init-from, add the hashed n-gram bag "
                         "(--ngram-buckets x --ngram-dim) beside the pooled state and train it with the heads")
    ap.add_argument("--ngram-buckets", type=int, default=32768)
    ap.add_argument("--ngram-dim", type=int, default=64)
    ap.add_argument("--wide-augmented", default="0.5,0.5,0,0",
                    help="wide stage: after one pass of plain names, one augmented pass over the training rows "
                         "per value, each value the share of plain names in that pass")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--gen-batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=2.5e-3)
    ap.add_argument("--weight-decay", type=float, default=0.05)
    ap.add_argument("--lm-weight", type=float, default=0.5)
    ap.add_argument("--lm-cls-rows", type=int, default=4)
    ap.add_argument("--dropout", type=float, default=0.05)
    # One thread: on this shared 2-core machine two OpenMP threads spin-wait on each other and a
    # step took 10-20x longer than with one (measured 2.4-6.5 s vs 0.14-0.29 s).
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--limit-rows", type=int, default=0, help="smoke tests only")
    ap.add_argument("--skip-baselines", action="store_true", help="smoke tests only")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    set_seed(SEED)
    os.makedirs(args.out, exist_ok=True)
    t_start = time.time()

    rows = load_rows(args.data)
    if args.limit_rows:
        rows = rows[: args.limit_rows]
    train, test = split_rows(rows)
    label_maps = build_label_maps(train, rows)
    y_train, y_test = encode_labels(train, label_maps), encode_labels(test, label_maps)
    log(f"{len(rows)} rows: {len(train)} train, {len(test)} held out; heads " +
        ", ".join(f"{h}={len(label_maps[h])}" for h in HEADS))

    if args.phase == "baselines":
        cached_baselines(args.out, train, test, label_maps, y_train, y_test)
        return

    import sentencepiece as spm
    sp_path = os.path.join(args.out, "spm.model")
    if args.phase == "all":
        set_seed(SEED)
        sp_path = train_tokenizer(train, args.out, args.vocab_size)
    sp = spm.SentencePieceProcessor(model_file=sp_path)
    export_tokenizer_json(sp, os.path.join(args.out, "tokenizer.json"),
                          os.path.join(args.out, "tokenizer_config.json"), args.max_length)
    log(f"tokenizer: {sp.get_piece_size()} pieces")

    head_sizes = {h: len(label_maps[h]) for h in HEADS}
    arch = {"vocab_size": sp.get_piece_size(), "dim": args.dim, "n_layers": args.layers, "n_heads": args.heads,
            "hidden": args.hidden, "max_positions": args.max_length}
    set_seed(SEED)
    model = TrendloomLlama(**arch, head_sizes=head_sizes, dropout=args.dropout)
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model: {n_params:,} parameters")
    ckpt_path = os.path.join(args.out, "checkpoint.pt")
    train_seconds = None

    if args.phase == "all" and args.wide_stage:
        train_wide_stage(args, arch, head_sizes, train, y_train, sp, ckpt_path)
        return

    if args.phase == "all":
        if args.init_from:
            model.load_state_dict(torch.load(args.init_from)["state"])
            log(f"initialised from {args.init_from}")
        decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
        no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
        opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                                 {"params": no_decay, "weight_decay": 0.0}], lr=args.lr, betas=(0.9, 0.98))
        warmup = max(1, args.steps // 30)

        def lr_at(step):
            if step < warmup:
                return args.lr * (step + 1) / warmup
            p = (step - warmup) / max(1, args.steps - warmup)
            return args.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * p)))

        rng = random.Random(SEED)
        order, cursor = [], 0
        t0 = time.time()
        run_loss = {}
        model.train()
        pending = []
        for step in range(args.stop_at or args.steps):
            if not pending:
                # Draw a pool of POOL batches, sort it by token length and cut it into batches, so
                # each batch pads only to similar lengths (about a third less compute than random).
                pool = []
                while len(pool) < args.batch * POOL:
                    if cursor >= len(order):
                        order = list(range(len(train)))
                        rng.shuffle(order)
                        cursor = 0
                    i = order[cursor]
                    cursor += 1
                    pool.append((i, classifier_ids(sp, augment(train[i], rng, args.plain_fraction), args.max_length)))
                gen_pool = [generation_ids(sp, generation_text(train[rng.randrange(len(train))], rng), args.max_length)
                            for _ in range(args.gen_batch * POOL)]
                pool.sort(key=lambda p: len(p[1]))
                gen_pool.sort(key=len)
                pending = [(pool[k * args.batch:(k + 1) * args.batch], gen_pool[k * args.gen_batch:(k + 1) * args.gen_batch])
                           for k in range(POOL)]
                rng.shuffle(pending)
            chunk, gen_seqs = pending.pop()
            batch_idx = [i for i, _ in chunk]
            cls_seqs = [s for _, s in chunk]
            ids, mask = pad_batch(cls_seqs + gen_seqs)
            hidden = model.hidden_states(ids, mask)
            n_cls = len(cls_seqs)
            pooled = model.pool(hidden[:n_cls], mask[:n_cls])
            losses = {}
            total = 0.0
            for h in HEADS:
                y = torch.from_numpy(y_train[h][batch_idx])
                if (y >= 0).any():
                    loss_h = F.cross_entropy(model.heads[h](pooled), y, ignore_index=-100)
                    losses[h] = loss_h
                    total = total + HEAD_WEIGHTS[h] * loss_h
            # LM loss on the generation rows plus a slice of the classifier rows: the tied
            # vocabulary projection is the costliest matmul, so not every row pays for it.
            lm_rows = torch.cat([torch.arange(min(args.lm_cls_rows, n_cls)), torch.arange(n_cls, ids.shape[0])])
            lm = model.lm_logits(hidden[lm_rows, :-1])
            target = ids[lm_rows, 1:].masked_fill(mask[lm_rows, 1:] == 0, -100)
            losses["lm"] = F.cross_entropy(lm.reshape(-1, lm.shape[-1]), target.reshape(-1), ignore_index=-100)
            total = total + args.lm_weight * losses["lm"]
            for g in opt.param_groups:
                g["lr"] = lr_at(step)
            opt.zero_grad(set_to_none=True)
            total.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            for k, v in losses.items():
                run_loss[k] = 0.98 * run_loss.get(k, float(v)) + 0.02 * float(v)
            if step % 50 == 0 or step == args.steps - 1:
                el = time.time() - t0
                log(f"step {step}/{args.steps} lr {lr_at(step):.2e} {el:.0f}s ({(step + 1) * (args.batch + args.gen_batch) / el:.0f} seq/s) "
                    + " ".join(f"{k}={v:.3f}" for k, v in run_loss.items()))
            if (step + 1) % 250 == 0 or step == args.steps - 1 or step + 1 == args.stop_at:
                torch.save({"step": step + 1, "state": model.state_dict(), "arch": arch,
                            "seconds": time.time() - t0}, ckpt_path)
        train_seconds = time.time() - t0
        log(f"training done in {train_seconds:.0f}s")
        if args.train_only:
            return

    ck = torch.load(ckpt_path)
    if ck["arch"] != arch:
        arch = ck["arch"]
        model = TrendloomLlama(**arch, head_sizes=head_sizes)
        n_params = sum(p.numel() for p in model.parameters())
        log(f"checkpoint model: {n_params:,} parameters ({arch})")
    model.load_state_dict(ck["state"])
    model.eval()
    trained_steps = ck["step"]
    train_seconds = train_seconds or ck.get("seconds")
    log(f"loaded checkpoint at step {trained_steps}")

    # ---- evaluation on the fixed held-out split (plain product names, as the baselines see them)
    test_texts = [INPUT_TEMPLATE.format(text=r["productDisplayName"]) for r in test]
    preds, _ = predict(model, sp, test_texts, args.max_length)
    results = {h: {"model_fp32_torch": metrics_for(y_test[h], preds[h])} for h in HEADS}
    # A harder variant: lower case with the brand dropped, like another shop's text.
    variant_texts = [INPUT_TEMPLATE.format(text=drop_brand(r["productDisplayName"]).lower()) for r in test]
    vpreds, _ = predict(model, sp, variant_texts, args.max_length)
    for h in HEADS:
        results[h]["model_fp32_torch_lower_nobrand"] = metrics_for(y_test[h], vpreds[h])
        log(f"model {h}: acc {results[h]['model_fp32_torch']['accuracy']:.4f} "
            f"macroF1 {results[h]['model_fp32_torch']['macro_f1']:.4f}")
    if not args.skip_baselines:
        base, base_predictions = cached_baselines(args.out, train, test, label_maps, y_train, y_test)
        for h in HEADS:
            results[h].update(base[h])
            results[h]["model_fp32_torch_vs_tfidf_lr"] = paired_comparison(y_test[h], preds[h], base_predictions[h])
            c = results[h]["model_fp32_torch_vs_tfidf_lr"]
            log(f"model vs tfidf+lr {h}: {c['model_only_right']} items only the model gets right, "
                f"{c['baseline_only_right']} only the baseline, McNemar p {c['mcnemar_exact_p']:.3f}")

    # ---- ONNX export
    onnx_dir = os.path.join(args.out, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    output_names = [f"logits_{h}" for h in HEADS] + ["embedding", "next_token_logits"]
    wrapper = OnnxWrapper(model, output_names).eval()
    ex_ids, ex_mask = pad_batch([classifier_ids(sp, test_texts[0], args.max_length),
                                 classifier_ids(sp, test_texts[1], args.max_length)[:3]])
    dyn = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"}}
    for n in output_names:
        dyn[n] = {0: "batch"}
    fp32_path = os.path.join(onnx_dir, "model.onnx")
    torch.onnx.export(wrapper, (ex_ids, ex_mask), fp32_path, input_names=["input_ids", "attention_mask"],
                      output_names=output_names, dynamic_axes=dyn, opset_version=17, do_constant_folding=True)
    log(f"exported {fp32_path} ({os.path.getsize(fp32_path) / 1e6:.2f} MB)")

    # ---- config.json (Llama config + heads)
    config = {
        "architectures": ["TrendloomLlamaForMultiHeadClassification"], "model_type": "llama",
        "vocab_size": arch["vocab_size"], "hidden_size": args.dim, "intermediate_size": args.hidden,
        "num_hidden_layers": args.layers, "num_attention_heads": args.heads, "num_key_value_heads": args.heads,
        "hidden_act": "silu", "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
        "max_position_embeddings": args.max_length, "tie_word_embeddings": True, "attention_bias": False,
        "mlp_bias": False, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0,
        "heads": {h: {"id2label": {str(i): l for i, l in enumerate(label_maps[h])}} for h in HEADS},
        "head_order": HEADS,
        "input_template": INPUT_TEMPLATE,
        "classifier_input": "<s> + tokens(input_template) + </s>, right-padded; pooled at the last real token",
        "max_length": args.max_length,
        "generation_prompt_example": "Item: [usage=Casual] [baseColour=Navy Blue] [articleType=Shirts]",
        "generation_tags": GEN_TAGS,
        "onnx": {"inputs": ["input_ids", "attention_mask"], "outputs": output_names,
                 "model_file": "onnx/model_quantized.onnx",
                 "model_file_note": "dynamic int8 (MatMulInteger), the CPU graph: WASM and onnxruntime-node",
                 "model_file_webgpu": "onnx/model_quantized_webgpu.onnx",
                 "model_file_webgpu_note": "weight-only int8 (DequantizeLinear -> MatMul), the WebGPU graph",
                 "next_token_logits": "vocabulary logits at the last real token (tied LM head): feed a prompt "
                                      "without </s> and append the chosen token to generate"},
        "num_parameters": n_params,
    }
    if arch.get("ngram_buckets"):
        config["ngram_bag"] = {
            "buckets": arch["ngram_buckets"], "dim": arch["ngram_dim"], "bigram_multiplier": NgramBag.BIGRAM_MULTIPLIER,
            "note": "computed inside the graph from input_ids: unigram id i -> row i; bigram (a, b) -> row "
                    "vocab_size + (a * bigram_multiplier + b) mod buckets; rows weighted 1/sqrt(n-grams) and "
                    "summed; the heads read [pooled state, bag]"}
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)

    # ---- held-out set for the ONNX evaluation in Node (ids + labels)
    with open(os.path.join(args.out, "heldout.json"), "w") as f:
        json.dump({"heads": HEADS, "ids": [classifier_ids(sp, t, args.max_length) for t in test_texts],
                   "labels": {h: y_test[h].tolist() for h in HEADS}}, f)

    write_golden(model, sp, rows, test_texts, args)

    metrics = {"heads": results, "model": {"parameters": n_params, **arch, "trained_steps": trained_steps,
                                           "batch": args.batch, "gen_batch": args.gen_batch, "lr": args.lr,
                                           "weight_decay": args.weight_decay, "lm_weight": args.lm_weight,
                                           "head_weights": HEAD_WEIGHTS},
               "split": {"train": len(train), "heldout": len(test), "seed": SEED, "heldout_fraction": 0.1},
               "train_seconds": train_seconds, "total_seconds": time.time() - t_start,
               "torch": torch.__version__, "threads": args.threads}
    with open(os.path.join(args.out, "metrics_torch.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    log("post-processing done")


def train_wide_stage(args, arch, head_sizes, train, y_train, sp, ckpt_path):
    """Adds the hashed n-gram bag (model.NgramBag) to a trained model: the Llama trunk stays frozen
    (classification pooling and generation are unchanged), the bag's table and the heads, which now
    read [pooled state, bag], are trained together. The pooled states of the training rows are
    computed once per pass (plain names first, then augmented text), so each step is cheap."""
    wide_arch = {**arch, "ngram_buckets": args.ngram_buckets, "ngram_dim": args.ngram_dim}
    set_seed(SEED)
    model = TrendloomLlama(**wide_arch, head_sizes=head_sizes)
    source = torch.load(args.init_from)["state"]
    with torch.no_grad():
        for name, value in source.items():
            target = model.state_dict()[name]
            if name.startswith("heads.") and value.shape != target.shape:
                # The pooled state's columns keep their trained weights; the bag's start small.
                target.normal_(std=0.02)
                target[:, : value.shape[1]] = value
            else:
                target.copy_(value)
    log(f"wide stage from {args.init_from}: n-gram bag {args.ngram_buckets} buckets x {args.ngram_dim}")
    model.eval()
    rng = random.Random(SEED)
    seqs, rows_of = [], []
    plain_shares = [None] + [float(x) for x in args.wide_augmented.split(",") if x.strip()]
    for share in plain_shares:
        for i, r in enumerate(train):
            text = INPUT_TEMPLATE.format(text=r["productDisplayName"]) if share is None else augment(r, rng, share)
            seqs.append(classifier_ids(sp, text, args.max_length))
            rows_of.append(i)
    pooled = torch.zeros((len(seqs), arch["dim"]))
    t0 = time.time()
    with torch.no_grad():
        order = sorted(range(len(seqs)), key=lambda k: len(seqs[k]))
        for s in range(0, len(order), 256):
            idx = order[s: s + 256]
            ids, mask = pad_batch([seqs[k] for k in idx])
            pooled[idx] = model.pool(model.hidden_states(ids, mask), mask)
    log(f"pooled states of {len(seqs)} training texts ({len(plain_shares)} passes) in {time.time() - t0:.0f}s")
    rows_of = np.array(rows_of)
    labels = {h: torch.from_numpy(y_train[h][rows_of]) for h in HEADS}
    params = list(model.ngram_bag.parameters()) + list(model.heads.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=args.weight_decay)
    gen = np.random.RandomState(SEED)
    batch = 256
    t0 = time.time()
    run_loss = None
    for step in range(args.steps):
        for g in opt.param_groups:
            g["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        idx = gen.randint(0, len(seqs), batch)
        ids, mask = pad_batch([seqs[k] for k in idx])
        features = model.head_input(pooled[idx], ids, mask)
        total = 0.0
        for h in HEADS:
            y = labels[h][idx]
            if (y >= 0).any():
                total = total + HEAD_WEIGHTS[h] * F.cross_entropy(model.heads[h](features), y, ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        total.backward()
        opt.step()
        run_loss = float(total) if run_loss is None else 0.98 * run_loss + 0.02 * float(total)
        if step % 100 == 0 or step == args.steps - 1:
            log(f"wide step {step}/{args.steps} lr {opt.param_groups[0]['lr']:.2e} {time.time() - t0:.0f}s loss={run_loss:.3f}")
    n_params = sum(p.numel() for p in model.parameters())
    torch.save({"step": args.steps, "state": model.state_dict(), "arch": wide_arch, "seconds": time.time() - t0}, ckpt_path)
    log(f"wide stage done in {time.time() - t0:.0f}s; model {n_params:,} parameters")


def golden_strings(rows):
    rng = random.Random(7)
    names = [r["productDisplayName"] for r in rows]
    out = []
    for _ in range(500):
        out.append(rng.choice(names))
    for _ in range(100):
        out.append(rng.choice(names).lower())
    for _ in range(50):
        out.append("  " + rng.choice(names) + "   " + rng.choice(names) + " ")
    cjk = "红色连衣裙男士衬衫女款牛仔裤运动鞋夏季冬季休闲正装棉麻真丝外套黑白蓝绿黄粉紫灰色包手表帽子围巾"
    for _ in range(120):
        k = rng.randint(1, 12)
        s = "".join(rng.choice(cjk) for _ in range(k))
        out.append(rng.choice([s, s + " " + rng.choice(names), "Item: " + s, rng.choice(names) + "，" + s]))
    emoji = ["👗", "👕", "👖", "👟", "🧥", "👜", "💄", "🕶️", "✨", "🔥", "❤️", "👩🏽", "🇮🇳", "🧵", "😀"]
    for _ in range(120):
        s = rng.choice(names)
        out.append(rng.choice([s + " " + rng.choice(emoji), rng.choice(emoji) * rng.randint(1, 3),
                               rng.choice(emoji) + s + rng.choice(emoji)]))
    extras = ["Café crème blouse", "Größe XL Jacke", "Платье синее", "naïve façade — déjà vu", "Ｔシャツ",
              "tab\tseparated", "new\nline", "", " ", "123 456 7890", "50% off!!!", "x", "Item: ",
              "Relaxed linen shirt with a camp collar", "ÀÉÎÕÜ", "Ω≈ç√∫", "a  b   c", "[usage=Casual]",
              "‘quotes’ “double”", "αβγ", "مرحبا", "שלום", "🏳️‍🌈 pride tee", "k-pop", "e\u0301"]
    out.extend(extras)
    while len(out) < 1000:
        s = rng.choice(names)
        out.append(s.upper() if rng.random() < 0.5 else s.replace(" ", "  "))
    return out[:1000]


@torch.no_grad()
def write_golden(model, sp, rows, test_texts, args):
    golden_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "classifier")
    os.makedirs(golden_dir, exist_ok=True)
    strings = golden_strings(rows)
    with open(os.path.join(golden_dir, "tokenizer-golden.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "training/train.py golden_strings via sentencepiece (Python)",
                   "cases": [{"text": s, "ids": sp.encode(s)} for s in strings]}, f, ensure_ascii=False)
    rng = random.Random(11)
    texts = rng.sample(test_texts, 150)
    others = ["Item: Relaxed linen shirt with a camp collar", "Item: navy blue slim fit chinos for men",
              "Item: floral summer dress", "Item: black leather ankle boots for women",
              "Item: red silk saree with golden border", "Item: kids cartoon print t-shirt",
              "Item: white running shoes", "Item: gold plated earrings", "Item: wool winter scarf",
              "Item: denim jacket"]
    while len(texts) < 200:
        texts.append(others[len(texts) % len(others)] if len(texts) < 160 else rng.choice(test_texts).lower())
    model.eval()
    ids = [classifier_ids(sp, t, args.max_length) for t in texts]
    cases = []
    for t, s in zip(texts, ids):
        i, m = pad_batch([s])
        out = model(i, m)
        case = {"text": t, "ids": s}
        for h in HEADS:
            case[f"logits_{h}"] = [round(float(v), 5) for v in out[f"logits_{h}"][0]]
        if len(cases) < 20:
            case["embedding"] = [round(float(v), 5) for v in out["embedding"][0]]
        cases.append(case)
    with open(os.path.join(golden_dir, "model-golden.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "PyTorch fp32 (training/train.py write_golden)", "heads": HEADS, "cases": cases}, f,
                  ensure_ascii=False)
    log(f"golden files written to {golden_dir}")


if __name__ == "__main__":
    main()
