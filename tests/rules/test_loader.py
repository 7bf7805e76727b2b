"""A rule file that names an unknown fact, lacks a date or a source fails at load time, naming both."""

import textwrap

import pytest

from navigator.rules.loader import RuleLoadError, load_rule_base, load_rule_file

VALID = """
id: test.sample
title: 試験用
program: 試験
validity_source: {doc: seed-003, section: s}
parameters:
  limit:
    label: 上限
    values:
      - {since: 2020-04-01, value: 10, source: {doc: seed-003, section: s}}
conditions:
  - id: small
    label: 小さいこと
    expr: employer.regular_employees <= params.limit
    source: {doc: seed-003, section: s}
"""


def write(tmp_path, text):
    path = tmp_path / "rule.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path):
    rule = load_rule_file(write(tmp_path, VALID))
    assert rule.spec.id == "test.sample"
    assert [r.dotted() for r in rule.conditions["small"].references] == [
        "employer.regular_employees", "params.limit"]


@pytest.mark.parametrize("change, message", [
    (("employer.regular_employees", "employer.regular_employes"), "unknown fact 'employer.regular_employes'"),
    (("params.limit", "params.limt"), "unknown parameter 'params.limt'"),
    (("expr: employer", "expr: size(employer) > 0 && employer"), None),
    (("employer.regular_employees <=", "nosuch.field <="), "unknown name 'nosuch'"),
    (("employer.regular_employees <= params.limit", "employer.regular_employees <= "), "CEL syntax error"),
    (("employer.regular_employees <=", "frobnicate(employer.regular_employees) <="), "unknown function 'frobnicate'"),
    (("      - {since: 2020-04-01, value: 10, source: {doc: seed-003, section: s}}", "      - {value: 10, source: {doc: seed-003, section: s}}"), "since"),
    (("    expr: employer.regular_employees <= params.limit\n    source: {doc: seed-003, section: s}", "    expr: employer.regular_employees <= params.limit"), "conditions.0.source"),
    (("id: small", "id: Small"), "conditions.0.id"),
    (("title: 試験用", "title: 試験用\nunknown_key: 1"), "unknown_key"),
    # a key typed twice would silently replace the first
    (("    expr: employer.regular_employees <= params.limit\n", "    expr: employer.regular_employees <= params.limit\n    expr: true\n"),
     "the key 'expr' appears twice in one mapping (line 15)"),
    # a source names a document of rules/sources.yaml, with a confidence its kind allows
    (("    expr: employer.regular_employees <= params.limit\n    source: {doc: seed-003, section: s}", "    expr: employer.regular_employees <= params.limit\n    source: {doc: reference/official-figures.md §1, section: s}"),
     "conditions.0.source.doc: 'reference/official-figures.md §1' is not an entry of rules/sources.yaml"),
    (("    expr: employer.regular_employees <= params.limit\n    source: {doc: seed-003, section: s}", "    expr: employer.regular_employees <= params.limit\n    source: {doc: seed-003, section: s, confidence: O}"),
     "conditions.0.source.doc: 'seed-003' is a document of kind 'seed'"),
    (("    expr: employer.regular_employees <= params.limit\n    source: {doc: seed-003, section: s}", "    expr: employer.regular_employees <= params.limit\n    source: {doc: mhlw-kyufu, section: s}"),
     "conditions.0.source.doc: 'mhlw-kyufu' is a document of kind 'official'"),
    (("    expr: employer.regular_employees <= params.limit\n    source: {doc: seed-003, section: s}", "    expr: employer.regular_employees <= params.limit\n    source: {doc: third-party-kigyounai, section: s, confidence: O}"),
     "'third-party-kigyounai' is a document of kind 'third-party': its citations take confidence 3P / ?"),
    (("    expr: employer.regular_employees <= params.limit\n    source: {doc: seed-003, section: s}", "    expr: employer.regular_employees <= params.limit\n    source: {doc: mhlw-kyufu, section: s, confidence: 3P}"), None),
])
def test_bad_file_fails_naming_file_and_item(tmp_path, change, message):
    path = write(tmp_path, VALID.replace(*change))
    if message is None:
        load_rule_file(path)  # a valid variation
        return
    with pytest.raises(RuleLoadError) as error:
        load_rule_file(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_scope_paths_are_checked(tmp_path):
    text = VALID + textwrap.dedent("""
    scopes:
      - id: trainee
        label: 受講者
        over: [courses, trainees]
        names: [course, trainee]
        conditions:
          - id: hours
            label: 時間
            expr: trainee.attended_hour >= 1.0
            source: {doc: seed-003, section: s}
    """)
    with pytest.raises(RuleLoadError, match=r"scopes.trainee.conditions.hours: unknown fact 'courses\[\].trainees\[\].attended_hour'"):
        load_rule_file(write(tmp_path, text))


def test_unknown_dependency_and_cycle(tmp_path):
    (tmp_path / "a.yaml").write_text(VALID.replace("test.sample", "test.a") + "uses: {b: test.b}\n", encoding="utf-8")
    with pytest.raises(RuleLoadError, match="unknown rule 'test.b'"):
        load_rule_base(tmp_path)
    (tmp_path / "b.yaml").write_text(VALID.replace("test.sample", "test.b") + "uses: {a: test.a}\n", encoding="utf-8")
    with pytest.raises(RuleLoadError, match="cycle"):
        load_rule_base(tmp_path)


def test_shipped_rules_load_and_cite_sources():
    base = load_rule_base()
    assert "kigyounai.training_evaluation" in base.rules
    for rule in base.rules.values():
        for cond in rule.spec.conditions:
            assert cond.source.doc and cond.source.section


def test_every_amount_of_a_worker_benefit_says_when_it_is_paid():
    """The benefit check of a course (navigator/benefits/check.py) shows the amounts by stage."""
    from navigator.rules import rule_base

    menus = [r for r in rule_base().for_facts("worker") if r.spec.role == "menu"]
    assert menus
    unstaged = [f"{r.spec.id}.{a.id}" for r in menus for a in r.spec.amounts if a.stage is None]
    assert not unstaged, f"amounts without a stage: {unstaged}"
