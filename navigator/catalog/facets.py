"""catalog/facets.yaml: how a course's 実施方法 reads as the rules' study mode, and the filters of
the course list (受け方, 時間帯, 分野). See the comments in the file for how to correct it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from navigator.facts import STUDY_MODE

from .errors import CatalogError, Problem, validation_messages
from .loader import DEFAULT_ROOT
from .schema import Entry, Source
from .yamlfile import parse

FILE = "facets.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModeRule(_Strict):
    contains: str = Field(min_length=1)
    mode: STUDY_MODE.type()


class Facet(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    label: str = Field(min_length=1)
    contains: list[str] = Field(min_length=1)


class Area(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    label: str = Field(min_length=1)
    keywords: list[str] = Field(min_length=1)


class Facets(_Strict):
    source: Source
    modes: list[ModeRule] = Field(min_length=1)
    ways: list[Facet] = Field(min_length=1)
    times: list[Facet] = Field(min_length=1)
    fields: list[Area] = Field(min_length=1)

    def mode(self, method: str) -> str | None:
        """The rules' study mode for a published 実施方法 ('通学（夜間、土日）' -> evening_weekend)."""
        text = _plain(method)
        return next((rule.mode for rule in self.modes if _plain(rule.contains) in text), None)

    def fields_of(self, entry: Entry) -> list[str]:
        text = _plain(" ".join([entry.name, entry.description, *entry.keywords]))
        return [f.id for f in self.fields if any(_plain(k) in text for k in f.keywords)]

    def matches(self, facet: Facet, method: str) -> bool:
        text = _plain(method)
        return any(_plain(word) in text for word in facet.contains)

    def way(self, facet_id: str) -> Facet | None:
        return next((f for f in self.ways if f.id == facet_id), None)

    def time(self, facet_id: str) -> Facet | None:
        return next((f for f in self.times if f.id == facet_id), None)

    def field_label(self, field_id: str) -> str:
        return next((f.label for f in self.fields if f.id == field_id), field_id)


def _plain(text: str) -> str:
    """Full-width as published (ｅラーニング, ＡＩ) compares equal to half-width."""
    return unicodedata.normalize("NFKC", text)


def load_facets(root: Path | None = None) -> Facets:
    path = Path(root or DEFAULT_ROOT) / FILE
    rel = f"catalog/{FILE}"
    try:
        doc = parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError([Problem(rel, "ファイルがありません")]) from None
    except ValueError as exc:
        raise CatalogError([Problem(rel, str(exc))]) from None
    try:
        return Facets.model_validate(doc.data)
    except ValidationError as exc:
        raise CatalogError([Problem(f"{rel} {doc.line(*loc)}行目", msg)
                            for loc, msg in validation_messages(exc)]) from None


@lru_cache(maxsize=1)
def facets() -> Facets:
    return load_facets()
