"""HR imports its company's programs (CSV or YAML) and course lists; all or nothing.

CSV columns (Japanese headers, one program a row; list cells separated by 「;」「；」 or 「、」):
  ID, 名称, 種類, 対象, 説明, 得られるもの, 本人の費用, 本人の時間, 申込方法, 出典,
  and optionally 解消する壁, キーワード, 開始日, 終了日, ルールID.
YAML: a list of entries in the catalog schema (or `entries: [...]`); provider and provider_name
default to the company. Course lists use the official course-search columns (courses.py).
Every error names the line; nothing is written unless every row is valid.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import yaml
from pydantic import ValidationError

from .courses import COLUMNS as COURSE_COLUMNS
from .courses import read_courses
from .errors import CatalogError, Problem, validation_messages
from .loader import Catalog
from .schema import AUDIENCE_JA, GIVE_JA, KIND_JA, Entry, Source
from .yamlfile import parse

CSV_COLUMNS = {
    "ID": "id", "名称": "name", "種類": "kind", "対象": "audience", "説明": "description",
    "得られるもの": "gives", "本人の費用": "cost_for_person", "本人の時間": "time_for_person",
    "申込方法": "how_to_apply", "出典": "source", "解消する壁": "barriers", "キーワード": "keywords",
    "開始日": "start", "終了日": "end", "ルールID": "rule",
}
REQUIRED = ("ID", "名称", "種類", "対象", "説明", "得られるもの", "本人の費用", "本人の時間", "申込方法", "出典")
LIST_FIELDS = ("audience", "gives", "barriers", "keywords")
_JA_TO_CODE = {
    "kind": {v: k for k, v in KIND_JA.items()},
    "audience": {v: k for k, v in AUDIENCE_JA.items()} | {"従業員": "employee", "社員": "employee", "人事": "employer", "事業主": "employer"},
    "gives": {v: k for k, v in GIVE_JA.items()},
}
_LIST_SPLIT = re.compile(r"\s*[;；、]\s*")


def _check_readable(path: Path) -> None:
    """A missing file or one that is not UTF-8 (Excel's default CSV in Japan is Shift_JIS) is
    named in Japanese; reading it below would have ended in a traceback."""
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise CatalogError([Problem(path.name, "ファイルが見つかりません")]) from None
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise CatalogError([Problem(f"{path.name} {line}行目", "文字コードが UTF-8 ではありません。"
                                    "Excel では「CSV UTF-8（コンマ区切り）」で保存してください")]) from None


def is_course_list(path: Path) -> bool:
    if path.suffix.lower() == ".json":
        return True
    if path.suffix.lower() == ".csv":
        header = path.read_text(encoding="utf-8-sig").splitlines()[:1]
        return bool(header) and "指定番号" in header[0]
    return False


def _code(field: str, value: str) -> str:
    return _JA_TO_CODE.get(field, {}).get(value, value)


def _csv_item(row: dict[str, str], company: str, today: dt.date) -> dict:
    item: dict = {"provider": "company", "provider_name": company}
    validity: dict = {}
    for header, field in CSV_COLUMNS.items():
        value = (row.get(header) or "").strip()
        if not value:
            continue
        if field in LIST_FIELDS:
            item[field] = [_code(field, v) for v in _LIST_SPLIT.split(value) if v]
        elif field in ("start", "end"):
            validity[field] = value
        elif field == "source":
            item["sources"] = [{"kind": "company", "ref": value, "date": today.isoformat()}]
        else:
            item[field] = _code(field, value)
    if validity:
        item["validity"] = validity
    return item


def _csv_entries(path: Path, company: str, today: dt.date) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    headers = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in headers]
    unknown = [h for h in headers if h and h not in CSV_COLUMNS]
    problems = []
    if missing:
        problems.append(Problem(f"{path.name} 1行目", "見出しに次の列がありません: " + "、".join(missing)))
    if unknown:
        problems.append(Problem(f"{path.name} 1行目", "不明な列があります: " + "、".join(unknown)))
    if problems:
        raise CatalogError(problems)
    entries = []
    for row in reader:
        where = f"{path.name} {reader.line_num}行目"
        try:
            entries.append(Entry.model_validate(_csv_item(row, company, today)))
        except ValidationError as exc:
            problems += [Problem(where, _csv_message(loc, msg)) for loc, msg in validation_messages(exc)]
    if problems:
        raise CatalogError(problems)
    return entries


_CHOICES_JA = {"kind": KIND_JA, "audience": AUDIENCE_JA, "gives": GIVE_JA}


def _csv_message(loc: tuple, msg: str) -> str:
    # name the CSV column rather than the schema field, and offer the Japanese values HR writes
    names = {v: k for k, v in CSV_COLUMNS.items()} | {"sources": "出典", "validity": "開始日・終了日"}
    if loc and loc[0] in _CHOICES_JA and "次のいずれか" in msg:
        entered = msg[msg.rfind("（入力:"):] if "（入力:" in msg else ""
        return f"{names[loc[0]]}: 次のいずれかを書いてください: {'、'.join(_CHOICES_JA[loc[0]].values())}{entered}"
    if loc and loc[0] in names:
        head, _, rest = msg.partition(": ")
        return f"{names[loc[0]]}: {rest}" if rest else msg
    return msg


def _yaml_entries(path: Path, company: str, today: dt.date) -> list[Entry]:
    try:
        doc = parse(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise CatalogError([Problem(path.name, str(exc))])
    data = doc.data
    base: tuple = ()
    if isinstance(data, dict) and "entries" in data:
        data, base = data["entries"], ("entries",)
    if not isinstance(data, list):
        raise CatalogError([Problem(path.name, "制度のリストが必要です")])
    entries, problems = [], []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            problems.append(Problem(f"{path.name} {doc.line(*base, i)}行目", "項目はマッピングで書いてください"))
            continue
        item = {"provider": "company", "provider_name": company} | item
        try:
            entries.append(Entry.model_validate(item))
        except ValidationError as exc:
            for loc, msg in validation_messages(exc):
                problems.append(Problem(f"{path.name} {doc.line(*base, i, *loc)}行目", msg))
    if problems:
        raise CatalogError(problems)
    return entries


def read_programs(path: Path, company: str, today: dt.date | None = None) -> list[Entry]:
    today = today or dt.date.today()
    if path.suffix.lower() == ".csv":
        entries = _csv_entries(path, company, today)
    elif path.suffix.lower() in (".yaml", ".yml"):
        entries = _yaml_entries(path, company, today)
    else:
        raise CatalogError([Problem(path.name, "CSV（.csv）か YAML（.yaml）のファイルを指定してください")])
    problems, seen = [], set()
    for entry in entries:
        if entry.provider != "company":
            problems.append(Problem(path.name, f"id {entry.id}: 会社の制度は提供者区分 company で登録します"))
        if entry.id in seen:
            problems.append(Problem(path.name, f"id {entry.id} がファイル内で重複しています"))
        seen.add(entry.id)
    if problems:
        raise CatalogError(problems)
    return entries


def _check_against(catalog: Catalog, entries: list[Entry], target: str) -> None:
    clashes = [e.id for e in entries if e.id in catalog and catalog.files.get(e.id) != target]
    if clashes:
        raise CatalogError([Problem(target, f"id {i} はカタログの {catalog.files[i]} で使われています") for i in clashes])


def import_file(
    path: Path, catalog: Catalog, catalog_root: Path, company: str | None = None,
    benefit: str = "専門実践教育訓練", today: dt.date | None = None,
) -> tuple[Path, list[Entry]]:
    """Validate FILE against the catalog and write it in; returns (written file, entries).

    Programs become catalog/company/<stem>.yaml (re-importing an edited file replaces it); a course
    list is copied to data/courses/ and imported through catalog/courses/<stem>.yaml.
    """
    today = today or dt.date.today()
    project = catalog_root.parent
    _check_readable(path)
    if is_course_list(path):
        source = Source(kind="data", ref=f"data/courses/{path.name}", section=f"{company or '人事'}がインポートした講座一覧（{today.isoformat()}）")
        entries = read_courses(path, benefit, source)
        target = catalog_root / "courses" / f"{path.stem}.yaml"
        _check_against(catalog, entries, str(target.relative_to(project)))
        data_dir = project / "data" / "courses"
        data_dir.mkdir(parents=True, exist_ok=True)
        if path.resolve() != (data_dir / path.name).resolve():
            shutil.copyfile(path, data_dir / path.name)
        manifest = {"import": {"file": f"data/courses/{path.name}", "format": "official-course-search",
                               "benefit": benefit, "source": source.model_dump(mode="json", exclude_none=True)}}
        _write_yaml(target, manifest)
        return target, entries
    if not company:
        raise CatalogError([Problem(path.name, "会社名（--company）を指定してください")])
    entries = read_programs(path, company, today)
    target = catalog_root / "company" / f"{path.stem}.yaml"
    _check_against(catalog, entries, str(target.relative_to(project)))
    _write_yaml(target, {"entries": [e.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for e in entries]})
    return target, entries


def _write_yaml(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


COURSE_CSV_HEADER = ",".join(COURSE_COLUMNS)
