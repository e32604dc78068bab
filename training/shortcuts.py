"""Training-data shortcuts: labels that say which shop an item came from rather than what it is."""
import collections


def mask_constant_labels(rows, threshold, min_rows=50):
    """Drops, per source, the labels of a head that one value covers in at least `threshold` of that
    source's labelled rows (the reviews are all Women / Apparel, Amazon's usage is only ever Sports):
    such labels teach "this shop's writing style -> that label", a shortcut that the held-out adidas
    fold followed with confidence (marketing paragraphs read as Women, shoes as Apparel). Returns the
    rows (labels copied where changed) and the (source, head, share) pairs masked."""
    by_source = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
    for r in rows:
        for h, labels in r["labels"].items():
            if labels:
                by_source[r["source"]][h][tuple(labels)] += 1
    masked = []
    for source, heads in by_source.items():
        for h, counts in heads.items():
            n = sum(counts.values())
            share = counts.most_common(1)[0][1] / n
            if n >= min_rows and share >= threshold:
                masked.append((source, h, round(share, 4)))
    drop = {(s, h) for s, h, _ in masked}
    out = []
    for r in rows:
        gone = [h for h in r["labels"] if (r["source"], h) in drop and r["labels"][h]]
        out.append({**r, "labels": {**r["labels"], **{h: [] for h in gone}}} if gone else r)
    return out, sorted(masked)
