"""The standard prompt set (プロンプト集, seed 000 4-3-5): versioned files in prompts/, filled with
the person's own entries, note and plan, ready to copy into any generative AI.

People's names (Sudachi's 人名) are replaced by ○○ unless the person asks otherwise: a prompt is
meant to be pasted into a service outside the company.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from navigator import PROJECT_ROOT
from navigator.careerlog.knowledge import KnowledgeError, knowledge
from navigator.careerlog.phrases import _tokens

PROMPTS_DIR = PROJECT_ROOT / "prompts"
USES = ("entries", "note", "plan")


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    version: int = Field(ge=1)
    updated: date
    order: int
    title: str
    purpose: str
    source: str = Field(min_length=1)
    period_days: int | None = Field(ge=1)
    max_entries: int = Field(ge=1)
    uses: list[str]
    template: str


_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def load(directory: Path = PROMPTS_DIR) -> list[Prompt]:
    prompts = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            prompt = Prompt.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, ValidationError) as exc:
            raise KnowledgeError(f"{path}: {exc}") from None
        if prompt.id != path.stem:
            raise KnowledgeError(f"{path}: id「{prompt.id}」がファイル名と違います")
        if set(prompt.uses) - set(USES):
            raise KnowledgeError(f"{path}: uses に使えるのは {', '.join(USES)} です")
        try:
            _env.from_string(prompt.template)
        except TemplateSyntaxError as exc:
            raise KnowledgeError(f"{path}: template の{exc.lineno}行目: {exc.message}") from None
        prompts.append(prompt)
    return sorted(prompts, key=lambda p: (p.order, p.id))


@lru_cache(maxsize=1)
def prompt_set() -> tuple[Prompt, ...]:
    return tuple(load())


def get(prompt_id: str) -> Prompt | None:
    return next((p for p in prompt_set() if p.id == prompt_id), None)


def mask_names(text: str) -> str:
    """Names of people replaced by ○○ (「佐々木さん」 -> 「○○さん」)."""
    out = []
    for t in _tokens(text):
        out.append("○○" if t.pos[:3] == ("名詞", "固有名詞", "人名") else t.surface)
    return "".join(out)


@dataclass(frozen=True)
class Filled:
    prompt: Prompt
    text: str
    entry_count: int
    start: date
    end: date


def _jd(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def entry_lines(entries) -> str:
    """Rows with occurred_on, emotion, intensity, event -> one line each, oldest first."""
    emotions = knowledge().emotions
    lines = [
        f"- {_jd(e.occurred_on)}（{e.emotion}・{emotions.intensity_label(e.intensity)}）{' '.join(e.event.split())}"
        for e in sorted(entries, key=lambda e: (e.occurred_on, e.id))
    ]
    return "\n".join(lines) or "（この期間の記録はありません）"


def window(prompt: Prompt, today: date, first_day: date | None) -> tuple[date, date]:
    if prompt.period_days is None:
        return (first_day or today), today
    return today - timedelta(days=prompt.period_days - 1), today


def fill(
    prompt: Prompt, entries, today: date, note_text: str | None, plan_text: str | None, mask: bool = True
) -> Filled:
    """`entries`: the person's rows of the prompt's window; the latest max_entries are used."""
    chosen = sorted(entries, key=lambda e: (e.occurred_on, e.id))[-prompt.max_entries :]
    start = chosen[0].occurred_on if chosen else today
    text = _env.from_string(prompt.template).render(
        period=f"{_jd(start)}〜{_jd(today)}",
        entries=entry_lines(chosen),
        note=note_text or "（キャリアノートはまだありません）",
        plan=plan_text or "（自己投資プランはまだありません）",
    )
    if mask:
        text = mask_names(text)
    return Filled(prompt, text.strip() + "\n", len(chosen), start, today)
