"""Loads rules/**/*.yaml, validates each file, compiles its expressions and checks every name.

A rule that names an unknown fact, parameter, value or function, a parameter without a date, an
item without a source, or a source that names no document of rules/sources.yaml fails here, with
the file and the item named. So does a label that states a parameter's value in its own words:
labels and failures show parameter values through '{{ params.x }}' placeholders (filled with the
values in force on the case's reference date), so that they cannot go stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
import re
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from navigator import PROJECT_ROOT
from navigator.facts import CASE_TYPES, fact_paths
from navigator.yamlfile import load_unique_keys
from navigator.rules.expressions import (CEL_GLOBALS, FUNCTIONS, Compiled, ExpressionError,
                                         Reference, compile_expression)
from navigator.rules.schema import Condition, RuleFile, Scope, Source
from navigator.rules.sources import SOURCES_FILE, citation_problem

RULES_DIR = PROJECT_ROOT / "rules"
# Conditions of this group say whether a program concerns the case at all: when one that reads
# facts only fails, the rule is 対象外 without evaluating the rest (see schema.Condition.group).
APPLICABILITY_GROUP = "対象"
DERIVED_ROOTS = {"values", "items", "rules"}  # computed by the rule run, not facts
RULE_RESULT_FIELDS = {"ok", "amount", "values", "items"}
ITEM_FIELDS = {"ok", "values", "name"}


class RuleLoadError(ValueError):
    pass


def batch(conditions: list[Compiled]) -> Compiled | None:
    """All conditions of a rule (or a scope) as one CEL list, run in one call when every fact is
    known: converting the facts into CEL values costs more than evaluating, and one list converts
    them once. Each element is the condition alone, so its value is the same as run by itself."""
    if len(conditions) < 2:
        return None
    return compile_expression("[" + ", ".join(f"({c.source})" for c in conditions) + "]")


@dataclass
class OverItems:
    """Expressions of a scope run for all its items at once (see over_items)."""
    program: Compiled  # one list per item, nested like the scope: a list per course of lists per trainee
    ids: list[str]  # what each element of an item's list is
    depth: int  # len(scope.over)


# The id of a scope's `describe` among its values in OverItems (no value id has parentheses).
DESCRIBE = "(describe)"


def over_items(scope: Scope, expressions: dict[str, Compiled]) -> OverItems | None:
    """The expressions that read no value of the item, for all the scope's items in one CEL run:
    `courses.map(course, course.trainees.map(trainee, [...]))`.

    Run item by item, each expression converts again what it reads besides the item (the case's
    `workers` list for `workers.exists(w, w.id == trainee.worker_id)`, a course for each of its
    trainees): over all items, everything is converted once. The item's values are computed one
    item at a time, so the expressions reading them stay per item."""
    ids = [key for key, c in expressions.items() if not any(r.root == "values" for r in c.references)]
    if not ids:
        return None
    text = "[" + ", ".join(f"({expressions[key].source})" for key in ids) + "]"
    for level in reversed(range(len(scope.over))):
        parent = f"{scope.names[level - 1]}." if level else ""
        text = f"{parent}{scope.over[level]}.map({scope.names[level]}, {text})"
    return OverItems(compile_expression(text), ids, len(scope.over))


# A remedy text with '{{ CEL }}' placeholders: literal text and compiled expressions in turn.
Template = list["str | Compiled"]
_PLACEHOLDER = re.compile(r"\{\{(.+?)\}\}")


@dataclass
class LoadedScope:
    spec: Scope
    values: dict[str, Compiled]
    conditions: dict[str, Compiled]
    describe: Compiled | None
    remedies: dict[str, Template] = field(default_factory=dict)
    condition_batch: Compiled | None = None
    # see over_items; the other conditions are batched per item in `rest_batch`
    condition_items: OverItems | None = None
    rest_batch: Compiled | None = None
    value_items: OverItems | None = None  # with `describe` as DESCRIBE


@dataclass
class LoadedRule:
    spec: RuleFile
    path: Path
    reference_date: Compiled | None = None
    scopes: list[LoadedScope] = field(default_factory=list)
    values: dict[str, Compiled] = field(default_factory=dict)
    conditions: dict[str, Compiled] = field(default_factory=dict)
    amounts: dict[str, Compiled] = field(default_factory=dict)
    deadlines: dict[str, Compiled] = field(default_factory=dict)
    deadline_when: dict[str, Compiled] = field(default_factory=dict)
    documents: dict[str, Compiled] = field(default_factory=dict)
    remedies: dict[str, Template] = field(default_factory=dict)
    condition_batch: Compiled | None = None
    gates: list[Condition] = field(default_factory=list)  # of APPLICABILITY_GROUP, facts only
    # labels and failures with '{{ params.x }}' placeholders: (the spec item, field -> template)
    texts: list[tuple[Any, dict[str, Template]]] = field(default_factory=list)
    parameter_cache: dict = field(default_factory=dict)  # day -> parameter values in force

    @cached_property
    def fact_roots(self) -> frozenset[str]:
        """The top-level facts this rule's own expressions read (`worker`, `course`, `courses`…)."""
        compiled: list[Compiled] = [*self.values.values(), *self.conditions.values(),
                                    *self.amounts.values(), *self.deadlines.values(),
                                    *self.deadline_when.values(), *self.documents.values(),
                                    *(part for t in self.remedies.values() for part in t
                                      if isinstance(part, Compiled))]
        if self.reference_date is not None:
            compiled.append(self.reference_date)
        bound: set[str] = set()
        roots = set()
        for scope in self.scopes:
            roots.add(scope.spec.over[0])
            bound.update(scope.spec.names)
            compiled += [*scope.values.values(), *scope.conditions.values(),
                         *(part for t in scope.remedies.values() for part in t
                           if isinstance(part, Compiled))]
            if scope.describe is not None:
                compiled.append(scope.describe)
        roots.update(r.root for c in compiled for r in c.references)
        return frozenset(roots - bound - DERIVED_ROOTS - {"params"})


