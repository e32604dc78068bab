"""Trendloom classifier trained on every source (corpus.py): tokenizer -> LM pre-training of the
Llama trunk on all the corpus's text -> multi-task fine-tuning with partial-label losses and
source-balanced sampling -> logits and embeddings of every evaluation set (for calibrate.py) ->
ONNX export, config and golden files (the shipped model only).

`--holdout SOURCE` trains a leave-one-source-out model: that source's rows (and, for Myntra, the
Chinese items written from Myntra rows) are kept out of the tokenizer, pre-training and training."""
import argparse
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
from casing import lower_shouted_words  # noqa: E402
from corpus import SOURCES, build_corpus, label_maps  # noqa: E402
from model import OnnxWrapper, TrendloomLlama  # noqa: E402
from shop_noise import decorate  # noqa: E402
from shortcuts import mask_constant_labels  # noqa: E402
from taxonomy import HEADS  # noqa: E402
from text import GEN_TAGS, augment, export_tokenizer_json, generation_text, log, pad_batch, set_seed  # noqa: E402

SEED = 20261205
HEAD_WEIGHTS = {"articleType": 1.0, "subCategory": 0.5, "masterCategory": 0.3, "baseColour": 1.0,
                "usage": 0.7, "gender": 0.5, "season": 0.7}
DETAILS = " Details: "
MAX_DESC_CHARS = 600
POOL = 8


def item_text(name, description):
    """The classifier's input text, as src/model/inputText.ts builds it: 'Item: <name> Details: <description>'
    (words written in capitals lower-cased: casing.py)."""
    name, description = " ".join(name.split()), " ".join(description.split())[:MAX_DESC_CHARS]
    name, description = lower_shouted_words(name), lower_shouted_words(description)
    if name and description:
        return f"Item: {name}{DETAILS}{description}"
    if description:
        return f"Details: {description}"
    return f"Item: {name}"


def training_text(ex, rng, shop_noise=0.0):
    """One view of a training example: Myntra names go through train.py's augmentation; other
    shops' rows are shown as name only, description only or both; some are lower-cased. With
    probability `shop_noise` the name is first decorated in another shop's style (shop_noise.py:
    made-up brand, gender word agreeing with the label, model code, adjective, size tail)."""
    decorated = bool(shop_noise) and rng.random() < shop_noise
    if ex["source"] == "myntra":
        row = ex["row_for_aug"]
        if decorated:
            row = dict(row, productDisplayName=decorate(row["productDisplayName"], [row["gender"]], rng))
        return augment(row, rng, 0.5)
    name, desc = ex["name"], ex["description"]
    if decorated and name:
        name = decorate(name, ex["labels"]["gender"], rng)
    if name and desc:
        r = rng.random()
        name, desc = (name, "") if r < 0.35 else (("", desc) if r < 0.5 else (name, desc))
    text = item_text(name, desc)
    if rng.random() < 0.15:
        text = text.lower().replace("item:", "Item:").replace("details:", "Details:")
    return text


def encode(sp, text, max_length):
    return [1] + sp.encode(text)[: max_length - 2] + [2]


def train_tokenizer(texts, out_dir, vocab_size):
    import sentencepiece as spm
    corpus = os.path.join(out_dir, "tokenizer_corpus.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(t + "\n")
    prefix = os.path.join(out_dir, "spm")
    spm.SentencePieceTrainer.train(
        input=corpus, model_prefix=prefix, model_type="bpe", vocab_size=vocab_size,
        byte_fallback=True, character_coverage=0.9995, split_digits=True, add_dummy_prefix=True,
        remove_extra_whitespaces=False, normalization_rule_name="identity", input_sentence_size=400000,
        shuffle_input_sentence=True, unk_id=0, bos_id=1, eos_id=2, pad_id=-1, num_threads=1,
        seed_sentencepiece_size=300000, max_sentencepiece_length=16, minloglevel=2)
    return spm.SentencePieceProcessor(model_file=prefix + ".model")


def label_targets(examples, maps):
    """Per head, per example: the list of allowed class indices (empty = masked)."""
    index = {h: {l: i for i, l in enumerate(maps[h])} for h in HEADS}
    return {h: [[index[h][l] for l in ex["labels"][h] if l in index[h]] for ex in examples] for h in HEADS}


def set_loss(logits, allowed):
    """Partial-label cross-entropy: -log of the probability mass on the allowed classes, averaged
    over rows that have any; None when no row has a label for this head."""
    rows = [i for i, a in enumerate(allowed) if a]
    if not rows:
        return None
    mask = torch.zeros((len(rows), logits.shape[1]), dtype=torch.bool)
    for j, i in enumerate(rows):
        mask[j, allowed[i]] = True
    lg = logits[rows]
    return (lg.logsumexp(-1) - lg.masked_fill(~mask, float("-inf")).logsumexp(-1)).mean()


def lr_schedule(base, steps):
    warmup = max(1, steps // 30)

    def at(step):
        if step < warmup:
            return base * (step + 1) / warmup
        p = (step - warmup) / max(1, steps - warmup)
        return base * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * p)))
    return at


