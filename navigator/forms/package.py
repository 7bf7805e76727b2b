"""The whole application set as files: one PDF per document, the set as one PDF, and a ZIP."""

from __future__ import annotations

import re

from navigator.forms import render
from navigator.forms.documents import Prepared, employer_documents
from navigator.forms.fill import FilledForm
from navigator.forms.programs import Program


def stage_dir(form: FilledForm, program: Program) -> str:
    names = {"reference": "00_確認", "plan": f"01_{program.stages['plan']}", "handover": "02_労働者へ手交",
             "application": f"03_{program.stages['application']}"}
    return names[form.spec.stage]


def file_name(number: int, form: FilledForm, program: Program) -> str:
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", form.label)
    return f"{stage_dir(form, program)}/{number:02d}_{name}.pdf"


class NotReady(ValueError):
    """Required facts are missing: `problems` name each form and field in Japanese."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def problems_of(prepared: Prepared, documents: list[FilledForm]) -> list[str]:
    return prepared.problems + [p for d in documents for p in d.problems]


def application_zip(prepared: Prepared, *, allow_missing: bool = False) -> tuple[bytes, list[FilledForm]]:
    documents = employer_documents(prepared)
    problems = problems_of(prepared, documents)
    if problems and not allow_missing:
        raise NotReady(problems)
    files = {file_name(i, d, prepared.program): render.pdf(render.html(d)) for i, d in enumerate(documents, 1)}
    files["README.txt"] = readme(prepared, documents).encode("utf-8")
    return render.zip_of(files), documents


def readme(prepared: Prepared, documents: list[FilledForm]) -> str:
    lines = [f"{prepared.case.employer.name or '（事業主名未入力）'} {prepared.program.title} 申請書類一式", "",
             "■ 書類"]
    lines += [f"  {file_name(i, d, prepared.program)}" for i, d in enumerate(documents, 1)]
    if prepared.warnings:
        lines += ["", "■ 規則エンジンの指摘（提出前に確認してください）"]
        lines += [f"  ・{w.text()}" for w in prepared.warnings]
    return "\n".join(lines) + "\n"
