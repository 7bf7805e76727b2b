import datetime as dt
import shutil

import pytest
import yaml

from navigator import PROJECT_ROOT
from navigator.catalog import CatalogError, load_catalog
from navigator.catalog.hr_import import import_file, read_programs

TODAY = dt.date(2026, 11, 1)
HEADER = "ID,名称,種類,対象,説明,得られるもの,本人の費用,本人の時間,申込方法,出典,解消する壁,キーワード,終了日\n"
ROW_OK = "acme.shikaku,資格取得奨励金,費用支援,働く人,会社が指定する資格に合格すると奨励金を支給する。,お金,なし,試験の日,人事部に申請する,就業規則第40条,学び方がわからない,資格;奨励金,\n"


@pytest.fixture()
def project(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(PROJECT_ROOT / "catalog", root, ignore=shutil.ignore_patterns("courses"))
    return root


def test_a_valid_csv_is_imported_and_the_catalog_still_loads(project, tmp_path):
    path = tmp_path / "acme-programs.csv"
    path.write_text(HEADER + ROW_OK, encoding="utf-8")
    target, entries = import_file(path, load_catalog(project), project, company="アクメ株式会社", today=TODAY)
    assert target == project / "company" / "acme-programs.yaml"
    catalog = load_catalog(project)
    entry = catalog.get("acme.shikaku")
    assert entry.provider == "company" and entry.provider_name == "アクメ株式会社"
    assert entry.kind == "money" and entry.audience == ["employee"] and entry.keywords == ["資格", "奨励金"]
    assert entry.sources[0].ref == "就業規則第40条" and entry.sources[0].date == TODAY
    # editing: the corrected file replaces the earlier import
    path.write_text(HEADER + ROW_OK.replace("資格取得奨励金", "資格取得奨励金制度"), encoding="utf-8")
    import_file(path, catalog, project, company="アクメ株式会社", today=TODAY)
    assert load_catalog(project).get("acme.shikaku").name == "資格取得奨励金制度"


def test_errors_name_the_line_in_japanese_and_nothing_is_written(project, tmp_path):
    path = tmp_path / "acme.csv"
    bad_kind = ROW_OK.replace("費用支援", "ボーナス").replace("acme.shikaku", "acme.a")
    no_source = ROW_OK.replace("就業規則第40条", "").replace("acme.shikaku", "acme.b")
    bad_date = ROW_OK.replace("資格;奨励金,", "資格;奨励金,2026/3/31").replace("acme.shikaku", "acme.c")
    path.write_text(HEADER + ROW_OK + bad_kind + no_source + bad_date, encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        import_file(path, load_catalog(project), project, company="アクメ株式会社", today=TODAY)
    text = str(err.value)
    assert "acme.csv 3行目: 種類: 次のいずれかを書いてください: 給付金、助成金・補助金、講座" in text and "（入力: ボーナス）" in text
    assert "acme.csv 4行目: 出典: 必須項目です" in text
    assert "acme.csv 5行目" in text and "日付の形式" in text
    assert not (project / "company").exists()


def test_an_id_used_elsewhere_in_the_catalog_is_refused(project, tmp_path):
    path = tmp_path / "acme.csv"
    path.write_text(HEADER + ROW_OK.replace("acme.shikaku", "manabi-dx"), encoding="utf-8")
    with pytest.raises(CatalogError, match="manabi-dx.yaml"):
        import_file(path, load_catalog(project), project, company="アクメ株式会社", today=TODAY)


def test_yaml_errors_name_the_line(tmp_path):
    path = tmp_path / "acme.yaml"
    items = [
        {"id": "acme.ok", "name": "読書手当", "audience": ["employee"], "kind": "money", "description": "書籍代を補助",
         "gives": ["money"], "cost_for_person": "なし", "time_for_person": "なし", "how_to_apply": "申請",
         "sources": [{"kind": "company", "ref": "福利厚生規程"}]},
        {"id": "acme.bad", "name": "勉強会", "audience": ["everyone"], "kind": "community", "description": "社内勉強会",
         "gives": ["skill"], "cost_for_person": "なし", "time_for_person": "月1回", "how_to_apply": "参加する",
         "sources": [{"kind": "company", "ref": "社内通知"}]},
    ]
    path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        read_programs(path, "アクメ株式会社", TODAY)
    (problem,) = err.value.problems
    line = next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "everyone" in l)
    assert problem.where == f"acme.yaml {line}行目"
    assert "対象" in problem.message


def test_a_course_list_is_imported_through_a_manifest(project, tmp_path):
    src = tmp_path / "our-courses.json"
    src.write_text((PROJECT_ROOT / "data" / "courses" / "designated-courses-2022-04.json").read_text(encoding="utf-8"), encoding="utf-8")
    target, entries = import_file(src, load_catalog(project), project, company="アクメ株式会社", today=TODAY)
    assert target == project / "courses" / "our-courses.yaml" and len(entries) == 96
    assert (project.parent / "data" / "courses" / "our-courses.json").is_file()
    assert sum(e.provider == "school" for e in load_catalog(project)) == 96
