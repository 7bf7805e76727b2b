"""Before anything is printed: facts derived from the 個票, and the rules engine's objections.

Warnings are the engine's failing (or undecidable) conditions with their reason, remedy and
source — a course under 20 hours, a consulting by video, a plan period over 3 years, a plan filed
too late all come from rules/, never from form-specific code.
"""

from __future__ import annotations

from dataclasses import dataclass

from navigator.facts import EmployerCase
from navigator.rules.engine import CaseResult
from navigator.rules.explain import condition_text, missing_label, next_questions
from navigator.rules.loader import APPLICABILITY_GROUP


@dataclass
class Warning:
    rule: str
    item: str | None
    label: str
    reason: str
    remedy: str | None
    source: str
    kind: str  # "ineligible" | "undetermined"

    def text(self) -> str:
        where = f"{self.rule}" + (f"（{self.item}）" if self.item else "")
        remedy = f" → {self.remedy}" if self.remedy else ""
        return f"{where}: {self.reason}{remedy} [{self.source}]"


def rule_warnings(case: EmployerCase, result: CaseResult, program) -> list[Warning]:
    """The objections of the chosen program's rules and of the rules they use: other programs'
    objections are not about these papers."""
    from navigator.forms.context import MENU_RULES

    menus = set(case.plan.menus or [])
    warnings: list[Warning] = []
    seen: set[tuple[str, str | None]] = set()
    rules = program.closure()
    result = CaseResult(result.as_of, [r for r in result.results if r.rule.spec.id in rules])
    for rule in result.results:
        title = rule.rule.spec.title
        if rule.rule.spec.id in MENU_RULES and menus and not menus & set(MENU_RULES[rule.rule.spec.id]):
            continue  # a menu the company does not plan: its conditions are not objections
        groups = [(None, rule.conditions)] + [(i.name, i.conditions) for items in rule.items.values() for i in items]
        for item, conditions in groups:
            for cond in conditions:
                key = (cond.spec.label, item)
                if cond.spec.group == APPLICABILITY_GROUP:
                    continue  # an item the program does not concern (a course of another kind) is no objection
                if cond.met is False and key not in seen:
                    seen.add(key)
                    warnings.append(Warning(title, item, cond.spec.label, condition_text(cond),
                                            cond.spec.remedy, cond.spec.source.cite(), "ineligible"))
    for question in next_questions(EmployerCase, result)[:20]:
        warnings.append(Warning("、".join(question.rules), None, question.label,
                                f"「{question.label}」が未入力のため判定できません", None,
                                "navigator.rules next_questions", "undetermined"))
    return warnings


def derive_counts(case: EmployerCase) -> tuple[EmployerCase, list[str]]:
    """An evaluation that names its 個票 gets items_total / items_cited / cited_items_have_codes from
    them; a number typed by hand that disagrees with the 個票 is reported."""
    sheets = {s.number: s for s in case.plan.evaluation_sheets or []}
    problems: list[str] = []
    updated = case.model_copy(deep=True)
    for evaluation in updated.evaluations or []:
        if not evaluation.sheets:
            continue
        absent = [n for n in evaluation.sheets if n not in sheets]
        if absent:
            problems.append(f"評価{evaluation.id or ''}: 個票番号 {absent} の職業能力評価項目（個票）がありません")
            continue
        items = [item for n in evaluation.sheets for item in sheets[n].items]
        total = len(items)
        cited = sum(1 for item in items if item.cited)
        codes = all(item.code for item in items if item.cited) and all(sheets[n].source for n in evaluation.sheets)
        for name, counted, label in (("items_total", total, "職務遂行のための基準の項目数"),
                                     ("items_cited", cited, "汎用性のある評価基準から引用した項目数")):
            typed = getattr(evaluation, name)
            if typed is not None and typed != counted:
                problems.append(f"評価{evaluation.id or ''}: 「{label}」が{typed}と入力されていますが、"
                                f"個票から数えると{counted}です")
            setattr(evaluation, name, counted)
        if evaluation.cited_items_have_codes is None:
            evaluation.cited_items_have_codes = bool(codes)
    return updated, problems


__all__ = ["Warning", "rule_warnings", "derive_counts", "missing_label"]
