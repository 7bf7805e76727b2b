"""The per-trainee table of a program (forms/_trainee-table.yaml): one row per trainee of a course.

The table is a view of the facts (courses of the program's training types, their trainees, the
workers they name): `rows_of` reads it, `apply` writes a whole table back, all or nothing, every
error named by its row and column in Japanese; CSV in and out (UTF-8, what Excel calls
「CSV UTF-8」). Writing keeps what the table does not show: other courses, other fields of a course
or a trainee, workers no row names. A table exported and imported again leaves the facts unchanged.
"""

from __future__ import annotations

import copy
import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from navigator.facts import EmployerCase, _choice_labels, fact_paths
from navigator.forms.programs import Program
from navigator.forms.spec import FORMS_DIR, FormLoadError, Spec
from navigator.rules import FactsError, parse_case
from navigator.yamlfile import load_facts_yaml

TABLE_FILE = FORMS_DIR / "_trainee-table.yaml"
LISTS = {"worker": "workers[]", "course": "courses[]", "trainee": "courses[].trainees[]"}
TRUE, FALSE = ("はい", "true", "yes", "1", "○"), ("いいえ", "false", "no", "0", "×")
HEADER_LINE = 1


class Column(Spec):
    header: str
    fact: str  # worker.id, course.start_date, trainee.expenses_yen
    required: bool = False
    name: bool = False  # a person's name: digits only is refused
    shown: bool = False  # a column of the page's table (the CSV and the form have them all)

    @property
    def part(self) -> str:
        return self.fact.split(".")[0]

    @property
    def key(self) -> str:
        return self.fact.split(".", 1)[1]

    @property
    def field(self) -> str:
        """The name of the column's input on the page."""
        return "t:" + self.fact

    def info(self):
        return fact_paths(EmployerCase)[f"{LISTS[self.part]}.{self.key}"]

    def kind(self) -> str:
        annotation = self.info().annotation
        if _choice_labels(annotation):
            return "choice"
        return "bool" if bool in _types(annotation) else "text"

    def options(self) -> dict[str, str]:
        return _choice_labels(self.info().annotation) or {}


def _types(annotation: Any) -> set:
    from typing import get_args

    args = get_args(annotation)
    return {annotation} | {t for a in args for t in _types(a)} if args else {annotation}


class _Table(BaseModel):
    columns: list[Column]


@lru_cache(maxsize=1)
def columns() -> list[Column]:
    try:
        table = _Table.model_validate(load_facts_yaml(TABLE_FILE.read_text(encoding="utf-8")))
    except Exception as exc:  # noqa: BLE001 - any fault of the file is named with the file
        raise FormLoadError(f"{TABLE_FILE.name}: {exc}") from None
    vocabulary = fact_paths(EmployerCase)
    bad = [c.fact for c in table.columns
           if c.part not in LISTS or f"{LISTS[c.part]}.{c.key}" not in vocabulary]
    keys = {c.fact for c in table.columns}
    missing = [f for f in ("worker.id", "course.name", "course.start_date") if f not in keys]
    if bad or missing:
        raise FormLoadError(f"{TABLE_FILE.name}: 語彙にない事実 {bad}、必要な列がない {missing}")
    return table.columns


@dataclass
class Problem:
    line: int | None  # the CSV's line (the header is line 1); None: a row typed on the page
    column: Column | None
    message: str

    def text(self) -> str:
        where = f"{self.line}行目" if self.line else ""
        column = f"「{self.column.header}」" if self.column else ""
        return f"{where}{column}: {self.message}" if where or column else self.message


class TableError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.text() for p in problems))


# --- reading the table out of the facts -----------------------------------------------------------


def _program_courses(data: dict[str, Any], program: Program) -> list[int]:
    return [i for i, c in enumerate(data.get("courses") or []) if c.get("training_type") in program.training_types]


