"""汎用性のある評価基準 (data/evaluation-standards/*.csv) as 個票 items: criterion text, unit code
as the コード (seed 003 Ⅲ-4(3)⑤ Step5 ❶: the ユニット番号), 職業能力評価基準 as the source."""

from __future__ import annotations

import csv
from functools import lru_cache

from navigator import PROJECT_ROOT
from navigator.facts import EvaluationItem

DATA = PROJECT_ROOT / "data" / "evaluation-standards"
SOURCE = "職業能力評価基準"


@lru_cache(maxsize=1)
def criteria() -> list[dict[str, str]]:
    rows = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows += list(csv.DictReader(handle))
    return rows


def _clean(text: str) -> str:
    return " ".join(text.split()).replace(" ", "")


def items_for(unit_code: str) -> list[EvaluationItem]:
    """The unit's criteria as 個票 items (能力細目 = the criterion's category, e.g. ①入場前準備)."""
    return [EvaluationItem(detail=_clean(r["category"]), criterion=_clean(r["criterion_text"]).lstrip("●○"),
                           code=unit_code, cited=True)
            for r in criteria() if r["unit_code"] == unit_code]
