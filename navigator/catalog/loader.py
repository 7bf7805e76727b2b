"""Load catalog/: every YAML file is validated; loading fails naming the file, item and line.

A file holds one entry (a mapping with `id`), a small group (`entries: [...]`), or an import of a
course list in the official course-search columns (`import: {...}`, see catalog/README.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from navigator import PROJECT_ROOT

from .courses import read_courses
from .errors import CatalogError, Problem, validation_messages
from .schema import Entry, Source
from .yamlfile import parse

SECTIONS = ("government", "municipal", "company-samples", "company", "courses")
DEFAULT_ROOT = PROJECT_ROOT / "catalog"


@dataclass
class Catalog:
    entries: list[Entry]
    files: dict[str, str] = field(default_factory=dict)  # entry id -> file it came from

    def __post_init__(self) -> None:
        self._by_id = {e.id: e for e in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, entry_id: str) -> Entry:
        return self._by_id[entry_id]

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._by_id

    def content_hash(self) -> str:
        """Changes whenever any entry changes; keys the vector cache."""
        digest = hashlib.sha256()
        for entry in sorted(self.entries, key=lambda e: e.id):
            digest.update(entry_hash(entry).encode())
        return digest.hexdigest()[:16]

    def extended(self, more: list[Entry], origin: str) -> "Catalog":
        files = dict(self.files)
        files.update({e.id: origin for e in more})
        return Catalog(self.entries + more, files)


def entry_hash(entry: Entry) -> str:
    data = json.dumps(entry.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def _entries_in(path: Path, root: Path) -> list[Entry]:
    rel = path.relative_to(root.parent) if root.parent in path.parents else path
    try:
        doc = parse(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise CatalogError([Problem(str(rel), str(exc))])
    data = doc.data
    if isinstance(data, dict) and "import" in data:
        return _import(data["import"], root, rel)
    if isinstance(data, dict) and "entries" in data:
        items, base = data["entries"], ("entries",)
    elif isinstance(data, dict):
        items, base = [data], ()
    else:
        raise CatalogError([Problem(str(rel), "項目（id を持つマッピング）か entries: のリストが必要です")])
    if not isinstance(items, list):
        raise CatalogError([Problem(str(rel), f"{doc.line('entries')}行目: entries はリストで書いてください")])
    entries, problems = [], []
    for i, item in enumerate(items):
        path_to_item = base + ((i,) if base else ())
        ident = item.get("id", "?") if isinstance(item, dict) else "?"
        label = f"{rel}: 項目{i + 1}（id={ident}）"
        try:
            entry = Entry.model_validate(item)
        except ValidationError as exc:
            for loc, msg in validation_messages(exc):
                line = doc.line(*path_to_item, *loc)
                problems.append(Problem(f"{label} {line}行目", msg))
            continue
        if rel.parts[1:2] == ("company-samples",) and not entry.sample:
            problems.append(Problem(label, "company-samples の項目には sample: true が必要です（見本であることを示す）"))
        entries.append(entry)
    if problems:
        raise CatalogError(problems)
    return entries


def _import(spec: dict, root: Path, rel: Path) -> list[Entry]:
    try:
        file = root.parent / spec["file"]
        source = Source.model_validate(spec["source"])
        benefit = spec["benefit"]
    except (KeyError, TypeError):
        raise CatalogError([Problem(str(rel), "import には file、benefit、source が必要です")])
    except ValidationError as exc:
        raise CatalogError([Problem(str(rel), m) for _, m in validation_messages(exc)])
    if not file.is_file():
        raise CatalogError([Problem(str(rel), f"講座ファイルがありません: {spec['file']}")])
    return read_courses(file, benefit, source)


def load_catalog(root: Path | None = None) -> Catalog:
    root = Path(root or DEFAULT_ROOT)
    if not root.is_dir():
        raise CatalogError([Problem(str(root), "カタログのフォルダがありません")])
    entries, files, problems = [], {}, []
    for section in SECTIONS:
        for path in sorted((root / section).rglob("*.yaml")):
            try:
                found = _entries_in(path, root)
            except CatalogError as exc:
                problems += exc.problems
                continue
            rel = str(path.relative_to(root.parent))
            for entry in found:
                if entry.id in files:
                    problems.append(Problem(rel, f"id {entry.id} が {files[entry.id]} と重複しています"))
                    continue
                files[entry.id] = rel
                entries.append(entry)
    if problems:
        raise CatalogError(problems)
    return Catalog(entries, files)


def active(catalog: Catalog, as_of: dt.date) -> list[Entry]:
    return [e for e in catalog if e.status(as_of) != "終了"]