def rows_of(data: dict[str, Any], program: Program) -> list[dict[str, str]]:
    """The table as text, one dict (header -> text) per trainee, in the order of the facts."""
    workers = {w.get("id"): w for w in data.get("workers") or []}
    rows = []
    for index in _program_courses(data, program):
        course = data["courses"][index]
        for trainee in course.get("trainees") or []:
            parts = {"course": course, "trainee": trainee, "worker": workers.get(trainee.get("worker_id"), {})}
            parts["worker"] = {**parts["worker"], "id": trainee.get("worker_id")}
            rows.append({c.header: _text(c, parts[c.part].get(c.key)) for c in columns()})
    return rows


def _text(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if column.kind() == "choice":
        return column.options().get(value, str(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c.header for c in columns()], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM: Excel then reads it as UTF-8


def read_csv(raw: bytes) -> list[dict[str, str]]:
    """The rows of an uploaded CSV (its line numbers: the first row is line 2)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise TableError([Problem(line, None, "文字コードが UTF-8 ではありません。Excel では"
                                              "「CSV UTF-8（コンマ区切り）」で保存してください")]) from None
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip() for h in reader.fieldnames or []]
    known = {c.header for c in columns()}
    problems = []
    absent = [c.header for c in columns() if c.required and c.header not in headers]
    if absent:
        problems.append(Problem(HEADER_LINE, None, f"見出しに次の列がありません: {'、'.join(absent)}"))
    unknown = [h for h in headers if h and h not in known]
    if unknown:
        problems.append(Problem(HEADER_LINE, None, f"知らない列があります: {'、'.join(unknown)}"
                                                   f"（使える列: {'、'.join(c.header for c in columns())}）"))
    if problems:
        raise TableError(problems)
    rows = []
    for row in reader:
        cleaned = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if any(cleaned.values()):
            rows.append(cleaned | {"_line": str(reader.line_num)})
    if not rows:
        raise TableError([Problem(HEADER_LINE + 1, None, "受講者の行がありません")])
    return rows


# --- writing a table into the facts ---------------------------------------------------------------


def _value(column: Column, text: str, program: Program) -> Any:
    """The fact value of a cell (dates and numbers are read by the vocabulary itself)."""
    kind = column.kind()
    if kind == "bool":
        folded = unicodedata.normalize("NFKC", text).strip().lower()
        if folded in TRUE or folded in FALSE:
            return folded in TRUE
        raise ValueError("「はい」か「いいえ」で書いてください")
    if kind == "choice":
        options = column.options()
        if column.fact == "course.training_type":
            options = {code: label for code, label in options.items() if code in program.training_types}
        for code, label in options.items():
            if text in (code, label, label.split("（")[0]):
                return code
        raise ValueError(f"次のいずれかを書いてください: {'、'.join(options.values())}")
    if column.name and unicodedata.normalize("NFKC", text).replace(" ", "").isdigit():
        raise ValueError("名前を書いてください（数字だけは受け付けません）")
    return text


def apply(data: dict[str, Any], program: Program, rows: list[dict[str, str]]) -> dict[str, Any]:
    """The facts with the program's table replaced by `rows` (header -> text; `_line` names a CSV's
    line). Returns valid facts (as saved) or raises TableError naming every bad cell."""
    problems: list[Problem] = []
    where: dict[str, tuple[int | None, str]] = {}  # a fact path prefix -> (line, part) for the engine's errors
    courses: dict[tuple[str, str], dict[str, Any]] = {}  # (name, start) -> course being built
    firsts: dict[tuple[str, str], tuple[int | None, dict[str, str]]] = {}
    workers: dict[str, tuple[int | None, dict[str, Any], dict[str, str]]] = {}
    old = data.get("courses") or []
    slots = _program_courses(data, program)
    by_key = {(c.get("name") or "", str(c.get("start_date") or "")): c for c in (old[i] for i in slots)}
    for row in rows:
        line = int(row["_line"]) if row.get("_line") else None
        values, row_problems = _cells(row, line, program)
        problems += row_problems
        if row_problems:
            continue
        key = _course_key(row)
        if key not in courses:
            courses[key] = _merged(by_key.get(_matching_key(by_key, values)), values["course"])
            courses[key]["trainees"] = []
            firsts[key] = (line, row)
        else:
            problems += _same(firsts[key], row, line, "course", "同じ訓練")
        course = courses[key]
        worker_id = values["worker"]["id"]
        if any(t.get("worker_id") == worker_id for t in course["trainees"]):
            problems.append(Problem(line, _column("worker.id"), f"この訓練に{worker_id}の行がほかにもあります"))
            continue
        previous = next((t for t in (by_key.get(_matching_key(by_key, values)) or {}).get("trainees") or []
                         if t.get("worker_id") == worker_id), None)
        trainee = _merged(previous, values["trainee"])
        trainee["worker_id"] = worker_id
        course["trainees"].append(trainee)
        where[f"courses[{list(courses).index(key)}].trainees[{len(course['trainees']) - 1}]"] = (line, "trainee")
        if worker_id in workers:
            problems += _same((workers[worker_id][0], workers[worker_id][2]), row, line, "worker", "同じ労働者ID")
        else:
            workers[worker_id] = (line, values["worker"], row)
    if problems:
        raise TableError(problems)
    result = copy.deepcopy(data)
    built = list(courses.values())
    for n, key in enumerate(courses):
        where[f"courses[{n}]"] = (firsts[key][0], "course")
    result["courses"], positions = _placed(old, slots, built)
    where = {_renumber(path, positions): spot for path, spot in where.items()}
    result["workers"], worker_positions = _upserted(data.get("workers") or [], workers)
    where |= {f"workers[{i}]": (workers[w][0], "worker") for w, i in worker_positions.items()}
    try:
        case = parse_case(result)
    except FactsError as exc:
        raise TableError([_located(p, where) for p in exc.problems]) from None
    return case.model_dump(mode="json", exclude_none=True)


def _course_key(row: dict[str, str]) -> tuple[str, str]:
    """Rows with the same course name and first day are one course."""
    return row.get(_header("course.name"), ""), row.get(_header("course.start_date"), "")


def with_row(rows: list[dict[str, str]], index: int | None, row: dict[str, str]) -> list[dict[str, str]]:
    """The table with `row` added (index None) or in place of row `index`. A course's columns and a
    worker's are written into every row of that course or worker, and a blank one takes theirs:
    a course is corrected from any of its rows, a trainee added to it by its name and first day."""
    rows = [dict(r) for r in rows]
    row = dict(row)
    for part, key in (("course", _course_key), ("worker", lambda r: r.get(_header("worker.id"), ""))):
        others = [r for i, r in enumerate(rows) if i != index and key(r) == key(row)]
        for column in (c for c in columns() if c.part == part):
            if others and not row.get(column.header):
                row[column.header] = others[0].get(column.header, "")
            for other in others:
                other[column.header] = row.get(column.header, "")
    if index is None:
        rows.append(row)
    else:
        rows[index] = row
    return rows


def _header(fact: str) -> str:
    return _column(fact).header


def _column(fact: str) -> Column:
    return next(c for c in columns() if c.fact == fact)


def _cells(row: dict[str, str], line: int | None, program: Program):
    values: dict[str, dict[str, Any]] = {"worker": {}, "course": {}, "trainee": {}}
    problems = []
    for column in columns():
        text = row.get(column.header, "").strip()
        if not text:
            if column.required:
                problems.append(Problem(line, column, "入力してください"))
            values[column.part][column.key] = None
            continue
        try:
            values[column.part][column.key] = value = _value(column, text, program)
        except ValueError as exc:
            problems.append(Problem(line, column, str(exc)))
            continue
        message = _fact_problem(column, value)
        if message:
            problems.append(Problem(line, column, message))
    return values, problems


def _fact_problem(column: Column, value: Any) -> str | None:
    """What the vocabulary says of this one value (a date that does not exist, a number that is
    not one), in its own Japanese words; every bad cell is named, not only the first."""
    one = {column.key: value}
    case = {"worker": {"workers": [{"id": "x", **one}]}, "course": {"courses": [one]},
            "trainee": {"courses": [{"trainees": [{"worker_id": "x", **one}]}]}}[column.part]
    try:
        parse_case(case)
    except FactsError as exc:
        return exc.problems[0]["message"]
    return None


def _matching_key(by_key: dict, values: dict) -> tuple[str, str]:
    """The saved course a row's course is: same name and the same first day (as the facts keep it)."""
    name, start = values["course"].get("name") or "", values["course"].get("start_date") or ""
    for saved_name, saved_start in by_key:
        if saved_name == name and _same_day(saved_start, start):
            return saved_name, saved_start
    return name, start


def _same_day(saved: str, typed: str) -> bool:
    from navigator import dates

    try:
        return saved == typed or dates.parse_date(typed).isoformat() == saved
    except dates.DateParseError:
        return False


def _merged(previous: dict[str, Any] | None, columns_: dict[str, Any]) -> dict[str, Any]:
    """A saved course or trainee with the table's columns written over it (a blank cell: unknown)."""
    merged = {k: v for k, v in (previous or {}).items() if k != "trainees"}
    for key, value in columns_.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _same(first: tuple[int | None, dict[str, str]], row: dict[str, str], line: int | None, part: str,
          what: str) -> list[Problem]:
    first_line, first_row = first
    other = f"{first_line}行目" if first_line else "ほかの行"
    return [Problem(line, c, f"{what}の{other}（{first_row.get(c.header) or '空欄'}）と違います"
                             f"（{row.get(c.header) or '空欄'}）")
            for c in columns() if c.part == part and first_row.get(c.header, "") != row.get(c.header, "")]


def _placed(old: list[dict], slots: list[int], built: list[dict]) -> tuple[list[dict], dict[int, int]]:
    """The program's courses in the places they had (new ones at the end, places left over removed),
    the other courses untouched; also {index in `built`: index in the result}."""
    placed = [copy.deepcopy(c) for c in old]
    for n, course in enumerate(built[:len(slots)]):
        placed[slots[n]] = course
    removed = set(slots[len(built):])
    keep = [i for i in range(len(placed)) if i not in removed]
    positions = {n: keep.index(slots[n]) for n in range(min(len(built), len(slots)))}
    courses = [placed[i] for i in keep]
    for n in range(len(slots), len(built)):
        courses.append(built[n])
        positions[n] = len(courses) - 1
    return courses, positions


def _renumber(path: str, positions: dict[int, int]) -> str:
    if not path.startswith("courses["):
        return path
    index, rest = path[len("courses["):].split("]", 1)
    return f"courses[{positions[int(index)]}]{rest}"


def _upserted(old: list[dict], rows: dict[str, tuple]) -> tuple[list[dict], dict[str, int]]:
    workers = [copy.deepcopy(w) for w in old]
    positions = {}
    for worker_id, (_, values, _) in rows.items():
        index = next((i for i, w in enumerate(workers) if w.get("id") == worker_id), None)
        if index is None:
            workers.append({})
            index = len(workers) - 1
        workers[index] = _merged(workers[index], values)
        positions[worker_id] = index
    return workers, positions


def _located(problem: dict[str, str], where: dict[str, tuple[int | None, str]]) -> Problem:
    path = problem["field"]
    prefix = max((p for p in where if path == p or path.startswith(p + ".")), key=len, default=None)
    if prefix is None:
        return Problem(None, None, f"{problem['label']}: {problem['message']}")
    line, part = where[prefix]
    key = path[len(prefix) + 1:]
    column = next((c for c in columns() if c.part == part and c.key == key), None)
    return Problem(line, column, problem["message"] if column else f"{problem['label']}: {problem['message']}")
