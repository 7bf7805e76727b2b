"""The schema of a catalog entry: one program a person or a company can use.

Entries are written in YAML under catalog/ (see catalog/README.md) or imported from HR's CSV/YAML
and from course lists in the official course-search columns. Field names are English so that code
and YAML agree; every value a person reads is Japanese.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from navigator.rules.sources import ALLOWED_CONFIDENCE, named_in, sources

Provider = Literal["company", "national", "prefecture", "city", "school"]
Audience = Literal["employee", "employer", "companion"]
Kind = Literal[
    "benefit", "subsidy", "course", "consultation", "leave", "money", "time", "community", "tool"
]
Give = Literal["money", "time", "advice", "skill"]
# The three walls between the wish to learn and doing it (seed 000, 2-1 and 4-1).
Barrier = Literal["時間がない", "目指すキャリアが不明確", "学び方がわからない"]
BARRIERS: tuple[str, ...] = ("時間がない", "目指すキャリアが不明確", "学び方がわからない")
# [O] official text, [3P] third-party page only, [?] not confirmed; "seed" = stated in one of the
# source documents. The documents themselves are the entries of rules/sources.yaml.
Confidence = Literal["O", "3P", "?", "seed"]
Status = Literal["実施中", "開始前", "終了"]

SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
ENTRY_ID = r"^[a-z0-9][a-z0-9_.\-]*$"

PROVIDER_JA = {"company": "企業", "national": "国", "prefecture": "都道府県", "city": "市区町村", "school": "教育機関"}
AUDIENCE_JA = {"employee": "働く人", "employer": "事業主・人事", "companion": "伴走者"}
KIND_JA = {
    "benefit": "給付金", "subsidy": "助成金・補助金", "course": "講座", "consultation": "相談",
    "leave": "休暇", "money": "費用支援", "time": "時間の支援", "community": "コミュニティ", "tool": "ツール",
}
GIVE_JA = {"money": "お金", "time": "時間", "advice": "助言", "skill": "スキル"}


_FOLD_SPACE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=[。、．，」』）]) ")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _join_folded_lines(cls, value):
        # YAML folds a long Japanese line with a space ("…人に、 休暇中…"): drop it between
        # non-ASCII characters, where Japanese text has none.
        return _FOLD_SPACE.sub("", value) if isinstance(value, str) else value


class Source(_Strict):
    """Where a statement comes from: a seed file and section, an official page and date, a data
    file, or the company's own rules (for programs HR imports)."""

    kind: Literal["seed", "official", "data", "company"]
    ref: str = Field(min_length=1, description="seed file name, id of the official document in "
                     "rules/sources.yaml, data path, or the company's document")
    section: str | None = None
    url: str | None = None
    date: dt.date | None = None

    @model_validator(mode="after")
    def _complete(self) -> "Source":
        if self.kind == "seed":
            if not SEED_FILE.match(self.ref):
                raise ValueError(f"seed の出典はファイル名（例 000_f3526125b50af452.txt）で書いてください: {self.ref}")
            if not self.section:
                raise ValueError("seed の出典には section（章・節）が必要です")
        if self.kind == "official":
            if self.date is None:
                raise ValueError("公式ページの出典には date（確認日または公表日）が必要です")
            entry = sources().get(self.ref)
            if entry is None or entry.kind not in ("official", "law"):
                raise ValueError(f"公式の出典は rules/sources.yaml の公式文書・法令の id で書いてください"
                                 f"（例 mhlw-kyufu）: {self.ref}")
        return self

    def label(self) -> str:
        entry = sources().get(self.ref) if self.kind == "official" else None
        parts = [entry.cite_as if entry else self.ref]
        if self.section:
            parts.append(self.section)
        if self.date:
            parts.append(self.date.isoformat())
        return " / ".join(parts)


