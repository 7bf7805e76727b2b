"""BM25 over each entry's text (name, description and keywords), with bm25s: the `words` evidence
of the combined score (scoring.py) and the words-only baseline of bench/match_eval.py.

Japanese is written without spaces, so the text is cut into words by SudachiPy (core dictionary,
split mode A, the finest: 「データ分析」 -> 「データ」「分析」, so a note's 「分析」 meets a course's
「データ分析」) and keyed by Sudachi's normalized form (「Ｐｙｔｈｏｎ」 and 「Python」 are one word).
Particles, auxiliary verbs, symbols and blanks carry no topic and are left out. Character bigrams
were measured against these words on the evaluation notes: about equal (within a note or two) and
cheaper to build (0.6 s against 2.3 s for 16,000 courses); words were kept because a person reads
them in the why (語の一致) and the normalized forms join spellings."""

from __future__ import annotations

from functools import lru_cache

import bm25s
import numpy as np

from navigator.catalog import Entry

SKIPPED = ("助詞", "助動詞", "補助記号", "空白", "記号")


@lru_cache(maxsize=1)
def _dictionary():
    from sudachipy import Dictionary

    return Dictionary(dict="core")


def _morphemes(text: str):
    from sudachipy import SplitMode

    # A tokenizer is not safe to share between threads (the API answers in a thread pool) and
    # costs under a microsecond to make: one for each text.
    tokenizer = _dictionary().tokenizer(mode=SplitMode.A)
    return [m for m in tokenizer.tokenize(text) if m.part_of_speech()[0] not in SKIPPED]


def words(text: str) -> list[str]:
    return [m.normalized_form().lower() for m in _morphemes(text)]


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

    def shared_words(self, note: str, entry: Entry) -> list[str]:
        """The nouns of the note (two characters or more) that are also in the entry's text, as the
        note writes them: the words a person reads in the why."""
        text = set(words(entry_text(entry)))
        shared = (m.surface() for m in _morphemes(note)
                  if m.part_of_speech()[0] == "名詞" and len(m.surface()) > 1 and m.normalized_form().lower() in text)
        return list(dict.fromkeys(shared))
