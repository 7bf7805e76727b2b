"""Evaluates the rule base against one case: three-valued results with a trace for every answer.

Status of a condition: True (met), False (not met) or None (判定不能: a fact it reads is unknown).
A rule is 対象 when all its conditions are met, 対象外 when one is not, 判定不能 otherwise; the
missing facts are collected from the conditions that could not be decided.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from navigator import dates
from navigator.rules.expressions import Compiled, FunctionRefused, NoValue, TooLarge
from navigator.rules.loader import (DERIVED_ROOTS, DESCRIBE, LoadedRule, LoadedScope, OverItems,
                                    RuleBase)
from navigator.rules.schema import Condition, Source

Status = Literal["eligible", "ineligible", "undetermined"]
STATUS_JA = {"eligible": "対象", "ineligible": "対象外", "undetermined": "判定不能"}
STATUS_OF = {True: "eligible", False: "ineligible", None: "undetermined"}  # a three-valued answer


class RuleRuntimeError(RuntimeError):
    """A rule expression failed for a reason other than a missing fact: a bug in the rule file,
    or (`refused_value`) facts the rules cannot compute with, such as a deadline past the years
    the holiday table covers or lists too long for one evaluation; `problem` then says so in
    Japanese for the person who gave them. `facts` are the fact paths the expression read."""

    def __init__(self, message: str, facts: tuple[str, ...] = (), problem: str | None = None):
        super().__init__(message)
        self.facts = facts
        self.problem = problem

    @property
    def refused_value(self) -> bool:
        return self.problem is not None


@dataclass(frozen=True)
class Missing:
    path: str  # concrete, e.g. 'courses[0].trainees[1].attended_hours'


@dataclass
class ConditionResult:
    spec: Condition
    met: bool | None
    missing: list[Missing]
    _read: Any = field(repr=False, default=None)  # computes the facts read, when asked

    @cached_property
    def facts(self) -> dict[str, Any]:
        """The facts this condition read, by concrete path (the trace)."""
        return self._read() if self._read else {}
    remedy: str | None = None  # the spec's remedy with its placeholders filled from this case


@dataclass
class ItemResult:
    scope: str
    path: str  # e.g. 'courses[0].trainees[1]'
    name: str
    values: dict[str, Any]
    conditions: list[ConditionResult]

    @property
    def ok(self) -> bool | None:
        return combine([c.met for c in self.conditions])


@dataclass
class AmountResult:
    id: str
    label: str
    yen: int | None
    source: Source


@dataclass
class DeadlineResult:
    id: str
    label: str
    date: dt.date | None
    moved_from: dt.date | None
    source: Source


@dataclass
class DocumentResult:
    id: str
    label: str
    stage: str
    needed: bool | None
    note: str | None
    source: Source


@dataclass
class ParameterUse:
    id: str
    label: str
    value: Any
    since: dt.date
    source: Source


@dataclass
class RuleResult:
    rule: LoadedRule
    status: Status
    reference_date: dt.date
    conditions: list[ConditionResult]
    items: dict[str, list[ItemResult]]
    values: dict[str, Any]
    amounts: list[AmountResult]
    deadlines: list[DeadlineResult]
    parameters: list[ParameterUse]
    missing: list[Missing]
    historical: bool
    _documents: Any = field(repr=False, default=None)
    _shown: dict[int, Any] = field(repr=False, default_factory=dict)  # see texts_on

    def shown(self, item):
        """An item of the rule file (a value, a condition...) with its label filled with the
        parameter values in force on this result's reference date."""
        return self._shown.get(id(item), item)

    @cached_property
    def documents(self) -> list[DocumentResult]:
        """The documents needed for the plan and the application (evaluated when asked)."""
        return self._documents() if self._documents else []

    @cached_property
    def exported(self) -> dict[str, Any]:
        """This result as the rules using it read it (`rules.<alias>`)."""
        return _exported(self)

    @property
    def total(self) -> int | None:
        if self.status == "ineligible":
            return 0
        if self.status == "undetermined" or any(a.yen is None for a in self.amounts):
            return None
        return sum(a.yen for a in self.amounts)


