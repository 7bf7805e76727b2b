"""The plan builder's interview: the facts the chosen program still needs, as typed questions, and
the answers written back into the case by path ('courses[0].trainees[0].attended_hours').

Three kinds of question, each only for the chosen program (its rules and the rules they use):
what its conditions cannot decide yet (the engine's next questions, most useful first), what its
amounts cannot be computed without (a value of the rule that reads a missing fact), and what its
documents print but nobody has entered.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from navigator.facts import EmployerCase, fact_paths
from navigator.forms.fill import FilledForm
from navigator.rules import FactsError, parse_case
from navigator.rules.engine import CaseResult
from navigator.rules.explain import missing_label, next_questions

_PATHS = fact_paths(EmployerCase)
_INDEX = re.compile(r"\[(\d+)\]")
_SEGMENT = re.compile(r"(\w+)(?:\[(\d+)\])?$")
TABLE_LISTS = ("courses", "workers")  # entered in the per-trainee table when the program has one
NOT_FACTS = ("params", "values", "items", "rules", "as_of")


@dataclass
class Question:
    path: str
    label: str
    kind: str  # bool | date | number | choice | choices | list | text
    options: list[tuple[str, str]]
    settles: int

    @property
    def name(self) -> str:
        """The input's name on the page."""
        return "q:" + self.path


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


def questions(prepared, limit: int = 10) -> list[Question]:
    """What the chosen program's verdict and amounts still need, most useful first."""
    program = prepared.program
    rules = program.closure()
    result = CaseResult(prepared.result.as_of, [r for r in prepared.result.results if r.rule.spec.id in rules])
    data = prepared.case.activation()
    wanted = [(q.path, q.settles) for q in next_questions(EmployerCase, result)]
    wanted += [(path, 0) for path in amount_facts(result, program.rules, data)]
    skip = TABLE_LISTS if program.training_types else ()
    return _questions(wanted, data, skip, limit)


def document_questions(documents: list[FilledForm], data: dict[str, Any], limit: int = 30) -> list[Question]:
    """The facts the documents print in a required box that is still empty."""
    wanted = []
    for document in documents:
        for section in document.sections:
            for cell in section.fields:
                required = section.spec.required if cell.spec.required is None else cell.spec.required
                fact = cell.spec.fact
                if required and fact and not cell.text and not fact.startswith(("derived.", "item.", "row.")):
                    wanted.append((fact, 0))
    return _questions(wanted, data, (), limit)


def _questions(wanted: list[tuple[str, int]], data: dict[str, Any], skip: tuple, limit: int) -> list[Question]:
    out: dict[str, Question] = {}
    for path, settles in wanted:
        info = _info(path)
        if info is None or path in out or path in skip:
            continue
        kind, options = _kind(info)
        out[path] = Question(path, _label(path, data), kind, options, settles)
        if len(out) == limit:
            break
    return list(out.values())


def _label(path: str, data: dict[str, Any]) -> str:
    """The vocabulary's label, with the course's and the trainee's names: 教育訓練1「生産管理実務研修」の…"""
    label = missing_label(EmployerCase, path)
    course = re.match(r"courses\[(\d+)\]", path)
    courses = data.get("courses") or []
    if course and int(course.group(1)) < len(courses):
        index = int(course.group(1))
        item = courses[index]
        if item.get("name"):
            label = label.replace(f"教育訓練{index + 1}", f"教育訓練「{item['name']}」", 1)
        trainee = re.match(r"courses\[\d+\]\.trainees\[(\d+)\]", path)
        if trainee:
            t = int(trainee.group(1))
            people = item.get("trainees") or []
            worker_id = people[t].get("worker_id") if t < len(people) else None
            names = {w.get("id"): w.get("name") for w in data.get("workers") or []}
            if worker_id:
                label = label.replace(f"訓練受講者{t + 1}", f"受講者「{names.get(worker_id) or worker_id}」", 1)
    return label


def amount_facts(result: CaseResult, rule_ids: list[str], data: dict[str, Any]) -> list[str]:
    """Facts a rule's amounts need that are missing: the engine leaves a value out when a fact it
    reads is unknown; the facts that value reads and the case does not have are the ones to ask."""
    paths: list[str] = []
    for rule in result.results:
        if rule.rule.spec.id not in rule_ids or rule.status == "ineligible":
            continue
        if all(a.yen is not None for a in rule.amounts):
            continue
        loaded = rule.rule
        for value in loaded.spec.values:
            if value.id not in rule.values:
                paths += _absent(loaded.values[value.id], data, {})
        for scope in loaded.scopes:
            for item in rule.items.get(scope.spec.id, []):
                if item.ok is False:
                    continue
                bound = _bound(item.path, scope.spec.names)
                for value in scope.spec.values:
                    if value.id not in item.values:
                        paths += _absent(scope.values[value.id], data, bound)
    return list(dict.fromkeys(paths))


def _bound(path: str, names: list[str]) -> dict[str, str]:
    """'courses[0].trainees[1]', [course, trainee] -> {course: 'courses[0]', trainee: 'courses[0].trainees[1]'}."""
    parts = path.split(".")
    return {name: ".".join(parts[:i + 1]) for i, name in enumerate(names)}


def _absent(compiled, data: dict[str, Any], bound: dict[str, str]) -> list[str]:
    out = []
    for ref in compiled.references:
        if ref.root in NOT_FACTS or "[]" in ref.segments or ref.dotted() in compiled.guarded:
            continue
        base = bound.get(ref.root, ref.root)
        path = ".".join([base, *ref.segments])
        if get_path(data, path) is None:
            out.append(path)
    return out


def get_path(data: Any, path: str) -> Any:
    node = data
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        if match is None or not isinstance(node, dict):
            return None
        node = node.get(match.group(1))
        if match.group(2) is not None:
            index = int(match.group(2))
            node = node[index] if isinstance(node, list) and index < len(node) else None
    return node


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


def apply_answers(data: dict[str, Any], asked: list[Question], form: dict[str, Any]):
    """The case with the posted answers, and {input name: Japanese message} for each that does not
    fit the vocabulary (then nothing is to be saved: the page shows the messages beside the inputs)."""
    updated = copy.deepcopy(data)
    by_path = {q.path: q for q in asked}
    answered = 0
    for question in asked:
        value = answer(question.kind, form.get(question.name))
        if value is not None:
            set_path(updated, question.path, value)
            answered += 1
    try:
        parse_case(updated)
    except FactsError as exc:
        errors = {}
        for problem in exc.problems:
            question = by_path.get(problem["field"])
            name = question.name if question else "form"
            errors.setdefault(name, f"「{question.label if question else problem['label']}」：{problem['message']}")
        return None, answered, errors
    return updated, answered, {}
