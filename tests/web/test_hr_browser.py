"""The HR journey in headless Chromium: HR of the demo company, starting from an empty case, chooses
人材開発支援助成金 人材育成支援コース, answers what it asks, imports the trainees from CSV, reaches the
verdict and the amounts, fills what the documents need and downloads the whole set; the numbers in
its PDFs are those of `navigator check --json` of the saved case. Screenshots and the PDFs' pages
(pdftoppm) go to test-artifacts/."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import urllib.request
import zipfile

from icalendar import Calendar
from sqlalchemy import select

from navigator import PROJECT_ROOT, dates
from navigator.cli import main
from navigator.store import employer_cases
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.models import EmployerCaseRecord, User
from navigator.store.viewer import Viewer
from navigator.yamlfile import load_facts_yaml

from browserkit import ARTIFACTS, DESKTOP, PHONE, needs_chromium, shot, sign_in, submit

pytestmark = needs_chromium

EXAMPLE = load_facts_yaml((PROJECT_ROOT / "examples/jinzai-ikusei-sakura.yaml").read_text(encoding="utf-8"))
TRAINEES = PROJECT_ROOT / "examples" / "jinzai-ikusei-sakura-trainees.csv"
WAREKI = re.compile(r"(令和|平成)(元|\d+)年(\d+)月(\d+)日")
YEN = re.compile(r"(?<![\d,])(\d[\d,]*)円")


def _db(world):
    return make_sessionmaker(make_engine(f"sqlite:///{world.db_path}"))()


def _hr(db):
    return Viewer.of(db.scalar(select(User).where(User.email == "hr@sakura.example.jp")))


def _set(driver, name: str, value: str) -> None:
    """Types into the input (or picks the option) named `name`; a date input gets its ISO value."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    element = driver.find_element(By.NAME, name)
    if element.tag_name == "select":
        Select(element).select_by_value(value)
    elif element.get_attribute("type") == "date":
        driver.execute_script("arguments[0].value = arguments[1]", element, value)
    else:
        element.clear()
        element.send_keys(value)


def _flash(driver) -> str:
    from selenium.webdriver.common.by import By

    return " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, ".flash"))


def _get(driver, url: str) -> bytes:
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies})) as response:
        return response.read()


