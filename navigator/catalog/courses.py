"""Course lists in the columns of the official course search (教育訓練講座検索システム).

The same importer reads the shipped list (data/courses/) and the lists HR uploads, as JSON (a list
of objects) or CSV (a header row with the column names). Text stays as published (full-width);
numbers and the 和暦 designation period are parsed; a course whose period has ended is 終了.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from pathlib import Path

from japanera import EraDate
from pydantic import ValidationError

from .errors import CatalogError, Problem, validation_messages
from .schema import CourseInfo, Entry, Source, Validity

COLUMNS = (
    "スクール名", "入学定員", "受講料合計", "実施方法", "実施者", "指定期間",
    "指定番号", "訓練時間", "訓練期間", "講座内容", "講座名称", "開講月",
)
BENEFIT_RULES = {
    "一般教育訓練": "kyufu.general",
    "特定一般教育訓練": "kyufu.specific_general",
    "専門実践教育訓練": "kyufu.professional",
}
_HOW_TO_APPLY = {
    "一般教育訓練": "{school}に申し込んで受講し、修了日の翌日から1か月以内にハローワークで教育訓練給付金を申請します。",
    "特定一般教育訓練": (
        "受講開始日の14日前までに訓練対応キャリアコンサルタントの訓練前キャリアコンサルティングを受けて"
        "ジョブ・カードを作成し、ハローワークで受給資格の確認を受けてから{school}に申し込みます。"
    ),
    "専門実践教育訓練": (
        "受講開始日の14日前までに訓練対応キャリアコンサルタントの訓練前キャリアコンサルティングを受けて"
        "ジョブ・カードを作成し、ハローワークで受給資格の確認を受けてから{school}に申し込みます。"
    ),
}
_SPLIT = re.compile(r"[\s｜|（）()「」【】〈〉＜＞<>〜~～・／/、,：:＋+＆&!！?？]+")
_ASCII = re.compile(r"[A-Za-z][A-Za-z0-9#+.\-]*[A-Za-z0-9#+]|[A-Za-z]{2,}")
_QUALIFICATION = re.compile(r"[A-Za-z0-9ァ-ヴー一-龥]+?(?:資格|検定|試験|士)")


def _blank(value: str) -> bool:
    return not value or not value.replace("\xa0", "").strip()


def _number(value: str, unit: str) -> int | None:
    text = unicodedata.normalize("NFKC", value).replace(",", "").replace(unit, "").strip()
    if _blank(text):
        return None
    if not text.isdigit():
        raise ValueError(f"数値として読めません: {value}")
    return int(text)


def parse_wareki(value: str) -> dt.date:
    text = unicodedata.normalize("NFKC", value).strip()
    found = EraDate.strptime(text, "%-K%-y年%m月%d日")
    if not found:
        raise ValueError(f"和暦の日付として読めません: {value}")
    day = found[0]
    return dt.date(day.year, day.month, day.day)


def parse_period(value: str) -> tuple[dt.date, dt.date]:
    parts = re.split(r"[～〜~]", value)
    if len(parts) != 2:
        raise ValueError(f"指定期間は「令和03年10月01日～令和06年09月30日」の形で書いてください: {value}")
    return parse_wareki(parts[0]), parse_wareki(parts[1])


def course_keywords(name: str, content: str) -> list[str]:
    """Names a person might type: parts of the course name, technical words, qualifications."""
    name_n = unicodedata.normalize("NFKC", name)
    content_n = unicodedata.normalize("NFKC", content)
    found: list[str] = []
    for part in _SPLIT.split(name_n):
        if len(part) >= 2:
            found.append(part)
    for text in (name_n, content_n):
        found += _ASCII.findall(text)
        found += _QUALIFICATION.findall(text)
    seen, result = set(), []
    for word in found:
        key = word.lower()
        if key not in seen and len(word) >= 2:
            seen.add(key)
            result.append(word)
    return result


def course_entry(row: dict[str, str], benefit: str, source: Source) -> Entry:
    missing = [c for c in COLUMNS if c not in row]
    if missing:
        raise ValueError("列がありません: " + "、".join(missing))
    for column in ("指定番号", "講座名称", "スクール名", "実施者", "指定期間"):
        if _blank(row[column]):
            raise ValueError(f"{column}が空です")
    start, end = parse_period(row["指定期間"])
    fee = _number(row["受講料合計"], "円")
    hours = _number(row["訓練時間"], "時間") or None  # 0時間 = not stated (e-learning)
    months = _number(row["訓練期間"].replace("ヶ月", "").replace("か月", "").replace("カ月", ""), "")
    capacity = _number(row["入学定員"], "人")
    number = unicodedata.normalize("NFKC", row["指定番号"]).strip()
    method = row["実施方法"].strip()
    school = row["スクール名"].strip()
    flexible = any(w in method for w in ("eラーニング", "ｅラーニング", "通信", "夜間", "土日"))
    info = CourseInfo(
        designation_number=number,
        school=school,
        provider=row["実施者"].strip(),
        method=method,
        hours=hours,
        duration_months=months,
        fee_yen=fee,
        capacity=capacity,
        start_months=row["開講月"].strip() or None,
        benefit=benefit,
    )
    fee_text = f"受講料合計 {fee:,}円" if fee is not None else "受講料の記載なし"
    return Entry(
        id="course." + re.sub(r"[^0-9a-z\-]", "-", number.lower()),
        name=row["講座名称"].strip(),
        provider="school",
        provider_name=f"{school}（{info.provider}）" if info.provider != school else school,
        audience=["employee"],
        kind="course",
        description=f"{row['講座内容'].strip()}（{benefit}の指定講座、{method}、{row['訓練期間'].strip()}）",
        gives=["skill"],
        cost_for_person=f"{fee_text}。{benefit}給付金の要件を満たせば受講費用の一部が支給されます。",
        time_for_person=(
            f"{row['訓練期間'].strip()}、"
            + (f"{hours}時間" if hours else "時間数の記載なし")
            + f"、{method}、開講月: {row['開講月'].strip() or '記載なし'}"
        ),
        how_to_apply=_HOW_TO_APPLY[benefit].format(school=school),
        rule=BENEFIT_RULES[benefit],
        validity=Validity(start=start, end=end, confidence="O", note="教育訓練給付の指定期間"),
        sources=[source.model_copy(update={"section": f"{source.section or ''} 指定番号 {number}".strip()})],
        barriers=["学び方がわからない"] + (["時間がない"] if flexible else []),
        keywords=course_keywords(row["講座名称"], row["講座内容"]),
        course=info,
    )


def _rows(path: Path, text: str) -> list[tuple[str, dict[str, str]]]:
    """(where, row) pairs: where is the CSV line or the JSON item, in Japanese."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CatalogError([Problem(path.name, f"{exc.lineno}行目: JSONとして読めません（{exc.msg}）")])
        if not isinstance(data, list):
            raise CatalogError([Problem(path.name, "講座のリスト（[...]）が必要です")])
        return [(f"{i + 1}番目の講座", row if isinstance(row, dict) else {}) for i, row in enumerate(data)]
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CatalogError([Problem(path.name, "1行目: 見出しに次の列がありません: " + "、".join(missing))])
    rows = []
    for row in reader:
        rows.append((f"{reader.line_num}行目", {k: (v or "") for k, v in row.items() if k}))
    return rows


def read_courses(path: Path, benefit: str, source: Source) -> list[Entry]:
    """Import a course list; all or nothing: any bad row raises CatalogError naming every row."""
    if benefit not in BENEFIT_RULES:
        raise CatalogError([Problem(path.name, f"給付の種類は {'、'.join(BENEFIT_RULES)} のいずれかです: {benefit}")])
    text = path.read_text(encoding="utf-8-sig")
    entries, problems, seen = [], [], {}
    for where, row in _rows(path, text):
        try:
            entry = course_entry(row, benefit, source)
        except ValidationError as exc:
            problems += [Problem(f"{path.name} {where}", msg) for _, msg in validation_messages(exc)]
            continue
        except ValueError as exc:
            problems.append(Problem(f"{path.name} {where}", str(exc)))
            continue
        if entry.id in seen:
            problems.append(Problem(f"{path.name} {where}", f"指定番号が{seen[entry.id]}と重複しています"))
            continue
        seen[entry.id] = where
        entries.append(entry)
    if problems:
        raise CatalogError(problems)
    return entries
