"""The project's own sources document, rules/sources.yaml: every document the rules and the
catalog cite (seeds, official pages and 支給要領, laws, third-party pages), by id.

A rule source's `doc`, a scenario test's `source`, a catalog source of kind `official` and a
catalog figure's `source` each name an entry here; loading refuses one that names none.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from navigator import PROJECT_ROOT

SOURCES_FILE = PROJECT_ROOT / "rules" / "sources.yaml"
SOURCE_ID = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
Kind = Literal["seed", "official", "law", "third-party"]
# Which confidence marks a citation of each kind of document may carry (see rules/sources.yaml).
ALLOWED_CONFIDENCE: dict[str, set[str]] = {
    "seed": {"seed"}, "official": {"O", "3P", "?"}, "law": {"O", "3P", "?"},
    "third-party": {"3P", "?"}}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(_Strict):
    url: str = Field(pattern=r"^https?://")
    what: str | None = None
    says: str | None = None


class Quote(_Strict):
    section: str = Field(min_length=1)
    text: str = Field(min_length=1)
    read: str = Field(min_length=1, description="which stored copy was read, and its date if known")


class SourceEntry(_Strict):
    kind: Kind
    cite_as: str = Field(min_length=1, description="the name shown where the document is cited")
    title: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    date: str = Field(min_length=1, description="date or version, as text; say so when unknown")
    file: str | None = Field(None, pattern=r"^\d{3}_[0-9a-f]{16}\.txt$", description="seeds only")
    urls: list[Link] = []
    quotes: list[Quote] = []
    checked: str = Field(min_length=1, description="what was read to confirm it, and what was not")
    third_party: list[Link] = []


class SourcesError(ValueError):
    pass


def load_sources(path: Path = SOURCES_FILE) -> dict[str, SourceEntry]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SourcesError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), dict):
        raise SourcesError(f"{path}: needs a mapping 'sources:' of id -> entry")
    entries: dict[str, SourceEntry] = {}
    for key, item in raw["sources"].items():
        if not re.match(SOURCE_ID, str(key)):
            raise SourcesError(f"{path}: sources.{key}: an id is lower-case words joined by '-'")
        try:
            entries[key] = SourceEntry.model_validate(item)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
            raise SourcesError(f"{path}: sources.{key}: {problems}") from exc
        if (entries[key].kind == "seed") != (entries[key].file is not None):
            raise SourcesError(f"{path}: sources.{key}: a seed names its 'file', and only a seed does")
    return entries


@lru_cache(maxsize=1)
def sources() -> dict[str, SourceEntry]:
    """The entries of rules/sources.yaml (read once)."""
    return load_sources()


def citation_problem(doc: str, confidence: str, entries: dict[str, SourceEntry] | None = None) -> str | None:
    """Why a citation of `doc` with `confidence` is refused (None when it is fine)."""
    entries = sources() if entries is None else entries
    entry = entries.get(doc)
    if entry is None:
        return (f"'{doc}' is not an entry of rules/sources.yaml (cite a document by its id, "
                f"e.g. {', '.join(sorted(entries)[:3])}…)")
    if confidence not in ALLOWED_CONFIDENCE[entry.kind]:
        allowed = " / ".join(sorted(ALLOWED_CONFIDENCE[entry.kind]))
        return (f"'{doc}' is a document of kind '{entry.kind}': its citations take confidence {allowed}, "
                f"not '{confidence}'")
    return None


def named_in(text: str, entries: dict[str, SourceEntry] | None = None) -> list[str]:
    """The entry ids a free-text citation names (a scenario test's `source`, a catalog figure's)."""
    entries = sources() if entries is None else entries
    return [t for t in re.findall(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]+", text) if t in entries]
