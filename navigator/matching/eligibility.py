"""The seam to the rules engine: is this person eligible for this program?

Today: an entry whose validity has ended is 終了; an entry without a rule is 判定不能 with the reason
ルール未接続. An entry with a rule is to be evaluated by navigator.rules (eligible / undetermined /
not eligible, with the missing facts); until the lead wires that evaluation here, it is reported as
判定不能 naming the rule that will decide it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from navigator.catalog import Entry

EligibilityStatus = Literal["対象", "対象外", "判定不能", "終了"]


@dataclass(frozen=True)
class Eligibility:
    status: EligibilityStatus
    reasons: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    rule: str | None = None


def eligibility_for(entry: Entry, person_facts: dict, as_of: dt.date | None = None) -> Eligibility:
    as_of = as_of or dt.date.today()
    if entry.status(as_of) == "終了":
        end = entry.validity.end.isoformat() if entry.validity.end else ""
        return Eligibility("終了", [f"{end}で終了しました（{entry.validity.note or '有効期間'}）"], rule=entry.rule)
    if entry.rule is None:
        return Eligibility("判定不能", ["ルール未接続"])
    # Wired by the lead to navigator.rules' evaluate API: evaluate(entry.rule, person_facts, as_of).
    return Eligibility("判定不能", [f"ルール {entry.rule} による判定は未接続です"], rule=entry.rule)
