"""CEL expressions: compiled and run by `cel_expr_python` (Google's CEL C++ runtime), read at
load time by `celpy`'s parser.

The runtime evaluates a condition in a few microseconds. CEL's logical operators absorb errors
(``true || <missing>`` is true), which gives the three-valued logic the engine needs: an
expression that still needs a missing fact raises KeyError and is *undetermined*.

At load time the parse tree lists every path an expression reads (``employer.capital_yen``,
``course.trainees``), so that a rule naming an unknown fact fails before it runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from cel_expr_python import cel
from celpy import celparser
from lark import Token, Tree

from navigator import dates

# --- functions the rule files may call -------------------------------------------------------


def _d(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _iso(day: dt.date) -> str:
    return day.isoformat()


class NoValue(LookupError):
    """Raised by a function that has no value to give (e.g. the earliest of no dates): the
    expression is then undetermined, like one that reads a missing fact."""


def _earliest(days: list) -> str:
    if not days:
        raise NoValue("earliest() of an empty list")
    return min(days)  # ISO dates order as strings


def _latest(days: list) -> str:
    if not days:
        raise NoValue("latest() of an empty list")
    return max(days)


def _sum(values: list) -> Any:
    return sum(values) if values else 0


def _months_until(a: str, b: str) -> int:
    """The fewest whole months n such that a + n months is on or after b (0 when b <= a)."""
    start, end = _d(a), _d(b)
    n = max(0, (end.year - start.year) * 12 + end.month - start.month - 1)
    while dates.add_months(start, n) < end:
        n += 1
    return n


def _age_on(birth: str, day: str) -> int:
    """Age on `day` as Japanese law counts it: a year of age is reached on the day before the
    birthday (年齢計算ニ関スル法律, 民法第143条; so one born on 4月1日 is 45 on 3月31日)."""
    b, d = _d(birth), _d(day) + dt.timedelta(days=1)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


FUNCTIONS: dict[str, Callable[..., Any]] = {
    # "dの翌日から起算してnか月以内" (the last day of the window)
    "deadline_days": lambda d, n: _iso(dates.within_from_next_day(_d(d), days=n)),
    "deadline_months": lambda d, n: _iso(dates.within_from_next_day(_d(d), months=n)),
    "deadline_years": lambda d, n: _iso(dates.within_from_next_day(_d(d), years=n)),
    # "kisanから起算してnか月前" (the first day of the period that ends on kisan)
    "days_before": lambda d, n: _iso(dates.before_counting_from(_d(d), days=n)),
    "months_before": lambda d, n: _iso(dates.before_counting_from(_d(d), months=n)),
    "years_before": lambda d, n: _iso(dates.before_counting_from(_d(d), years=n)),
    # the last day of a period of n units starting on (and counting) d
    "period_end_months": lambda d, n: _iso(dates.period_end(_d(d), months=n)),
    "period_end_years": lambda d, n: _iso(dates.period_end(_d(d), years=n)),
    "add_days": lambda d, n: _iso(_d(d) + dt.timedelta(days=n)),
    "add_months": lambda d, n: _iso(dates.add_months(_d(d), n)),
    "add_years": lambda d, n: _iso(dates.add_months(_d(d), 12 * n)),
    "months_until": _months_until,
    "age_on": _age_on,
    "fiscal_year": lambda d: dates.fiscal_year(_d(d)),
    "open_day": lambda d: _iso(dates.next_open_day(_d(d))),
    "days_between": lambda a, b: (_d(b) - _d(a)).days,
    "sum": _sum,
    "earliest": _earliest,
    "latest": _latest,
    "least": lambda a, b: min(a, b),
    "greatest": lambda a, b: max(a, b),
    "max_of": _latest,  # the largest of a list of numbers (no value for an empty list)
    "range": lambda n: list(range(n)),  # [0, 1, ..., n-1], to number repeated steps
    # text for remedies and labels
    "yen": lambda n: f"{int(n):,}円",
    "date_ja": lambda d: f"{dates.format_ja(_d(d))}（{dates.wareki(_d(d))}）",
}

# Date arithmetic is pure and the same dates recur (a deadline per trainee of a course, the same
# plan dates in several rules, the same months across cases): a cached answer costs a lookup
# instead of the date computations. typed: 1 and 1.0 (or True) are different arguments. A
# failure is not cached: it is raised again.
_PURE_DATE_FUNCTIONS = {"deadline_days", "deadline_months", "deadline_years", "days_before",
                        "months_before", "years_before", "period_end_months", "period_end_years",
                        "add_days", "add_months", "add_years", "months_until", "age_on",
                        "fiscal_year", "open_day", "days_between"}
FUNCTIONS.update({name: lru_cache(maxsize=4096, typed=True)(FUNCTIONS[name])
                  for name in _PURE_DATE_FUNCTIONS})

# The argument types of each function: the runtime chooses a function by the types of its
# arguments (a date is an ISO string, a count an int), so a call with other types is an error
# in the rule file, reported as such.
_DATE_AND_COUNT = [("string", "int")]
_TWO_NUMBERS = [("int", "int"), ("double", "double"), ("int", "double"), ("double", "int")]
SIGNATURES: dict[str, list[tuple[str, ...]]] = {
    **{name: _DATE_AND_COUNT for name in (
        "deadline_days", "deadline_months", "deadline_years", "days_before", "months_before",
        "years_before", "period_end_months", "period_end_years", "add_days", "add_months",
        "add_years")},
    "months_until": [("string", "string")],
    "age_on": [("string", "string")],
    "days_between": [("string", "string")],
    "fiscal_year": [("string",)],
    "open_day": [("string",)],
    "date_ja": [("string",)],
    "sum": [("list",)],
    "earliest": [("list",)],
    "latest": [("list",)],
    "max_of": [("list",)],
    "least": _TWO_NUMBERS,
    "greatest": _TWO_NUMBERS,
    "range": [("int",)],
    "yen": [("int",), ("double",)],
}
_TYPES = {"string": cel.Type.STRING, "int": cel.Type.INT, "double": cel.Type.DOUBLE,
          "list": cel.Type.List(cel.Type.DYN)}


class FunctionRefused(ValueError):
    """One of our functions refused a value computed from the facts (navigator.dates raises
    ValueError, e.g. for a deadline past the years the holiday table covers)."""


# The runtime keeps only the message of an exception raised by a function: these marks say
# which kind it was, so that `run` can raise it again as that kind.
_NO_VALUE_MARK = "[no value] "
_REFUSED_MARK = "[refused] "


def _marked(function: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        try:
            return function(*args)
        except NoValue as exc:
            raise NoValue(f"{_NO_VALUE_MARK}{exc}") from exc
        except ValueError as exc:
            raise ValueError(f"{_REFUSED_MARK}{exc}") from exc
    return call


def _environment() -> Any:
    declarations = [
        cel.FunctionDecl(name, [
            cel.Overload(f"{name}_{'_'.join(types)}", cel.Type.DYN, [_TYPES[t] for t in types],
                         impl=_marked(FUNCTIONS[name]))
            for types in SIGNATURES[name]])
        for name in FUNCTIONS]
    return cel.NewEnv(functions=declarations)


_ENVIRONMENT = _environment()

# CEL's own global functions and macros (https://github.com/google/cel-spec, language definition).
CEL_GLOBALS = {"has", "size", "int", "uint", "double", "string", "bool", "bytes", "type",
               "timestamp", "duration", "matches", "dyn"}
MACROS = {"all", "exists", "exists_one", "filter", "map"}


class ExpressionError(ValueError):
    pass


@dataclass(frozen=True)
class Reference:
    """A path read by an expression: root name and the segments after it ('[]' = any element)."""

    root: str
    segments: tuple[str, ...]

    def dotted(self) -> str:
        text = self.root
        for seg in self.segments:
            text += "[]" if seg == "[]" else f".{seg}"
        return text


@dataclass
class Compiled:
    source: str
    program: Any
    references: list[Reference] = field(default_factory=list)
    functions: set[str] = field(default_factory=set)
    shape: dict[str, Any] = field(default_factory=dict)
    guarded: set[str] = field(default_factory=set)  # paths tested with has(): never "missing"

    def __post_init__(self) -> None:
        self._projectors = [(root, projector(node)) for root, node in self.shape.items()]
        # each name read, and whether it is read whole somewhere (`workers`, not only `workers[].id`)
        self.roots = [(root, any(r.root == root and not r.segments for r in self.references))
                      for root in dict.fromkeys(r.root for r in self.references)]
        # the paths a trace can show (not those under any element of a list), with the text
        # after the root and what keeps the part of the value read (a list searched by
        # `workers.exists(w, w.id == ...)` shows the ids, not every field of every worker):
        # (root, segments, '.a.b', keep)
        self.traced = [(r.root, r.segments, "".join(f".{s}" for s in r.segments),
                        projector(_node(self.shape, r)))
                       for r in self.references if "[]" not in r.segments]

    def run(self, variables: dict[str, Any]) -> Any:
        """Runs on the part of `variables` the expression reads.

        Converting Python values to CEL values costs more than evaluating, so only the paths
        the expression reads are passed (its `shape`), not the whole case.

        Raises KeyError or IndexError when a fact is missing, NoValue when a function has no
        value to give, FunctionRefused when one refuses its arguments, TooLarge when the lists
        are too long to go through, and ExpressionFailed for anything else (a type error: the
        rule file is wrong)."""
        data = {root: variables[root] if keep is None else keep(variables[root])
                for root, keep in self._projectors if root in variables}
        try:
            result = self.program.eval(data=data)
        except RuntimeError as exc:  # the runtime stops some failures with an exception
            message = str(exc)
        else:
            if result.type() != _ERROR:
                return result.plain_value()
            message = result.value()
        if _BUDGET_EXCEEDED in message:
            raise TooLarge(f"1回の判定でリストの要素をたどれるのは{ITERATION_BUDGET:,}回までです")
        if _NO_VALUE_MARK in message:
            raise NoValue(message.split(_NO_VALUE_MARK, 1)[1])
        if _REFUSED_MARK in message:
            raise FunctionRefused(message.split(_REFUSED_MARK, 1)[1])
        if message.startswith("NOT_FOUND:") or "found in Activation" in message:
            raise KeyError(message)  # a key the facts do not have, or a fact not given at all
        if message.startswith("UNKNOWN: Index error"):
            raise IndexError(message)
        raise ExpressionFailed(message)


_ERROR = cel.Type.ERROR
# The C++ runtime stops an evaluation after this many steps of its list macros (exists, map...),
# nested ones included (cel-cpp RuntimeOptions.comprehension_max_iterations; not settable from
# Python in cel-expr-python 0.1.3).
ITERATION_BUDGET = 10_000
_BUDGET_EXCEEDED = "Iteration budget exceeded"


class TooLarge(RuntimeError):
    """The facts' lists are too long for one evaluation (see ITERATION_BUDGET)."""


