"""The Llama heads mixed with the n-gram head (ngram_head.py), scored leave-one-source-out.

  hybrid.py transfer <transfer JSON> [...] <out JSON>

Each input row is a fold of a transfer JSON (calibrate.py transfer / rescore: its model directory and
its TF-IDF + LR baseline). Per fold: the n-gram head is trained on the rows the fold's model trained
on (labels masked as the shipped recipe masks them), then per head the mix
    z = (1 - w) * llama_logits / T_llama + w * ngram_logits / T_ngram
is chosen on the training sources' dev splits only (w on a 0..1 grid, lowest source-balanced NLL;
one w for names alone and one for texts with a description: the n-gram head reads names well and
paragraphs badly),
then the colour head's logits are lifted by a bonus b for each base colour the item's name names
(rules.name_colours; b on a 0..8 grid, lowest source-balanced dev NLL), the article-type head's likewise
for each type the name names (rules.name_types; chosen without the sources whose types are read from
those words, rules.NAME_LABELLED_SOURCES) and the master category's for those types' master categories,
and the gender head's for each gender the name names (rules.name_genders; chosen the same way),
and calibrate.py fits the
mix's temperature, sure threshold and OOD centroids on the same dev splits, and, for each head a name can
name a label of, a lower sure threshold for items whose top label the name names (named_sure_thresholds;
such heads are never sure where the name names labels of the head but not the top one:
rules.NAMED_CONTRADICTION_RULE), and scores every set. The held-out source is never used to choose
anything (the two named rules' forms were read off earlier folds' held-out sets: docs/BENCHMARKS.md)."""
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from calibrate import allowed_sets, best_temperature, dev_head, fit_arrays, fold_run, load_run, score_arrays, softmax, source_weights, TARGET_SURE_ACCURACY  # noqa: E402
from ngram_head import NgramVocab, ngram_logits, train_ngram_head  # noqa: E402
from rules import (NAME_LABELLED_SOURCES, NAMED_COLOUR_HEAD, NAMED_GENDER_HEAD, NAMED_MAX_NAME_CHARS, NAMED_TYPE_HEAD, TYPE_PARENT_HEADS, name_colours,  # noqa: E402
                   name_genders, name_too_long, name_types, named_sure_threshold)
from taxonomy import HEADS  # noqa: E402

MIX_WEIGHTS = np.round(np.linspace(0, 1, 11), 2)
MASK_THRESHOLD = 0.95  # reproduce.sh's --mask-constant-labels


def training_texts(train, name_views=False):
    """The n-gram head's training texts and the row each comes from: each row's full input text and,
    when it has a name and a description, its name alone (the app often has names only)."""
    from train_multi import item_text
    texts, origin = [], []
    for i, e in enumerate(train):
        texts.append(item_text(e["name"], e["description"]))
        origin.append(i)
        if name_views and e["name"] and e["description"]:
            texts.append(item_text(e["name"], ""))
            origin.append(i)
    return texts, origin


def fit_ngram_fold(holdout, max_features, epochs, name_views):
    """The n-gram head of one fold: vocabulary, weights, bias and the label maps."""
    from corpus import build_corpus, label_maps
    from shortcuts import mask_constant_labels
    from train_multi import excluded_sources, label_targets, set_loss
    examples, _, _ = build_corpus()
    maps = label_maps([e["labels"] for e in examples if e["source"] == "myntra"])
    excluded = excluded_sources(holdout)
    train = [e for e in examples if e["split"] == "train" and e["source"] not in excluded]
    train, _ = mask_constant_labels(train, MASK_THRESHOLD)
    texts, origin = training_texts(train, name_views)
    vocab = NgramVocab.fit(texts, max_features=max_features)
    row_targets = label_targets(train, maps)
    targets = {h: [row_targets[h][i] for i in origin] for h in HEADS}
    sizes = [len(maps[h]) for h in HEADS]
    weight, bias = train_ngram_head(vocab, texts, targets, sizes, HEADS, set_loss, epochs=epochs)
    return vocab, weight, bias, maps


