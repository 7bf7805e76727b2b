"""Form definitions are data: loading refuses an unknown fact or a field without a source."""

from __future__ import annotations

import re

import pytest

from navigator.forms.spec import FormLoadError, load_forms

GOOD = """
id: sample
title: 見本
source: {doc: seed-003, section: p.1}
sections:
  - id: s
    title: 事業主
    fields:
      - {id: name, label: 事業主の名称, fact: employer.name, source: {doc: seed-003, section: p.1}}
"""


def write(tmp_path, text):
    (tmp_path / "sample.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_good_definition_loads(tmp_path):
    forms = load_forms.__wrapped__(write(tmp_path, GOOD))
    assert forms["sample"].sections[0].fields[0].label == "事業主の名称"


def test_an_unknown_fact_fails_at_load_time_with_the_file_and_field(tmp_path):
    with pytest.raises(FormLoadError) as exc:
        load_forms.__wrapped__(write(tmp_path, GOOD.replace("employer.name", "employer.nmae")))
    assert "sample.yaml" in str(exc.value) and "field name" in str(exc.value) and "employer.nmae" in str(exc.value)


def test_a_field_without_source_fails(tmp_path):
    text = GOOD.replace(", source: {doc: seed-003, section: p.1}}", "}")
    with pytest.raises(FormLoadError, match="source がありません"):
        load_forms.__wrapped__(write(tmp_path, text))


def test_a_form_source_names_a_document_of_the_sources_list(tmp_path):
    """A form cites rules/sources.yaml by id (or a knowledge file of the project), as rules do."""
    from navigator.forms.spec import FORMS_DIR

    text = (FORMS_DIR / "jinzai-plan.yaml").read_text(encoding="utf-8")
    for doc, message in (("reference/official-figures.md §3", "プロジェクトのファイル reference/official-figures.md がありません"),
                         ("seed-003", "'seed-003' is a document of kind 'seed'"),
                         ("人材開発支援助成金の支給要領", "'人材開発支援助成金の支給要領' is not an entry of rules/sources.yaml")):
        (tmp_path / "jinzai-plan.yaml").write_text(text.replace("doc: mhlw-jinzai-yoryo-2025", f"doc: {doc}", 1),
                                                   encoding="utf-8")
        with pytest.raises(FormLoadError, match=re.escape(f"jinzai-plan.yaml: source.doc: {message}")):
            load_forms.__wrapped__(tmp_path)
