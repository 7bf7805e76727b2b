"""BM25 over each entry's text (name, description and keywords), with bm25s: the word-count
baseline that bench/match_eval.py sets beside the combined ranker.

Japanese is written without spaces, so the text is cut into words by SudachiPy (core dictionary,
split mode A, the finest: 「データ分析」 -> 「データ」「分析」, so a note's 「分析」 meets a course's
「データ分析」) and keyed by Sudachi's normalized form (「Ｐｙｔｈｏｎ」 and 「Python」 are one word).
Particles, auxiliary verbs, symbols and blanks carry no topic and are left out. Character bigrams
were measured against this and did worse (bench/match_eval.py, see the commit that added it).
"""

from __future__ import annotations

from functools import lru_cache

import bm25s
import numpy as np

from navigator.catalog import Entry

SKIPPED = ("助詞", "助動詞", "補助記号", "空白", "記号")


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(mode=SplitMode.A)


def words(text: str) -> list[str]:
    return [m.normalized_form().lower() for m in _tokenizer().tokenize(text) if m.part_of_speech()[0] not in SKIPPED]


def entry_text(entry: Entry) -> str:
    return "\n".join([entry.name, entry.description, *entry.keywords])


class BM25Index:
    def __init__(self, entries: list[Entry]):
        self.n_entries = len(entries)
        self.model = bm25s.BM25()
        self.model.index([words(entry_text(e)) or [""] for e in entries], show_progress=False)
        self.vocab = self.model.vocab_dict

    def scores(self, note: str) -> np.ndarray:
        """BM25 score of every entry for the note (0 where no word is shared)."""
        query = [w for w in words(note) if w in self.vocab]
        if not query:
            return np.zeros(self.n_entries, dtype=np.float32)
        return np.asarray(self.model.get_scores(query), dtype=np.float32)