def ngram_arrays(meta, llama, vocab, weight, bias):
    """A run's arrays (llama: {key: array}) with every evaluation set's head logits replaced by the n-gram head's."""
    out = dict(llama)
    for key, rows in meta["sets"].items():
        for h, lg in split_heads(ngram_logits(vocab, weight, bias, [r["text"] for r in rows]), meta["maps"]).items():
            out[f"{key}|{h}"] = lg
    return out


def split_heads(logits, maps):
    """All heads' logits (one matrix) as {head: logits}."""
    out, at = {}, 0
    for h in HEADS:
        n = len(maps[h])
        out[h] = logits[:, at: at + n]
        at += n
    return out


FORMS = ("name", "description")
MIN_FORM_ROWS = 30


def text_form(text):
    """"description" when the input text carries a description (item_text's ' Details: ' part or a
    description alone), else "name": the n-gram head reads names well and long paragraphs badly,
    so each form has its own mix (src/model/ngramHead.ts textForm)."""
    return "description" if "Details: " in text else "name"


def choose_mix(meta, llama, ngram):
    """Per head and text form: the n-gram weight w of z = (1 - w) * llama / T_llama + w * ngram / T_ngram
    with the lowest source-balanced NLL on that form's dev rows (temperature refitted per w); a form
    with under MIN_FORM_ROWS dev rows takes the weight of all rows. T_llama and T_ngram: each head's
    own best temperature on the dev rows. Returned per head as {"t_llama", "t_ngram", "weight":
    {form: w}, "dev_nll": {form: {w: nll}}}."""
    mix = {}
    for h in HEADS:
        a, b = dev_head(meta, llama, h), dev_head(meta, ngram, h)
        if a is None:
            mix[h] = {"weight": {f: 0.0 for f in FORMS}, "t_llama": 1.0, "t_ngram": 1.0}
            continue
        (lg_l, sets, w8, rows), lg_n = a, b[0]
        forms = np.array([text_form(r["text"]) for r in rows])
        t_l, t_n = best_temperature(lg_l, sets, w8)[0], best_temperature(lg_n, sets, w8)[0]

        def pick(mask):
            sub = [sets[i] for i in np.where(mask)[0]]
            trials = [(best_temperature((1 - w) * lg_l[mask] / t_l + w * lg_n[mask] / t_n, sub, w8[mask])[1], float(w)) for w in MIX_WEIGHTS]
            return min(trials)[1], {f"{tw:.1f}": round(tn, 4) for tn, tw in trials}

        every, every_nll = pick(np.ones(len(sets), dtype=bool))
        weights, nlls = {}, {}
        for f in FORMS:
            mask = forms == f
            weights[f], nlls[f] = pick(mask) if mask.sum() >= MIN_FORM_ROWS else (every, every_nll)
        mix[h] = {"weight": weights, "t_llama": t_l, "t_ngram": t_n, "dev_nll": nlls}
    return mix


def mix_factors(m, form):
    """The (llama, ngram) factors of one head's mix for one text form."""
    w = m["weight"][form]
    return (1 - w) / m["t_llama"], w / m["t_ngram"]


def mixed_arrays(meta, llama, ngram, mix):
    """The run's arrays with every set's head logits replaced by the mix (each row by its text form)."""
    out = dict(llama)
    for key, rows in meta["sets"].items():
        is_name = np.array([text_form(r["text"]) == "name" for r in rows])[:, None]
        for h in HEADS:
            (ln, nn), (ld, nd) = mix_factors(mix[h], "name"), mix_factors(mix[h], "description")
            lg_l, lg_n = llama[f"{key}|{h}"], ngram[f"{key}|{h}"]
            out[f"{key}|{h}"] = np.where(is_name, ln * lg_l + nn * lg_n, ld * lg_l + nd * lg_n).astype(np.float32)
    return out