@dataclass
class RuleBase:
    rules: dict[str, LoadedRule]
    order: list[str]
    _for_facts: dict[str, list[LoadedRule]] = field(default_factory=dict, repr=False, compare=False)

    def for_facts(self, kind: str) -> list[LoadedRule]:
        """Rules of `kind` in dependency order; a library only when a rule of `kind` uses it."""
        if kind not in self._for_facts:
            self._for_facts[kind] = self._rules_for(kind)
        return self._for_facts[kind]

    def _rules_for(self, kind: str) -> list[LoadedRule]:
        rules = [self.rules[r] for r in self.order if kind in self.rules[r].spec.kinds]
        needed: set[str] = set()
        pending = [r.spec.id for r in rules if r.spec.role != "library"]
        while pending:
            current = pending.pop()
            if current not in needed:
                needed.add(current)
                pending.extend(self.rules[current].spec.uses.values())
        return [r for r in rules if r.spec.id in needed]


def load_rule_base(directory: Path = RULES_DIR) -> RuleBase:
    rules: dict[str, LoadedRule] = {}
    for path in sorted(directory.rglob("*.yaml")):
        if "tests" in path.relative_to(directory).parts or path.name == SOURCES_FILE.name:
            continue
        rule = load_rule_file(path)
        if rule.spec.id in rules:
            raise RuleLoadError(f"{path}: rule id '{rule.spec.id}' is also used by {rules[rule.spec.id].path}")
        rules[rule.spec.id] = rule
    graph = {}
    for rule_id, rule in rules.items():
        for alias, target in rule.spec.uses.items():
            if target not in rules:
                raise RuleLoadError(f"{rule.path}: uses.{alias}: unknown rule '{target}'")
        graph[rule_id] = sorted(set(rule.spec.uses.values()))  # sorted: the same order in every process
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise RuleLoadError(f"rules use each other in a cycle: {exc.args[1]}") from exc
    return RuleBase(rules, order)


