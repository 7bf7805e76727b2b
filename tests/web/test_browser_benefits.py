"""The employee's benefit journey in headless Chromium, at phone (390 px) and desktop width: the
雇用保険 profile interview, a mistyped date, the course list, the benefit check of a real
designated course, its plan, and the steps in a self-investment plan. Screenshots go to
test-artifacts/ (benefits-*.png) for a person to look at."""

from __future__ import annotations

import re

from browserkit import DESKTOP, PHONE, needs_chromium, shot, sign_in, submit

pytestmark = needs_chromium

EMPLOYEE = "jiro@sakura.example.jp"  # an employee of the demo with no profile yet
ANSWERS = {"insured_now": "true", "insured_since": "平成30年4月1日", "benefits_before": "false"}

def _wait(driver, condition, message):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(condition, message)

def _answer_the_interview(driver, base):
    from selenium.webdriver.common.by import By

    asked = []
    for _ in range(len(ANSWERS) + 1):
        driver.get(f"{base}/benefits")
        form = driver.find_elements(By.CSS_SELECTOR, "form[action='/benefits/answer']")
        if not form:
            break
        name = form[0].find_element(By.CSS_SELECTOR, "input:not([type=hidden]), select").get_attribute("name")
        asked.append(name)
        assert name in ANSWERS, f"the interview asked {name}, which this journey does not expect"
        field = form[0].find_element(By.CSS_SELECTOR, f"[name={name}]")
        if field.get_attribute("type") == "radio":
            form[0].find_element(By.CSS_SELECTOR, f"input[name={name}][value={ANSWERS[name]}]").click()
        else:
            field.send_keys(ANSWERS[name])
        if len(asked) == 1:
            shot(driver, "benefits-01-first-question", PHONE)
        submit(driver, "form[action='/benefits/answer']")
    return asked

def test_an_employee_answers_the_profile_finds_a_course_and_plans_it(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    sign_in(browser, server, EMPLOYEE)
    asked = _answer_the_interview(browser, server)
    assert asked[0] == "insured_now" and set(asked) <= set(ANSWERS)
    assert "判定に必要なことは、すべて答えました" in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, "ul.requirements li.met")
    assert not browser.find_elements(By.CSS_SELECTOR, "ul.requirements li.unknown")
    shot(browser, "benefits-02-answered", PHONE)
    shot(browser, "benefits-02-answered", DESKTOP)

    # a date that does not exist, typed in 和暦: the message names the field, nothing is lost
    browser.find_element(By.CSS_SELECTOR, "details summary").click()
    birth = browser.find_element(By.ID, "f-birth_date")
    birth.send_keys("令和8年2月30日")
    submit(browser, "form[action='/benefits'][method=post]")
    shot(browser, "benefits-03-bad-date", PHONE)
    error = browser.find_element(By.ID, "e-birth_date").text
    assert error == "「生年月日」：'令和8年2月30日' は存在しない日付です（2026年2月は28日まで）。"
    assert browser.find_element(By.ID, "f-birth_date").get_attribute("value") == "令和8年2月30日"
    assert browser.find_element(By.ID, "f-insured_since").get_attribute("value") == "2018-04-01"

    browser.get(f"{server}/courses")
    Select(browser.find_element(By.ID, "f-field")).select_by_visible_text("データ分析・AI")
    Select(browser.find_element(By.ID, "f-way")).select_by_visible_text("オンライン（eラーニング・通信）")
    submit(browser, "form.search")
    assert "field=data-ai" in browser.current_url
    verdicts = browser.find_elements(By.CSS_SELECTOR, ".verdict")
    assert verdicts and all(re.search(r"あなたの場合\s*(対象外|対象|判定不能)", v.text) for v in verdicts)
    shot(browser, "benefits-04-courses", PHONE)
    shot(browser, "benefits-04-courses", DESKTOP)

    browser.find_element(By.CSS_SELECTOR, "ol.courses h2 a").click()
    _wait(browser, lambda d: "/courses/course." in d.current_url, "the course page did not open")
    assert "いつ・いくら支給されるか" in browser.page_source or "受講料と実質の負担" in browser.page_source
    shot(browser, "benefits-05-check", PHONE)
    shot(browser, "benefits-05-check", DESKTOP)

    # the person's plan for it: the fee paid at the start, a company allowance in full-width digits
    fee = browser.find_elements(By.ID, "f-fee_schedule")
    if fee:
        Select(fee[0]).select_by_visible_text("受講開始時にまとめて払う")
    browser.find_element(By.ID, "f-employer_paid_yen").send_keys("５０，０００円")
    submit(browser, "form[action$='/plan']")
    assert "この講座の予定を保存しました" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert "− 50,000円" in browser.page_source
    shot(browser, "benefits-06-planned", DESKTOP)

    submit(browser, "form[action$='/to-plan']")
    assert "/plans/" in browser.current_url
    steps = [s.text for s in browser.find_elements(By.CSS_SELECTOR, "ul.steps li strong")]
    assert any("受講開始" in s for s in steps) and any("訓練前キャリアコンサルティング" in s or "申請" in s for s in steps)
    assert browser.find_elements(By.CSS_SELECTOR, "a[href$='/calendar.ics']")
    shot(browser, "benefits-07-plan", PHONE)
    shot(browser, "benefits-07-plan", DESKTOP)

def test_hr_sees_the_catalog_but_no_ones_profile(server, browser):
    from selenium.webdriver.common.by import By

    sign_in(browser, server, "hr@sakura.example.jp")
    browser.get(f"{server}/courses")
    assert browser.find_elements(By.CSS_SELECTOR, "ol.courses li") and not browser.find_elements(By.CSS_SELECTOR, ".verdict")
    assert "働く人のアカウント" in browser.page_source
    browser.get(f"{server}/benefits")
    assert "このページを表示する権限がありません" in browser.page_source
    shot(browser, "benefits-08-hr", PHONE)
