"""The classifier's training corpus: Myntra's catalogue plus five other shops' catalogues
(../shared/data/catalogues) and Chinese / mixed-language items written from a bilingual lexicon,
mapped onto one taxonomy (taxonomy.py), with grouped held-out splits per source.

An example is a dict: source, group (rows of one garment / one name share it, so splits never
leak), name, description, labels {head: [allowed labels]}, type_for_eval (article types used only
to score sources that do not train the type head), split ('train' | 'dev' | 'test')."""
import csv
import hashlib
import os
import random

import numpy as np

from lexicon_zh import chinese_variants
from taxonomy import HEADS, Taxonomy

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")
MYNTRA_SEED = 20261128
CATALOGUES = ["womens_ecommerce_reviews", "flipkart_ecommerce_sample", "amazon_implicitave", "adidas_us", "zara_us"]
CATALOGUE_FILES = {"womens_ecommerce_reviews": "womens_ecommerce_reviews.csv", "flipkart_ecommerce_sample": "flipkart_ecommerce_sample.csv",
                   "amazon_implicitave": "amazon_implicitave_fashion.csv", "adidas_us": "adidas_us.csv", "zara_us": "zara_us.csv"}
SOURCES = ["myntra"] + CATALOGUES + ["zh_lexicon"]
# Flipkart boilerplate ("X - Buy X - 123 only for Rs. 1999 from Flipkart.com …") says nothing the name does not.
BOILERPLATE = ("only for Rs.", "Flipkart.com")


def norm_name(s):
    return " ".join((s or "").lower().split())


def load_myntra(data_dir=DATA):
    """Myntra rows with a name, sorted by id, and the fixed 10 % held-out split of the earlier Myntra-only model (seeded permutation)."""
    rows = []
    with open(os.path.join(data_dir, "fashion-products", "styles.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            r = {k: (v or "").strip() for k, v in r.items()}
            if r.get("productDisplayName"):
                rows.append(r)
    rows.sort(key=lambda r: int(r["id"]))
    perm = np.random.RandomState(MYNTRA_SEED).permutation(len(rows))
    test_idx = set(perm[: int(round(len(rows) * 0.1))].tolist())
    return rows, test_idx


def grouped_split(group, dev_fraction):
    """A stable split by group: the same garment or name always falls on the same side."""
    h = int(hashlib.sha1(group.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "dev" if h < dev_fraction else "train"


def build_corpus(data_dir=DATA, dev_fraction=0.1):
    myntra_rows, myntra_test = load_myntra(data_dir)
    tax = Taxonomy(myntra_rows)
    myntra_names = {norm_name(r["productDisplayName"]) for r in myntra_rows}
    examples = []
    for i, r in enumerate(myntra_rows):
        # Myntra's fixed held-out split is the in-domain test; a grouped 5 % of the rest is its dev part.
        split = "test" if i in myntra_test else grouped_split("myntra:" + r["id"], dev_fraction / 2)
        examples.append({"source": "myntra", "group": "myntra:" + r["id"], "name": r["productDisplayName"], "description": "",
                         "labels": tax.myntra(r), "type_for_eval": [], "split": split, "row": r})
        examples[-1]["type_for_eval"] = examples[-1]["labels"]["articleType"]
    dropped_overlap = 0
    for src in CATALOGUES:
        with open(os.path.join(data_dir, "catalogues", CATALOGUE_FILES[src]), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                name, desc = (r["name"] or "").strip(), (r["description"] or "").strip()
                if norm_name(name) in myntra_names:
                    dropped_overlap += 1
                    continue
                if any(b in desc for b in BOILERPLATE):
                    desc = ""
                if not name and not desc:
                    continue
                group = src + ":" + (r["item_id"].split("-r")[0] if src == "womens_ecommerce_reviews" else norm_name(name) or r["item_id"])
                labels = tax.catalogue(r)
                type_eval = labels.pop("type_for_eval", [])
                examples.append({"source": src, "group": group, "name": name, "description": desc, "labels": labels,
                                 "type_for_eval": type_eval or labels["articleType"], "split": grouped_split(group, dev_fraction)})
    # Chinese and mixed-language items written from Myntra training rows through the lexicon.
    rng = random.Random(MYNTRA_SEED)
    for ex in [e for e in examples if e["source"] == "myntra" and e["split"] != "test"]:
        for text, labels in chinese_variants(ex["row"], rng):
            examples.append({"source": "zh_lexicon", "group": ex["group"], "name": text, "description": "", "labels": labels,
                             "type_for_eval": labels["articleType"], "split": ex["split"]})
    for ex in examples:
        ex.pop("row", None)
    return examples, tax, {"dropped_myntra_name_overlap": dropped_overlap}


def label_maps(myntra_rows_labels):
    """Class lists per head (Myntra's label order: most frequent first, as the shipped model had)."""
    maps = {}
    for h in HEADS:
        counts = {}
        for labels in myntra_rows_labels:
            for l in labels[h]:
                counts[l] = counts.get(l, 0) + 1
        maps[h] = sorted(counts, key=lambda k: (-counts[k], k))
    return maps


def summary(examples):
    out = {}
    for ex in examples:
        s = out.setdefault(ex["source"], {"rows": 0, "train": 0, "dev": 0, "test": 0, "with_description": 0,
                                          **{f"labelled_{h}": 0 for h in HEADS}})
        s["rows"] += 1
        s[ex["split"]] += 1
        s["with_description"] += bool(ex["description"])
        for h in HEADS:
            s[f"labelled_{h}"] += bool(ex["labels"][h])
    return out


if __name__ == "__main__":
    import json
    ex, tax, notes = build_corpus()
    print(json.dumps({"notes": notes, "sources": summary(ex)}, indent=1))
