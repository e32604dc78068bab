"""Text helpers shared by the training scripts: the Myntra-name augmentation, tagged generation
texts, the tokenizer's Hugging Face export, padding, the golden strings for the parity test, seeds
and logging."""
import json
import random
import time

import numpy as np
import torch

from casing import lower_shouted_words


GEN_TAGS = ["gender", "usage", "season", "baseColour", "articleType"]
INPUT_TEMPLATE = "Item: {text}"

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
    return INPUT_TEMPLATE.format(text=lower_shouted_words(text))


def generation_text(row, rng):
    tags = [f"[{k}={row[k]}]" for k in GEN_TAGS if row[k] and rng.random() < 0.7]
    if not tags:
        tags = [f"[articleType={row['articleType']}]"]
    return "Item: " + " ".join(tags) + " " + row["productDisplayName"]


# ---------------------------------------------------------------- tokenizer


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


def pad_batch(seqs):
    t = max(len(s) for s in seqs)
    ids = torch.zeros((len(seqs), t), dtype=torch.long)
    mask = torch.zeros((len(seqs), t), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask


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
