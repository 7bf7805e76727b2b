"""Splitting Japanese text into sentences, keeping where each sentence sits in the text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_END = re.compile(r"[^。．！？!?\n]+[。．！？!?]*")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def sentences(text: str, min_chars: int = 2) -> list[Span]:
    """Sentences of `text` (split after 。！？ and at line breaks), with their character spans."""
    spans = []
    for match in _END.finditer(text):
        piece = match.group()
        stripped = piece.strip(" \u3000\t・-－*")
        if len(stripped) < min_chars:
            continue
        start = match.start() + piece.index(stripped)
        spans.append(Span(start, start + len(stripped), stripped))
    return spans


def normalize(text: str) -> str:
    """For comparing words: NFKC (full-width to half-width, etc.) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()
