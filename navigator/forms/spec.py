"""Form definitions (forms/*.yaml): the schema, the loader, and load-time checks.

A form names its fields, the fact each comes from, its type and validation, its layout sections
and its source (the manual's page or the official form name). Loading fails, naming the file and
the field, when a fact path is not in the vocabulary or a source is missing: a 社労士 fixing a label
edits YAML only, and a typo cannot silently print an empty box.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from navigator import PROJECT_ROOT
from navigator.facts import CASE_TYPES, fact_paths
from navigator.rules.sources import citation_problem, sources
from navigator.yamlfile import load_facts_yaml

FORMS_DIR = PROJECT_ROOT / "forms"

# date: 和暦 (令和8年4月15日), as official forms print it; jdate: 2026年4月15日, as the app's pages
# show the employee's own records (career note, plan, meeting sheet).
# cite: a source, printed small (a table's 根拠 column).
FieldType = Literal["text", "longtext", "lines", "date", "jdate", "yen", "hours", "count", "bool", "check",
                    "choice", "choices", "number", "cite"]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(Spec):
    """A document of rules/sources.yaml by its id, or a knowledge file of the project whose own
    sources are printed row by row (`rules/jinzai/ikusei.yaml documents…`)."""

    doc: str
    section: str
    confidence: Literal["seed", "O", "3P", "?"] = "seed"
    note: str | None = None

    def cite(self) -> str:
        entry = sources().get(self.doc)
        mark = "" if self.confidence in ("seed", "O") else "（要確認）"
        return f"{entry.cite_as if entry else self.doc} {self.section}{mark}"

    def problem(self) -> str | None:
        """Why the citation is refused (None when it names a document of the project)."""
        pattern = self.doc.split()[0].split("（")[0]
        if "/" in pattern:  # a file of the project (rules/, careerlog/...)
            return None if list(PROJECT_ROOT.glob(pattern)) else f"doc: プロジェクトのファイル {pattern} がありません"
        problem = citation_problem(self.doc, self.confidence)
        return f"doc: {problem}" if problem else None


class FieldSpec(Spec):
    id: str
    label: str
    fact: str | None = None  # path in the fill context; None with `text` = fixed wording
    text: str | None = None  # fixed wording, `{path:type}` placeholders filled from facts
    type: FieldType = "text"
    choice: str | None = None  # Choice name for choice/choices
    required: bool | None = None  # None: as its section says
    max_length: int | None = None
    pattern: str | None = None
    pattern_hint: str | None = None  # Japanese: what the pattern expects
    unit: str | None = None
    labels: tuple[str, str] | None = None  # bool: (when true, when false), e.g. (主たる事業所, 従たる事業所)
    note: str | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _fact_or_text(self):
        if (self.fact is None) == (self.text is None):
            raise ValueError(f"field {self.id}: give exactly one of `fact` or `text`")
        if self.type in ("choice", "choices") and not self.choice:
            raise ValueError(f"field {self.id}: a {self.type} field names its `choice`")
        return self


class SectionSpec(Spec):
    id: str
    title: str
    number: str | None = None  # the box number printed on the official form (1, 2, ...)
    layout: Literal["fields", "table", "text", "checklist"] = "fields"
    required: bool = False  # every field of a required section must be filled
    menus: list[str] = Field(default_factory=list)  # shown only when one of these menus is planned
    rows: str | None = None  # table: path of the list; columns read `row.`
    fields: list[FieldSpec] = Field(default_factory=list)
    paragraphs: list[str] = Field(default_factory=list)  # text layout, with {path:type} placeholders
    empty: str | None = None  # table: what to print when there is no row
    source: Source | None = None


class FormSpec(Spec):
    id: str
    number: str | None = None  # 様式第1号 …
    title: str
    program: str | None = None
    facts: Literal["employer", "jobcard", "self_plan", "career_note", "meeting"] = "employer"
    audience: Literal["employer", "worker"] = "employer"
    stage: Literal["plan", "application", "handover", "reference"] = "plan"
    order: int = 100
    menus: list[str] = Field(default_factory=list)  # needed when any of these is planned ([] = always)
    repeat: str | None = None  # one document per element of this list, read as `item.`
    repeat_label: str | None = None  # fact path naming each copy (e.g. item.name)
    template: str = "generic.html"
    reconstructed: bool = False  # the official layout is not in the sources: the page says 要確認
    orientation: Literal["portrait", "landscape"] = "portrait"
    intro: str | None = None
    notes: list[str] = Field(default_factory=list)
    source: Source
    sections: list[SectionSpec]
    path: Path | None = Field(None, exclude=True)

    def all_fields(self) -> list[tuple[SectionSpec, FieldSpec]]:
        return [(s, f) for s in self.sections for f in s.fields]


class FormLoadError(ValueError):
    pass


# Values the fill context computes from the rules engine's result (navigator/forms/context.py).
DERIVED = {
    "derived.sme", "derived.size_label", "derived.total_yen", "derived.menu_labels",
    "derived.amounts", "derived.amounts[].title", "derived.amounts[].status", "derived.amounts[].total_yen",
    "derived.amounts[].introduction_yen", "derived.amounts[].implementation_yen",
    "derived.amounts[].development_yen", "derived.amounts[].persons",
    "derived.plan_deadline", "derived.application_deadline", "derived.main_office",
    "derived.checklist", "derived.checklist[].stage", "derived.checklist[].label", "derived.checklist[].note",
    "derived.checklist[].source", "derived.checklist[].forms",
    "derived.timeline", "derived.timeline[].date", "derived.timeline[].label", "derived.timeline[].kind",
    "derived.timeline[].source",
    "derived.planned_total", "derived.application_items", "derived.application_items[].menu",
    "derived.application_items[].item", "derived.application_items[].applied_on",
    "derived.application_items[].apply_by",
    # the chosen program (navigator/forms/context.py _program): lists of rows, read by tables and repeats
    "derived.program_title", "derived.verdict", "derived.amount_lines[]", "derived.deadlines[]",
    "derived.trainee_rows[]", "derived.plan_filings[]", "derived.stage_labels", "derived.trainee_count",
    "derived.caps[]",
}
# Joined into list elements by the context: a row that names a worker_id also carries `worker`.
JOINS = {"worker": "workers[]", "rated_items": "plan.evaluation_sheets[].items[]",
         "subject_rows": "courses[].subjects[]", "sheet_list": "plan.evaluation_sheets[]",
         "unit": "plan.ability_map.units[]", "course": "courses[]", "evaluation": "evaluations[]"}
# Extra keys the context adds to some elements (documented in context.py).
EXTRA = {"counted_hours", "subject_rows", "rated_items", "ability_names", "sheet_list", "index",
         "items_count", "cited_count", "self_rating", "company_rating", "grade", "first", "span", "unit_name"}

_PLACEHOLDER = re.compile(r"\{([a-z_][\w.\[\]]*)(?::(\w+))?\}")


def placeholders(text: str) -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in _PLACEHOLDER.finditer(text)]


def _worker_paths() -> dict[str, set[str]]:
    from navigator.forms import worker_data

    return {kind: set(fact_paths(model)) for kind, model in worker_data.MODELS.items()}


def canonical(path: str, repeat: str | None, rows: str | None) -> str:
    """'row.worker.name' in a table over 'item.trainees' of 'courses' -> 'workers[].name'."""
    segments = path.split(".")
    if segments[0] == "item":
        base = canonical(repeat, None, None) if repeat else "?"
        segments = [base + "[]"] + segments[1:]
    elif segments[0] == "row":
        base = canonical(rows, repeat, None) if rows else "?"
        segments = [base + "[]"] + segments[1:]
    text = ".".join(segments)
    # A join restarts the path at the joined list.
    parts = text.split(".")
    for i in range(len(parts) - 1, 0, -1):
        key = parts[i].removesuffix("[]")
        if key in JOINS and i < len(parts) - 1:
            return ".".join([JOINS[key]] + parts[i + 1:])
    return text


def _known(path: str, kind: str, vocab: set[str]) -> bool:
    bare = re.sub(r"\[\d*\]", "[]", path).replace("[]", "[]")
    if bare.startswith("derived."):
        return bare in DERIVED or bare.split("[]")[0] in {d.split("[]")[0] for d in DERIVED}
    last = bare.rsplit(".", 1)
    if len(last) == 2 and last[1] in EXTRA:
        return True
    candidates = {bare, bare.rstrip("[]"), bare.removesuffix("[]")}
    return any(c in vocab for c in candidates)


def check_paths(spec: FormSpec, vocab_of: dict[str, set[str]]) -> list[str]:
    vocab = vocab_of[spec.facts]
    problems = []

    def check(path: str, where: str, rows: str | None):
        full = canonical(path, spec.repeat, rows)
        if not _known(full, spec.facts, vocab):
            problems.append(f"{where}: 語彙にない事実 `{path}`（{full}）")

    if spec.repeat:
        check(spec.repeat, "repeat", None)
    for section in spec.sections:
        if section.rows:
            check(section.rows, f"section {section.id} rows", None)
        for text in section.paragraphs:
            for path, _ in placeholders(text):
                check(path, f"section {section.id} paragraph", section.rows)
        for f in section.fields:
            where = f"section {section.id} field {f.id}"
            if f.fact:
                check(f.fact, where, section.rows)
            for path, _ in placeholders(f.text or ""):
                check(path, where, section.rows)
            if f.source is None and section.source is None and spec.audience == "employer" and f.text is None:
                problems.append(f"{where}: source がありません（マニュアルの頁または様式名）")
    return problems


def check_sources(spec: FormSpec) -> list[str]:
    """Every source names a document of rules/sources.yaml (or a rule file of the project)."""
    cited = [("source", spec.source)]
    for section in spec.sections:
        cited.append((f"section {section.id} source", section.source))
        cited += [(f"section {section.id} field {f.id} source", f.source) for f in section.fields]
    return [f"{where}.{problem}" for where, source in cited if source is not None
            for problem in [source.problem()] if problem]


@lru_cache(maxsize=1)
def load_forms(directory: Path = FORMS_DIR) -> dict[str, FormSpec]:
    vocab_of = {"employer": set(fact_paths(CASE_TYPES["employer"]))} | _worker_paths()
    forms: dict[str, FormSpec] = {}
    errors: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name.startswith("_"):  # not a form: _programs.yaml, _trainee-table.yaml
            continue
        try:
            spec = FormSpec.model_validate(load_facts_yaml(path.read_text(encoding="utf-8")))
        except ValidationError as exc:
            errors.append(f"{path.name}: {exc}")
            continue
        spec.path = path
        if spec.id != path.stem:
            errors.append(f"{path.name}: id `{spec.id}` はファイル名と同じにしてください")
        errors += [f"{path.name}: {p}" for p in check_paths(spec, vocab_of) + check_sources(spec)]
        forms[spec.id] = spec
    if errors:
        raise FormLoadError("様式定義の読み込みに失敗しました:\n" + "\n".join(errors))
    return dict(sorted(forms.items(), key=lambda kv: (kv[1].order, kv[0])))
