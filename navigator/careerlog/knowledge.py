"""Loads and checks the career log's knowledge files: careerlog/emotions.yaml, analysis.yaml and
lexicons/*.yaml. A bad file (unknown key, a regular expression that does not compile, a missing
source) fails at load time naming the file, so an expert editing a lexicon sees it at once."""

from __future__ import annotations

import hashlib
from datetime import date
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from navigator import PROJECT_ROOT

KNOWLEDGE_DIR = PROJECT_ROOT / "careerlog"
FILES = ("emotions.yaml", "analysis.yaml", "lexicons/barriers.yaml", "lexicons/worth.yaml", "lexicons/directions.yaml")


class KnowledgeError(Exception):
    pass


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compile(patterns: list[str]) -> list[str]:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"正規表現「{p}」が読めません: {exc}") from None
    return patterns


# --- emotions ----------------------------------------------------------------------------


class Emotion(Strict):
    label: str = Field(min_length=1, max_length=20)
    valence: int = Field(ge=-1, le=1)
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    growth_signal: bool = False


class IntensityLevel(Strict):
    value: int = Field(ge=1, le=3)
    label: str


class Intensity(Strict):
    default: int
    levels: list[IntensityLevel]


class Emotions(Strict):
    version: int
    updated: date
    sources: list[dict[str, str]] = Field(min_length=1)
    intensity: Intensity
    emotions: list[Emotion] = Field(min_length=2)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.emotions)

    def get(self, label: str) -> Emotion | None:
        return next((e for e in self.emotions if e.label == label), None)

    def score(self, label: str, intensity: int) -> int:
        emotion = self.get(label)
        return emotion.valence * intensity if emotion else 0

    def intensity_label(self, value: int) -> str:
        return next((lv.label for lv in self.intensity.levels if lv.value == value), "")


# --- lexicons ----------------------------------------------------------------------------


class Barrier(Strict):
    id: str
    label: str
    source: str = Field(min_length=1)
    cues: list[str] = Field(min_length=1)
    advice: str
    advice_source: str = Field(min_length=1)
    questions: list[str] = Field(min_length=1)

    _check = field_validator("cues")(lambda cls, v: _compile(v))


class Barriers(Strict):
    version: int
    updated: date
    barriers: list[Barrier] = Field(min_length=1)


class WorthItem(Strict):
    id: str
    label: str
    cues: list[str] = Field(min_length=1)

    _check = field_validator("cues")(lambda cls, v: _compile(v))


class Condition(Strict):
    id: str
    label: str
    question: str
    items: list[WorthItem] = Field(min_length=1)


class Worth(Strict):
    version: int
    updated: date
    source: str = Field(min_length=1)
    conditions: list[Condition] = Field(min_length=4, max_length=4)

    @model_validator(mode="after")
    def _unique_ids(self):
        ids = [i.id for c in self.conditions for i in c.items]
        if len(ids) != len(set(ids)):
            raise ValueError("items の id が重複しています")
        return self


class Topic(Strict):
    id: str
    label: str
    cues: list[str] = Field(min_length=1)

    _check = field_validator("cues")(lambda cls, v: _compile(v))


class Directions(Strict):
    version: int
    updated: date
    source: str = Field(min_length=1)
    wish_cues: list[str] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)

    _check = field_validator("wish_cues")(lambda cls, v: _compile(v))


# --- analysis rules ----------------------------------------------------------------------


class Period(Strict):
    id: str
    label: str
    days: int | None = Field(default=None, ge=1)


class NoteRules(Strict):
    min_entries: int = Field(ge=1)
    periods: list[Period] = Field(min_length=1)
    default_period: str


class ToneRules(Strict):
    positive_min_mean: float
    negative_max_mean: float
    labels: dict[str, str]


class ChartRules(Strict):
    weekly_line_after_days: int = Field(ge=14)
    moving_average_days: int = Field(ge=1)


class PhraseRules(Strict):
    min_chars: int = Field(ge=1)
    stopwords: list[str]
    key_phrase_min_entries: int = Field(ge=1)
    key_phrases_shown: int = Field(ge=1)


class ThemeRules(Strict):
    distance_threshold: float = Field(gt=0, le=1)
    embed_distance_threshold: float = Field(gt=0, le=1)
    embed_weight: float = Field(ge=0, le=1)
    lexicon_feature_weight: float = Field(ge=0)
    min_entries: int = Field(ge=2)
    min_share: float = Field(ge=0, le=1)
    max_themes: int = Field(ge=1)
    typical_sentences: int = Field(ge=1)
    label_phrases: int = Field(ge=1)


class WorthRules(Strict):
    min_evidence: int = Field(ge=1)
    strength_min_mean: float
    evidence_shown: int = Field(ge=1)


class BarrierRules(Strict):
    min_evidence: int = Field(ge=1)
    only_non_positive: bool
    evidence_shown: int = Field(ge=1)


class DirectionWeights(Strict):
    wish: float
    growth_signal: float
    negative: float
    positive: float
    neutral: float


class DirectionRules(Strict):
    weights: DirectionWeights
    min_score: float
    shown: int = Field(ge=1)
    evidence_shown: int = Field(ge=1)


class CompanionFitRules(Strict):
    embed_weight: float = Field(ge=0, le=1)
    preference_bonus: float = Field(ge=0)


class Analysis(Strict):
    version: int
    updated: date
    sources: list[dict[str, str]] = Field(min_length=1)
    note: NoteRules
    tone: ToneRules
    chart: ChartRules
    phrases: PhraseRules
    themes: ThemeRules
    worth: WorthRules
    barriers: BarrierRules
    directions: DirectionRules
    companion_fit: CompanionFitRules

    def period(self, period_id: str) -> Period | None:
        return next((p for p in self.note.periods if p.id == period_id), None)


class Knowledge(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    emotions: Emotions
    analysis: Analysis
    barriers: Barriers
    worth: Worth
    directions: Directions
    version: str  # a hash of every file: stored with each note


def _read(base: Path, name: str) -> Any:
    path = base / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: 読み込めません: {exc}") from None


def load(base: Path = KNOWLEDGE_DIR) -> Knowledge:
    models = {
        "emotions.yaml": Emotions,
        "analysis.yaml": Analysis,
        "lexicons/barriers.yaml": Barriers,
        "lexicons/worth.yaml": Worth,
        "lexicons/directions.yaml": Directions,
    }
    loaded = {}
    digest = hashlib.sha256()
    for name, model in models.items():
        data = _read(base, name)
        digest.update((base / name).read_bytes())
        try:
            loaded[name] = model.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise KnowledgeError(f"{base / name}: {problems}") from None
    analysis = loaded["analysis.yaml"]
    if analysis.period(analysis.note.default_period) is None:
        raise KnowledgeError(f"{base / 'analysis.yaml'}: note.default_period が periods にありません")
    emotions = loaded["emotions.yaml"]
    if emotions.intensity.default not in {lv.value for lv in emotions.intensity.levels}:
        raise KnowledgeError(f"{base / 'emotions.yaml'}: intensity.default が levels にありません")
    return Knowledge(
        emotions=emotions,
        analysis=analysis,
        barriers=loaded["lexicons/barriers.yaml"],
        worth=loaded["lexicons/worth.yaml"],
        directions=loaded["lexicons/directions.yaml"],
        version=digest.hexdigest()[:12],
    )


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The knowledge of this checkout, loaded once per process."""
    return load()