class ExpressionFailed(RuntimeError):
    """The runtime could not evaluate an expression: no function for these argument types,
    division by zero... (a fault of the rule file, not of the facts)."""


WHOLE = None


def _shape(references: list[Reference], containers: set[Reference] = frozenset()) -> dict[str, Any]:
    """Tree of the paths read: {'employer': {'separations': {'[]': {'date': WHOLE}}}}.

    A list a macro iterates (`courses.exists(c, c.x)`) is a container: only what the macro reads
    of its elements is kept, unless the list is also read whole elsewhere."""
    tree: dict[str, Any] = {}
    for ref in containers:
        node, key = tree, ref.root
        for segment in ref.segments + ("[]",):
            if node.get(key, {}) is WHOLE:
                break
            node = node.setdefault(key, {})
            key = segment
        else:
            node.setdefault(key, {})
    for ref in references:
        if ref in containers:
            continue
        node = tree
        key = ref.root
        for segment in ref.segments:
            if key in node and node[key] is WHOLE:
                break
            node = node.setdefault(key, {})
            key = segment
        else:
            node[key] = WHOLE
    return tree


def _node(shape: dict[str, Any], ref: Reference) -> Any:
    """The part of a shape below a path."""
    node = shape.get(ref.root, WHOLE)
    for segment in ref.segments:
        if node is WHOLE:
            break
        node = node.get(segment, WHOLE)
    return node


