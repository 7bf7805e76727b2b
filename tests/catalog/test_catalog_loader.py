import datetime as dt
import shutil
from pathlib import Path

import pytest

from navigator import PROJECT_ROOT
from navigator.catalog import CatalogError, load_catalog

REQUIRED = [
    "kyoiku-kunren-kyufu.ippan", "kyoiku-kunren-kyufu.tokutei-ippan", "kyoiku-kunren-kyufu.senmon-jissen",
    "kyoiku-kunren-shien-kyufu", "kyoiku-kunren-kyuka-kyufu",
    "jinzai-kaihatsu.jinzai-ikusei", "jinzai-kaihatsu.kyuka-fuyo", "jinzai-kaihatsu.hito-toshi", "jinzai-kaihatsu.reskilling",
    "kigyounai.training-evaluation", "kigyounai.career-consulting", "kigyounai.skill-test-reward",
    "career-consulting", "job-card", "manabi-dx", "digital-skill-standard", "shokugyo-noryoku-hyoka-kijun",
    "chiiki-no-jinjibu", "hiroshima.it-passport", "hiroshima.jinzai-kaihatsu-itaku", "hiroshima.reskilling-sengen",
    "tottori.online-kigyo", "tottori.online-kyushokusha", "tokyo.dx-reskilling", "saga.smart-samurai",
    "saga.smart-ninja", "aichi.dx-kaisobetsu", "mie.dx-terakoya",
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_the_shipped_catalog_has_every_program_the_issue_names(catalog):
    missing = [i for i in REQUIRED if i not in catalog]
    assert not missing
    assert sum(e.provider == "school" for e in catalog) == 96
    assert sum(e.sample for e in catalog) >= 13


def test_every_entry_cites_a_source_and_samples_are_marked(catalog):
    for e in catalog:
        assert e.sources, e.id
        if catalog.files[e.id].startswith("catalog/company-samples/"):
            assert e.sample and e.display_name().endswith("（見本）")


def test_skill_tests_list_the_trades_of_seed_003(catalog):
    trades = {k for e in catalog if e.id.startswith("ginou-kentei.") for k in e.keywords}
    for trade in ("機械加工", "左官", "パン製造", "ウェブデザイン", "キャリア・コンサルティング", "フラワー装飾", "製本"):
        assert trade in trades
    assert len([e for e in catalog if e.id.startswith("ginou-kentei.")]) == 12


def test_historical_and_expired_programs_end(catalog):
    old = catalog.get("kigyounai.training-evaluation")
    assert old.status(dt.date(2015, 6, 1)) == "実施中"
    assert old.status(dt.date(2026, 11, 1)) == "終了"
    courses = [e for e in catalog if e.kind == "course" and e.provider == "school"]
    assert all(c.status(dt.date(2026, 11, 1)) == "終了" for c in courses)
    assert any(c.status(dt.date(2023, 1, 1)) == "実施中" for c in courses)


def test_unconfirmed_figures_are_marked(catalog):
    days = [f for f in catalog.get("kyoiku-kunren-kyuka-kyufu").figures if f.label == "給付日数"][0]
    assert days.confidence == "3P" and "要確認" in days.display()


def test_content_hash_follows_the_content(catalog, tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(PROJECT_ROOT / "catalog", root, ignore=shutil.ignore_patterns("courses"))
    before = load_catalog(root).content_hash()
    path = root / "government" / "manabi-dx.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("サイトの利用は無料", "サイトの利用は無料です"), encoding="utf-8")
    assert load_catalog(root).content_hash() != before


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


GOOD = """
id: {id}
name: テスト
provider: national
provider_name: 国
audience: [employee]
kind: benefit
description: 説明
gives: [money]
cost_for_person: なし
time_for_person: なし
how_to_apply: 申請する
sources:
  - {{kind: seed, ref: 000_f3526125b50af452.txt, section: "2-3"}}
"""


def test_an_invalid_entry_names_the_file_the_item_and_the_line(tmp_path):
    root = tmp_path / "catalog"
    bad = GOOD.format(id="test.bad").replace("kind: benefit", "kind: grant")
    _write(root, "government/ok.yaml", GOOD.format(id="test.ok"))
    _write(root, "government/bad.yaml", "entries:\n  - " + bad.strip().replace("\n", "\n    "))
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    message = str(err.value)
    assert "catalog/government/bad.yaml" in message
    assert "項目1（id=test.bad）" in message
    assert "7行目" in message and "種類" in message


def test_duplicate_ids_and_unmarked_samples_are_refused(tmp_path):
    root = tmp_path / "catalog"
    _write(root, "government/a.yaml", GOOD.format(id="test.same"))
    _write(root, "municipal/b.yaml", GOOD.format(id="test.same"))
    company = GOOD.format(id="sample.x").replace("provider: national", "provider: company")
    _write(root, "company-samples/c.yaml", company)
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    assert "重複" in str(err.value)
    assert "sample: true" in str(err.value)


def test_a_figure_citing_no_entry_of_the_sources_list_names_the_file_and_line(tmp_path):
    root = tmp_path / "catalog"
    bad = GOOD.format(id="test.fig") + 'figures:\n  - {label: 給付率, value: "20%", confidence: "O", source: official-figures.md §1}\n'
    _write(root, "government/fig.yaml", bad)
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    message = str(err.value)
    assert "catalog/government/fig.yaml" in message and "id=test.fig" in message
    assert "16行目" in message and "rules/sources.yaml の id" in message