NAME_BONUSES = np.round(np.linspace(0, 8, 17), 2)


def named_mask(rows, maps, head, namer):
    """1 where the row's name names that label (namer: rules.name_colours or rules.name_types), per row and class of `head`."""
    index = {label: i for i, label in enumerate(maps[head])}
    mask = np.zeros((len(rows), len(index)), dtype=np.float32)
    for i, r in enumerate(rows):
        for c in namer(r["text"]):
            if c in index:
                mask[i, index[c]] = 1.0
    return mask


def named_masks(meta, head, namer):
    """named_mask of every set of a run, by set key: they depend on the texts only, so a run's are read once
    and shared by choose_name_bonus and with_name_bonus (and by the float and int8 mixes)."""
    return {key: named_mask(rows, meta["maps"], head, namer) for key, rows in meta["sets"].items()}


def named_colour_masks(meta):
    """named_masks of the colour head, for the colours each name names."""
    return named_masks(meta, NAMED_COLOUR_HEAD, name_colours)


def named_type_masks(meta):
    """named_masks of the article-type head, for the types each name names."""
    return named_masks(meta, NAMED_TYPE_HEAD, name_types)


def named_gender_masks(meta):
    """named_masks of the gender head, for the genders each name names."""
    return named_masks(meta, NAMED_GENDER_HEAD, name_genders)


_PARENTS = {}


def type_parents(head):
    """{article type: its parent label on `head`} (subCategory or masterCategory): Myntra's most common pair
    of each type (taxonomy.Taxonomy, the map that gives other shops' types their parents)."""
    if head not in _PARENTS:
        from corpus import load_myntra
        from taxonomy import Taxonomy
        parent = Taxonomy(load_myntra()[0]).parent
        _PARENTS["subCategory"] = {t: p[0] for t, p in parent.items()}
        _PARENTS["masterCategory"] = {t: p[1] for t, p in parent.items()}
    return _PARENTS[head]


def named_type_parent_masks(meta, head, type_masks):
    """Masks of a parent head (TYPE_PARENT_HEADS) for the parents of the types each name names
    (Classifier.namedLifts in the app), derived from named_type_masks: 1 where any named type has that parent."""
    of = type_parents(head)
    index = {label: i for i, label in enumerate(meta["maps"][head])}
    to_parent = np.zeros((len(meta["maps"][NAMED_TYPE_HEAD]), len(index)), dtype=np.float32)
    for i, t in enumerate(meta["maps"][NAMED_TYPE_HEAD]):
        if of.get(t) in index:
            to_parent[i, index[of[t]]] = 1.0
    return {key: np.minimum(mask @ to_parent, 1.0) for key, mask in type_masks.items()}


def dev_named(meta, arrays, head, masks, skip_sources=()):
    """One head's dev-split rows with a label, rows of `skip_sources` left out, as (logits, named masks,
    source weights, allowed sets); None when fewer than 50 are left."""
    rows, logits, dev_masks = [], [], []
    for key, set_rows in meta["sets"].items():
        if key.startswith("dev:"):
            keep_rows = np.array([r["source"] not in skip_sources for r in set_rows], dtype=bool)
            rows.extend(r for r, k in zip(set_rows, keep_rows) if k)
            logits.append(arrays[f"{key}|{head}"][keep_rows])
            dev_masks.append(masks[key][keep_rows])
    sets = allowed_sets(rows, head, meta["maps"])
    keep = np.array([bool(x) for x in sets])
    if keep.sum() < 50:
        return None
    return np.concatenate(logits)[keep], np.concatenate(dev_masks)[keep], source_weights(rows)[keep], [x for x in sets if x]


