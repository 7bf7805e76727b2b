"""The plan builder's interview: the facts the rules still need, as typed questions, and the
answers written back into the case by path ('courses[0].trainees[0].attended_hours')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from navigator.facts import EmployerCase, fact_paths
from navigator.rules.engine import CaseResult
from navigator.rules.explain import next_questions

_PATHS = fact_paths(EmployerCase)
_INDEX = re.compile(r"\[(\d+)\]")


@dataclass
class Question:
    path: str
    label: str
    kind: str  # bool | date | number | choice | choices | list | text
    options: list[tuple[str, str]]
    settles: int


def _info(path: str):
    return _PATHS.get(_INDEX.sub("[]", path))


def _kind(info) -> tuple[str, list[tuple[str, str]]]:
    from navigator.facts import _choice_labels, _kind as kind_text

    labels = _choice_labels(info.annotation)
    text = kind_text(info.annotation)
    if labels:
        return ("choices" if "リスト" in text else "choice"), list(labels.items())
    return {"true / false": "bool", "日付": "date", "整数": "number", "数値": "number"}.get(
        text, "list" if "リスト" in text else "text"), []


def questions(result: CaseResult, limit: int = 8) -> list[Question]:
    out = []
    for q in next_questions(EmployerCase, result):
        info = _info(q.path)
        if info is None:
            continue
        kind, options = _kind(info)
        out.append(Question(q.path, q.label, kind, options, q.settles))
        if len(out) == limit:
            break
    return out


def set_path(data: dict, path: str, value: Any) -> None:
    node: Any = data
    parts = []
    for segment in path.split("."):
        match = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", segment)
        parts.append((match.group(1), int(match.group(2)) if match.group(2) is not None else None))
    for i, (name, index) in enumerate(parts):
        last = i == len(parts) - 1
        if index is None:
            if last:
                node[name] = value
            else:
                node = node.setdefault(name, {})
        else:
            items = node.setdefault(name, [])
            while len(items) <= index:
                items.append({})
            if last:
                items[index] = value
            else:
                node = items[index]


def answer(kind: str, raw: Any) -> Any:
    """The posted text as a fact value; None when left blank (still unknown)."""
    if isinstance(raw, list):
        return raw if kind == "choices" else raw[0]
    text = (raw or "").strip()
    if kind == "choices":
        return None if text == "" else ([] if text == "__none__" else [text])
    if text == "":
        return None
    if kind == "bool":
        return {"true": True, "false": False}.get(text, text)
    if kind == "list":
        return [] if text in ("なし", "無し") else [t.strip() for t in re.split(r"[、,\n]", text) if t.strip()]
    return text