def load_rule_file(path: Path) -> LoadedRule:
    try:
        raw = load_unique_keys(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleLoadError(f"{path}: not valid YAML: {exc}") from exc
    try:
        spec = RuleFile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise RuleLoadError(f"{path}: {problems}") from exc
    for where, source in _sources(spec):
        problem = citation_problem(source.doc, source.confidence)
        if problem:
            raise RuleLoadError(f"{path}: {where}.doc: {problem}")
    built = [_Checker(spec, path, kind).build() for kind in spec.kinds]
    return built[0]  # each kind checked the same expressions against its own vocabulary


# A number with its unit in a text ("4,000円", "10万円", "20%", "3年", "2か月", "14日"...).
_STATED = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(億円|万円|円|%|％|割|か月|ヶ月|年(?!度)|日|時間|件|人|名|回|歳)")
_UNIT = {"億円": ("円", 10**8), "万円": ("円", 10**4), "％": ("%", 1), "ヶ月": ("か月", 1), "名": ("人", 1)}


def stated_numbers(text: str) -> list[tuple[str, tuple[str, float]]]:
    """The numbers a text states in its own words (placeholders left out), as (text, (unit, value))."""
    found = []
    for match in _STATED.finditer(_PLACEHOLDER.sub(" ", text)):
        unit, factor = _UNIT.get(match.group(2), (match.group(2), 1))
        found.append((match.group(0), (unit, float(match.group(1).replace(",", "")) * factor)))
    return found


def _parameter_values(spec: RuleFile) -> dict[tuple[str, float], set[str]]:
    """(unit, value) -> parameter ids, for every dated value of the rule's parameters. A ratio
    without a unit (0.06) counts as its percentage and its 割 (6%, 0.6割)."""
    values: dict[tuple[str, float], set[str]] = {}

    def add(pid: str, unit: str | None, value: Any) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, (int, float)):
            if unit:
                values.setdefault((unit, float(value)), set()).add(pid)
            elif 0 < value < 1:
                values.setdefault(("%", round(value * 100, 6)), set()).add(pid)
                values.setdefault(("割", round(value * 10, 6)), set()).add(pid)
        elif isinstance(value, dict):
            for inner in value.values():
                add(pid, unit, inner)
        elif isinstance(value, list):
            for inner in value:
                add(pid, unit, inner)

    for pid, param in spec.parameters.items():
        for dated in param.values:
            add(pid, param.unit, dated.value)
    return values


def _parameters_read(compiled: list[Compiled], values: dict[str, Compiled]) -> set[str]:
    """The parameters the expressions read, directly or through the values they read."""
    read: set[str] = set()
    pending, seen = list(compiled), set()
    while pending:
        current = pending.pop()
        for ref in current.references:
            if ref.root == "params" and ref.segments:
                read.add(ref.segments[0])
            elif ref.root == "values" and ref.segments and ref.segments[0] in values \
                    and ref.segments[0] not in seen:
                seen.add(ref.segments[0])
                pending.append(values[ref.segments[0]])
    return read


