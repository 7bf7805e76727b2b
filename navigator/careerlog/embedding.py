"""The one place where a sentence-embedding function enters the career log.

Themes (navigator.careerlog.themes) and the ranking of companions (navigator.companion.fit)
accept `embed(texts) -> vectors`. Until the matching model (navigator.matching, multilingual-e5-
small) is wired here by the lead, `embedder()` gives None and both run on words and lexicons alone,
which is complete and tested on its own.
"""

from __future__ import annotations

from navigator.careerlog.themes import Embed

_embed: Embed | None = None


def embedder() -> Embed | None:
    return _embed


def use_embedder(embed: Embed | None) -> None:
    """Set at start (for example from navigator.matching) or in tests."""
    global _embed
    _embed = embed
