"""The sentence-transformers model, loaded offline from a local folder.

One forward pass gives the text's embedding (mean pooling, L2 normalized) and its token
embeddings; pooling the tokens of each sentence gives contextual sentence vectors, which explain
which sentence of a note or of a program matched, at no extra model cost.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from .text import Span

# Never reach for a model hub: the model is a local folder.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class ModelMissing(RuntimeError):
    pass


def model_id(path: Path) -> str:
    """Identifies the model for the vector cache: its configs and the size of its weights."""
    digest = hashlib.sha256(path.name.encode())
    for name in sorted(p.name for p in path.glob("*.json")):
        digest.update((path / name).read_bytes())
    for weights in sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return f"{path.name}-{digest.hexdigest()[:12]}"


class Embedder:
    def __init__(self, path: Path, threads: int | None = None):
        path = Path(path)
        if not (path / "modules.json").is_file():
            raise ModelMissing(
                f"モデルがありません: {path}。`python -m navigator.matching.prepare` で用意してください"
                "（NAVIGATOR_MODEL_PATH で別のモデルを指定できます）。"
            )
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        # numpy's OpenBLAS threads keep spinning after each small product and take the two cores
        # torch needs: a 20 ms query took 200 ms to 1 s. Our numpy products are small: one thread.
        threadpool_limits(limits=1, user_api="blas")
        if threads:
            torch.set_num_threads(threads)
        self._torch = torch
        self.batch_threads = torch.get_num_threads()
        self.path = path
        self.id = model_id(path)
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.model.eval()
        prompts = dict(self.model.prompts or {})
        self.query_prompt = prompts.get("query", "")
        self.passage_prompt = prompts.get("passage", prompts.get("document", ""))
        dimension = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(dimension())
        self.max_length = int(self.model.max_seq_length or 512)

    def _forward(self, texts: list[str], prompt: str):
        features = self.model.preprocess(texts, prompt=prompt or None)
        # no_grad, not inference_mode: with torch 2.13 on CPU, inference_mode made single
        # forward passes erratic (20 ms to 1 s); no_grad stays at ~20 ms.
        with self._torch.no_grad():
            out = self.model.forward(features)
        return out["sentence_embedding"].numpy(), out["token_embeddings"].numpy(), out["attention_mask"].numpy()

    def _span_vectors(self, full: str, offset: int, tokens: np.ndarray, mask: np.ndarray, spans: list[Span]) -> np.ndarray:
        enc = self.model.tokenizer(full, return_offsets_mapping=True, truncation=True, max_length=self.max_length)
        offsets = enc["offset_mapping"]
        n = int(mask.sum())
        vectors = np.zeros((len(spans), tokens.shape[-1]), dtype=np.float32)
        for i, span in enumerate(spans):
            lo, hi = span.start + offset, span.end + offset
            rows = [t for t, (s, e) in enumerate(offsets[:n]) if e > s and lo <= s < hi]
            if rows:
                v = tokens[rows].mean(axis=0)
                vectors[i] = v / (np.linalg.norm(v) or 1.0)
        return vectors

    def encode(self, texts: list[str], spans: list[list[Span]], query: bool, batch_size: int = 32) -> tuple[np.ndarray, list[np.ndarray]]:
        """Embeddings of texts (n, dim) and, for each text, the vectors of its spans (k_i, dim)."""
        prompt = self.query_prompt if query else self.passage_prompt
        # One text (a query) runs on one thread: torch's threads wait for each other at every
        # layer, and on a 2-core machine with any other load a 2-thread query went from ~20 ms to
        # ~400 ms, while one thread stays at ~30-40 ms. Batches (the index) use all threads.
        threads = 1 if len(texts) == 1 else self.batch_threads
        if self._torch.get_num_threads() != threads:
            self._torch.set_num_threads(threads)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        embeddings = np.zeros((len(texts), self.dim), dtype=np.float32)
        span_vectors: list[np.ndarray] = [np.zeros((0, self.dim), np.float32)] * len(texts)
        for b in range(0, len(order), batch_size):
            batch = order[b : b + batch_size]
            sent, tokens, masks = self._forward([texts[i] for i in batch], prompt)
            for row, i in enumerate(batch):
                embeddings[i] = sent[row]
                if spans[i]:
                    span_vectors[i] = self._span_vectors(prompt + texts[i], len(prompt), tokens[row], masks[row], spans[i])
        return embeddings, span_vectors
