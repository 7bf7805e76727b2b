"""HTML (Jinja2, templates/documents/) -> A4 PDF (WeasyPrint) with the Japanese font embedded.

One Jinja environment and one WeasyPrint font configuration are kept for the process, so a warm
render only lays out the pages. Fonts: Debian's fonts-noto-cjk (Noto Sans/Serif CJK JP), found by
fontconfig and embedded as a subset in every PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache
from typing import Any, Iterable

from jinja2 import Environment, FileSystemLoader, select_autoescape

from navigator import PROJECT_ROOT, dates
from navigator.forms.chart import timeline_svg
from navigator.forms.fill import FilledForm, fmt

TEMPLATES = PROJECT_ROOT / "templates" / "documents"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["fmt"] = fmt
    env.filters["wareki"] = lambda d: fmt(d, "date")
    env.filters["yen"] = lambda v: fmt(v, "yen")
    env.filters["jdate"] = lambda d: fmt(d, "jdate")
    # a section's filled fields (or a table row) by field id: cells.own, cells.list
    env.filters["by_id"] = lambda cells: {c.spec.id: c for c in cells}
    env.globals["today"] = dt.date.today
    env.globals["wareki_today"] = lambda: dates.wareki(dt.date.today())
    return env


def html(form: FilledForm, **extra: Any) -> str:
    template = environment().get_template(form.spec.template)
    if form.spec.template == "timeline.html":
        extra.setdefault("chart", timeline_svg(form.context["derived"]["timeline"]))
    return template.render(form=form, spec=form.spec, ctx=form.context, **extra)


@lru_cache(maxsize=1)
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def document(markup: str):
    """A laid-out WeasyPrint document (its pages can be joined with others')."""
    from weasyprint import HTML

    return HTML(string=markup, base_url=str(TEMPLATES)).render(font_config=_fonts())


def pdf(markup: str) -> bytes:
    return document(markup).write_pdf()


def pdf_of(forms: Iterable[FilledForm]) -> bytes:
    """One PDF of several forms: each laid out on its own (its own page numbers), pages joined."""
    docs = [document(html(f)) for f in forms]
    if not docs:
        raise ValueError("書類がありません")
    pages = [page for doc in docs for page in doc.pages]
    return docs[0].copy(pages).write_pdf()


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
