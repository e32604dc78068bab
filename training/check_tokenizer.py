"""Checks that the exported tokenizer.json gives SentencePiece's ids in the app's tokenizer
(src/model/tokenizer.ts, @huggingface/tokenizers), on far more strings than the 1,000 golden ones.

Exports a SentencePiece model with text.py's export_tokenizer_json (no retraining), encodes tens
of thousands of strings with SentencePiece (catalogue names in three casings, extra spaces, the
tokenizer corpus when given, Chinese, emoji, runs of repeated characters, special-token text, and
strings where two different splits of one piece compete), then runs training/check_tokenizer.ts.

usage: python3 training/check_tokenizer.py <spm.model> [--corpus tokenizer_corpus.txt] [--out DIR] [--data styles.csv]
Exit status 0 when every string gets identical ids (decoded text that differs is listed as well).
"""
import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

import sentencepiece as spm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from text import export_tokenizer_json  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
STYLES = os.path.join(ROOT, "..", "shared", "data", "fashion-products", "styles.csv")


def check_strings(sp, names, corpus_lines, rng):
    out = list(names)
    out += [n.lower() for n in names[:10000]] + [n.upper() for n in names[10000:15000]]
    out += ["  " + rng.choice(names) + "   " + rng.choice(names) + " " for _ in range(3000)]
    out += rng.sample(corpus_lines, min(20000, len(corpus_lines)))
    cjk = "红色连衣裙男士衬衫女款牛仔裤运动鞋夏季冬季休闲正装棉麻真丝外套黑白蓝绿黄粉紫灰色包手表帽子围巾的一是不了人我在有"
    for _ in range(3000):
        s = "".join(rng.choice(cjk) for _ in range(rng.randint(1, 20)))
        out.append(rng.choice([s, s + " " + rng.choice(names), "Item: " + s, rng.choice(names) + "，" + s, s + " " + s]))
    emoji = ["👗", "👕", "👖", "👟", "🧥", "👜", "💄", "🕶️", "✨", "🔥", "❤️", "👩🏽", "🇮🇳", "🧵", "😀", "🏳️‍🌈"]
    for _ in range(3000):
        s = rng.choice(names)
        out.append(rng.choice([s + " " + rng.choice(emoji), rng.choice(emoji) * rng.randint(1, 4),
                               rng.choice(emoji) + s + rng.choice(emoji)]))
    for ch in [" ", ".", "-", "!", "*", "=", "_", "x", "a", "e", "o", "l", "s", "0", "ab", "ss", "ll", "ee", "in", "er", "▁", "红"]:
        for k in range(1, 25):
            out += [ch * k, "a" + ch * k + "b", "Item: " + ch * k, ch * k + " " + ch * k]
    out += ["<s>", "</s>", "<unk>", "a <s> b", "x</s>", "<0x41>", "▁", "▁▁x", "\u00a0nbsp", "zero\u200bwidth",
            "\ufeffbom", "\r\n", "\t\t", "nul\u0000char", "ﬁ ligature", "Ｔシャツ", "①②", "x\u0301\u0301"]
    for _ in range(5000):  # words shuffled and rotated: unusual symbol sequences
        w = rng.choice(names).split()
        s = "".join(rng.sample(w, len(w)))
        cut = rng.randint(0, len(s))
        out.append(s[cut:] + s[:cut])
    for _ in range(5000):  # vocabulary pieces glued together
        ps = "".join(sp.id_to_piece(rng.randrange(259, sp.get_piece_size())) for _ in range(rng.randint(1, 6)))
        out.append(ps.replace("\u2581", " ").lstrip(" ") if rng.random() < 0.5 else ps.replace("\u2581", " "))
    # Pieces with several splits: SentencePiece breaks equal scores leftmost, the merges list by rank.
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    for i in range(sp.get_piece_size()):
        if sp.is_control(i) or sp.is_unknown(i) or sp.is_byte(i):
            continue
        p = sp.id_to_piece(i)
        splits = [(p[:c], p[c:]) for c in range(1, len(p)) if p[:c] in vocab and p[c:] in vocab]
        for a1, b1 in splits:
            for a2, b2 in splits:
                if (a1, b1) != (a2, b2):
                    for s in ([a1 + b1 + b2] if b1 == a2 else []) + [p + p, a1 + p + b2, b2 + p + a1]:
                        t = s.replace("\u2581", " ")
                        out += [t, t.lstrip(" "), "x" + t, "Item: " + t.lstrip(" ")]
    return list(dict.fromkeys(out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--data", default=STYLES, help="styles.csv (catalogue names)")
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="check-tokenizer-")
    os.makedirs(out, exist_ok=True)
    sp = spm.SentencePieceProcessor(model_file=args.model)
    export_tokenizer_json(sp, os.path.join(out, "tokenizer.json"), os.path.join(out, "tokenizer_config.json"), 128)
    with open(args.data, newline="", encoding="utf-8") as f:
        names = [r["productDisplayName"] for r in csv.DictReader(f) if r.get("productDisplayName")]
    corpus = []
    if args.corpus:
        with open(args.corpus, encoding="utf-8") as f:
            corpus = f.read().splitlines()
    strings = check_strings(sp, names, corpus, random.Random(1))
    with open(os.path.join(out, "cases.json"), "w", encoding="utf-8") as f:
        cases = []
        for s in strings:
            ids = sp.encode(s)
            cases.append({"text": s, "ids": ids, "decoded": sp.decode(ids)})
        json.dump({"cases": cases}, f, ensure_ascii=False)
    print(f"{len(strings)} strings, {sp.get_piece_size()} pieces, files in {out}", flush=True)
    sys.exit(subprocess.call(["npx", "tsx", os.path.join("training", "check_tokenizer.ts"), out], cwd=ROOT))


if __name__ == "__main__":
    main()
