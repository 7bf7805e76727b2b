"""The shape of a rule file (rules/**/*.yaml), validated when it is loaded.

A rule file encodes one program or menu: its parameters with the dates their values take
effect, its conditions, amounts, deadlines and documents, each citing its source. Expressions
are CEL (https://cel.dev), evaluated by a well-kept library; see rules/README.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from navigator.rules.sources import sources

Confidence = Literal["seed", "O", "3P", "?"]
FactsKind = Literal["employer", "worker"]
# When a worker's benefit is paid, for the amounts by stage of a course (受講中 = for each period
# of the course, 修了 = after completing it, then the top-ups that depend on what happens after).
Stage = Literal["受講中", "修了", "資格取得・就職", "賃金上昇", "休暇中"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a condition or a value comes from: a document of rules/sources.yaml (by its id) and
    the section cited. The loader refuses a `doc` that names no entry there."""

    doc: str = Field(min_length=1, description="id of the document in rules/sources.yaml")
    section: str = Field(min_length=1, description="chapter / section / page of the document")
    url: str | None = None
    date: dt.date | None = Field(None, description="date of the page (for official pages)")
    confidence: Confidence = "seed"
    note: str | None = None

    @property
    def verified(self) -> bool:
        return self.confidence in ("seed", "O")

    @computed_field  # in the JSON too: the document's name, not only its id
    @property
    def document(self) -> str:
        entry = sources().get(self.doc)
        return entry.cite_as if entry else self.doc

    def cite(self) -> str:
        text = f"{self.document} {self.section}"
        if self.date:
            text += f"（{self.date.isoformat()}）"
        if not self.verified:
            text += " ［要確認］"
        return text


class DatedValue(Strict):
    since: dt.date
    value: Any
    source: Source


class Parameter(Strict):
    label: str
    unit: str | None = None
    values: list[DatedValue] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> "Parameter":
        dates = [v.since for v in self.values]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError("values must be in increasing order of 'since', one per date")
        return self

    def at(self, day: dt.date) -> DatedValue | None:
        """The value in force on ``day`` (None before the first one)."""
        current = None
        for dated in self.values:
            if dated.since <= day:
                current = dated
        return current


class Condition(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1, description="the requirement, phrased as 「…であること」; "
                       "parameter values as '{{ params.x }}' (filled with the values in force)")
    group: str = Field("要件", description="heading of the condition; the group '対象' marks the "
                       "conditions that say whether the program concerns the case at all (a rule "
                       "that fails only those is shown as 該当なし, not with reasons)")
    expr: str
    source: Source
    failure: str | None = Field(None, description="why it fails, shown as 対象外の理由 (placeholders "
                                "as in the label)")
    remedy: str | None = Field(
        None, description="what would change the answer (what-if), shown when the condition is not "
        "met or undetermined; '{{ CEL }}' placeholders are filled from the case (numbers get "
        "thousands separators; use yen(), date_ja() for yen and dates). A remedy whose "
        "placeholders need a missing fact is not shown.")


class Value(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    expr: str
    unit: str | None = None
    source: Source | None = None
    timeline: bool = Field(
        False, description="the value is a list of {date, label, yen?} maps: dated steps shown "
        "in the timeline (e.g. one claim per 6-month period)")
    stage: Stage | None = Field(
        None, description="a yen value that may be paid later (見込み): the stage it depends on")


class Amount(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    expr: str
    source: Source
    stage: Stage | None = Field(None, description="when this part is paid (worker benefits)")


class Deadline(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    expr: str = Field(description="CEL giving an ISO date 'YYYY-MM-DD'")
    open_day: bool = Field(True, description="a deadline on a closed day moves to the next open day")
    when: str | None = Field(None, description="CEL: the deadline concerns the case only when true")
    source: Source


class Document(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    stage: Literal["plan", "application"]
    when: str | None = Field(None, description="CEL: the document is needed only when true")
    note: str | None = None
    source: Source


class Scope(Strict):
    """Conditions and values evaluated once per element of a fact list (a course, a trainee...)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    over: list[str] = Field(min_length=1, description="nested list path, e.g. [courses, trainees]")
    names: list[str] = Field(min_length=1, description="the name each level is bound to")
    describe: str | None = Field(None, description="CEL giving a short name of the element")
    values: list[Value] = []
    conditions: list[Condition] = []

    @model_validator(mode="after")
    def _same_length(self) -> "Scope":
        if len(self.over) != len(self.names):
            raise ValueError("'over' and 'names' must have the same length")
        return self


class RuleFile(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
    title: str
    program: str
    role: Literal["menu", "requirement", "classification", "library", "summary"] = Field(
        "menu", description="menu: pays an amount; requirement: shared conditions; "
        "classification: sorts the case (e.g. 中小企業 or not); library: a reusable rule set "
        "evaluated only for the rules that use it; summary: combines other rules' results "
        "(e.g. the net cost when programs stack) and pays nothing itself")
    facts: FactsKind | list[FactsKind] = Field(
        "employer", description="the case kind(s) the rule reads; a list makes one rule set "
        "reusable by both (its paths must exist in each)")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    validity_source: Source
    reference_date: str | None = Field(None, description="CEL: the date whose parameter values apply")
    uses: dict[str, str] = Field(default_factory=dict, description="alias -> rule id")
    parameters: dict[str, Parameter] = {}
    scopes: list[Scope] = []
    values: list[Value] = []
    conditions: list[Condition] = []
    amounts: list[Amount] = []
    deadlines: list[Deadline] = []
    documents: list[Document] = []
    notes: list[str] = []

    @property
    def kinds(self) -> list[str]:
        return [self.facts] if isinstance(self.facts, str) else list(self.facts)
