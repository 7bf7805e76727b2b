"""人材開発支援助成金 人材育成支援コース: the demo company's documents, rendered once and read back
with poppler, and their numbers compared with `navigator check --json` of the same facts."""

from __future__ import annotations

import contextlib
import io
import json
import re

import pytest

from navigator import PROJECT_ROOT, dates
from navigator.cli import main
from navigator.forms import programs
from navigator.forms.documents import employer_documents, prepare
from navigator.yamlfile import load_facts_yaml

from formkit import read_back, squeeze

EXAMPLE = PROJECT_ROOT / "examples" / "jinzai-ikusei-sakura.yaml"
WAREKI = re.compile(r"(令和|平成)(元|\d+)年(\d+)月(\d+)日")
YEN = re.compile(r"(?<![\d,])(\d[\d,]*)円")


@pytest.fixture(scope="module")
def prepared():
    return prepare(load_facts_yaml(EXAMPLE.read_text(encoding="utf-8")), program=programs.get("jinzai.ikusei"))


@pytest.fixture(scope="module")
def rendered(prepared, tmp_path_factory):
    directory = tmp_path_factory.mktemp("jinzai")
    return {form.doc_id: read_back(form, directory) for form in employer_documents(prepared)}


@pytest.fixture(scope="module")
def check_json():
    """What `navigator check examples/jinzai-ikusei-sakura.yaml --json` prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", str(EXAMPLE), "--json"]) == 0
    return json.loads(out.getvalue())


def _walk(node, numbers: set, days: set) -> None:
    if isinstance(node, dict):
        for value in node.values():
            _walk(value, numbers, days)
    elif isinstance(node, list):
        for value in node:
            _walk(value, numbers, days)
    elif isinstance(node, bool):
        return
    elif isinstance(node, (int, float)) and float(node).is_integer():
        numbers.add(int(node))
    elif isinstance(node, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", node):
        days.add(node)


def _iso(match: re.Match) -> str:
    return dates.parse_date(match.group(0)).isoformat()


def test_the_set_of_the_course(rendered):
    assert set(rendered) == {"jinzai-checklist", "jinzai-timeline", "jinzai-plan-1", "jinzai-annual-plan-1",
                             "jinzai-trainees-1", "jinzai-application", "jinzai-breakdown"}


def test_every_yen_amount_and_date_in_the_pdfs_is_the_engines(rendered, check_json):
    """What the PDFs print as an amount or a date is a figure of `navigator check --json`: a
    computed value, a parameter in force, or a fact the rules read (their trace)."""
    numbers, days = set(), set()
    _walk(check_json, numbers, days)
    for doc_id, r in rendered.items():
        text = r.text.replace("\n", " ")  # cells stay apart: a number beside another is not read as one
        amounts = {int(m.group(1).replace(",", "")) for m in YEN.finditer(text)}
        printed = {_iso(m) for m in WAREKI.finditer(squeeze(text))}
        assert amounts <= numbers, (doc_id, sorted(amounts - numbers))
        assert printed <= days, (doc_id, sorted(printed - days))


def test_the_application_and_breakdown_print_the_engines_amounts(rendered, check_json):
    rule = next(r for r in check_json["results"] if r["rule"] == "jinzai.ikusei")
    assert rule["status"] == "eligible"
    application = squeeze(rendered["jinzai-application"].text)
    breakdown = squeeze(rendered["jinzai-breakdown"].text)
    total = f"{check_json['total_yen']:,}円"
    assert total == "507,100円" and total in application and total in breakdown
    for amount in rule["amounts"]:
        assert f"{amount['yen']:,}円" in application, amount
    for item in rule["items"]["trainee"]:
        for key in ("expense_yen", "wage_yen", "expense_cap", "expenses"):
            assert f"{int(item['values'][key]):,}円" in breakdown, (item["name"], key)
        assert f"{item['values']['expense_rate']}%" in breakdown
    for deadline in rule["deadlines"]:
        assert squeeze(dates.wareki(dates.parse_date(deadline["date"]))) in application, deadline["label"]


def test_the_timeline_and_plan_print_each_courses_deadlines(rendered, check_json):
    rule = next(r for r in check_json["results"] if r["rule"] == "jinzai.ikusei")
    timeline = squeeze(rendered["jinzai-timeline"].text)
    plan = squeeze(rendered["jinzai-plan-1"].text)
    for item in rule["items"]["trainee"]:
        for key in ("plan_from", "plan_by", "apply_by"):
            assert squeeze(dates.wareki(dates.parse_date(item["values"][key]))) in timeline, (item["name"], key)
        assert squeeze(dates.wareki(dates.parse_date(item["values"]["plan_by"]))) in plan
    # the plan's window is the one every course of the filing fits: the latest first day, the earliest last day
    assert "令和8年8月9日から令和9年1月2日まで" in plan


def test_every_filled_value_is_printed_and_the_font_embedded(rendered, prepared):
    assert prepared.problems == [] and {d: r.form.problems for d, r in rendered.items() if r.form.problems} == {}
    for doc_id, r in rendered.items():
        text = squeeze(r.text)
        assert [v for v in r.form.values() if any(piece not in text for piece in v.split())] == [], doc_id
        fonts = [line for line in r.fonts.splitlines()[2:] if line.strip()]
        assert len(fonts) == 1 and "Noto-Sans-CJK-JP" in fonts[0] and " yes " in fonts[0], (doc_id, r.fonts)


def test_reconstructed_layouts_say_so_and_each_field_cites_its_source(rendered):
    for doc_id, r in rendered.items():
        text = squeeze(r.text)
        if r.form.spec.reconstructed:
            assert "要確認：この書類の欄の並びは、公式の様式を参照できないため" in text, doc_id
        # the generic layout cites under each section; the checklist and the timeline have a 根拠 column
        for section in r.form.sections if r.form.spec.template == "generic.html" else []:
            for _, cite in section.citations:
                assert squeeze(cite)[:30] in text, (doc_id, section.spec.id, cite)
    assert {d for d, r in rendered.items() if r.form.spec.reconstructed} == {
        "jinzai-plan-1", "jinzai-annual-plan-1", "jinzai-trainees-1", "jinzai-application", "jinzai-breakdown"}


def test_the_checklist_is_the_rules_documents_with_the_unconfirmed_marked(rendered, prepared):
    text = squeeze(rendered["jinzai-checklist"].text)
    rows = prepared.context["derived"]["checklist"]
    assert [r["label"] for r in rows if r["forms"]] == [
        "職業訓練実施計画届", "年間職業能力開発計画（計画届に添付）", "対象労働者一覧（訓練ごとの受講者）",
        "支給申請書", "経費助成・賃金助成の内訳（受講者ごと）"]
    assert not any("賃金要件・資格等手当要件を満たすことを確認する書類" in r["label"] for r in rows)  # not met
    for row in rows:
        assert squeeze(row["label"])[:15] in text
    assert text.count("要確認") >= len([r for r in rows if "要確認" in r["source"]])


def test_the_cli_makes_the_set_of_the_course_the_facts_are_about(tmp_path, capsys):
    import zipfile

    assert main(["forms", "all", str(EXAMPLE), "-o", str(tmp_path / "set.zip")]) == 0
    names = zipfile.ZipFile(tmp_path / "set.zip").namelist()
    assert len([n for n in names if n.endswith(".pdf")]) == 7
    assert any(n.startswith("01_職業訓練実施計画届/") for n in names)
    readme = zipfile.ZipFile(tmp_path / "set.zip").read("README.txt").decode()
    assert readme.startswith("さくら精機株式会社 人材開発支援助成金 人材育成支援コース 申請書類一式")
    capsys.readouterr()
    toushi = str(PROJECT_ROOT / "examples" / "jinzai-toushi-sakura.yaml")
    assert main(["forms", "all", toushi, "-o", str(tmp_path / "t.zip")]) == 2
    assert "「人材開発支援助成金 人への投資促進コース」の書類は、学びナビではまだ作れません" in capsys.readouterr().err
