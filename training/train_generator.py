"""The design-brief generator (issue 14): a small Llama language model that writes an item name
from its tags, `Item: [gender=Men] [usage=Casual] [baseColour=Navy Blue] [articleType=Shirts]` ->
`Roadster Men Navy Blue Casual Shirt`. The classifier's tied LM head learned the catalogue's name
style far better than the tag -> name mapping (40 % of its unguided drafts read back as the asked
article type); this model is trained for that mapping alone: the loss is on the name's tokens only
(the tags are given at inference), every name is seen with its article type and most of its other
tags, and nothing else competes for its capacity. It shares the classifier's tokenizer, so the app
reads both with one tokenizer; the classifier reads every draft back.

With `--brief-share S` (reproduce.sh: 0.3), a share S of the rows teaches it to go on after
`<tags> <name> Details:` with a one-line brief ("Navy Blue printed T-shirt, has a polo collar, and
short sleeves."), the loss on the brief only; the app writes the brief after each drafted name and
the classifier reads it back (src/model/briefs.ts).

Data: Myntra's training split (corpus.py: the in-domain test and dev rows are never seen), names as
written; briefs from training/data/myntra_briefs.csv (prepare_briefs.py, training/DATA.md). Output: `<out>/generator.onnx` (fp32, outputs next_token_logits only), its int8 graphs
(quantize.py), `generator.json` (sizes, steps, the held-out loss) and golden next-token ids for
the parity test.

usage: python3 train_generator.py --out DIR --tokenizer SPM_MODEL  (the defaults are the shipped model's)"""
import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import time
import zlib

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import build_corpus, load_myntra  # noqa: E402
from model import OnnxWrapper, TrendloomLlama  # noqa: E402
from text import GEN_TAGS, log, pad_batch, set_seed, singular  # noqa: E402

SEED = 20261206


def prompt_text(row, rng, keep=0.75):
    """The tag prompt of a row, as src/model/generate.ts writes it: the article type nearly always,
    each other tag with probability `keep` (so prompts with fewer tags work too)."""
    tags = [f"[{k}={row[k]}]" for k in GEN_TAGS
            if row.get(k) and row[k] != "NA" and rng.random() < (0.97 if k == "articleType" else keep)]
    return "Item: " + " ".join(tags)


BRIEF_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "myntra_briefs.csv")
BRIEF_MARKER = " Details:"
# How names write the article types whose Myntra label is not a word of their own.
TYPE_WORDS = {"Tshirts": ("t-shirt", "tshirt"), "Tops": ("top",), "Track Pants": ("track pants",)}


def type_words(types):
    """The words a name may write each article type with: its label and singular in lower case, less
    "es" ("Dresses" -> "dress"), and TYPE_WORDS."""
    return {t: {singular(t), t.lower(), t.lower()[:-2] if t.lower().endswith("es") else t.lower(), *TYPE_WORDS.get(t, ())} for t in types}


def brief_tags(name, gender, colours, words):
    """The tags of a brief row that its name states plainly: the gender column, the longest base
    colour the name contains, and the article type when the name has one of the words (type_words)
    of exactly one type (the file has no labels of its own)."""
    low = " " + " ".join(name.lower().split()) + " "
    colour = max((c for c in colours if f" {c.lower()} " in low), key=len, default="")
    found = {t for t, ws in words.items() if any(f" {w} " in low for w in ws)}
    return {"gender": gender, "baseColour": colour, "articleType": next(iter(found)) if len(found) == 1 else "",
            "usage": "", "season": ""}


def brief_rows(train_rows, path=BRIEF_FILE):
    """Name + one-line brief rows (training/prepare_briefs.py): the generator learns to go on from
    `<tags> <name> Details:` with the brief, the loss on the brief alone. Split 95 / 5 by the name's
    hash into training and held-out rows."""
    colours = sorted({r["baseColour"] for r in train_rows if r.get("baseColour") and r["baseColour"] != "NA"})
    words = type_words(sorted({r["articleType"] for r in train_rows if r.get("articleType")}))
    train, dev = [], []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            row = brief_tags(r["name"], r["gender"], colours, words)
            row["prefix"] = r["name"] + BRIEF_MARKER
            row["productDisplayName"] = r["brief"]  # the text the loss is on, in the field name rows use
            (dev if zlib.crc32(r["name"].encode("utf-8")) % 20 == 0 else train).append(row)
    return train, dev


