"""Vectors of every catalog entry (and of each sentence of it), cached on disk.

The cache file is keyed by the model and the catalog's content hash:
    <index_dir>/<model id>/<catalog hash>.npz
When the catalog changes, the newest cache of the same model lends the vectors of the entries whose
text did not change, and only new or edited entries are embedded (with a progress bar).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
from tqdm import tqdm

from navigator.catalog import Catalog, Entry

from .text import Span, sentences

KEEP_FILES = 3


class Encoder(Protocol):
    id: str
    dim: int

    def encode(self, texts: list[str], spans: list[list[Span]], query: bool, batch_size: int = 32) -> tuple[np.ndarray, list[np.ndarray]]: ...


def passage_spans(entry: Entry) -> tuple[str, list[Span]]:
    text = entry.passage()
    return text, sentences(text)


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class DenseIndex:
    ids: list[str]
    text_hashes: list[str]
    vectors: np.ndarray  # (n, dim), L2-normalized
    span_offsets: np.ndarray  # (n + 1,): entry i's sentence vectors are span_vectors[o[i]:o[i+1]]
    span_vectors: np.ndarray  # (m, dim)
    built: int = 0  # entries embedded in this build (0 = all from cache)

    def spans_of(self, i: int) -> np.ndarray:
        return self.span_vectors[self.span_offsets[i] : self.span_offsets[i + 1]]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, ids=np.array(self.ids), text_hashes=np.array(self.text_hashes), vectors=self.vectors,
                 span_offsets=self.span_offsets, span_vectors=self.span_vectors)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        with np.load(path, allow_pickle=False) as data:
            return cls(list(data["ids"]), list(data["text_hashes"]), data["vectors"], data["span_offsets"], data["span_vectors"])


def cache_path(index_dir: Path, catalog: Catalog, encoder: Encoder) -> Path:
    """<model id>/<catalog content hash>-<hash of the embedded texts>.npz: the second part changes
    when the way an entry is turned into text changes, even if the catalog did not."""
    texts = hashlib.sha256("".join(_text_hash(passage_spans(e)[0]) for e in catalog.entries).encode())
    return Path(index_dir) / encoder.id / f"{catalog.content_hash()}-{texts.hexdigest()[:8]}.npz"


def build_index(catalog: Catalog, encoder: Encoder, index_dir: Path, progress: bool = True, chunk: int = 256) -> DenseIndex:
    """Load the index for this catalog and model, or build it reusing what an older one has."""
    target = cache_path(index_dir, catalog, encoder)
    if target.is_file():
        cached = DenseIndex.load(target)
        ids = [e.id for e in catalog.entries]
        if cached.ids == ids:
            return cached
        # same content, other order (e.g. files listed differently): reorder by id
        pos = {entry_id: i for i, entry_id in enumerate(cached.ids)}
        order = [pos[i] for i in ids]
        per_entry = [cached.spans_of(i) for i in order]
        offsets = np.zeros(len(ids) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(v) for v in per_entry])
        return DenseIndex(ids, [cached.text_hashes[i] for i in order], cached.vectors[order], offsets,
                          np.concatenate(per_entry) if per_entry else cached.span_vectors)
    texts, spans = zip(*(passage_spans(e) for e in catalog.entries)) if len(catalog) else ((), ())
    hashes = [_text_hash(t) for t in texts]

    donor: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    older = sorted(target.parent.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
    if older:
        previous = DenseIndex.load(older[0])
        for i, h in enumerate(previous.text_hashes):
            donor[h] = (previous.vectors[i], previous.spans_of(i))

    n, dim = len(texts), encoder.dim
    vectors = np.zeros((n, dim), dtype=np.float32)
    per_entry: list[np.ndarray] = [np.zeros((0, dim), np.float32)] * n
    missing = [i for i, h in enumerate(hashes) if h not in donor]
    for i, h in enumerate(hashes):
        if h in donor:
            vectors[i], per_entry[i] = donor[h]
    with tqdm(total=len(missing), unit="件", desc="カタログの索引", disable=not progress or not missing) as bar:
        for start in range(0, len(missing), chunk):
            batch = missing[start : start + chunk]
            emb, span_vecs = encoder.encode([texts[i] for i in batch], [spans[i] for i in batch], query=False)
            for row, i in enumerate(batch):
                vectors[i], per_entry[i] = emb[row], span_vecs[row]
            bar.update(len(batch))

    offsets = np.zeros(n + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(v) for v in per_entry])
    span_vectors = np.concatenate(per_entry) if n else np.zeros((0, dim), np.float32)
    index = DenseIndex([e.id for e in catalog.entries], hashes, vectors, offsets, span_vectors.astype(np.float32), len(missing))
    index.save(target)
    for stale in sorted(target.parent.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP_FILES:]:
        stale.unlink(missing_ok=True)
    return index