def projector(node: Any) -> Callable[[Any], Any] | None:
    """A function keeping the part of a value that a shape node describes (None: keep all)."""
    if node is WHOLE:
        return None
    if "[]" in node:  # the elements of a list, or a map indexed by a computed key (kept whole)
        inner = projector(node["[]"])
        if inner is None:
            return None
        return lambda value: [inner(v) for v in value] if isinstance(value, list) else value
    parts = [(key, projector(sub)) for key, sub in node.items()]

    def keep(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {k: value[k] if sub is None else sub(value[k]) for k, sub in parts if k in value}
    return keep


@lru_cache(maxsize=1)
def _parser() -> celparser.CELParser:
    return celparser.CELParser()


def compile_expression(text: str) -> Compiled:
    try:
        program = _ENVIRONMENT.compile(text, disable_check=True)
        tree = _parser().parse(text)
    except Exception as exc:  # both libraries raise their own syntax error types
        raise ExpressionError(f"CEL syntax error in {text!r}: {exc}") from exc
    walker = _Walker()
    walker.record(walker.visit(tree, {}))
    references = sorted(set(walker.references), key=Reference.dotted)
    containers = set(walker.containers) - set(walker.wholes)
    return Compiled(text, program, references, walker.functions, _shape(references, containers),
                    walker.guarded)


class _Walker:
    """Collects the paths an expression reads from celpy's lark parse tree."""

    def __init__(self) -> None:
        self.references: list[Reference] = []
        self.functions: set[str] = set()
        self.guarded: set[str] = set()
        self.containers: list[Reference] = []  # lists iterated by a macro, or counted by size()
        self.wholes: list[Reference] = []  # paths also read whole

    def record(self, path: tuple[str, ...] | None, container: bool = False) -> None:
        if path:
            ref = Reference(path[0], path[1:])
            self.references.append(ref)
            (self.containers if container else self.wholes).append(ref)

    def visit(self, node: Any, env: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
        """Returns the path the node denotes (when it is one); records paths it consumes."""
        if isinstance(node, Token):
            return None
        rule = node.data
        kids = node.children
        if rule == "ident":
            name = str(kids[0])
            return env[name] if name in env else (name,)
        if rule == "member_dot":
            base = self.visit(kids[0], env)
            return base + (str(kids[1]),) if base else None
        if rule == "member_index":
            base = self.visit(kids[0], env)
            self.record(self.visit(kids[1], env))
            return base + ("[]",) if base else None
        if rule == "member_dot_arg":
            return self._method(kids, env)
        if rule == "ident_arg":
            name = str(kids[0])
            self.functions.add(name)
            args = kids[1].children if len(kids) > 1 and isinstance(kids[1], Tree) else []
            for arg in args:
                path = self.visit(arg, env)
                self.record(path, container=name == "size")
                if name == "has" and path:
                    self.guarded.add(Reference(path[0], path[1:]).dotted())
            return None
        trees = [k for k in kids if isinstance(k, Tree)]
        if len(trees) == 1 and len(kids) == 1:
            return self.visit(trees[0], env)
        for child in trees:
            self.record(self.visit(child, env))
        return None

    def _method(self, kids: list, env: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
        base = self.visit(kids[0], env)
        method = str(kids[1])
        args = kids[2].children if len(kids) > 2 and isinstance(kids[2], Tree) else []
        if method in MACROS and args:
            var = self._ident_name(args[0])
            inner = dict(env)
            if var:  # over a computed list (e.g. range(n)) the variable names no fact
                inner[var] = base + ("[]",) if base else None
            self.record(base, container=True)
            for arg in args[1:]:
                self.record(self.visit(arg, inner))
            return base if method == "filter" else None
        # size() counts the elements: none of their fields is read (items.x.filter(i, i.ok).size())
        self.record(base, container=method == "size")
        for arg in args:
            self.record(self.visit(arg, env))
        return None

    @staticmethod
    def _ident_name(node: Any) -> str | None:
        while isinstance(node, Tree):
            if node.data == "ident":
                return str(node.children[0])
            trees = [k for k in node.children if isinstance(k, Tree)]
            if len(trees) != 1:
                return None
            node = trees[0]
        return None