@torch.no_grad()
def run_eval_set(model, sp, texts, max_length, batch_size=128):
    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    seqs = [encode(sp, t, max_length) for t in texts]
    logits = {h: np.zeros((len(texts), model.heads[h].out_features), dtype=np.float32) for h in HEADS}
    emb = np.zeros((len(texts), model.norm.weight.shape[0]), dtype=np.float32)
    for s in range(0, len(order), batch_size):
        idx = order[s: s + batch_size]
        ids, mask = pad_batch([seqs[i] for i in idx])
        out = model(ids, mask)
        for h in HEADS:
            logits[h][idx] = out[f"logits_{h}"].numpy()
        emb[idx] = out["embedding"].numpy()
    return logits, emb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--holdout", default="", help="source(s) to leave out, comma-separated (small sources may be left out together)")
    ap.add_argument("--vocab-size", type=int, default=4000)
    ap.add_argument("--dim", type=int, default=160)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--hidden", type=int, default=432)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--lm-steps", type=int, default=600, help="LM-only pre-training steps")
    ap.add_argument("--steps", type=int, default=2400, help="multi-task steps")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--gen-batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--weight-decay", type=float, default=0.05)
    ap.add_argument("--lm-weight", type=float, default=0.3)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--eval-cap", type=int, default=6000, help="rows scored per evaluation set (a fixed sample)")
    ap.add_argument("--export", action="store_true", help="write ONNX, config, tokenizer and golden files")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--eval-only", action="store_true", help="reuse the checkpoint and tokenizer in --out (or --init-dir); redo the evaluation sets (and export)")
    ap.add_argument("--init-dir", default="", help="read the checkpoint and tokenizer from this run instead of --out; without --eval-only, "
                    "training continues from that checkpoint (a fresh schedule over --lm-steps + --steps)")
    ap.add_argument("--lr-scale", type=float, default=1.0, help="multiply the learning rate (e.g. 0.5 for a continuation)")
    ap.add_argument("--head-stage", type=int, default=0,
                    help="with --eval-only: train the heads (and the n-gram bag, if --ngram-buckets) for this many steps on the frozen trunk's pooled states")
    ap.add_argument("--head-stage-rows", type=int, default=30000, help="training rows (source-balanced draw) whose pooled states the head stage reads")
    ap.add_argument("--shop-noise", type=float, default=0.0,
                    help="probability that a training name is decorated in another shop's style (shop_noise.py)")
    ap.add_argument("--ngram-buckets", type=int, default=0)
    ap.add_argument("--ngram-dim", type=int, default=64)
    ap.add_argument("--mask-constant-labels", type=float, default=0.0,
                    help="drop a source's labels of a head when one value covers at least this share of them (0: keep all; "
                         "the shipped model was trained with 0)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    t_start = time.time()
    set_seed(SEED)

    examples, tax, notes = build_corpus()
    maps = label_maps([e["labels"] for e in examples if e["source"] == "myntra"])
    excluded = excluded_sources(args.holdout)
    train = [e for e in examples if e["split"] == "train" and e["source"] not in excluded]
    if args.mask_constant_labels > 0:
        train, masked = mask_constant_labels(train, args.mask_constant_labels)
        log("labels masked (one value per source): " + (", ".join(f"{s} {h} {100 * share:.0f} %" for s, h, share in masked) or "none"))
    log(f"holdout={args.holdout or '-'}: {len(train)} training rows from " +
        ", ".join(f"{s}={sum(e['source'] == s for e in train)}" for s in SOURCES if s not in excluded))
    # Myntra rows keep their original fields for train.py's augmentation.
    from corpus import load_myntra
    myntra_rows, _ = load_myntra()
    by_id = {"myntra:" + r["id"]: r for r in myntra_rows}
    for e in train:
        if e["source"] == "myntra":
            e["row_for_aug"] = by_id[e["group"]]

    rng = random.Random(SEED)
    tok_texts = []
    for e in train:
        tok_texts.append(item_text(e["name"], e["description"]))
        if e["source"] == "myntra":
            tok_texts.append(generation_text(e["row_for_aug"], rng))
    src_dir = args.init_dir or args.out
    if args.eval_only or args.init_dir:
        import shutil
        import sentencepiece as spm
        if args.init_dir:
            shutil.copyfile(os.path.join(src_dir, "spm.model"), os.path.join(args.out, "spm.model"))
        sp = spm.SentencePieceProcessor(model_file=os.path.join(args.out, "spm.model"))
    else:
        sp = train_tokenizer(tok_texts, args.out, args.vocab_size)
    log(f"tokenizer: {sp.get_piece_size()} pieces from {len(tok_texts)} texts")

    head_sizes = {h: len(maps[h]) for h in HEADS}
    arch = {"vocab_size": sp.get_piece_size(), "dim": args.dim, "n_layers": args.layers, "n_heads": args.heads,
            "hidden": args.hidden, "max_positions": args.max_length, "pooling": "mean"}
    model = TrendloomLlama(**arch, head_sizes=head_sizes, dropout=args.dropout)
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model: {n_params:,} parameters")
    targets = label_targets(train, maps)

    # Source-balanced sampling: a source is drawn with probability proportional to sqrt(rows).
    sources = sorted({e["source"] for e in train})
    members = {s: [i for i, e in enumerate(train) if e["source"] == s] for s in sources}
    weights = np.array([math.sqrt(len(members[s])) for s in sources])
    weights /= weights.sum()
    log("source weights: " + ", ".join(f"{s}={w:.3f}" for s, w in zip(sources, weights)))
    # A continuation draws a different sequence of rows and augmentations than the run it continues.
    cont_seed = SEED + (1 if args.init_dir and not args.eval_only else 0)
    np_rng = np.random.RandomState(cont_seed)
    if cont_seed != SEED:
        rng = random.Random(cont_seed)
    myntra_train = [e for e in train if e["source"] == "myntra"]

    def draw():
        s = sources[np_rng.choice(len(sources), p=weights)]
        return members[s][np_rng.randint(len(members[s]))]

    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    timings = {}
    phases = (("lm", args.lm_steps, args.lr * args.lr_scale), ("multitask", args.steps, args.lr * 0.6 * args.lr_scale))
    if args.init_dir and not args.eval_only:
        # Continuation: the earlier run's weights, its timings kept under their own names.
        ck = torch.load(os.path.join(src_dir, "checkpoint.pt"))
        model.load_state_dict(ck["state"])
        timings = {"earlier_" + k: v for k, v in ck.get("timings", {}).items()}
        phases = tuple(p for p in phases if p[1] > 0)
    if args.eval_only:
        ck = torch.load(os.path.join(src_dir, "checkpoint.pt"))
        model.load_state_dict(ck["state"])
        timings = ck.get("timings", {})
        phases = ()
    for phase, steps, lr in phases:
        opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                                 {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=(0.9, 0.98))
        at = lr_schedule(lr, steps)
        t0 = time.time()
        run_loss = {}
        model.train()
        pending = []
        for step in range(steps):
            if not pending:
                pool = [(i, encode(sp, training_text(train[i], rng, args.shop_noise), args.max_length)) for i in (draw() for _ in range(args.batch * POOL))]
                gen = [encode(sp, generation_text(myntra_train[rng.randrange(len(myntra_train))]["row_for_aug"], rng), args.max_length)[:-1] + [2]
                       for _ in range(args.gen_batch * POOL)] if myntra_train else []
                pool.sort(key=lambda p: len(p[1]))
                gen.sort(key=len)
                pending = [(pool[k * args.batch:(k + 1) * args.batch], gen[k * args.gen_batch:(k + 1) * args.gen_batch]) for k in range(POOL)]
                rng.shuffle(pending)
            chunk, gen_seqs = pending.pop()
            if phase == "lm":
                # Pre-training reads fewer rows per step: the vocabulary projection of every position is the costly part.
                chunk, gen_seqs = chunk[:32], gen_seqs[:8]
            idx = [i for i, _ in chunk]
            ids, mask = pad_batch([s for _, s in chunk] + gen_seqs)
            hidden = model.hidden_states(ids, mask)
            losses, total = {}, 0.0
            n_cls = len(chunk)
            if phase == "multitask":
                pooled = model.pool(hidden[:n_cls], mask[:n_cls])
                for h in HEADS:
                    lh = set_loss(model.heads[h](pooled), [targets[h][i] for i in idx])
                    if lh is not None:
                        losses[h] = lh
                        total = total + HEAD_WEIGHTS[h] * lh
                lm_rows = list(range(n_cls - 8, n_cls + len(gen_seqs)))
                lm_w = args.lm_weight
            else:
                lm_rows = list(range(ids.shape[0]))
                lm_w = 1.0
            lm = model.lm_logits(hidden[lm_rows, :-1])
            target = ids[lm_rows, 1:].masked_fill(mask[lm_rows, 1:] == 0, -100)
            losses["lm"] = F.cross_entropy(lm.reshape(-1, lm.shape[-1]), target.reshape(-1), ignore_index=-100)
            total = total + lm_w * losses["lm"]
            for g in opt.param_groups:
                g["lr"] = at(step)
            opt.zero_grad(set_to_none=True)
            total.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            for k, v in losses.items():
                run_loss[k] = 0.98 * run_loss.get(k, float(v)) + 0.02 * float(v)
            if step % 100 == 0 or step == steps - 1:
                el = time.time() - t0
                log(f"{phase} step {step}/{steps} lr {at(step):.2e} {el:.0f}s " + " ".join(f"{k}={v:.3f}" for k, v in run_loss.items()))
        timings[phase + "_seconds"] = time.time() - t0
    if args.head_stage:
        t0 = time.time()
        model, arch = head_stage(model, arch, head_sizes, train, targets, sp, args, rng, draw)
        timings["head_stage_seconds"] = time.time() - t0
        n_params = sum(p.numel() for p in model.parameters())
    if not args.eval_only or args.head_stage:
        torch.save({"state": model.state_dict(), "arch": arch, "maps": maps, "args": vars(args), "timings": timings},
                   os.path.join(args.out, "checkpoint.pt"))

    # ---- every evaluation set: logits + embeddings for calibrate.py
    sets = eval_sets(examples, args.holdout, excluded, args.eval_cap)
    dump = {}
    meta = {"holdout": args.holdout, "maps": maps, "sets": {}, "timings": timings, "notes": notes, "parameters": n_params}
    for key, rows in sets.items():
        logits, emb = run_eval_set(model, sp, [item_text(r["name"], r["description"]) for r in rows], args.max_length)
        for h in HEADS:
            dump[f"{key}|{h}"] = logits[h]
        dump[f"{key}|embedding"] = emb.astype(np.float16)
        meta["sets"][key] = [{"labels": r["labels"], "type_for_eval": r["type_for_eval"], "source": r["source"],
                              "text": item_text(r["name"], r["description"])} for r in rows]
    # Training rows' embeddings (a sample) for the out-of-distribution centroids.
    sample = rng.sample(train, min(8000, len(train)))
    _, emb = run_eval_set(model, sp, [item_text(e["name"], e["description"]) for e in sample], args.max_length)
    dump["train_sample|embedding"] = emb.astype(np.float16)
    meta["train_sample_sources"] = [e["source"] for e in sample]
    np.savez_compressed(os.path.join(args.out, "eval_logits.npz"), **dump)
    with open(os.path.join(args.out, "eval_meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False)
    log(f"evaluation sets written ({', '.join(f'{k}={len(v)}' for k, v in sets.items())}); total {time.time() - t_start:.0f}s")

    if args.export:
        export(model, sp, maps, arch, args, n_params, examples)


def head_stage(model, arch, head_sizes, train, targets, sp, args, rng, draw):
    """The trunk frozen, the heads (beside an optional hashed n-gram bag, model.NgramBag) trained on
    the pooled states of a source-balanced draw of training rows, each seen through training_text's
    augmentation once; the pooled states are computed once, so a step is cheap."""
    new_arch = dict(arch)
    if args.ngram_buckets:
        new_arch.update(ngram_buckets=args.ngram_buckets, ngram_dim=args.ngram_dim)
    set_seed(SEED)
    wide = TrendloomLlama(**new_arch, head_sizes=head_sizes)
    with torch.no_grad():
        for name, value in model.state_dict().items():
            target = wide.state_dict()[name]
            if name.startswith("heads.") and value.shape != target.shape:
                target.normal_(std=0.02)
                target[:, : value.shape[1]] = value
            else:
                target.copy_(value)
    wide.eval()
    rows = [draw() for _ in range(args.head_stage_rows)]
    seqs = [encode(sp, training_text(train[i], rng, args.shop_noise), args.max_length) for i in rows]
    pooled = torch.zeros((len(seqs), arch["dim"]))
    t0 = time.time()
    with torch.no_grad():
        order = sorted(range(len(seqs)), key=lambda k: len(seqs[k]))
        for s in range(0, len(order), 256):
            idx = order[s: s + 256]
            ids, mask = pad_batch([seqs[k] for k in idx])
            pooled[idx] = wide.pool(wide.hidden_states(ids, mask), mask)
    log(f"head stage: pooled states of {len(seqs)} rows in {time.time() - t0:.0f}s; bag {args.ngram_buckets or 'none'}")
    params = list(wide.heads.parameters()) + (list(wide.ngram_bag.parameters()) if wide.ngram_bag is not None else [])
    opt = torch.optim.AdamW(params, lr=2e-3, weight_decay=0.01)
    gen = np.random.RandomState(SEED)
    run_loss = None
    for step in range(args.head_stage):
        for g in opt.param_groups:
            g["lr"] = 2e-3 * 0.5 * (1 + math.cos(math.pi * step / args.head_stage))
        idx = gen.randint(0, len(seqs), 256)
        ids, mask = pad_batch([seqs[k] for k in idx])
        features = wide.head_input(pooled[idx], ids, mask)
        total = 0.0
        for h in HEADS:
            lh = set_loss(wide.heads[h](features), [targets[h][rows[k]] for k in idx])
            if lh is not None:
                total = total + HEAD_WEIGHTS[h] * lh
        opt.zero_grad(set_to_none=True)
        total.backward()
        opt.step()
        run_loss = float(total) if run_loss is None else 0.98 * run_loss + 0.02 * float(total)
        if step % 200 == 0 or step == args.head_stage - 1:
            log(f"head stage step {step}/{args.head_stage} {time.time() - t0:.0f}s loss={run_loss:.3f}")
    return wide, new_arch


def eval_sets(examples, holdout, excluded, cap):
    """The evaluation sets of a run: each training source's dev split (Myntra: its fixed test split),
    the held-out source (all its rows; Myntra: the test split), the hand-written Chinese titles;
    each cut to `cap` rows by a fixed sample."""
    eval_rng = random.Random(7)
    sets = {}
    held = set(filter(None, holdout.split(",")))
    for s in SOURCES:
        if s in held:
            rows = [e for e in examples if e["source"] == s and e["split"] != "test"] if s != "myntra" else \
                [e for e in examples if e["source"] == s and e["split"] == "test"]
            name = "holdout"
        elif s in excluded:  # the Chinese items of Myntra's fold
            continue
        else:
            rows = [e for e in examples if e["source"] == s and e["split"] == ("test" if s == "myntra" else "dev")]
            name = "dev"
        if len(rows) > cap:
            rows = eval_rng.sample(rows, cap)
        sets[f"{name}:{s}"] = rows
    zh_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "classifier", "zh-catalogue-test.csv")
    if os.path.exists(zh_path):
        import csv
        with open(zh_path, newline="", encoding="utf-8") as f:
            zh_rows = list(csv.DictReader(f))
        sets["handwritten:zh"] = [{"source": "zh_handwritten", "name": r["name"], "description": "",
                                   "labels": {h: ([r[h]] if r.get(h) else []) if h in ("baseColour", "gender", "usage") else [] for h in HEADS},
                                   "type_for_eval": [r["articleType"]]} for r in zh_rows]
    return sets


def excluded_sources(holdout):
    """Sources a leave-one-source-out run never sees (Myntra's fold also drops the Chinese items written from Myntra rows)."""
    held = set(filter(None, holdout.split(",")))
    unknown = held - set(SOURCES)
    assert not unknown, f"unknown sources {unknown}"
    return held | ({"zh_lexicon"} if "myntra" in held else set())


def export(model, sp, maps, arch, args, n_params, examples):
    out = args.out
    export_tokenizer_json(sp, os.path.join(out, "tokenizer.json"), os.path.join(out, "tokenizer_config.json"), args.max_length)
    onnx_dir = os.path.join(out, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    output_names = [f"logits_{h}" for h in HEADS] + ["embedding", "next_token_logits"]
    wrapper = OnnxWrapper(model.eval(), output_names).eval()
    ex_ids, ex_mask = pad_batch([encode(sp, "Item: Relaxed linen shirt", args.max_length), encode(sp, "Item: x", args.max_length)])
    dyn = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"}}
    for n in output_names:
        dyn[n] = {0: "batch"}
    path = os.path.join(onnx_dir, "model.onnx")
    torch.onnx.export(wrapper, (ex_ids, ex_mask), path, input_names=["input_ids", "attention_mask"], output_names=output_names,
                      dynamic_axes=dyn, opset_version=17, do_constant_folding=True)
    log(f"exported {path} ({os.path.getsize(path) / 1e6:.2f} MB)")
    config = {
        "architectures": ["TrendloomLlamaForMultiHeadClassification"], "model_type": "llama",
        "vocab_size": arch["vocab_size"], "hidden_size": args.dim, "intermediate_size": args.hidden,
        "num_hidden_layers": args.layers, "num_attention_heads": args.heads, "num_key_value_heads": args.heads,
        "hidden_act": "silu", "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
        "max_position_embeddings": args.max_length, "tie_word_embeddings": True, "attention_bias": False,
        "mlp_bias": False, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0,
        "heads": {h: {"id2label": {str(i): l for i, l in enumerate(maps[h])}} for h in HEADS},
        "head_order": HEADS,
        "input_template": "Item: {text}",
        "description_marker": DETAILS.strip(),
        "classifier_input": "<s> + tokens('Item: <name> Details: <description>') + </s>, right-padded; mean-pooled over real tokens",
        "pooling": "mean",
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
        from model import NgramBag
        config["ngram_bag"] = {
            "buckets": arch["ngram_buckets"], "dim": arch["ngram_dim"], "bigram_multiplier": NgramBag.BIGRAM_MULTIPLIER,
            "note": "computed inside the graph from input_ids: unigram id i -> row i; bigram (a, b) -> row vocab_size + "
                    "(a * bigram_multiplier + b) mod buckets; rows weighted 1/sqrt(n-grams) and summed; the heads read [pooled state, bag]"}
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)
    write_golden(model, sp, examples, args)


def golden_texts(examples):
    """1,000+ strings for the tokenizer parity test: names, descriptions, Chinese, emoji, odd text."""
    from text import golden_strings
    rng = random.Random(7)
    myntra = [{"productDisplayName": e["name"]} for e in examples if e["source"] == "myntra"]
    out = golden_strings(myntra)[:700]
    others = [e for e in examples if e["source"] not in ("myntra",)]
    for _ in range(300):
        e = rng.choice(others)
        out.append(item_text(e["name"], e["description"]))
    return out


@torch.no_grad()
def write_golden(model, sp, examples, args):
    # Written beside the model; training/finalize_multi.py copies them to test/fixtures/classifier.
    golden_dir = os.path.join(args.out, "golden")
    os.makedirs(golden_dir, exist_ok=True)
    strings = golden_texts(examples)
    with open(os.path.join(golden_dir, "tokenizer-golden.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "training/train_multi.py golden_texts via sentencepiece (Python)",
                   "cases": [{"text": s, "ids": sp.encode(s)} for s in strings]}, f, ensure_ascii=False)
    rng = random.Random(11)
    pick = [e for e in examples if e["split"] != "train"]
    texts = [item_text(e["name"], e["description"]) for e in rng.sample(pick, 190)]
    texts += ["Item: Relaxed linen shirt with a camp collar", "Item: 女士 红色 连衣裙", "Item: Satin slip dress",
              "Item: Ribbed crew-neck jumper Details: A soft ribbed jumper in merino wool with a crew neck.",
              "Item: Waves blouse", "Item: Summer pants (Saigon)", "Item: Rebecca", "Details: Soft leather ankle boots with a block heel.",
              "Item: 👗 floral dress", "Item: MLB同款 棒球帽 黑色"]
    cases = []
    for t in texts:
        s = encode(sp, t, args.max_length)
        i, m = pad_batch([s])
        out = model(i, m)
        case = {"text": t, "ids": s}
        for h in HEADS:
            case[f"logits_{h}"] = [round(float(v), 5) for v in out[f"logits_{h}"][0]]
        if len(cases) < 20:
            case["embedding"] = [round(float(v), 5) for v in out["embedding"][0]]
        cases.append(case)
    with open(os.path.join(golden_dir, "model-golden.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "PyTorch fp32 (training/train_multi.py write_golden)", "heads": HEADS, "cases": cases}, f, ensure_ascii=False)
    log(f"golden files written to {golden_dir}")


if __name__ == "__main__":
    main()