@dataclass
class CaseResult:
    as_of: dt.date
    results: list[RuleResult] = field(default_factory=list)

    def get(self, rule_id: str) -> RuleResult:
        for result in self.results:
            if result.rule.spec.id == rule_id:
                return result
        raise KeyError(rule_id)


def combine(statuses: list[bool | None]) -> bool | None:
    if any(s is False for s in statuses):
        return False
    if all(s is True for s in statuses):
        return True
    return None


def evaluate_case(base: RuleBase, kind: str, activation: dict[str, Any],
                  as_of: dt.date | None = None, only: set[str] | None = None,
                  explain: bool = True) -> CaseResult:
    """Evaluates every rule of `kind` ('employer' / 'worker') in dependency order (or only the
    rules in `only` and those they use). `explain=False` skips filling remedies, which only an
    explanation reads."""
    as_of = _as_of(activation, as_of)
    return _evaluate(_selected(base, kind, only), _with_date(activation, as_of), as_of, explain, {})


def evaluate_cases(base: RuleBase, kind: str, shared: dict[str, Any], vary: str,
                   variants: list[Any], as_of: dt.date | None = None,
                   only: set[str] | None = None, explain: bool = True) -> list[CaseResult]:
    """One case per variant: `shared` facts with `vary` set to the variant (left out for None).

    A rule that reads nothing of `vary`, itself or through the rules it uses, gives the same
    result for every variant: it is evaluated once and its result shared by all of them."""
    as_of = _as_of(shared, as_of)
    rules = _selected(base, kind, only)
    varying: set[str] = set()
    for rule in rules:  # dependency order: what a rule uses is already classified
        if vary in rule.fact_roots or any(t in varying for t in rule.spec.uses.values()):
            varying.add(rule.spec.id)
    constant: dict[str, RuleResult] = {}
    shared = _with_date(shared, as_of)
    cases = []
    with _no_cycle_collection():
        for variant in variants:
            facts = dict(shared)
            if variant is not None:
                facts[vary] = variant
            cases.append(_evaluate(rules, facts, as_of, explain, constant, varying))
    return cases


