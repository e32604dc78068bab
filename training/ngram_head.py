"""The classifier's n-gram head: TF-IDF over word 1-2-grams of the model's input text and one linear
layer per head, trained with the same partial-label loss as the Llama heads. Its logits are mixed
with the Llama heads' logits (weights fitted on the dev splits, calibrate.py), so a word the trunk
reads badly in another shop's wording still counts.

The analyser is written for exact reproduction in TypeScript (src/model/ngramHead.ts): lower-case,
then tokens are single CJK characters or runs of letters and digits; features are the tokens and
the pairs of neighbouring tokens joined by a space. Parity cases: test/fixtures/classifier/ngram-cases.json."""
import math
import re

# One token: a CJK ideograph alone, or a run of letters/digits (Unicode categories L and N) that
# are not CJK ideographs. Python's \w adds "_" (excluded here) and nothing else the JS side lacks
# for the texts tested; the parity test is the arbiter.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_RE = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")


def tokens(text):
    """The analyser's tokens of one text."""
    return TOKEN_RE.findall(text.lower())


def features(text):
    """Unigrams and bigrams (joined by one space) of one text, in order, with repeats."""
    t = tokens(text)
    return t + [f"{a} {b}" for a, b in zip(t, t[1:])]


class NgramVocab:
    """The n-grams kept (at least `min_df` training texts, the `max_features` most frequent; ties by
    the n-gram's text) and their inverse document frequency ln((1 + n) / (1 + df)) + 1."""

    def __init__(self, terms, idf):
        import numpy as np
        self.terms = list(terms)
        self.index = {t: i for i, t in enumerate(self.terms)}
        self.idf = np.asarray(idf, dtype=np.float32)

    @classmethod
    def fit(cls, texts, min_df=2, max_features=40000):
        df = {}
        for text in texts:
            for f in set(features(text)):
                df[f] = df.get(f, 0) + 1
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:max_features]
        n = len(texts)
        return cls(kept, [math.log((1 + n) / (1 + df[t])) + 1 for t in kept])

    def vectorize(self, texts):
        """CSR (indices, indptr, data): sublinear term frequency (1 + ln tf) x idf, unit length."""
        import numpy as np
        indices, indptr, data = [], [0], []
        for text in texts:
            counts = {}
            for f in features(text):
                i = self.index.get(f)
                if i is not None:
                    counts[i] = counts.get(i, 0) + 1
            cols = sorted(counts)
            vals = np.array([(1 + math.log(counts[c])) * self.idf[c] for c in cols], dtype=np.float32)
            norm = float(np.sqrt((vals * vals).sum())) if len(vals) else 0.0
            indices.extend(cols)
            data.extend((vals / norm).tolist() if norm > 0 else vals.tolist())
            indptr.append(len(indices))
        return np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64), np.array(data, dtype=np.float32)


def fit_sparse_linear(n_features, sizes, heads, targets, n_rows, bag_input, set_loss, epochs=5, seed=0, lr=0.02, batch=512):
    """A linear layer per head over sparse features, trained with set_loss (the partial-label loss):
    targets[head][i] are row i's allowed classes, bag_input(rows) gives those rows as EmbeddingBag
    input (flat indices, offsets, weights). Zero-initialised; SparseAdam touches only the features
    of a batch. Returns the EmbeddingBag (features x all heads' classes) and the bias. Used by the
    n-gram head and by calibrate.py's TF-IDF + LR baseline."""
    import numpy as np
    import torch
    torch.manual_seed(seed)
    bag = torch.nn.EmbeddingBag(n_features, sum(sizes), mode="sum", sparse=True)
    torch.nn.init.zeros_(bag.weight)
    bias = torch.nn.Parameter(torch.zeros(sum(sizes)))
    opt_sparse, opt_dense = torch.optim.SparseAdam(list(bag.parameters()), lr=lr), torch.optim.Adam([bias], lr=lr)
    rng = np.random.RandomState(seed)
    for _ in range(epochs):
        order = rng.permutation(n_rows)
        for s in range(0, len(order), batch):
            rows = order[s: s + batch]
            bi, bp, bv = bag_input(rows)
            out = bag(torch.from_numpy(bi), torch.from_numpy(bp), per_sample_weights=torch.from_numpy(bv)) + bias
            total = 0.0
            for h, lh in zip(heads, torch.split(out, sizes, dim=1)):
                loss = set_loss(lh, [targets[h][i] for i in rows])
                if loss is not None:
                    total = total + loss
            opt_sparse.zero_grad()
            opt_dense.zero_grad()
            total.backward()
            opt_sparse.step()
            opt_dense.step()
    return bag, bias


def train_ngram_head(vocab, texts, targets, sizes, heads, set_loss, epochs=5, seed=0, lr=0.02, batch=512):
    """Weights (n-grams x all heads' classes) and bias of the n-gram head, trained on texts whose
    allowed classes per head are targets[head][i] (fit_sparse_linear)."""
    ind, ptr, val = vocab.vectorize(texts)
    bag, bias = fit_sparse_linear(len(vocab.terms), sizes, heads, targets, len(texts), lambda rows: _rows(ind, ptr, val, rows),
                                  set_loss, epochs=epochs, seed=seed, lr=lr, batch=batch)
    return bag.weight.detach().numpy().copy(), bias.detach().numpy().copy()


def _rows(ind, ptr, val, rows):
    """The CSR rows `rows` as EmbeddingBag input (flat indices, offsets, weights)."""
    import numpy as np
    parts_i, parts_v, offsets, at = [], [], [], 0
    for r in rows:
        a, b = ptr[r], ptr[r + 1]
        parts_i.append(ind[a:b])
        parts_v.append(val[a:b])
        offsets.append(at)
        at += b - a
    return (np.concatenate(parts_i) if parts_i else np.zeros(0, np.int64), np.array(offsets, dtype=np.int64),
            np.concatenate(parts_v) if parts_v else np.zeros(0, np.float32))


def ngram_logits(vocab, weight, bias, texts):
    """All heads' logits (texts x classes) of the n-gram head."""
    import numpy as np
    ind, ptr, val = vocab.vectorize(texts)
    out = np.tile(bias, (len(texts), 1)).astype(np.float32)
    for r in range(len(texts)):
        a, b = ptr[r], ptr[r + 1]
        if b > a:
            out[r] += val[a:b] @ weight[ind[a:b]]
    return out
