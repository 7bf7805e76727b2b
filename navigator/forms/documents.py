"""The application set of a company: which forms, how many copies, filled and checked.

    prepared = prepare(data, program=programs.get("jinzai.ikusei"))  # parse + derive + evaluate
    docs = employer_documents(prepared)   # [FilledForm] of that program, in filing order

Without a program, the one the facts are about (programs.infer), else the first one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from navigator.facts import EmployerCase
from navigator.forms import context as form_context
from navigator.forms import programs
from navigator.forms.fill import FilledForm, fill, lookup
from navigator.forms.programs import Program
from navigator.forms.spec import FormSpec, load_forms
from navigator.forms.warnings import Warning, derive_counts, rule_warnings
from navigator.rules import evaluate, parse_case
from navigator.rules.engine import CaseResult


@dataclass
class Prepared:
    program: Program
    case: EmployerCase
    result: CaseResult
    context: dict[str, Any]
    warnings: list[Warning]
    problems: list[str]  # facts that contradict each other (e.g. 個票 vs 評価の項目数)


def prepare(data: Any, as_of: dt.date | None = None, program: Program | None = None) -> Prepared:
    """Raises navigator.rules.FactsError (Japanese, per field) when the facts do not parse."""
    case = parse_case(data)
    assert isinstance(case, EmployerCase)
    case, problems = derive_counts(case)
    result = evaluate(case, as_of)
    program = program or programs.infer(case.activation()) or programs.programs()[0]
    return Prepared(program, case, result, form_context.build(case, result, program),
                    rule_warnings(case, result, program), problems)


def applicable(spec: FormSpec, program: Program, menus: list[str]) -> bool:
    return spec.id in program.forms and (not spec.menus or bool(set(spec.menus) & set(menus)))


def fill_form(spec: FormSpec, prepared: Prepared) -> list[FilledForm]:
    menus = prepared.case.plan.menus or []
    if not spec.repeat:
        return [fill(spec, prepared.context, menus=menus)]
    items = _items(prepared.context, spec.repeat)
    return [fill(spec, prepared.context, item, i, menus) for i, item in enumerate(items, 1)]


def _items(context: dict, path: str) -> list[Any]:
    """'courses', or 'courses[].trainees': every trainee of every course."""
    head, _, rest = path.partition("[].")
    items = lookup(context, head) or []
    if rest:
        items = [x for parent in items for x in (lookup(parent, rest) or [])]
    return items


def employer_documents(prepared: Prepared, only: str | None = None) -> list[FilledForm]:
    menus = prepared.case.plan.menus or []
    documents = []
    for spec in load_forms().values():
        if only and spec.id != only:
            continue
        if applicable(spec, prepared.program, menus) or (only and spec.id in prepared.program.forms):
            documents += fill_form(spec, prepared)
    return documents