@contextlib.contextmanager
def _no_cycle_collection():
    """The results of a batch are kept, and they are many small objects: each collection of
    the cyclic garbage collector walks all of them, and that cost three times the evaluation
    for 3,000 courses. Evaluation makes no cycles (tests/rules/test_batch.py checks it), so
    reference counting frees what it drops and the collector can wait for the batch to end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _as_of(activation: dict[str, Any], as_of: dt.date | None) -> dt.date:
    if as_of is not None:
        return as_of
    return dates.parse_date(activation["as_of"]) if "as_of" in activation else dt.date.today()


def _with_date(activation: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
    facts = dict(activation)
    facts["as_of"] = as_of.isoformat()
    return facts


def _selected(base: RuleBase, kind: str, only: set[str] | None) -> list[LoadedRule]:
    """The rules of `kind`, or those in `only` and the rules they use, in dependency order."""
    rules = base.for_facts(kind)
    if only is None:
        return rules
    wanted: set[str] = set()
    pending = list(only)
    while pending:
        current = pending.pop()
        if current not in wanted and current in base.rules:
            wanted.add(current)
            pending.extend(base.rules[current].spec.uses.values())
    return [r for r in rules if r.spec.id in wanted]


def _evaluate(rules: list[LoadedRule], facts: dict[str, Any], as_of: dt.date, explain: bool,
              constant: dict[str, RuleResult], varying: set[str] | None = None) -> CaseResult:
    """`constant`: results shared by every case of a batch, for the rules not in `varying`."""
    case = CaseResult(as_of)
    done: dict[str, RuleResult] = {}
    memo: dict[str, tuple[Any, list[Missing] | None]] = {}
    for rule in rules:
        rule_id = rule.spec.id
        result = constant.get(rule_id)
        if result is None:
            result = _RuleRun(rule, facts, as_of, done, memo, explain).run()
            if varying is not None and rule_id not in varying:
                constant[rule_id] = result
        done[rule_id] = result
        case.results.append(result)
    return case


class _RuleRun:
    """One rule against one case."""

    def __init__(self, rule: LoadedRule, facts: dict[str, Any], as_of: dt.date,
                 done: dict[str, RuleResult], memo: dict, explain: bool = True):
        self.rule = rule
        self.explain = explain
        self.memo = memo  # expression results shared within the case (see _memo_key)
        self.facts = facts
        self.as_of = as_of
        self.deps = {alias: done[target] for alias, target in rule.spec.uses.items()}
        self.rules_var = {alias: result.exported for alias, result in self.deps.items()}
        self.values: dict[str, Any] = {}
        self.value_missing: dict[str, list[Missing]] = {}
        self.items: dict[str, list[ItemResult]] = {}
        self.items_var: dict[str, list[dict[str, Any]]] = {}
        self.unknown_lists: dict[str, list[Missing]] = {}  # scopes whose fact list is not given

    def run(self) -> RuleResult:
        spec = self.rule.spec
        reference = self._reference_date()
        self.params, uses, self.shown = _resolve_parameters(self.rule, reference)
        gate = self._applicability()
        if gate is not None:  # the program does not concern the case: nothing more to evaluate
            return RuleResult(self.rule, "ineligible", reference, gate, {}, {},
                              [AmountResult(a.id, self._label(a), 0, a.source) for a in spec.amounts],
                              [], uses, [], spec.valid_to is not None and self.as_of > spec.valid_to,
                              _shown=self.shown)
        for scope in self.rule.scopes:
            self._run_scope(scope)
        for value in spec.values:
            result, missing = self._eval(self.rule.values[value.id], f"values.{value.id}")
            if missing is None:
                self.values[value.id] = result
            else:
                self.value_missing[value.id] = missing
        conditions = self._conditions(spec.conditions, self.rule.conditions, self.rule.condition_batch,
                                      remedies=self.rule.remedies if self.explain else None)
        met = combine([c.met for c in conditions])
        status: Status = STATUS_OF[met]
        amounts = [self._amount(a) for a in spec.amounts] if status != "ineligible" else [
            AmountResult(a.id, self._label(a), 0, a.source) for a in spec.amounts]
        deadlines = [self._deadline(d) for d in spec.deadlines if self._deadline_applies(d)]
        missing = [m for c in conditions if c.met is None for m in c.missing]
        historical = spec.valid_to is not None and self.as_of > spec.valid_to
        return RuleResult(self.rule, status, reference, conditions, self.items, dict(self.values),
                          amounts, deadlines, uses, _unique(missing), historical,
                          lambda: [self._document(d) for d in spec.documents], self.shown)

    # --- pieces -------------------------------------------------------------------------------

    def _as_shown(self, spec):
        """The item with its label and failure filled with the parameter values in force."""
        return self.shown.get(id(spec), spec)

    def _label(self, spec) -> str:
        return self._as_shown(spec).label

    def _applicability(self) -> list[ConditionResult] | None:
        """The conditions of the group '対象' that read facts only, when one of them fails."""
        results = [self._condition(c, self.rule.conditions[c.id]) for c in self.rule.gates]
        return results if any(r.met is False for r in results) else None

    def _reference_date(self) -> dt.date:
        if self.rule.reference_date is None:
            return self.as_of
        value, missing = self._eval(self.rule.reference_date, "reference_date")
        return dt.date.fromisoformat(value) if missing is None else self.as_of

    def _run_scope(self, loaded: LoadedScope) -> None:
        scope = loaded.spec
        if scope.over[0] not in self.facts:  # not told (as opposed to an empty list): unknown
            self.items[scope.id] = []
            self.unknown_lists[scope.id] = [Missing(scope.over[0])]
            return
        results: list[ItemResult] = []
        elements = list(_iterate(self.facts, scope.over, scope.names))
        condition_items = self._over_items(loaded.condition_items) if elements else None
        value_items = self._over_items(loaded.value_items) if elements else None
        for index, (path, bound) in enumerate(elements):
            known = value_items[index] if value_items else {}
            values: dict[str, Any] = {}
            value_missing: dict[str, list[Missing]] = {}
            env = dict(bound)
            for value in scope.values:
                if value.id in known:
                    values[value.id] = known[value.id]
                    continue
                env["values"] = values
                result, missing = self._eval(loaded.values[value.id], f"{scope.id}.{value.id}", env,
                                             path, value_missing)
                if missing is None:
                    values[value.id] = result
                else:
                    value_missing[value.id] = missing
            env["values"] = values
            known_conditions = condition_items[index] if condition_items else None
            batch = loaded.condition_batch if known_conditions is None else loaded.rest_batch
            conditions = self._conditions(scope.conditions, loaded.conditions, batch, env, path,
                                          value_missing, loaded.remedies if self.explain else None,
                                          known_conditions)
            name = _render_path(path)
            if DESCRIBE in known:
                name = known[DESCRIBE]
            elif loaded.describe is not None:
                described, missing = self._eval(loaded.describe, f"{scope.id}.describe", env, path)
                name = described if missing is None else name
            results.append(ItemResult(scope.id, _render_path(path), str(name), values, conditions))
        self.items[scope.id] = results
        self.items_var[scope.id] = [
            {**({"ok": item.ok} if item.ok is not None else {}), "values": item.values,
             "name": item.name}
            for item in results]

    def _over_items(self, over: OverItems | None) -> list[dict[str, Any]] | None:
        """For each item (in the order of _iterate), the values of the expressions `over` runs
        for all items at once, by id; None when that run fails (a missing fact...): then each
        item runs those expressions itself, which finds the missing facts or names the error."""
        if over is None:
            return None
        nested = self._batch(over.program, None)
        if nested is None:
            return None
        for _ in range(over.depth - 1):  # one list per course → one per trainee
            nested = [row for inner in nested for row in inner]
        return [dict(zip(over.ids, row)) for row in nested]

    def _conditions(self, specs: list[Condition], compiled: dict[str, Compiled],
                    batch: Compiled | None, env: dict | None = None, path: tuple = (),
                    value_missing: dict | None = None, remedies: dict | None = None,
                    known: dict[str, Any] | None = None) -> list[ConditionResult]:
        """All conditions at once when the facts allow (see loader.batch), else one by one.

        `known`: values of some of the conditions, already computed (see _over_items); `batch`
        then has the others, in the order of `specs`."""
        decided = dict(known or {})
        if batch is not None:
            values = self._batch(batch, env)
            if values is not None:
                decided.update(zip([c.id for c in specs if c.id not in decided], values))
        results = []
        for spec in specs:
            remedy = (remedies or {}).get(spec.id)
            if spec.id not in decided:
                results.append(self._condition(spec, compiled[spec.id], env, path, value_missing,
                                               remedy))
                continue
            met, one = bool(decided[spec.id]), compiled[spec.id]
            text = self._fill(remedy, spec.id, env, path, value_missing) if remedy and not met else None
            results.append(ConditionResult(self._as_shown(spec), met, [], lambda one=one: self._facts_read(one, env, path),
                                           text))
        return results

    def _batch(self, batch: Compiled, env: dict | None) -> list | None:
        """The batch's values, or None when any condition needs more than the facts give (or
        fails): then each is run by itself, which finds the missing facts or names the error."""
        try:
            return list(batch.run(self._variables(batch, env)))
        except Exception:  # noqa: BLE001 - the one-by-one path reports every case precisely
            return None

    def _condition(self, spec: Condition, compiled: Compiled, env: dict | None = None,
                   path: tuple = (), value_missing: dict | None = None,
                   remedy: list | None = None) -> ConditionResult:
        result, missing = self._eval(compiled, spec.id, env, path, value_missing)
        met = None if missing is not None else bool(result)
        text = self._fill(remedy, spec.id, env, path, value_missing) if remedy and met is not True else None
        return ConditionResult(self._as_shown(spec), met, missing or [],
                               lambda: self._facts_read(compiled, env, path), text)

    def _fill(self, template: list, where: str, env: dict | None, path: tuple,
              value_missing: dict | None) -> str | None:
        """A remedy with its placeholders filled, or None when one of them needs a missing fact."""
        out = []
        for part in template:
            if isinstance(part, str):
                out.append(part)
                continue
            result, missing = self._eval(part, f"{where}.remedy", env, path, value_missing)
            if missing is not None:
                return None
            out.append(_format(result))
        return "".join(out)

    def _deadline_applies(self, spec) -> bool:
        if spec.id not in self.rule.deadline_when:
            return True
        result, missing = self._eval(self.rule.deadline_when[spec.id], f"{spec.id}.when")
        return missing is not None or bool(result)  # undetermined: shown, with what is known

    def _amount(self, spec) -> AmountResult:
        result, missing = self._eval(self.rule.amounts[spec.id], spec.id)
        return AmountResult(spec.id, self._label(spec), None if missing is not None else int(result),
                            spec.source)

    def _deadline(self, spec) -> DeadlineResult:
        result, missing = self._eval(self.rule.deadlines[spec.id], spec.id)
        if missing is not None:
            return DeadlineResult(spec.id, self._label(spec), None, None, spec.source)
        day = dt.date.fromisoformat(result)
        try:
            moved = dates.next_open_day(day) if spec.open_day else day
        except ValueError as exc:  # past the years of the holiday table
            compiled = self.rule.deadlines[spec.id]
            raise RuleRuntimeError(f"{self.rule.path}: {spec.id}: {exc}",
                                   facts=tuple(self._facts_read(compiled, None, ())),
                                   problem=_problem(FunctionRefused(str(exc)))) from exc
        return DeadlineResult(spec.id, self._label(spec), moved, day if moved != day else None, spec.source)

    def _document(self, spec) -> DocumentResult:
        needed: bool | None = True
        if spec.id in self.rule.documents:
            result, missing = self._eval(self.rule.documents[spec.id], spec.id)
            needed = None if missing is not None else bool(result)
        return DocumentResult(spec.id, self._label(spec), spec.stage, needed, spec.note, spec.source)

    # --- evaluation ---------------------------------------------------------------------------

    def _variables(self, compiled: Compiled, env: dict | None) -> dict[str, Any]:
        variables: dict[str, Any] = {}
        for root, whole in compiled.roots:
            if env and root in env:
                variables[root] = env[root]
            elif root == "params":
                variables[root] = self.params
            elif root == "values":
                variables[root] = self.values
            elif root == "rules":
                variables[root] = self.rules_var
            elif root == "items":
                variables[root] = self.items_var
            elif root in self.facts:
                variables[root] = self.facts[root]
            elif whole:
                continue  # a whole fact (e.g. a list) that is unknown: left unbound, so missing
            else:
                variables[root] = {}  # a fact section that is entirely unknown
        return variables

    def _eval(self, compiled: Compiled, where: str, env: dict | None = None, path: tuple = (),
              value_missing: dict | None = None) -> tuple[Any, list[Missing] | None]:
        key = self._memo_key(compiled, env)
        if key in self.memo:
            return self.memo[key]
        outcome = self._eval_once(compiled, where, env, path, value_missing)
        self.memo[key] = outcome
        return outcome

    def _memo_key(self, compiled: Compiled, env: dict | None) -> tuple:
        """Same expression on the same objects → same answer: a course's conditions are
        evaluated once, not once per trainee, and shared requirements once per case."""
        parts: list[Any] = [compiled.source]
        for root in compiled.shape:
            if env and root in env:
                parts.append(id(env[root]))
            elif root in _COMPUTED:
                parts.append(id(self))  # belongs to this rule's run
        return tuple(parts)

    def _eval_once(self, compiled: Compiled, where: str, env: dict | None, path: tuple,
                   value_missing: dict | None) -> tuple[Any, list[Missing] | None]:
        try:
            return compiled.run(self._variables(compiled, env)), None
        except (KeyError, IndexError, NoValue):  # a missing fact, an element a list does not
            # have, or a function with no value to give (the earliest of no dates)
            return None, self._missing(compiled, env, path, value_missing)
        except Exception as exc:  # facts the rules cannot compute with, or a wrong rule file
            read = self._facts_read(compiled, env, path)
            lists = [p for p, value in read.items() if isinstance(value, list)]
            raise RuleRuntimeError(
                f"{self.rule.path}: {where}: {compiled.source!r} failed: {exc}",
                facts=tuple(lists if isinstance(exc, TooLarge) and lists else read),
                problem=_problem(exc)) from exc

    def _missing(self, compiled: Compiled, env: dict | None, path: tuple,
                 value_missing: dict | None) -> list[Missing]:
        found: list[Missing] = []
        for ref in compiled.references:
            root, segs = ref.root, ref.segments
            if root == "params" or ref.dotted() in compiled.guarded:
                continue
            if root == "values":
                source = value_missing if env and "values" in env else self.value_missing
                found += (source or {}).get(segs[0], []) if segs else []
            elif root == "rules":
                found += self.deps[segs[0]].missing if segs else []
            elif root == "items":
                found += self.unknown_lists.get(segs[0], []) if segs else []
                for item in self.items.get(segs[0], []) if segs else []:
                    if item.ok is None:
                        found += [m for c in item.conditions if c.met is None for m in c.missing]
            elif env and root in env:
                found += _absent(env[root], segs, _bound_prefix(path, root))
            else:
                found += _absent(self.facts.get(root), segs, root)
        return _unique(found)

    def _facts_read(self, compiled: Compiled, env: dict | None, path: tuple) -> dict[str, Any]:
        read: dict[str, Any] = {}
        for root, segments, suffix, keep in compiled.traced:
            if root in _COMPUTED:
                continue
            if env and root in env:
                base, prefix = env[root], _bound_prefix(path, root)
            else:
                base, prefix = self.facts.get(root), root
            value = _lookup(base, segments)
            if value is not _ABSENT:
                read[prefix + suffix] = value if keep is None else keep(value)
        return read


# --- helpers ----------------------------------------------------------------------------------

_ABSENT = object()
_COMPUTED = {"params", *DERIVED_ROOTS}  # names that are not facts: belong to the run, not in a trace


def _lookup(base: Any, segments: tuple[str, ...]) -> Any:
    current = base
    for seg in segments:
        if not isinstance(current, dict) or seg not in current:
            return _ABSENT
        current = current[seg]
    return current


def _absent(base: Any, segments: tuple[str, ...], prefix: str) -> list[Missing]:
    """Concrete paths below `base` that an expression needs but the facts do not have."""
    if base is None:
        return [Missing(prefix)]
    if not segments:
        return []
    head, rest = segments[0], segments[1:]
    if head == "[]":
        out: list[Missing] = []
        for index, element in enumerate(base if isinstance(base, list) else []):
            out += _absent(element, rest, f"{prefix}[{index}]")
        return out
    if not isinstance(base, dict):
        return []
    if head not in base:
        return [Missing(f"{prefix}.{head}")]
    return _absent(base[head], rest, f"{prefix}.{head}")


def _bound_prefix(path: tuple, name: str) -> str:
    for bound_name, rendered in path:
        if bound_name == name:
            return rendered
    return name


def _render_path(path: tuple) -> str:
    return path[-1][1] if path else ""


def _iterate(facts: dict, over: list[str], names: list[str]):
    """Yields (path, bindings) for every element of a nested list path, e.g. courses × trainees."""
    def walk(container: Any, level: int, prefix: str, path: tuple, bound: dict):
        items = container.get(over[level], []) if isinstance(container, dict) else []
        for index, element in enumerate(items):
            rendered = f"{prefix}{'.' if prefix else ''}{over[level]}[{index}]"
            new_path = path + ((names[level], rendered),)
            new_bound = {**bound, names[level]: element}
            if level + 1 == len(over):
                yield new_path, new_bound
            else:
                yield from walk(element, level + 1, rendered, new_path, new_bound)
    yield from walk(facts, 0, "", (), {})


def _resolve_parameters(rule: LoadedRule, day: dt.date
                        ) -> tuple[dict[str, Any], list[ParameterUse], dict[int, Any]]:
    cached = rule.parameter_cache.get(day)
    if cached is None:
        params, uses = _parameters_on(rule, day)
        cached = rule.parameter_cache[day] = (params, uses, texts_on(rule, params))
    return cached


def texts_on(rule: LoadedRule, params: dict[str, Any]) -> dict[int, Any]:
    """The rule's items whose label or failure has '{{ params.x }}' placeholders, filled with
    `params` (the values in force on one day), by the id of the item they stand for. A
    parameter without a value on that day shows as （未定）."""
    shown: dict[int, Any] = {}
    for item, templates in rule.texts:
        filled = {}
        for name, template in templates.items():
            parts = []
            for part in template:
                try:
                    parts.append(part if isinstance(part, str) else _format(part.run({"params": params})))
                except (KeyError, IndexError, NoValue):
                    parts.append("（未定）")
            filled[name] = "".join(parts)
        shown[id(item)] = item.model_copy(update=filled)
    return shown


def texts_today(rule: LoadedRule) -> dict[int, Any]:
    """The same, with the values in force today: for a label shown without a case."""
    return texts_on(rule, _parameters_on(rule, dt.date.today())[0])


def _parameters_on(rule: LoadedRule, day: dt.date) -> tuple[dict[str, Any], list[ParameterUse]]:
    params: dict[str, Any] = {}
    uses: list[ParameterUse] = []
    for pid, param in rule.spec.parameters.items():
        dated = param.at(day)
        if dated is None:
            continue  # no value yet on that day: expressions reading it are undetermined
        params[pid] = dated.value
        uses.append(ParameterUse(pid, param.label, dated.value, dated.since, dated.source))
    return params, uses


def _problem(exc: Exception) -> str | None:
    """What a person is told when the facts they gave cannot be computed with (None: the
    failure is the rule file's)."""
    if isinstance(exc, FunctionRefused):  # e.g. a deadline past the years of the holiday table
        return f"この日付からは期限などを計算できません（{exc}）"
    if isinstance(exc, TooLarge):
        return f"一度に判定できる量を超えています（{exc}）"
    return None


def _format(value: Any) -> str:
    """A placeholder value as text: integers with thousands separators (1,234)."""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        value = round(value, 9)  # 0.06 * 100.0 is 6.000000000000001
        return f"{value:,.0f}" if value == int(value) else f"{value:,}"
    return str(value)


def _exported(result: RuleResult) -> dict[str, Any]:
    exported: dict[str, Any] = {"values": result.values,
                                "items": {k: [{**({"ok": i.ok} if i.ok is not None else {}),
                                               "values": i.values, "name": i.name} for i in v]
                                          for k, v in result.items.items()}}
    ok = {"eligible": True, "ineligible": False}.get(result.status)
    if ok is not None:
        exported["ok"] = ok
    if result.total is not None:
        exported["amount"] = result.total
    return exported


def _unique(missing: list[Missing]) -> list[Missing]:
    seen: dict[str, Missing] = {}
    for m in missing:
        seen.setdefault(m.path, m)
    return list(seen.values())
