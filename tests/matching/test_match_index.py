"""The vector cache: keyed by catalog content and model, rebuilt only for what changed.
A deterministic stand-in encoder counts what is embedded (the real model is tested elsewhere)."""

import hashlib

import numpy as np

from navigator.catalog import load_catalog
from navigator.catalog.loader import Catalog
from navigator.matching.index import build_index


class CountingEncoder:
    id = "counting-test-encoder"
    dim = 8

    def __init__(self):
        self.embedded: list[str] = []

    def _vec(self, text):
        seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
        v = np.random.default_rng(seed).normal(size=self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def encode(self, texts, spans, query, batch_size=32):
        self.embedded += texts
        return np.stack([self._vec(t) for t in texts]), [np.stack([self._vec(s.text) for s in sp]) if sp else np.zeros((0, self.dim), np.float32) for sp in spans]


def test_the_index_is_cached_and_rebuilt_incrementally(tmp_path):
    catalog = load_catalog()
    small = Catalog(catalog.entries[:20], catalog.files)
    encoder = CountingEncoder()
    first = build_index(small, encoder, tmp_path, progress=False)
    assert first.built == 20 and len(encoder.embedded) == 20
    assert len(first.span_offsets) == 21 and first.spans_of(0).shape[1] == 8

    again = build_index(small, encoder, tmp_path, progress=False)
    assert len(encoder.embedded) == 20 and np.array_equal(again.vectors, first.vectors)

    edited = small.entries[3].model_copy(update={"description": small.entries[3].description + "（改訂）"})
    changed = Catalog(small.entries[:3] + [edited] + small.entries[4:] + catalog.entries[20:22], catalog.files)
    third = build_index(changed, encoder, tmp_path, progress=False)
    assert third.built == 3 and len(encoder.embedded) == 23  # the edited entry and two new ones
    assert np.array_equal(third.vectors[0], first.vectors[0])
    assert not np.array_equal(third.vectors[3], first.vectors[3])

    reordered = Catalog(list(reversed(changed.entries)), catalog.files)
    fourth = build_index(reordered, encoder, tmp_path, progress=False)
    assert fourth.ids == [e.id for e in reordered.entries] and np.array_equal(fourth.vectors[-1], third.vectors[0])
