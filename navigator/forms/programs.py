"""The subsidies and courses HR chooses from on /hr/plan (forms/_programs.yaml).

A program names the rules that judge it, the forms it produces, the training types of its
per-trainee table, the dated steps of its timeline and its what-if questions. Loading checks every
name against the rules, the forms and the vocabulary, and names the item that is wrong.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from pydantic import Field, ValidationError, model_validator

from navigator import PROJECT_ROOT
from navigator.facts import TRAINING_TYPE, EmployerCase, fact_paths
from navigator.forms.spec import FORMS_DIR, FormLoadError, Spec, load_forms
from navigator.yamlfile import load_facts_yaml

PROGRAMS_FILE = FORMS_DIR / "_programs.yaml"


class Step(Spec):
    value: str | None = None  # a value the rule computes for each item of the timeline's scope
    fact: str | None = None  # a date of the facts: `course.start_date` (the scope's names) or `leave_plan.plan_end`
    rule_deadline: str | None = None  # a deadline of the rule itself
    label: str | None = None  # default: the rule's label of the value or deadline
    deadline: bool = False  # an event of the iCal file

    @model_validator(mode="after")
    def _one_source(self):
        if sum(x is not None for x in (self.value, self.fact, self.rule_deadline)) != 1:
            raise ValueError("a step names exactly one of `value`, `fact` or `rule_deadline`")
        if self.fact and not self.label:
            raise ValueError(f"step {self.fact}: a fact step needs its `label`")
        return self


class WhatIf(Spec):
    fact: str
    value: Any
    label: str


class Program(Spec):
    id: str
    title: str
    rules: list[str] = Field(min_length=1)
    training_types: list[str] = Field(default_factory=list)
    scope: str | None = None  # the rules' scope whose items are the trainees' rows
    marker: str | None = None
    example: str | None = None
    stages: dict[str, str] = Field(default_factory=lambda: {"plan": "計画届", "application": "支給申請"})
    forms: list[str] = Field(default_factory=list)
    documents: dict[str, str] = Field(default_factory=dict)  # a rule's document id -> the form that fills it
    timeline: list[Step] | None = None
    what_if: list[WhatIf] = Field(default_factory=list)
    caps: list[str] = Field(default_factory=list)  # parameter ids of the first rule

    def valid_to(self) -> dt.date | None:
        """The last day of the program, when every one of its rules has ended."""
        from navigator.rules import rule_base

        ends = [rule_base().rules[r].spec.valid_to for r in self.rules]
        return None if any(end is None for end in ends) else max(ends)

    def ended(self, on: dt.date) -> bool:
        end = self.valid_to()
        return end is not None and end < on

    def validity_cite(self) -> str:
        from navigator.rules import rule_base

        return rule_base().rules[self.rules[0]].spec.validity_source.cite()

    def closure(self) -> set[str]:
        """Its rules and every rule they use (requirements, classifications)."""
        from navigator.rules import rule_base

        rules, pending = set(), list(self.rules)
        while pending:
            current = pending.pop()
            if current not in rules:
                rules.add(current)
                pending.extend(rule_base().rules[current].spec.uses.values())
        return rules

    def concerns(self, data: dict[str, Any]) -> bool:
        """The facts are about this program: a course of its training types, or its marker fact."""
        courses = data.get("courses") or []
        if any(isinstance(c, dict) and c.get("training_type") in self.training_types for c in courses):
            return True
        if self.marker:
            section, _, name = self.marker.partition(".")
            return bool((data.get(section) or {}).get(name))
        return False


@lru_cache(maxsize=1)
def load_programs() -> dict[str, Program]:
    try:
        raw = load_facts_yaml(PROGRAMS_FILE.read_text(encoding="utf-8"))
        programs = [Program.model_validate(p) for p in raw["programs"]]
    except (ValidationError, KeyError, TypeError) as exc:
        raise FormLoadError(f"{PROGRAMS_FILE.name}: {exc}") from None
    problems = [f"{PROGRAMS_FILE.name}: {p.id}: {problem}" for p in programs for problem in _check(p)]
    listed = {f for p in programs for f in p.forms}
    problems += [f"{PROGRAMS_FILE.name}: 様式 {spec.id} がどのコースの forms にもありません"
                 for spec in load_forms().values() if spec.audience == "employer" and spec.id not in listed]
    if problems:
        raise FormLoadError("コースの定義の読み込みに失敗しました:\n" + "\n".join(problems))
    return {p.id: p for p in programs}


def _check(program: Program) -> list[str]:
    from navigator.rules import rule_base

    rules = rule_base().rules
    problems = [f"規則 {r} がありません" for r in program.rules if r not in rules]
    problems += [f"stages に {s} がありません" for s in ("plan", "application") if s not in program.stages]
    problems += [f"様式 {f} がありません" for f in program.forms if f not in load_forms()]
    if program.example and not (PROJECT_ROOT / program.example).is_file():
        problems.append(f"例のファイル {program.example} がありません")
    problems += [f"documents: 様式 {f} が forms にありません" for f in program.documents.values() if f not in program.forms]
    documents = {d.id for r in program.rules if r in rules for d in rules[r].spec.documents}
    problems += [f"documents: 規則に書類 {d} がありません" for d in program.documents if d not in documents]
    problems += [f"訓練区分 {t} がありません" for t in program.training_types if t not in TRAINING_TYPE.labels]
    vocabulary = fact_paths(EmployerCase)
    problems += [f"事実 {w.fact} は語彙にありません" for w in program.what_if if w.fact not in vocabulary]
    if program.marker and program.marker not in vocabulary:
        problems.append(f"事実 {program.marker} は語彙にありません")
    if not problems:
        parameters = rules[program.rules[0]].spec.parameters
        problems += [f"caps: 規則 {program.rules[0]} に parameter {c} がありません" for c in program.caps if c not in parameters]
    if (program.timeline or program.scope) and not problems:
        problems += _check_timeline(program, [rules[r].spec for r in program.rules])
    return problems


def _check_timeline(program: Program, specs) -> list[str]:
    scopes = {s.id: s for spec in specs for s in spec.scopes}
    scope = scopes.get(program.scope) if program.scope else None
    if program.scope and scope is None:
        return [f"scope: 規則に scope {program.scope} がありません"]
    problems = []
    values = {v.id for v in scope.values} if scope else set()
    deadlines = {d.id for spec in specs for d in spec.deadlines}
    for step in program.timeline or []:
        if step.value and step.value not in values:
            problems.append(f"timeline: scope {program.scope} に値 {step.value} がありません")
        if step.rule_deadline and step.rule_deadline not in deadlines:
            problems.append(f"timeline: 規則に期限 {step.rule_deadline} がありません")
        if step.fact:
            head, _, rest = step.fact.partition(".")
            if scope and head in scope.names:
                path = ".".join(f"{name}[]" for name in scope.over[:scope.names.index(head) + 1]) + "." + rest
            else:
                path = step.fact
            if path not in fact_paths(EmployerCase):
                problems.append(f"timeline: 事実 {step.fact} は語彙にありません")
    return problems


def programs() -> list[Program]:
    return list(load_programs().values())


def get(program_id: str | None) -> Program | None:
    return load_programs().get(program_id) if program_id else None


def infer(data: dict[str, Any]) -> Program | None:
    """The program a case saved before HR chose one (or a file given to the CLI) is about."""
    return next((p for p in programs() if p.concerns(data)), None)
