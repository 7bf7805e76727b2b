"""Japanese error messages for catalog files and HR uploads, with the file, item and line."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

FIELD_JA = {
    "id": "ID", "name": "名称", "provider": "提供者区分", "provider_name": "提供者名", "region": "地域",
    "audience": "対象", "kind": "種類", "description": "説明", "gives": "得られるもの",
    "cost_for_person": "本人の費用", "time_for_person": "本人の時間", "how_to_apply": "申込方法",
    "rule": "ルールID", "validity": "有効期間", "start": "開始日", "end": "終了日", "sources": "出典",
    "barriers": "解消する壁", "keywords": "キーワード", "figures": "数値", "sample": "見本", "course": "講座情報",
    "confidence": "確度", "ref": "参照先", "section": "章・節", "date": "日付", "kind_": "種類",
}

_TYPE_JA = {
    "missing": "必須項目です",
    "extra_forbidden": "不明な項目です（綴りを確認してください）",
    "string_too_short": "空にはできません",
    "too_short": "1つ以上指定してください",
    "string_pattern_mismatch": "形式が正しくありません（半角英小文字・数字・._- のみ）",
    "date_from_datetime_parsing": "日付の形式が正しくありません（例 2025-04-01）",
    "date_parsing": "日付の形式が正しくありません（例 2025-04-01）",
    "date_type": "日付の形式が正しくありません（例 2025-04-01）",
    "int_parsing": "整数で書いてください",
    "bool_parsing": "true か false で書いてください",
    "string_type": "文字列で書いてください",
    "list_type": "リストで書いてください",
    "model_type": "項目の並び（マッピング）で書いてください",
    "dict_type": "項目の並び（マッピング）で書いてください",
}


@dataclass
class Problem:
    where: str  # file name, or "3行目"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class CatalogError(ValueError):
    """Raised with every problem found, each naming the file, the item and the line."""

    def __init__(self, problems: list[Problem] | list[str]):
        self.problems = [p if isinstance(p, Problem) else Problem("", p) for p in problems]
        super().__init__("\n".join(str(p) for p in self.problems))


def field_label(loc: tuple) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"{part + 1}番目")
        else:
            parts.append(FIELD_JA.get(part, part))
    return " > ".join(parts) if parts else "項目全体"


def describe(error: dict) -> str:
    kind = error["type"]
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        text = f"次のいずれかを指定してください: {expected}"
    elif kind == "value_error":
        text = str(error.get("ctx", {}).get("error", error["msg"]))
    else:
        text = _TYPE_JA.get(kind, error["msg"])
    value = error.get("input")
    if kind not in ("missing", "model_type") and isinstance(value, (str, int, float)) and value != "":
        text += f"（入力: {value}）"
    return f"{field_label(tuple(error['loc']))}: {text}"


def validation_messages(exc: ValidationError) -> list[tuple[tuple, str]]:
    """(location, Japanese message) for each error in a pydantic ValidationError."""
    return [(tuple(e["loc"]), describe(e)) for e in exc.errors(include_url=False)]