def choose_name_bonus(meta, arrays, head, masks, skip_sources=()):
    """The bonus b of `head`'s logits + b x masks with the lowest source-balanced NLL on the dev splits
    (temperature refitted per b; rows of `skip_sources` left out), and the NLL at every b tried."""
    dev = dev_named(meta, arrays, head, masks, skip_sources)
    if dev is None:
        return 0.0, {}
    lg, mask, w, sets = dev
    nll = {float(b): best_temperature(lg + b * mask, sets, w)[1] for b in NAME_BONUSES}
    return min(nll, key=nll.get), {f"{b:.1f}": round(v, 4) for b, v in nll.items()}


def short_name_masks(meta, named, max_chars=NAMED_MAX_NAME_CHARS):
    """Every head's named masks ({head: {set key: mask}}) with the rows whose name is too long for the named thresholds
    (rules.name_too_long) emptied, so that named_sure_thresholds fits on the names the thresholds apply to; which rows
    are too long is read once per set, for all heads."""
    long_rows = {key: np.array([name_too_long(r["text"], max_chars) for r in rows], dtype=bool) for key, rows in meta["sets"].items()}
    return {h: {key: np.where(long_rows[key][:, None], 0.0, mask).astype(np.float32) for key, mask in masks.items()} for h, masks in named.items()}


def named_sure_thresholds(meta, arrays, cal, named, skip_sources=NAME_LABELLED_SOURCES):
    """calibration's `named_min_probability` and `named_several_min_probability`, as a pair of {head: threshold}:
    for each head of `named` ({head: named masks by set key}), rules.named_sure_threshold on its dev rows whose name
    names one label of the head, and on those whose name names two or more, without `skip_sources`, whose labels
    may come from the very words named, at the head's fitted temperature, never above the head's min_probability."""
    one, several = {}, {}
    for head, masks in named.items():
        dev = dev_named(meta, arrays, head, masks, skip_sources)
        if dev is None:
            continue
        lg, mask, w, sets = dev
        p = softmax(lg, cal["temperature"][head])
        pred, conf = p.argmax(1), p.max(1)
        correct = np.array([pr in s for pr, s in zip(pred, sets)], dtype=float)
        named_top = mask[np.arange(len(pred)), pred] > 0
        count = mask.sum(1)
        for out, rows in ((one, named_top & (count == 1)), (several, named_top & (count >= 2))):
            out[head] = round(named_sure_threshold(conf.tolist(), correct.tolist(), rows.tolist(), w.tolist(), cal["min_probability"][head], TARGET_SURE_ACCURACY), 4)
    return one, several


def with_name_bonus(meta, arrays, head, bonus, masks):
    """The run's arrays with every set's `head` logits lifted by bonus where masks (named_masks) say the name names the label."""
    out = dict(arrays)
    for key in meta["sets"]:
        out[f"{key}|{head}"] = (arrays[f"{key}|{head}"] + bonus * masks[key]).astype(np.float32)
    return out


def named_label_masks(meta, colours=True, types=True, genders=True):
    """Every named-label head's named masks by set key, in the order the bonuses are chosen: the colour head's
    (unless colours is False), the article type's and each TYPE_PARENT_HEADS head's for the named types'
    parents (unless types is False), the gender head's (unless genders is False)."""
    masks = {NAMED_COLOUR_HEAD: named_colour_masks(meta)} if colours else {}
    if types:
        masks[NAMED_TYPE_HEAD] = named_type_masks(meta)
        for head in TYPE_PARENT_HEADS:
            masks[head] = named_type_parent_masks(meta, head, masks[NAMED_TYPE_HEAD])
    if genders:
        masks[NAMED_GENDER_HEAD] = named_gender_masks(meta)
    return masks


