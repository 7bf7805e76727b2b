"""Lexical evidence: program names, qualification names and trades that appear in a note.

Every entry contributes its name and keywords as terms (after NFKC and lower case). A sparse
character-bigram prefilter (scipy) keeps only the terms that share most of their bigrams with the
note, so a catalog of ~16,000 courses is searched in milliseconds; rapidfuzz then scores each
candidate by partial_ratio and finds where it matched; a term found inside a longer matched term
(「IT」 in 「ITパスポート」) is dropped. Short terms (up to 3 characters, such as
「AI」「DX」「とび」) must appear exactly, ASCII ones as a whole word.

A term shared by many entries (「DX」 in hundreds of courses) says little about any one of them, so
its evidence is weighted down: specificity = 1 / (1 + log10(number of entries with the term)).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from scipy.sparse import csr_matrix

from navigator.catalog import Entry

from .text import normalize

MIN_RATIO = 85.0  # partial_ratio (0-100) a longer term needs to count as present
PREFILTER = 0.6  # share of a term's bigrams that must occur in the note


@dataclass(frozen=True)
class TermHit:
    term: str  # as written in the catalog
    ratio: float  # 0-100
    weight: float  # ratio/100 * specificity, 0-1
    start: int  # where it matched in the note (character offsets of the original note)
    end: int


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def _normalized_with_map(text: str) -> tuple[str, list[int]]:
    """NFKC/lower-cased text and, for each of its characters, the index in the original."""
    out, where = [], []
    for i, ch in enumerate(text):
        norm = normalize(ch)
        out.append(norm)
        where += [i] * len(norm)
    where.append(len(text))
    return "".join(out), where


class LexicalIndex:
    def __init__(self, entries: list[Entry]):
        term_ids: dict[str, int] = {}
        self.terms: list[str] = []  # normalized
        self.display: list[str] = []
        self.term_entries: list[list[int]] = []
        for e_i, entry in enumerate(entries):
            for raw in [entry.name, *entry.keywords]:
                term = normalize(raw).strip()
                if len(term) < 2:
                    continue
                if term not in term_ids:
                    term_ids[term] = len(self.terms)
                    self.terms.append(term)
                    self.display.append(raw)
                    self.term_entries.append([])
                owners = self.term_entries[term_ids[term]]
                if not owners or owners[-1] != e_i:
                    owners.append(e_i)
        self.n_entries = len(entries)
        self.specificity = np.array([1.0 / (1.0 + math.log10(len(o))) for o in self.term_entries])
        self.short = [len(t) <= 3 for t in self.terms]
        self.ascii_word = [
            re.compile(rf"(?<![a-z0-9]){re.escape(t)}(?![a-z0-9])") if t.isascii() else None for t in self.terms
        ]
        vocab: dict[str, int] = {}
        rows, cols = [], []
        for t_i, term in enumerate(self.terms):
            for bg in _bigrams(term):
                rows.append(t_i)
                cols.append(vocab.setdefault(bg, len(vocab)))
        self.vocab = vocab
        self.matrix = csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(self.terms), max(len(vocab), 1)))
        self.needed = np.maximum(1, np.ceil(PREFILTER * np.asarray(self.matrix.sum(axis=1)).ravel()))

    def _candidates(self, note: str) -> np.ndarray:
        present = [self.vocab[b] for b in _bigrams(note) if b in self.vocab]
        if not present:
            return np.zeros(0, dtype=np.int64)
        q = np.zeros(self.matrix.shape[1], np.float32)
        q[present] = 1.0
        shared = self.matrix @ q
        return np.nonzero(shared >= self.needed)[0]

    def term_hits(self, note: str) -> list[tuple[int, TermHit]]:
        """(term index, hit) for every catalog term found in the note."""
        norm, where = _normalized_with_map(note)
        hits = []
        for t_i in self._candidates(norm):
            term = self.terms[t_i]
            if self.short[t_i]:
                if self.ascii_word[t_i] is not None:
                    m = self.ascii_word[t_i].search(norm)
                    pos = (m.start(), m.end()) if m else None
                else:
                    k = norm.find(term)
                    pos = (k, k + len(term)) if k >= 0 else None
                if pos is None:
                    continue
                ratio = 100.0
            else:
                align = fuzz.partial_ratio_alignment(term, norm, score_cutoff=MIN_RATIO)
                if align is None:
                    continue
                ratio, pos = align.score, (align.dest_start, align.dest_end)
            weight = ratio / 100.0 * float(self.specificity[t_i])
            hits.append((int(t_i), TermHit(self.display[t_i], ratio, weight, where[pos[0]], where[pos[1]])))
        # Longest match wins: 「IT」 inside 「ITパスポート」 is not evidence of its own.
        return [
            (t_i, h) for t_i, h in hits
            if not any(o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start) for _, o in hits)
        ]

    def search(self, note: str) -> tuple[np.ndarray, dict[int, list[TermHit]]]:
        """Lexical score of every entry (0-1) and the hits behind it.

        An entry's score combines its hits like independent pieces of evidence:
        1 - prod(1 - weight), so two matching names count more than one."""
        scores = np.zeros(self.n_entries, dtype=np.float32)
        evidence: dict[int, list[TermHit]] = {}
        for t_i, hit in self.term_hits(note):
            for e_i in self.term_entries[t_i]:
                evidence.setdefault(e_i, []).append(hit)
        for e_i, hits in evidence.items():
            miss = 1.0
            for hit in hits:
                miss *= 1.0 - hit.weight
            scores[e_i] = 1.0 - miss
            hits.sort(key=lambda h: h.weight, reverse=True)
        return scores, evidence