def _sources(node: object, where: str = "") -> list[tuple[str, Source]]:
    """Every source of a rule file, with where it is (e.g. 'conditions.3.source')."""
    if isinstance(node, Source):
        return [(where, node)]
    if isinstance(node, BaseModel):
        node = {name: getattr(node, name) for name in type(node).model_fields}
    found: list[tuple[str, Source]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _sources(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _sources(value, f"{where}.{index}")
    return found


def _texted_items(rule: LoadedRule) -> list[tuple[str, Any, list[Compiled], dict[str, Compiled]]]:
    """The items whose texts a person reads (conditions, amounts, deadlines, documents), each
    with where it is, what it computes and the values it may read."""
    spec = rule.spec
    items = [(f"conditions.{c.id}", c, [rule.conditions[c.id]], rule.values) for c in spec.conditions]
    for scope, loaded in zip(spec.scopes, rule.scopes):
        items += [(f"scopes.{scope.id}.conditions.{c.id}", c, [loaded.conditions[c.id]], loaded.values)
                  for c in scope.conditions]
    items += [(f"amounts.{a.id}", a, [rule.amounts[a.id]], rule.values) for a in spec.amounts]
    items += [(f"deadlines.{d.id}", d, [rule.deadlines[d.id]], rule.values) for d in spec.deadlines]
    items += [(f"documents.{d.id}", d, [rule.documents[d.id]] if d.id in rule.documents else [],
               rule.values) for d in spec.documents]
    items += [(f"values.{v.id}", v, [rule.values[v.id]], rule.values) for v in spec.values]
    for scope, loaded in zip(spec.scopes, rule.scopes):
        items += [(f"scopes.{scope.id}.values.{v.id}", v, [loaded.values[v.id]], loaded.values)
                  for v in scope.values]
    return items


class _Checker:
    """Compiles one rule file and checks each name its expressions read."""

    def __init__(self, spec: RuleFile, path: Path, kind: str):
        self.spec = spec
        self.path = path
        self.case_type = CASE_TYPES[kind]
        self.fact_paths = fact_paths(self.case_type)
        self.roots = set(self.case_type.model_fields)

    def build(self) -> LoadedRule:
        spec = self.spec
        rule = LoadedRule(spec, self.path)
        if spec.reference_date:
            rule.reference_date = self.compile("reference_date", spec.reference_date, {}, set())
        earlier: dict[str, Scope] = {}
        for scope in spec.scopes:
            rule.scopes.append(self.build_scope(scope, dict(earlier)))
            earlier[scope.id] = scope
        scope_ids = earlier
        known_values: set[str] = set()
        for value in spec.values:
            rule.values[value.id] = self.compile(f"values.{value.id}", value.expr, {}, known_values,
                                                 scope_ids)
            known_values.add(value.id)
        for group, items in (("conditions", spec.conditions), ("amounts", spec.amounts),
                             ("deadlines", spec.deadlines)):
            target = getattr(rule, group)
            for item in items:
                self.unique(target, group, item.id)
                target[item.id] = self.compile(f"{group}.{item.id}", item.expr, {}, known_values,
                                               scope_ids)
        rule.condition_batch = batch(list(rule.conditions.values()))
        rule.gates = [c for c in spec.conditions if c.group == APPLICABILITY_GROUP
                      and not any(r.root in DERIVED_ROOTS for r in rule.conditions[c.id].references)]
        for cond in spec.conditions:
            if cond.remedy:
                rule.remedies[cond.id] = self.template(f"conditions.{cond.id}.remedy", cond.remedy,
                                                       {}, known_values, scope_ids)
        for deadline in spec.deadlines:
            if deadline.when:
                rule.deadline_when[deadline.id] = self.compile(
                    f"deadlines.{deadline.id}.when", deadline.when, {}, known_values, scope_ids)
        for doc in spec.documents:
            if doc.when:
                rule.documents[doc.id] = self.compile(f"documents.{doc.id}", doc.when, {},
                                                      known_values, scope_ids)
        stated = _parameter_values(spec)
        for where, item, compiled, values in _texted_items(rule):
            read = _parameters_read(compiled, values)
            templates = {}
            for name in ("label", "failure", "remedy"):
                text = getattr(item, name, None)
                if not text:
                    continue
                self.no_stated_parameter(f"{where}.{name}", text, stated, read)
                if name != "remedy" and "{{" in text:
                    templates[name] = self.template(f"{where}.{name}", text, {}, set(), parameters_only=True)
            if templates:
                rule.texts.append((item, templates))
        return rule

    def build_scope(self, scope: Scope, earlier: dict[str, Scope]) -> LoadedScope:
        bindings: dict[str, tuple[str, ...]] = {}
        base: tuple[str, ...] = ()
        for level, (segment, name) in enumerate(zip(scope.over, scope.names)):
            path = base + (segment,) if base else (segment,)
            dotted = Reference(path[0], path[1:]).dotted()
            if dotted not in self.fact_paths:
                raise RuleLoadError(f"{self.path}: scopes.{scope.id}.over[{level}]: unknown fact list '{dotted}'")
            base = path + ("[]",)
            bindings[name] = base
        where = f"scopes.{scope.id}"
        values: dict[str, Compiled] = {}
        for value in scope.values:
            self.unique(values, where + ".values", value.id)
            values[value.id] = self.compile(f"{where}.values.{value.id}", value.expr, bindings,
                                            set(values), earlier)
        conditions: dict[str, Compiled] = {}
        for cond in scope.conditions:
            self.unique(conditions, where + ".conditions", cond.id)
            conditions[cond.id] = self.compile(f"{where}.conditions.{cond.id}", cond.expr, bindings,
                                               set(values), earlier)
        describe = self.compile(f"{where}.describe", scope.describe, bindings, set()) if scope.describe else None
        remedies = {cond.id: self.template(f"{where}.conditions.{cond.id}.remedy", cond.remedy,
                                           bindings, set(values), earlier)
                    for cond in scope.conditions if cond.remedy}
        condition_items = over_items(scope, conditions)
        rest = [c for cid, c in conditions.items()
                if condition_items is None or cid not in condition_items.ids]
        value_items = over_items(scope, {**values, **({DESCRIBE: describe} if describe else {})})
        return LoadedScope(scope, values, conditions, describe, remedies,
                           batch(list(conditions.values())), condition_items, batch(rest),
                           value_items)

    def template(self, where: str, text: str, bindings: dict[str, tuple[str, ...]],
                 values: set[str], scopes: dict[str, Scope] | None = None,
                 parameters_only: bool = False) -> Template:
        """Splits a remedy, label or failure into literal text and compiled '{{ CEL }}'
        placeholders. A label's or a failure's read parameters only: they are filled with the
        values in force on the case's reference date, and can be shown without a case."""
        parts: Template = []
        last = 0
        for match in _PLACEHOLDER.finditer(text):
            parts.append(text[last:match.start()])
            compiled = self.compile(where, match.group(1).strip(), bindings, values, scopes)
            other = [r.dotted() for r in compiled.references if r.root != "params"]
            if parameters_only and other:
                raise RuleLoadError(f"{self.path}: {where}: a label or failure may read parameters "
                                    f"only ('{{{{ params.x }}}}'), not '{other[0]}'")
            parts.append(compiled)
            last = match.end()
        parts.append(text[last:])
        if "{{" in text[last:] or "}}" in text[last:]:
            raise RuleLoadError(f"{self.path}: {where}: unbalanced '{{{{ }}}}' placeholder")
        return [p for p in parts if p != ""]

    def no_stated_parameter(self, where: str, text: str, stated: dict[tuple[str, float], set[str]],
                            read: set[str]) -> None:
        """Refuses a number in a text's own words that is a value, with the same unit, of a
        parameter the item reads: it would go stale when the parameter gets a new value."""
        for shown, key in stated_numbers(text):
            named = sorted(stated.get(key, set()) & read)
            if named:
                raise RuleLoadError(
                    f"{self.path}: {where}: '{shown}' is a value of params.{named[0]}; write "
                    f"{{{{ params.{named[0]} }}}} so that the text shows the value in force")

    def unique(self, seen: dict, where: str, item_id: str) -> None:
        if item_id in seen:
            raise RuleLoadError(f"{self.path}: {where}: id '{item_id}' appears twice")

    def compile(self, where: str, text: str, bindings: dict[str, tuple[str, ...]],
                values: set[str], scopes: dict[str, Scope] | None = None) -> Compiled:
        try:
            compiled = compile_expression(text)
        except ExpressionError as exc:
            raise RuleLoadError(f"{self.path}: {where}: {exc}") from exc
        for name in compiled.functions:
            if name not in FUNCTIONS and name not in CEL_GLOBALS:
                raise RuleLoadError(f"{self.path}: {where}: unknown function '{name}'")
        for ref in compiled.references:
            problem = self.check_reference(ref, bindings, values, scopes or {})
            if problem:
                raise RuleLoadError(f"{self.path}: {where}: {problem}")
        return compiled

    def check_reference(self, ref: Reference, bindings: dict[str, tuple[str, ...]],
                        values: set[str], scopes: dict[str, Scope]) -> str | None:
        head = ref.segments[0] if ref.segments else None
        if ref.root in bindings:
            full = bindings[ref.root] + ref.segments
            return self.check_fact(Reference(full[0], full[1:]))
        if ref.root in self.roots:
            return self.check_fact(ref)
        if ref.root == "params":
            if head not in self.spec.parameters:
                return f"unknown parameter '{ref.dotted()}'"
            return None
        if ref.root == "values":
            if head not in values:
                return f"unknown value '{ref.dotted()}' (values must be defined before use)"
            return None
        if ref.root == "rules":
            if head not in self.spec.uses:
                return f"'{ref.dotted()}': '{head}' is not in 'uses'"
            if len(ref.segments) > 1 and ref.segments[1] not in RULE_RESULT_FIELDS:
                return f"'{ref.dotted()}': a rule result has only {sorted(RULE_RESULT_FIELDS)}"
            return None
        if ref.root == "items":
            if head not in scopes:
                return f"unknown scope '{ref.dotted()}'"
            rest = [s for s in ref.segments[1:] if s != "[]"]
            if rest and rest[0] not in ITEM_FIELDS:
                return f"'{ref.dotted()}': an item has only {sorted(ITEM_FIELDS)}"
            if rest[:1] == ["values"] and len(rest) > 1 and rest[1] not in {v.id for v in scopes[head].values}:
                return f"'{ref.dotted()}': scope '{head}' has no value '{rest[1]}'"
            return None
        return f"unknown name '{ref.root}' in '{ref.dotted()}'"

    def check_fact(self, ref: Reference) -> str | None:
        dotted = ref.dotted()
        while dotted.endswith("[]"):
            dotted = dotted[:-2]
        if dotted not in self.fact_paths:
            return f"unknown fact '{dotted}'"
        return None


def dump_reference_paths(rule: LoadedRule) -> list[str]:
    """Every fact path a rule reads (for documentation and the interview)."""
    seen: set[str] = set()
    compiled: list[Compiled] = [*rule.values.values(), *rule.conditions.values(),
                                *rule.amounts.values(), *rule.deadlines.values(),
                                *rule.deadline_when.values()]
    for scope in rule.scopes:
        compiled += [*scope.values.values(), *scope.conditions.values()]
    for item in compiled:
        seen.update(ref.dotted() for ref in item.references)
    return sorted(seen)