def with_named_bonuses(meta, mixed, masks=None, types=True, genders=True):
    """The mix with the named-colour bonus, (unless types is False) the named-type bonuses — the article
    type's, then each TYPE_PARENT_HEADS head's for the named types' parents — and (unless genders is False)
    the named-gender bonus, each chosen on the dev splits in turn (all but the colour's without
    NAME_LABELLED_SOURCES), and what was chosen: ({"colour": (bonus, dev NLLs), "type": (bonus, dev NLLs),
    "parents": {head: (bonus, dev NLLs)}, "gender": (bonus, dev NLLs), "masks": {head: named masks by set
    key}}, arrays). `masks`: named_label_masks(meta, types=types, genders=genders), computed when not given."""
    masks = masks if masks is not None else named_label_masks(meta, types=types, genders=genders)
    chosen = {"masks": masks, "parents": {}}
    for head, head_masks in masks.items():
        picked = choose_name_bonus(meta, mixed, head, head_masks, () if head == NAMED_COLOUR_HEAD else NAME_LABELLED_SOURCES)
        mixed = with_name_bonus(meta, mixed, head, picked[0], head_masks)
        if head in TYPE_PARENT_HEADS:
            chosen["parents"][head] = picked
        else:
            chosen[{NAMED_COLOUR_HEAD: "colour", NAMED_TYPE_HEAD: "type", NAMED_GENDER_HEAD: "gender"}[head]] = picked
    return chosen, mixed


def hybrid_fold(row, max_features, epochs, name_views, cache=None, colour_bonus=True, type_bonus=True, gender_bonus=True, named_sure=True,
                named_contradiction=True, named_max_name=True):
    """One fold's row with "hybrid" (the mix, with the named-colour bonus unless colour_bonus is False, and
    the named-type and named-gender bonuses unless it or their own flag is False; with them, unless
    named_sure is False, the named sure thresholds, named_sure_thresholds, and unless named_contradiction is
    False the rule that a name contradicting the top label keeps it unsure, rules.NAMED_CONTRADICTION_RULE, and unless
    named_max_name is False the named thresholds only for names of at most rules.NAMED_MAX_NAME_CHARS characters)
    and "ngram" (the n-gram head alone) scores added. The n-gram head's logits are kept in `cache` (an
    .npz) and read from it when it exists."""
    t0 = time.time()
    run_dir = fold_run(row)
    meta, arrays = load_run(run_dir)
    llama = {k: arrays[k] for k in arrays.files}
    if cache and os.path.exists(cache):
        ngram = {**llama, **dict(np.load(cache))}
        vocab = None
    else:
        vocab, weight, bias, maps = fit_ngram_fold(meta["holdout"], max_features, epochs, name_views)
        assert maps == meta["maps"], "label maps differ from the fold model's"
        ngram = ngram_arrays(meta, llama, vocab, weight, bias)
        if cache:
            np.savez_compressed(cache, **{f"{key}|{h}": ngram[f"{key}|{h}"] for key in meta["sets"] for h in HEADS})
    mix = choose_mix(meta, llama, ngram)
    mixed = mixed_arrays(meta, llama, ngram, mix)
    if colour_bonus:
        chosen, mixed = with_named_bonuses(meta, mixed, types=type_bonus, genders=gender_bonus)
        row["colour_bonus"] = {"bonus": chosen["colour"][0], "dev_nll": chosen["colour"][1]}
        if type_bonus:
            row["type_bonus"] = {"bonus": chosen["type"][0], "dev_nll": chosen["type"][1], "not_chosen_on": list(NAME_LABELLED_SOURCES),
                                 "parents": {h: {"bonus": b, "dev_nll": nll} for h, (b, nll) in chosen["parents"].items()}}
        if gender_bonus:
            row["gender_bonus"] = {"bonus": chosen["gender"][0], "dev_nll": chosen["gender"][1], "not_chosen_on": list(NAME_LABELLED_SOURCES)}
    cal, named = fit_arrays(meta, mixed), None
    if colour_bonus and named_sure:
        named = chosen["masks"]
        cal["named_max_name_chars"] = NAMED_MAX_NAME_CHARS if named_max_name else None
        cal["named_min_probability"], cal["named_several_min_probability"] = named_sure_thresholds(
            meta, mixed, cal, short_name_masks(meta, named, cal["named_max_name_chars"]))
        cal["named_contradiction"] = sorted(cal["named_min_probability"]) if named_contradiction else []
        row["named_max_name_chars"] = cal["named_max_name_chars"]
        row["named_min_probability"] = cal["named_min_probability"]
        row["named_several_min_probability"] = cal["named_several_min_probability"]
        row["named_contradiction"] = cal["named_contradiction"]
    row["hybrid"] = score_arrays(meta, mixed, cal, named)["sets"]
    row["llama_temperature"] = {h: m["t_llama"] for h, m in mix.items()}
    row["ngram"] = score_arrays(meta, ngram, fit_arrays(meta, ngram))["sets"]
    row["mix"] = mix
    row["ngram_settings"] = {"from_cache": vocab is None, "max_features": max_features, "epochs": epochs, "name_views": name_views,
                             "vocabulary": len(vocab.terms) if vocab else None, "seconds": round(time.time() - t0, 1)}
    return row