class Figure(_Strict):
    """A figure shown to the person (a rate, a cap, a number of days), with its confidence."""

    label: str = Field(min_length=1)
    value: str = Field(min_length=1)
    confidence: Confidence
    source: str | None = None

    @model_validator(mode="after")
    def _cited(self) -> "Figure":
        if self.source is None:
            return self
        named = named_in(self.source)
        if not named:
            raise ValueError(f"数値の出典は rules/sources.yaml の id で書いてください（例 mhlw-kyufu、"
                             f"seed-003 Ⅰ-3）: {self.source}")
        kind = sources()[named[0]].kind
        if self.confidence not in ALLOWED_CONFIDENCE[kind]:
            raise ValueError(f"{named[0]} の数値の確度は {' / '.join(sorted(ALLOWED_CONFIDENCE[kind]))} "
                             f"のいずれかです（{self.confidence} は使えません）")
        return self

    @property
    def needs_check(self) -> bool:
        return self.confidence in ("3P", "?")

    def display(self) -> str:
        return f"{self.label}: {self.value}" + ("（要確認）" if self.needs_check else "")


class Validity(_Strict):
    """The period in which the program can be used. An open end means no end is known."""

    start: dt.date | None = None
    end: dt.date | None = None
    confidence: Confidence = "O"
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Validity":
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"期間の開始 {self.start} が終了 {self.end} より後です")
        return self

    def status(self, as_of: dt.date) -> Status:
        if self.end and as_of > self.end:
            return "終了"
        if self.start and as_of < self.start:
            return "開始前"
        return "実施中"


class CourseInfo(_Strict):
    """The columns of the official course search (厚生労働省 教育訓練講座検索システム)."""

    designation_number: str = Field(min_length=1)
    school: str
    provider: str
    method: str
    hours: int | None = None
    duration_months: int | None = None
    fee_yen: int | None = None
    capacity: int | None = None
    start_months: str | None = None
    benefit: Literal["一般教育訓練", "特定一般教育訓練", "専門実践教育訓練"]


class Entry(_Strict):
    id: str = Field(pattern=ENTRY_ID)
    name: str = Field(min_length=1)
    provider: Provider
    provider_name: str = Field(min_length=1)
    region: str | None = Field(None, description="都道府県名: the program is for this region only")
    audience: list[Audience] = Field(min_length=1)
    kind: Kind
    description: str = Field(min_length=1)
    gives: list[Give] = Field(min_length=1)
    cost_for_person: str = Field(min_length=1)
    time_for_person: str = Field(min_length=1)
    how_to_apply: str = Field(min_length=1)
    rule: str | None = None
    validity: Validity = Validity()
    sources: list[Source] = Field(min_length=1)
    barriers: list[Barrier] = []
    keywords: list[str] = []
    figures: list[Figure] = []
    sample: bool = False
    course: CourseInfo | None = None
    # One program split into several entries (e.g. 技能検定 by trade group): matching shows the
    # best of them and names the others, instead of filling the list with one program.
    family: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9-]*$")

    @field_validator("rule")
    @classmethod
    def _rule_format(cls, value: str | None) -> str | None:
        if value is not None and not RULE_ID.match(value):
            raise ValueError(f"ルールIDは「制度.区分」の形式で書いてください（例 kyoiku_kunren_kyufu.ippan）: {value}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Entry":
        if self.kind == "course" and self.course is None and self.provider == "school":
            raise ValueError("教育機関の講座には course（講座情報）が必要です")
        if self.sample and self.provider != "company":
            raise ValueError("sample: true は企業制度の見本にだけ使えます")
        return self

    def status(self, as_of: dt.date) -> Status:
        return self.validity.status(as_of)

    def passage(self) -> str:
        """The text embedded for dense retrieval: its name and what it is. Keywords serve the
        lexical evidence; the barriers it addresses are scored apart (matching/scoring.py)."""
        return f"{self.name}\n{self.description}"

    def display_name(self) -> str:
        return f"{self.name}（見本）" if self.sample else self.name
