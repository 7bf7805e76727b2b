"""Fill a form definition from a context: read each field's fact, format it the Japanese way,
and report every required field left empty, in Japanese, naming the form and the field."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from navigator import dates
from navigator.facts import label_of
from navigator.forms.spec import FieldSpec, FormSpec, SectionSpec

EMPTY = ""


def lookup(context: Any, path: str) -> Any:
    """'employer.name', 'item.trainees', 'plan.ability_map.units' in a dict/list tree; None if absent."""
    node = context
    for part in path.split("."):
        if node is None:
            return None
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit():
            index = int(part)
            node = node[index] if index < len(node) else None
        else:
            return None
    return node


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


def fmt(value: Any, kind: str | None, choice: str | None = None, unit: str | None = None) -> str:
    """The printed text of a value: 和暦 dates (西暦 with `jdate`), yen with separators, choice labels."""
    if value is None or value == "" or value == []:
        return EMPTY
    if kind == "date" or (kind is None and _date(value)):
        day = _date(value)
        return dates.wareki(day) if day else str(value)
    if kind == "jdate":
        day = _date(value)
        return f"{day.year}年{day.month}月{day.day}日" if day else str(value)
    if kind == "yen":
        return f"{int(value):,}円"
    if kind == "hours":
        number = float(value)
        return f"{int(number) if number.is_integer() else number}時間"
    if kind == "count":
        return f"{int(value):,}{unit or '人'}"
    if kind == "number":
        return f"{value:,}" if isinstance(value, int) else str(value)
    if kind in ("bool", "check"):
        return "はい" if value else "いいえ"
    if kind == "choice":
        return label_of(choice, value) if choice else str(value)
    if kind in ("lines", "choices") and isinstance(value, list):
        return "\n".join(label_of(choice, v) if choice else str(v) for v in value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    text = str(value)
    return f"{text}{unit}" if unit else text


_PLACEHOLDER = re.compile(r"\{([a-z_][\w.\[\]]*)(?::(\w+))?\}")


def fill_text(text: str, context: Any, missing: list[str] | None = None) -> str:
    def replace(match: re.Match) -> str:
        value = lookup(context, match.group(1))
        printed = fmt(value, match.group(2))
        if not printed and missing is not None:
            missing.append(match.group(1))
        return printed or "＿＿＿＿"

    return _PLACEHOLDER.sub(replace, text)


@dataclass
class FilledField:
    spec: FieldSpec
    value: Any
    text: str
    options: list[tuple[str, bool]] = field(default_factory=list)  # choices/check: (label, checked)


@dataclass
class FilledSection:
    spec: SectionSpec
    fields: list[FilledField] = field(default_factory=list)
    rows: list[list[FilledField]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    marks: dict[str, str] = field(default_factory=dict)  # field id -> its note mark (※1), "" if one source
    citations: list[tuple[str, str]] = field(default_factory=list)  # (mark, source) printed under the section


def citations(section: SectionSpec) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each field's source (its own, else its section's), each distinct one once."""
    cites = {f.id: (f.source or section.source).cite() for f in section.fields if f.source or section.source}
    distinct = list(dict.fromkeys(cites.values()))
    if len(distinct) <= 1:
        return {key: "" for key in cites}, [("", c) for c in distinct]
    mark = {cite: f"※{n}" for n, cite in enumerate(distinct, 1)}
    return {key: mark[c] for key, c in cites.items()}, [(mark[c], c) for c in distinct]


@dataclass
class FilledForm:
    spec: FormSpec
    label: str  # e.g. 教育訓練実施計画書（企業会計基礎コース）
    doc_id: str  # e.g. kigyounai-05-1
    sections: list[FilledSection]
    problems: list[str]
    context: Any

    def values(self) -> list[str]:
        """Every printed value (the tests look for each of them in the PDF's text)."""
        out = []
        for section in self.sections:
            for f in section.fields + [c for row in section.rows for c in row]:
                if f.options:
                    out += [label for label, checked in f.options if checked]
                elif f.text and f.spec.fact and not _structured(f.value):
                    out.append(f.text)
        return out


def _structured(value: Any) -> bool:
    """A list of records is printed by its form's own layout (e.g. the 体系図 matrix)."""
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def _field(spec: FieldSpec, context: Any) -> FilledField:
    if spec.text is not None:
        text = fill_text(spec.text, context)
        return FilledField(spec, text, text)
    value = lookup(context, spec.fact)
    options = []
    if spec.type == "choices" and spec.choice:
        from navigator.facts import Choice

        chosen = set(value or [])
        options = [(label, code in chosen) for code, label in Choice.registry[spec.choice].labels.items()]
    text = fmt(value, spec.type, spec.choice, spec.unit)
    if spec.labels and value is not None:
        text = spec.labels[0] if value else spec.labels[1]
    return FilledField(spec, value, text, options)


def _check(spec: FieldSpec, filled: FilledField, section: SectionSpec, where: str) -> list[str]:
    problems = []
    required = section.required if spec.required is None else spec.required
    if required and spec.fact and filled.text == EMPTY:
        problems.append(f"{where}「{section.title}」の「{spec.label}」が未入力です（{spec.fact}）")
    if filled.text and spec.max_length and len(filled.text) > spec.max_length:
        problems.append(f"{where}「{spec.label}」は{spec.max_length}文字以内にしてください")
    if filled.text and spec.pattern and not re.fullmatch(spec.pattern, str(filled.value)):
        hint = f"（{spec.pattern_hint}）" if spec.pattern_hint else ""
        problems.append(f"{where}「{spec.label}」の形式が正しくありません{hint}: {filled.value}")
    return problems


def fill(spec: FormSpec, context: dict, item: Any = None, index: int | None = None,
         menus: list[str] | None = None) -> FilledForm:
    ctx = dict(context, item=item) if item is not None else context
    label = spec.title
    if spec.repeat_label:
        copy = fmt(lookup(ctx, spec.repeat_label), None)
        label = f"{spec.title}（{copy}）" if copy else label
    where = f"{spec.number or spec.title}{f'（{index}）' if index else ''}: "
    sections, problems = [], []
    for section in spec.sections:
        if section.menus and not set(section.menus) & set(menus or []):
            continue
        filled = FilledSection(section)
        filled.marks, filled.citations = citations(section)
        if section.layout == "table":
            for row in lookup(ctx, section.rows) or []:
                row_ctx = dict(ctx, row=row)
                cells = [_field(f, row_ctx) for f in section.fields]
                for f, cell in zip(section.fields, cells):
                    problems += _check(f, cell, section, where)
                filled.rows.append(cells)
            if section.required and not filled.rows:
                problems.append(f"{where}「{section.title}」に記入する行がありません（{section.rows}）")
        else:
            for f in section.fields:
                cell = _field(f, ctx)
                problems += _check(f, cell, section, where)
                filled.fields.append(cell)
            missing: list[str] = []
            filled.paragraphs = [fill_text(p, ctx, missing) for p in section.paragraphs]
            if section.required:
                problems += [f"{where}「{section.title}」の文中の {m} が未入力です" for m in missing]
        sections.append(filled)
    doc_id = spec.id + (f"-{index}" if index else "")
    return FilledForm(spec, label, doc_id, sections, problems, ctx)
