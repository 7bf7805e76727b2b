"""Generating a note version from a person's entries: the analysis (navigator.careerlog.note) and
its plain-text summary, which names themes, strengths and barriers but quotes no entry (quotes
are looked up when the note is shown, so a deleted entry is never quoted again)."""

from __future__ import annotations

import re
from datetime import date

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from navigator import PROJECT_ROOT
from navigator.careerlog.embedding import embedder
from navigator.careerlog.entries import Entry
from navigator.careerlog.knowledge import knowledge
from navigator.careerlog.note import SECTIONS, build_note

_env = Environment(
    loader=FileSystemLoader(str(PROJECT_ROOT / "templates" / "careerlog")),
    undefined=StrictUndefined,
    autoescape=False,  # plain text; the HTML pages escape on their own
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def jdate(value: date | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.year}年{value.month}月{value.day}日"


_env.filters["jdate"] = jdate


def generate(entries: list[Entry], start: date, end: date) -> dict:
    return build_note(entries, start, end, embed=embedder())


def note_text(data: dict, corrections: dict | None = None, quotes: dict[int, Entry] | None = None) -> str:
    """The note as plain text: what is stored as the body (quotes=None), and, with the entries to
    quote, what the prompt set, the meeting sheet and the recommendations read."""
    text = _env.get_template("note.txt").render(
        note=data,
        corrections=corrections or {},
        quotes=quotes,
        sections=SECTIONS,
        tone_labels=knowledge().analysis.tone.labels,
    )
    # one blank line before each section, none elsewhere doubled
    text = re.sub(r"\n*■", "\n\n■", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