def _walk(node, numbers: set, days: set) -> None:
    if isinstance(node, dict):
        node = list(node.values())
    if isinstance(node, list):
        for value in node:
            _walk(value, numbers, days)
    elif isinstance(node, (int, float)) and not isinstance(node, bool) and float(node).is_integer():
        numbers.add(int(node))
    elif isinstance(node, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", node):
        days.add(node)


def test_hr_reaches_the_verdict_and_the_documents_of_jinzai_ikusei_from_an_empty_case(server, browser, live_world, tmp_path):
    from selenium.webdriver.common.by import By

    with _db(live_world) as db:  # HR starts from nothing
        for record in db.scalars(select(EmployerCaseRecord)):
            db.delete(record)
        db.commit()
    sign_in(browser, server, "hr@sakura.example.jp")
    browser.get(f"{server}/hr/plan")
    assert "企業内人材育成推進助成金（個別企業助成コース）" in browser.page_source
    assert "2016年3月31日で終了した制度です" in browser.page_source
    shot(browser, "30-hr-choose-course", PHONE)
    shot(browser, "30-hr-choose-course", DESKTOP)

    # 1 the course
    browser.find_element(By.CSS_SELECTOR, "input[name=program][value='jinzai.ikusei']").click()
    submit(browser, "form[action='/hr/plan/program']")
    assert "「人材開発支援助成金 人材育成支援コース」で進めます" in _flash(browser)

    # 3 what it asks: the size of the company (the capital settles it, the number of people is not needed)
    _set(browser, "q:employer.industry", "other")
    _set(browser, "q:employer.capital_yen", "50,000,000円")
    submit(browser, "form#answers")
    assert "2件の回答を保存しました" in _flash(browser)
    assert not browser.find_elements(By.NAME, "q:employer.regular_employees")

    # 4 the trainees: a number typed as a name is refused beside the field, what was typed stays
    browser.find_element(By.CSS_SELECTOR, "#row-form summary").click()
    for name, value in {"t:worker.id": "E001", "t:worker.name": "12345", "t:course.name": "生産管理実務研修",
                        "t:course.start_date": "2027-02-01"}.items():
        _set(browser, name, value)
    _set(browser, "t:course.training_type", "人材育成訓練（人材育成支援コース）")
    submit(browser, "form[action='/hr/plan/trainees']")
    assert browser.find_element(By.ID, "e-f-t-worker-name").text == "「氏名」：名前を書いてください（数字だけは受け付けません）"
    assert browser.find_element(By.ID, "f-t-worker-name").get_attribute("value") == "12345"
    assert browser.find_element(By.ID, "f-t-course-name").get_attribute("value") == "生産管理実務研修"
    shot(browser, "31-hr-trainee-error", PHONE)
    # ... then the whole table from the CSV
    browser.get(f"{server}/hr/plan")
    browser.find_element(By.CSS_SELECTOR, "#csv summary").click()
    browser.find_element(By.ID, "f-csv").send_keys(str(TRAINEES))
    submit(browser, "form[action='/hr/plan/trainees/import']")
    assert "jinzai-ikusei-sakura-trainees.csv から受講者4行を取り込みました" in _flash(browser)
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.trainees tbody tr")) == 4

    # 3 again: what the claim and the rates still need
    asked = {e.get_attribute("name") for e in browser.find_elements(By.CSS_SELECTOR, "form#answers [name^='q:']")}
    assert asked == {"q:application.submitted_on", "q:employer.wage_increase_met"}
    _set(browser, "q:application.submitted_on", "2027-04-09")
    _set(browser, "q:employer.wage_increase_met", "false")
    submit(browser, "form#answers")

    # 2 the verdict: amounts, each trainee's values, caps, the what-if
    verdict = browser.find_element(By.ID, "verdict").text
    assert "人材開発支援助成金 人材育成支援コース：対象　507,100円" in verdict
    assert "405,500円" in verdict and "101,600円" in verdict and "10,000,000円" in verdict
    assert "経費助成率が45%から60%に（+15ポイント）" in verdict
    shot(browser, "32-hr-verdict", PHONE)
    shot(browser, "32-hr-verdict", DESKTOP)

    # 6 what the documents print and nobody entered yet
    needed = [e.get_attribute("name") for e in browser.find_elements(By.CSS_SELECTOR, "form#document-answers [name^='q:']")]
    employer = EXAMPLE["employer"]
    assert set(needed) == {f"q:employer.{key}" for key in ("name", "labor_bureau", "postal_code", "address", "representative",
                                                           "phone", "insurance_office_number", "labor_insurance_number",
                                                           "main_business", "regular_employees")}
    for name in needed:
        _set(browser, name, str(employer[name.split(".")[1]]))
    submit(browser, "form#document-answers")
    assert "10件の回答を保存しました" in _flash(browser)
    documents = browser.find_element(By.ID, "documents").text
    assert "規則エンジンの指摘も、未入力の欄もありません。" in documents
    shot(browser, "33-hr-schedule-documents", DESKTOP)
    shot(browser, "33-hr-schedule-documents", PHONE)

    # the deadlines as iCal: one event per course and deadline, with its basis
    events = Calendar.from_ical(_get(browser, f"{server}/hr/plan/deadlines.ics")).walk("VEVENT")
    assert len(events) == 6 and all("根拠：" in str(e["description"]) for e in events)

    # the whole set, and its numbers against `navigator check --json` of the saved case
    with _db(live_world) as db:
        saved = employer_cases.get_case(db, _hr(db))
        assert employer_cases.get_program(db, _hr(db)) == "jinzai.ikusei"
    facts_file = tmp_path / "saved.json"
    facts_file.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", str(facts_file), "--json"]) == 0
    report = json.loads(out.getvalue())
    assert report["total_yen"] == 507100
    numbers, days = set(), set()
    _walk(report, numbers, days)
    archive = zipfile.ZipFile(io.BytesIO(_get(browser, f"{server}/hr/plan/package.zip")))
    pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == 7
    pages = ARTIFACTS / "hr-pdf"
    pages.mkdir(exist_ok=True)
    for number, name in enumerate(pdfs, 1):
        path = tmp_path / f"{number:02d}.pdf"
        path.write_bytes(archive.read(name))
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
        flat = text.replace("\n", " ")
        amounts = {int(m.group(1).replace(",", "")) for m in YEN.finditer(flat)}
        printed = {dates.parse_date(m.group(0)).isoformat() for m in WAREKI.finditer(re.sub(r"\s+", "", flat))}
        assert amounts <= numbers and printed <= days, (name, amounts - numbers, printed - days)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(pages / f"{number:02d}")], check=True)
    breakdown = next(n for n in pdfs if "内訳" in n)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-", "-"], input=archive.read(breakdown),
                                             capture_output=True, check=True).stdout.decode())
    rule = next(r for r in report["results"] if r["rule"] == "jinzai.ikusei")
    for item in rule["items"]["trainee"]:
        assert f"{item['values']['expense_yen']:,}円" in text and f"{item['values']['wage_yen']:,}円" in text
    # switching to the ended program and back keeps every fact entered
    browser.get(f"{server}/hr/plan")
    browser.find_element(By.CSS_SELECTOR, "input[name=program][value='kigyounai']").click()
    submit(browser, "form[action='/hr/plan/program']")
    assert "2016年3月31日で終了した制度です。いまの申請には人材開発支援助成金のコースを選んでください" in browser.page_source
    shot(browser, "34-hr-ended-program", PHONE)
    browser.find_element(By.CSS_SELECTOR, "input[name=program][value='jinzai.ikusei']").click()
    submit(browser, "form[action='/hr/plan/program']")
    assert "人材開発支援助成金 人材育成支援コース：対象　507,100円" in browser.find_element(By.ID, "verdict").text
    with _db(live_world) as db:
        assert employer_cases.get_case(db, _hr(db)) == saved