def row_prompt(row, rng, keep=0.75):
    """What comes before the loss: the tag prompt, and for a brief row its name and the marker."""
    prompt = prompt_text(row, rng, keep)
    return prompt + " " + row["prefix"] if row.get("prefix") else prompt


def encode_pair(sp, prompt, name, max_length):
    """<s> prompt name </s> as ids, and the index where the name starts (the loss starts there)."""
    p = [1] + sp.encode(prompt)
    full = [1] + sp.encode(prompt + " " + name)
    # SentencePiece may join the last prompt piece with the name's first: start the loss where they differ.
    start = 0
    while start < min(len(p), len(full)) and p[start] == full[start]:
        start += 1
    return (full + [2])[:max_length], start


def lm_loss(model, batch):
    ids, mask = pad_batch([s for s, _ in batch])
    hidden = model.hidden_states(ids, mask)
    logits = model.lm_logits(hidden[:, :-1])
    target = ids[:, 1:].clone()
    valid = mask[:, 1:].clone()
    for i, (_, start) in enumerate(batch):
        valid[i, : max(0, start - 1)] = 0
    target[valid == 0] = -100
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=-100)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--tokenizer", required=True, help="the classifier's spm.model (the generator shares it)")
    # Defaults: the shipped generator (a smaller model than the classifier: it writes short names).
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--hidden", type=int, default=344)
    ap.add_argument("--max-length", type=int, default=64)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--brief-share", type=float, default=0.0,
                    help="share of training rows that are a name + ' Details: ' + its one-line brief (training/data/myntra_briefs.csv)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    set_seed(SEED)
    import sentencepiece as spm
    sp = spm.SentencePieceProcessor(model_file=args.tokenizer)
    examples, _, _ = build_corpus()
    by_id = {"myntra:" + r["id"]: r for r in load_myntra()[0]}
    train = [by_id[e["group"]] for e in examples if e["source"] == "myntra" and e["split"] == "train"]
    dev = [by_id[e["group"]] for e in examples if e["source"] == "myntra" and e["split"] == "dev"]
    briefs, brief_dev = brief_rows(train) if args.brief_share > 0 else ([], [])
    args.brief_rows = len(briefs)
    log(f"generator: {len(train)} training names, {len(dev)} held-out (Myntra dev split); {len(briefs)} name + brief rows, {len(brief_dev)} held out")
    arch = {"vocab_size": sp.get_piece_size(), "dim": args.dim, "n_layers": args.layers, "n_heads": args.heads,
            "hidden": args.hidden, "max_positions": args.max_length, "pooling": "last"}
    model = TrendloomLlama(**arch, head_sizes={}, dropout=args.dropout)
    n_params = sum(p.numel() for p in model.parameters())
    log(f"model: {n_params:,} parameters")
    rng = random.Random(SEED)
    dev_rng = random.Random(SEED + 1)
    dev_batch = [encode_pair(sp, prompt_text(r, dev_rng, keep=1.0), r["productDisplayName"], args.max_length) for r in dev[:600]]
    brief_dev_batch = [encode_pair(sp, row_prompt(r, dev_rng, keep=1.0), r["productDisplayName"], args.max_length) for r in brief_dev[:600]]

    def dev_loss(batch_rows=dev_batch):
        if not batch_rows:
            return float("nan")
        model.eval()
        with torch.no_grad():
            losses = [float(lm_loss(model, batch_rows[i:i + 256])) for i in range(0, len(batch_rows), 256)]
        model.train()
        return sum(losses) / len(losses)

    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.98))
    warm = max(1, args.steps // 20)
    t0 = time.time()
    model.train()
    run = None
    history = []
    for step in range(args.steps):
        lr = args.lr * (step + 1) / warm if step < warm else args.lr * 0.5 * (1 + math.cos(math.pi * (step - warm) / (args.steps - warm)))
        for g in opt.param_groups:
            g["lr"] = lr
        rows = [briefs[rng.randrange(len(briefs))] if briefs and rng.random() < args.brief_share else train[rng.randrange(len(train))]
                for _ in range(args.batch)]
        batch = [encode_pair(sp, row_prompt(r, rng), r["productDisplayName"], args.max_length) for r in rows]
        loss = lm_loss(model, batch)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        run = float(loss) if run is None else 0.98 * run + 0.02 * float(loss)
        if step % 500 == 0 or step == args.steps - 1:
            d, b = dev_loss(), dev_loss(brief_dev_batch)
            history.append({"step": step, "train_loss": round(run, 4), "dev_loss": round(d, 4),
                            **({"brief_dev_loss": round(b, 4)} if brief_dev_batch else {})})
            log(f"step {step}/{args.steps} {time.time() - t0:.0f}s loss={run:.3f} dev={d:.3f}" + (f" brief dev={b:.3f}" if brief_dev_batch else ""))
    train_s = time.time() - t0
    torch.save({"state": model.state_dict(), "arch": arch}, os.path.join(args.out, "generator.pt"))
    export(model, sp, args, {"parameters": n_params, "steps": args.steps, "batch": args.batch, "train_seconds": round(train_s),
                             "training_names": len(train), "history": history, "dev_loss": history[-1]["dev_loss"],
                             **({"brief_dev_loss": history[-1]["brief_dev_loss"], "brief_dev_rows": len(brief_dev)} if brief_dev_batch else {})})


@torch.no_grad()
def export(model, sp, args, info):
    model.eval()
    path = os.path.join(args.out, "generator.onnx")
    wrapper = OnnxWrapper(model, ["next_token_logits"]).eval()
    ids, mask = pad_batch([[1] + sp.encode("Item: [articleType=Shirts] Roadster"), [1] + sp.encode("Item: x")])
    dyn = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"}, "next_token_logits": {0: "batch"}}
    torch.onnx.export(wrapper, (ids, mask), path, input_names=["input_ids", "attention_mask"], output_names=["next_token_logits"],
                      dynamic_axes=dyn, opset_version=17, do_constant_folding=True)
    qdir = os.path.join(args.out, "q")
    os.makedirs(qdir, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "quantize.py"), path, qdir], check=True)
    os.replace(os.path.join(qdir, "model_quantized.onnx"), os.path.join(args.out, "generator_quantized.onnx"))
    os.replace(os.path.join(qdir, "model_quantized_webgpu.onnx"), os.path.join(args.out, "generator_quantized_webgpu.onnx"))
    # Golden next-token logits for the parity test (fp32 PyTorch; the int8 graphs are compared loosely).
    prompts = ["Item: [gender=Women] [usage=Casual] [baseColour=Green] [articleType=Dresses]",
               "Item: [usage=Casual] [baseColour=Navy Blue] [articleType=Shirts]",
               "Item: [articleType=Sports Shoes]", "Item: [gender=Men] [baseColour=Black] [articleType=Watches] Titan",
               "Item: [season=Winter] [articleType=Jackets]"]
    cases = []
    for p in prompts:
        s = [1] + sp.encode(p)
        i, m = pad_batch([s])
        logits = model(i, m)["next_token_logits"][0]
        top = torch.topk(logits, 5)
        cases.append({"prompt": p, "ids": s, "top5_ids": top.indices.tolist(), "top5_logits": [round(float(v), 4) for v in top.values]})
    info["brief_rows"] = args.brief_rows
    info["brief_share"] = args.brief_share
    info.update({"files": {"generator_quantized.onnx": os.path.getsize(os.path.join(args.out, "generator_quantized.onnx")),
                           "generator_quantized_webgpu.onnx": os.path.getsize(os.path.join(args.out, "generator_quantized_webgpu.onnx"))},
                 "architecture": {"dim": args.dim, "layers": args.layers, "heads": args.heads, "hidden": args.hidden, "max_length": args.max_length},
                 "golden": cases, "seed": SEED})
    with open(os.path.join(args.out, "generator.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1, ensure_ascii=False)
    log(f"exported {path} and its int8 graphs; dev loss {info['dev_loss']}")


if __name__ == "__main__":
    main()