def print_row(row):
    for key in row["baseline"]:
        for h, b in row["baseline"][key].items():
            m, y, g = (row[k][key][h]["calibrated"] for k in ("model", "hybrid", "ngram"))
            print(f"{row['holdout']:26s} {key:32s} {h:14s} n={m['n']:5d} acc llama {m['accuracy']:.3f} ngram {g['accuracy']:.3f} "
                  f"hybrid {y['accuracy']:.3f} tfidf {b['accuracy']:.3f} | ECE {m['ece']:.3f}/{y['ece']:.3f} "
                  f"| sure {m['sure_prob_coverage']:.2f}@{m['sure_prob_accuracy'] or 0:.3f} -> "
                  f"{y['sure_prob_coverage']:.2f}@{y['sure_prob_accuracy'] or 0:.3f} w={row['mix'][h]['weight']}", flush=True)


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["transfer"])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--max-features", type=int, default=40000)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--name-views", action="store_true", help="also train on names alone (measured: worse on Amazon, off)")
    ap.add_argument("--cache-dir", help="keep (and reuse) each fold's n-gram logits here")
    ap.add_argument("--no-colour-bonus", action="store_true", help="score the mix without the named-colour bonus (as before 6 Dec 2026, 14:00 UTC) or the named-type one")
    ap.add_argument("--no-type-bonus", action="store_true", help="score the mix without the named-type bonus (as before 7 Dec 2026, 03:00 UTC)")
    ap.add_argument("--no-gender-bonus", action="store_true", help="score the mix without the named-gender bonus (as before 7 Dec 2026, 05:00 UTC)")
    ap.add_argument("--no-named-sure", action="store_true", help="no lower sure threshold for items whose top label their name names (as before 7 Dec 2026, 05:00 UTC)")
    ap.add_argument("--no-named-contradiction", action="store_true", help="sure even when the name names labels of the head but not the top one (as before 7 Dec 2026, 05:40 UTC)")
    ap.add_argument("--no-named-max-name", action="store_true", help="the named thresholds for names of any length (as before 7 Dec 2026, 23:00 UTC)")
    args = ap.parse_args()
    rows = []
    for path in args.paths[:-1]:
        with open(path) as f:
            rows.extend(json.load(f))
    out = []
    for row in rows:
        cache = os.path.join(args.cache_dir, row["holdout"].replace(",", "+") + "-ngram.npz") if args.cache_dir else None
        out.append(hybrid_fold(row, args.max_features, args.epochs, args.name_views, cache, not args.no_colour_bonus, not args.no_type_bonus,
                               not args.no_gender_bonus, not args.no_named_sure, not args.no_named_contradiction, not args.no_named_max_name))
        print_row(out[-1])
        with open(args.paths[-1], "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
