"""Recurring themes: entries grouped by meaning, each with its key phrases, typical sentences and
emotional tone.

Each entry becomes a vector: TF-IDF over its key phrases (navigator.careerlog.phrases), with the
lexicon items it hits (worth.yaml, directions.yaml) as extra features, so that 「新人に教えた」 and
「後輩の質問に答えた」 meet even without a shared word. Entries are grouped by average-linkage
clustering on cosine distance (scipy), cut at the threshold of careerlog/analysis.yaml.

`embed` is the seam for a sentence-embedding model (navigator.matching): a function from texts to
vectors. When given, the distance mixes meaning and words, d = 1 - ((1-w)·cos_words + w·cos_meaning),
with w = themes.embed_weight; without it, words and lexicon items alone decide.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from navigator.careerlog import lexicon
from navigator.careerlog.entries import Entry, mean_score, tone
from navigator.careerlog.knowledge import knowledge
from navigator.careerlog.phrases import Phrase, Spellings, phrases

Embed = Callable[[list[str]], Sequence[Sequence[float]]]

PART_WEIGHT = 0.5  # a part of a compound counts half as much as the compound itself


def _features(found: list[Phrase], concepts: list[str], concept_weight: float) -> dict[str, float]:
    features: dict[str, float] = {}
    for p in found:
        features[p.key] = 1.0
        for part in p.parts:
            features.setdefault(part, PART_WEIGHT)
    for c in concepts:
        features[c] = concept_weight
    return features


def _normalize_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    norms = np.linalg.norm(matrix, axis=1)
    safe = np.where(norms > 0, norms, 1.0)
    return matrix / safe[:, None], norms > 0


class Analysis:
    """Phrases and vectors of a set of entries, computed once and used by themes and key phrases."""

    def __init__(self, entries: list[Entry]):
        rules = knowledge().analysis.themes
        self.entries = entries
        self.spellings = Spellings()
        self.phrases: list[list[Phrase]] = []
        self.features: list[dict[str, float]] = []
        for e in entries:
            found = phrases(e.text)
            for p in found:
                self.spellings.add(p)
            self.phrases.append(found)
            self.features.append(_features(found, lexicon.concept_features(e.text), rules.lexicon_feature_weight))
        df = Counter(f for fs in self.features for f in fs)
        self.vocabulary = {f: i for i, f in enumerate(sorted(df))}
        n = len(entries)
        self.idf = np.array([math.log((1 + n) / (1 + df[f])) + 1 for f in sorted(df)], dtype=np.float64)
        matrix = np.zeros((n, len(self.vocabulary)), dtype=np.float64)
        for row, fs in enumerate(self.features):
            for f, weight in fs.items():
                col = self.vocabulary[f]
                matrix[row, col] = weight * self.idf[col]
        self.tfidf = matrix
        self.unit, self.has_words = _normalize_rows(matrix)

    def key_phrases(self) -> list[tuple[str, int]]:
        """Phrases written in at least key_phrase_min_entries entries, most frequent first."""
        rules = knowledge().analysis.phrases
        counts = Counter(key for found in self.phrases for key in {p.key for p in found})
        common = [(k, c) for k, c in counts.items() if c >= rules.key_phrase_min_entries]
        common.sort(key=lambda kc: (-kc[1], kc[0]))
        return [(self.spellings.show(k), c) for k, c in common[: rules.key_phrases_shown]]


def themes(entries: list[Entry], embed: Embed | None = None, analysis: Analysis | None = None) -> list[dict]:
    rules = knowledge().analysis.themes
    analysis = analysis or Analysis(entries)
    rows = np.flatnonzero(analysis.has_words)
    if len(rows) < 2:
        return []
    vectors = analysis.unit[rows]
    threshold = rules.distance_threshold
    if embed is not None:
        meaning = np.asarray(embed([entries[i].text for i in rows]), dtype=np.float64)
        meaning, _ = _normalize_rows(meaning)
        w = rules.embed_weight
        vectors = np.hstack([math.sqrt(1 - w) * vectors, math.sqrt(w) * meaning])
        threshold = rules.embed_distance_threshold
    tree = linkage(vectors, method="average", metric="cosine")
    labels = fcluster(tree, t=threshold, criterion="distance")

    min_size = max(rules.min_entries, math.ceil(len(entries) * rules.min_share))
    groups: dict[int, list[int]] = {}
    for row, label in zip(rows, labels):
        groups.setdefault(int(label), []).append(int(row))
    clusters = sorted((g for g in groups.values() if len(g) >= min_size), key=lambda g: (-len(g), g[0]))
    return [_describe(analysis, members) for members in clusters[: rules.max_themes]]


def _describe(analysis: Analysis, members: list[int]) -> dict:
    rules = knowledge().analysis.themes
    entries = [analysis.entries[i] for i in members]
    # label: the phrases carrying most weight in the group among those shared by at least two of
    # its entries (the single heaviest phrase when none is shared)
    weight = analysis.tfidf[members].sum(axis=0)
    present = (analysis.tfidf[members] > 0).sum(axis=0)
    names = [f for f in analysis.vocabulary if ":" not in f]
    order = sorted(names, key=lambda f: (-float(weight[analysis.vocabulary[f]]), f))
    shared = [f for f in order if present[analysis.vocabulary[f]] >= 2]
    label_keys: list[str] = []
    for key in shared:
        shown = analysis.spellings.show(key)
        if any(shown in analysis.spellings.show(k) or analysis.spellings.show(k) in shown for k in label_keys):
            continue
        label_keys.append(key)
        if len(label_keys) == rules.label_phrases:
            break
    # meaning: the lexicon items shared by at least two entries and half of the group
    need = max(2, math.ceil(len(members) / 2))
    concepts = sorted(
        (f for f in analysis.vocabulary if ":" in f and present[analysis.vocabulary[f]] >= need),
        key=lambda f: -int(present[analysis.vocabulary[f]]),
    )
    centroid = analysis.unit[members].mean(axis=0)
    closeness = analysis.unit[members] @ centroid
    typical = [members[i] for i in np.argsort(-closeness, kind="stable")[: rules.typical_sentences]]
    mean = mean_score(entries)
    emotions = Counter(e.emotion for e in entries).most_common(3)
    days = sorted(e.day for e in entries)
    # no shared word: the group met by meaning alone, and is named by it
    label = "・".join(analysis.spellings.show(k) for k in label_keys) or (
        _concept_label(concepts[0]) if concepts else analysis.spellings.show(order[0])
    )
    return {
        "label": label,
        "phrases": [analysis.spellings.show(k) for k in label_keys],
        "concepts": [c for c in (_concept_label(c) for c in concepts) if c != label],
        "count": len(entries),
        "entry_ids": [e.id for e in entries],
        "typical_ids": [analysis.entries[i].id for i in typical],
        "mean": mean,
        "tone": tone(mean),
        "emotions": emotions,
        "first": days[0].isoformat(),
        "last": days[-1].isoformat(),
    }


def _concept_label(feature: str) -> str:
    kind, item_id = feature.split(":", 1)
    k = knowledge()
    if kind == "worth":
        for c in k.worth.conditions:
            for i in c.items:
                if i.id == item_id:
                    return i.label
    for t in k.directions.topics:
        if t.id == item_id:
            return t.label
    return item_id
