"""Which of the three barriers (時間がない / 目指すキャリアが不明確 / 学び方がわからない) a note shows.

The cues and example sentences are knowledge, kept in catalog/barriers.yaml. A cue (a regular
expression) found in a sentence shows the barrier with strength 1. Without a cue, a sentence whose
vector is close to one of the barrier's example sentences shows it with a lower strength, so that
indirect wording (「子どもの迎えで夜しか空かない」) still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from navigator.catalog import BARRIERS

from .text import Span

# Cosine (e5, query side) between a note sentence and a barrier example: at or below LOW it says
# nothing, at HIGH or above it counts as DENSE_MAX. On the evaluation notes, sentences that show
# none of a barrier's cues sit at a median of 0.86 and a 95th percentile of 0.89 for each barrier.
LOW, HIGH, DENSE_MAX = 0.89, 0.94, 0.8


@dataclass(frozen=True)
class BarrierSignal:
    barrier: str
    strength: float  # 0-1
    sentence: Span
    why: str  # the cue found, or the example sentence it resembles


class BarrierDetector:
    def __init__(self, spec: dict, example_vectors: dict[str, np.ndarray] | None = None):
        unknown = set(spec) - set(BARRIERS)
        if unknown:
            raise ValueError(f"barriers.yaml: 不明な壁があります: {sorted(unknown)}")
        self.cues = {b: [re.compile(c) for c in spec[b].get("cues", [])] for b in spec}
        self.examples = {b: list(spec[b].get("examples", [])) for b in spec}
        self.example_vectors = example_vectors or {}

    @classmethod
    def from_file(cls, path: Path, embedder=None) -> "BarrierDetector":
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        detector = cls(spec)
        if embedder is not None:
            for barrier, examples in detector.examples.items():
                if examples:
                    vectors, _ = embedder.encode(examples, [[] for _ in examples], query=True)
                    detector.example_vectors[barrier] = vectors
        return detector

    def detect(self, spans: list[Span], span_vectors: np.ndarray | None = None) -> dict[str, BarrierSignal]:
        found: dict[str, BarrierSignal] = {}
        for barrier in self.cues:
            best: BarrierSignal | None = None
            for s_i, span in enumerate(spans):
                for cue in self.cues[barrier]:
                    m = cue.search(span.text)
                    if m:
                        best = BarrierSignal(barrier, 1.0, span, m.group())
                        break
                if best:
                    break
            if best is None and span_vectors is not None and len(span_vectors) and barrier in self.example_vectors:
                sims = span_vectors @ self.example_vectors[barrier].T  # (sentences, examples)
                s_i, e_i = np.unravel_index(int(np.argmax(sims)), sims.shape)
                strength = DENSE_MAX * float(np.clip((sims[s_i, e_i] - LOW) / (HIGH - LOW), 0.0, 1.0))
                if strength > 0:
                    best = BarrierSignal(barrier, strength, spans[s_i], f"「{self.examples[barrier][e_i]}」に近い")
            if best:
                found[barrier] = best
        return found
