"""A small Llama (RMSNorm, RoPE, SwiGLU, causal attention, no biases) with one classification
head per catalogue label column, a pooled `embedding`, and a tied LM head for generation.

Pooling follows LlamaForSequenceClassification: the hidden state of the last real token
(position attention_mask.sum()-1, so inputs must be right-padded)."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-5):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, dim, n_heads, dropout):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = dim // n_heads
        self.q_proj = nn.Linear(dim, dim, bias=False)
        self.k_proj = nn.Linear(dim, dim, bias=False)
        self.v_proj = nn.Linear(dim, dim, bias=False)
        self.o_proj = nn.Linear(dim, dim, bias=False)
        self.dropout = dropout

    def forward(self, x, cos, sin, mask_bias):
        b, t = x.shape[0], x.shape[1]
        shape = (b, t, self.n_heads, self.head_dim)
        q = self.q_proj(x).reshape(shape).transpose(1, 2)
        k = self.k_proj(x).reshape(shape).transpose(1, 2)
        v = self.v_proj(x).reshape(shape).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim)) + mask_bias
        probs = torch.softmax(scores, dim=-1)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, self.n_heads * self.head_dim)
        return F.dropout(self.o_proj(out), self.dropout, self.training)


class SwiGLU(nn.Module):
    def __init__(self, dim, hidden, dropout):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden, bias=False)
        self.up_proj = nn.Linear(dim, hidden, bias=False)
        self.down_proj = nn.Linear(hidden, dim, bias=False)
        self.dropout = dropout

    def forward(self, x):
        g = self.gate_proj(x)
        # SiLU written as x*sigmoid(x) so the exported graph uses only Sigmoid + Mul.
        return F.dropout(self.down_proj(g * torch.sigmoid(g) * self.up_proj(x)), self.dropout, self.training)


class Block(nn.Module):
    def __init__(self, dim, n_heads, hidden, dropout):
        super().__init__()
        self.input_layernorm = RMSNorm(dim)
        self.self_attn = Attention(dim, n_heads, dropout)
        self.post_attention_layernorm = RMSNorm(dim)
        self.mlp = SwiGLU(dim, hidden, dropout)

    def forward(self, x, cos, sin, mask_bias):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask_bias)
        return x + self.mlp(self.post_attention_layernorm(x))


class NgramBag(nn.Module):
    """A hashed bag of the input's token unigrams and bigrams (fastText-like), computed inside the
    graph from input_ids: unigram ids index rows [0, vocab); a bigram (a, b) indexes row
    vocab + ((a * BIGRAM_MULTIPLIER + b) mod buckets). Each real n-gram weighs 1/sqrt(count), so the
    bag is an L2-normalised count vector times the table. The hash runs in float32, exact because
    every intermediate stays below 2^24, so the graph needs only float elementwise ops."""

    BIGRAM_MULTIPLIER = 4099

    def __init__(self, vocab_size, buckets, dim):
        super().__init__()
        assert (vocab_size - 1) * (self.BIGRAM_MULTIPLIER + 1) < 2 ** 24, "bigram hash would lose float32 exactness"
        self.vocab_size = vocab_size
        self.buckets = buckets
        self.table = nn.Embedding(vocab_size + buckets, dim)
        nn.init.normal_(self.table.weight, std=0.02)

    def ids_and_weights(self, input_ids, attention_mask):
        f = input_ids.float()
        pair = f[:, :-1] * float(self.BIGRAM_MULTIPLIER) + f[:, 1:]
        bucket = pair - torch.floor(pair / float(self.buckets)) * float(self.buckets)
        ids = torch.cat([input_ids, (bucket + float(self.vocab_size)).long()], dim=1)
        m = attention_mask.float()
        # Inputs are right-padded: a bigram is real when its second token is.
        w = torch.cat([m, m[:, 1:]], dim=1)
        return ids, w * torch.rsqrt(w.sum(dim=1, keepdim=True))

    def forward(self, input_ids, attention_mask):
        ids, w = self.ids_and_weights(input_ids, attention_mask)
        return torch.matmul(w.unsqueeze(1), self.table(ids)).squeeze(1)


class TrendloomLlama(nn.Module):
    def __init__(self, vocab_size, dim, n_layers, n_heads, hidden, max_positions, head_sizes,
                 dropout=0.0, rope_theta=10000.0, ngram_buckets=0, ngram_dim=0, pooling="last"):
        super().__init__()
        # "last": the last real token's state (LlamaForSequenceClassification); "mean": the mean of
        # every real token's state, which does not lean on one position when inputs are long.
        self.pooling = pooling
        self.head_names = list(head_sizes)
        self.embed_tokens = nn.Embedding(vocab_size, dim)
        self.layers = nn.ModuleList(Block(dim, n_heads, hidden, dropout) for _ in range(n_layers))
        self.norm = RMSNorm(dim)
        # Optional wide part: the heads read the pooled state beside a hashed n-gram bag.
        self.ngram_bag = NgramBag(vocab_size, ngram_buckets, ngram_dim) if ngram_buckets else None
        head_in = dim + (ngram_dim if ngram_buckets else 0)
        self.heads = nn.ModuleDict({k: nn.Linear(head_in, n, bias=False) for k, n in head_sizes.items()})
        head_dim = dim // n_heads
        inv_freq = 1.0 / (rope_theta ** (torch.arange(0, head_dim, 2).float() / head_dim))
        freqs = torch.outer(torch.arange(max_positions).float(), inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        # Tables sliced by the input length: the graph needs no Range/Sin/Cos ops.
        self.register_buffer("rope_cos", emb.cos(), persistent=False)
        self.register_buffer("rope_sin", emb.sin(), persistent=False)
        self.register_buffer("positions", torch.arange(max_positions), persistent=False)
        nn.init.normal_(self.embed_tokens.weight, std=0.02)
        for name, p in self.named_parameters():
            if p.dim() == 2 and name != "embed_tokens.weight" and not name.startswith("ngram_bag."):
                nn.init.normal_(p, std=0.02)
                if name.endswith("o_proj.weight") or name.endswith("down_proj.weight"):
                    p.data.mul_(1.0 / math.sqrt(2 * n_layers))

    def hidden_states(self, input_ids, attention_mask):
        t = input_ids.shape[1]
        x = self.embed_tokens(input_ids)
        cos = self.rope_cos[:t]
        sin = self.rope_sin[:t]
        pos = self.positions[:t]
        causal = pos.unsqueeze(0) <= pos.unsqueeze(1)  # [t(query), t(key)]
        allowed = causal.unsqueeze(0).unsqueeze(0) & (attention_mask.unsqueeze(1).unsqueeze(2) > 0)
        mask_bias = (1.0 - allowed.float()) * -1e9
        for layer in self.layers:
            x = layer(x, cos, sin, mask_bias)
        return self.norm(x)

    def pool(self, hidden, attention_mask):
        if self.pooling == "mean":
            m = attention_mask.float().unsqueeze(1)  # [b,1,t]
            return torch.matmul(m, hidden).squeeze(1) / m.sum(dim=-1)
        return self.last_state(hidden, attention_mask)

    def last_state(self, hidden, attention_mask):
        """The hidden state at the last real token (generation reads the next token from it)."""
        t = hidden.shape[1]
        last = attention_mask.sum(dim=1, keepdim=True) - 1  # [b,1]
        select = (self.positions[:t].unsqueeze(0) == last).float()  # [b,t] one-hot
        return torch.matmul(select.unsqueeze(1), hidden).squeeze(1)

    def lm_logits(self, hidden):
        return torch.matmul(hidden, self.embed_tokens.weight.t())

    def head_input(self, pooled, input_ids, attention_mask):
        """What the classification heads read: the pooled state, beside the n-gram bag if any."""
        if self.ngram_bag is None:
            return pooled
        return torch.cat([pooled, self.ngram_bag(input_ids, attention_mask)], dim=-1)

    def forward(self, input_ids, attention_mask):
        hidden = self.hidden_states(input_ids, attention_mask)
        pooled = self.pool(hidden, attention_mask)
        features = self.head_input(pooled, input_ids, attention_mask)
        out = {f"logits_{k}": self.heads[k](features) for k in self.head_names}
        out["embedding"] = pooled
        last = pooled if self.pooling == "last" else self.last_state(hidden, attention_mask)
        out["next_token_logits"] = self.lm_logits(last)
        return out


class OnnxWrapper(nn.Module):
    """Returns the outputs as a tuple in a fixed order for torch.onnx.export."""

    def __init__(self, model, output_names):
        super().__init__()
        self.model = model
        self.output_names = output_names

    def forward(self, input_ids, attention_mask):
        out = self.model(input_ids, attention_mask)
        return tuple(out[n] for n in self.output_names)
