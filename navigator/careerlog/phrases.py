"""Key phrases of Japanese entries, with SudachiPy (core dictionary, split mode C).

A phrase is a run of nouns (「図面チェック」「勉強時間」); its parts in the finest split (「データ」
「分析」 of 「データ分析」) are kept as extra terms so that entries sharing a part still meet. Words
are keyed by Sudachi's normalized form (「打合せ」 and 「打ち合わせ」 are one word) and shown in
the spelling the person used most. People's names, numbers and the stopwords of
careerlog/analysis.yaml are left out.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from navigator.careerlog.knowledge import knowledge

_local = threading.local()


@lru_cache(maxsize=1)
def _dictionary():
    from sudachipy import Dictionary

    return Dictionary(dict="core")


def _tokenizer():
    # A Sudachi tokenizer is not safe to share between threads (pages run in a thread pool).
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import SplitMode

        tokenizer = _local.tokenizer = _dictionary().tokenizer(mode=SplitMode.C)
    return tokenizer


def normalize(text: str) -> str:
    """Full-width letters and digits to half-width, and so on (NFKC), as the lexicons expect."""
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True)
class Phrase:
    key: str  # normalized form, used for counting
    surface: str  # as written
    parts: tuple[str, ...]  # normalized keys of its finest parts (for overlap)


def _is_content_noun(pos: tuple[str, ...]) -> bool:
    return pos[0] == "名詞" and pos[1] != "数詞" and pos[2] != "人名"


def _is_ascii_word(surface: str) -> bool:
    return surface.isascii() and surface.isalnum()


@dataclass
class _Token:
    surface: str
    key: str
    pos: tuple[str, ...]
    parts: list[tuple[str, str]]  # (surface, key) of the finest split


def _tokens(text: str) -> list[_Token]:
    """Sudachi's tokens, with adjacent ASCII letters and digits joined into one noun
    (「1on1」 would otherwise be 「1」「on」「1」)."""
    from sudachipy import SplitMode

    tokens: list[_Token] = []
    end = -1
    for m in _tokenizer().tokenize(text):
        surface = m.surface()
        if _is_ascii_word(surface) and tokens and _is_ascii_word(tokens[-1].surface) and m.begin() == end:
            last = tokens[-1]
            last.surface += surface
            last.key = last.surface
            last.pos = ("名詞", "数詞", "*") if last.surface.isdigit() else ("名詞", "普通名詞", "一般")
            last.parts = [(last.surface, last.key)]
        else:
            subs = list(m.split(SplitMode.A)) or [m]
            pos = tuple(m.part_of_speech())
            if _is_ascii_word(surface) and pos[0] == "名詞" and not surface.isdigit():
                pos = ("名詞", "普通名詞", "一般")
            tokens.append(_Token(surface, m.normalized_form(), pos, [(x.surface(), x.normalized_form()) for x in subs]))
        end = m.end()
    return tokens


def phrases(text: str) -> list[Phrase]:
    """The noun phrases of one text, in order (a phrase may repeat)."""
    rules = knowledge().analysis.phrases
    stop = set(rules.stopwords)
    found: list[Phrase] = []
    run: list[_Token] = []

    def flush():
        tokens = [t for t in run if t.key not in stop and t.surface not in stop]
        run.clear()
        if not tokens:
            return
        key = "".join(t.key for t in tokens)
        surface = "".join(t.surface for t in tokens)
        if len(surface) < rules.min_chars:
            return
        parts = [
            k for t in tokens for sub_surface, k in t.parts
            if len(sub_surface) >= rules.min_chars and k not in stop and k != key
        ]
        found.append(Phrase(key, surface, tuple(dict.fromkeys(parts))))

    for t in _tokens(normalize(text)):
        if _is_content_noun(t.pos) or (
            run and t.pos[0] == "接尾辞" and t.pos[1] == "名詞的" and t.surface not in ("さん", "様", "君", "ちゃん")
        ):
            run.append(t)
        else:
            flush()
    flush()
    return found


class Spellings:
    """The most used spelling of each key, over many texts."""

    def __init__(self):
        self._counts: dict[str, Counter] = {}

    def add(self, phrase: Phrase) -> None:
        self._counts.setdefault(phrase.key, Counter())[phrase.surface] += 1

    def show(self, key: str) -> str:
        counts = self._counts.get(key)
        return counts.most_common(1)[0][0] if counts else key
