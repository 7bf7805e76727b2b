"""The employee's benefits end to end over HTTP: the 雇用保険 profile interview, the course list
with 「あなたの場合」, the benefit check of a real designated course (the same amount as
`navigator benefit`), the plan's dated steps and iCal, bad input, privacy and erasure."""

from __future__ import annotations

import datetime as dt
import html
import re

import yaml
from icalendar import Calendar

from navigator.cli import main
from webworld import PROFILE_MARKERS

COURSE = "course.1310264-2210011-9"  # ＩｏＴエンジニア育成Ｂコース, 専門実践, 688,160円, 12か月 (data/courses)
# A plan for it within its designation (令和4年4月1日〜令和7年3月31日), the pre-course steps done in
# time, the fee paid at the start: the case of examples/benefit-worker.yaml + benefit-course-iot.yaml.
PLAN_IN_TIME = {"start_date": "2024-10-01", "fee_schedule": "at_start", "consulted_on": "2024-08-20",
                "consultant_training_certified": "true", "consulting_method": "face_to_face",
                "sheets_told": "1", "sheets_used": ["1-1", "2", "3-1", "3-2"], "card_kept_by_me": "true",
                "eligibility_checked_on": "2024-09-10"}


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.text)))


def _fresh_profile(client, token):
    assert client.post("/benefits/delete", data={"csrf_token": token}).status_code == 303
    assert client.get("/api/v1/profile").json()["profile"] == {}


def test_the_interview_asks_what_decides_most_first_and_stops_when_nothing_is_left(client_for):
    client, token = client_for("owner")
    _fresh_profile(client, token)
    first = client.get("/api/v1/profile").json()["questions"]
    assert first[0]["field"] == "insured_now"  # decides every program's insurance requirement
    assert [q["settles"] for q in first] == sorted((q["settles"] for q in first), reverse=True)
    page = _text(client.get("/benefits"))
    assert "次の質問" in page and "いま雇用保険に入って働いている" in page

    for answer in ({"insured_now": "true"}, {"insured_since": "平成30年4月1日"}, {"benefits_before": "false"}):
        assert client.post("/benefits/answer", data={**answer, "csrf_token": token}).status_code == 303
    data = client.get("/api/v1/profile").json()
    assert data["profile"] == {"insured_now": True, "insured_since": "2018-04-01", "benefits_before": False}
    assert data["questions"] == []  # 離職日 and the rest decide nothing for someone insured now
    assert all(r["met"] is True for program in data["requirements"] for r in program["requirements"])
    assert "判定に必要なことは、すべて答えました" in _text(client.get("/benefits"))


def test_a_short_insurance_gets_the_date_it_will_be_enough(client_for):
    client, token = client_for("owner")
    _fresh_profile(client, token)
    start = dt.date.fromisoformat(client.get("/api/v1/profile").json()["reference_start"])
    joined = start.replace(year=start.year - 1)  # a year of insurance: enough for 一般 (first claim), not 専門実践
    form = {"insured_now": "true", "insured_since": joined.isoformat(), "benefits_before": "false", "csrf_token": token}
    assert client.post("/benefits", data=form).status_code == 303
    programs = {p["program"]: p["requirements"] for p in client.get("/api/v1/profile").json()["requirements"]}
    period = [r for r in programs["専門実践教育訓練給付金"] if "支給要件期間" in r["label"]][0]
    assert period["met"] is False and "2年" in period["remedy"]  # 専門実践's first claim needs 2 years
    assert all(r["met"] for r in programs["一般教育訓練給付金"])


def test_bad_dates_are_refused_in_japanese_and_nothing_saved_is_lost(client_for):
    client, token = client_for("owner")
    before = client.get("/api/v1/profile").json()["profile"]
    response = client.post("/benefits", data={"insured_since": "2026-02-30", "csrf_token": token})
    assert response.status_code == 422
    assert "「雇用保険に入った日」：'2026-02-30' は存在しない日付です（2026年2月は28日まで）。" in _text(response)
    response = client.post("/benefits", data={"insured_now": "false", "insured_since": "2020-04-01",
                                              "left_on": "令和2年3月31日", "csrf_token": token})
    assert response.status_code == 422
    assert "離職日（2020年3月31日）が「雇用保険に入った日」（2020年4月1日）より前です" in _text(response)
    assert 'value="令和2年3月31日"' in response.text  # what was typed stays in the form
    assert client.get("/api/v1/profile").json()["profile"] == before
    api = client.put("/api/v1/profile", json={"insured_since": "2020-04-01", "left_on": "2020-03-31"})
    assert api.status_code == 422 and any(f["field"] == "left_on" for f in api.json()["fields"])
    assert client.get("/api/v1/profile").json()["profile"] == before


def test_a_real_course_shows_the_amount_navigator_benefit_computes(client_for, tmp_path, capsys):
    client, token = client_for("owner")  # the world's profile: insured since 2018-04-01, first claim
    saved = client.post(f"/courses/{COURSE}/plan", data={**PLAN_IN_TIME, "csrf_token": token})
    assert saved.status_code == 303
    page = _text(client.get(f"/courses/{COURSE}"))
    assert "あなたの場合 対象 344,080円" in page
    assert "受講中" in page and "資格取得・就職" in page and "賃金上昇" in page  # the amounts by stage
    assert "実質の負担（確定した給付で） 344,080円" in page  # 688,160円 − 344,080円
    assert "2024年9月17日 （令和6年9月17日）" in page  # pre-course steps: 14 days before the start
    assert "{{" not in page  # every label filled with the parameters in force

    facts = client.get(f"/courses/{COURSE}/facts.yaml")
    assert facts.status_code == 200
    path = tmp_path / "facts.yaml"
    path.write_text(facts.text, encoding="utf-8")
    assert main(["benefit", str(path), "--json"]) == 0
    cli = yaml.safe_load(capsys.readouterr().out)
    api = client.get(f"/api/v1/courses/{COURSE}/benefit").json()
    assert cli["total_yen"] == api["total_yen"] == 344080
    assert api["cost"] == {"fee_yen": 688160, "employer_paid_yen": 0, "worker_paid_yen": 688160,
                           "net_yen": 344080, "net_at_best_yen": 688160 - api["prospect_yen"]}


def test_a_company_allowance_is_taken_out_before_the_benefit(client_for):
    client, token = client_for("owner")
    form = {**PLAN_IN_TIME, "employer_paid_yen": "１００，０００円", "csrf_token": token}
    assert client.post(f"/courses/{COURSE}/plan", data=form).status_code == 303
    cost = client.get(f"/api/v1/courses/{COURSE}/benefit").json()["cost"]
    assert cost["employer_paid_yen"] == 100000 and cost["worker_paid_yen"] == 588160
    assert cost["net_yen"] == 588160 - 294080  # 50% of what the person paid


def test_the_dated_steps_go_into_a_plan_and_its_calendar(client_for):
    client, token = client_for("owner")
    assert client.post(f"/courses/{COURSE}/plan", data={**PLAN_IN_TIME, "csrf_token": token}).status_code == 303
    added = client.post(f"/courses/{COURSE}/to-plan", data={"plan_id": "", "csrf_token": token})
    assert added.status_code == 303
    plan_url = added.headers["location"].split("#")[0]
    page = _text(client.get(plan_url))
    assert "ＩｏＴエンジニア育成Ｂコース" in page
    assert "2024年9月17日" in page and "2025年4月30日" in page  # pre-course deadline, first claim
    again = client.post(f"/courses/{COURSE}/to-plan", data={"plan_id": plan_url.rsplit("/", 1)[1], "csrf_token": token})
    assert again.status_code == 303  # the same steps are not added twice
    plans = [p for p in client.get("/api/v1/plans").json() if p["id"] == int(plan_url.rsplit("/", 1)[1])]
    ics = client.get(f"{plan_url}/calendar.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    events = [e for e in Calendar.from_ical(ics.content).walk("VEVENT")]
    days = sorted(e.decoded("dtstart") for e in events)
    assert dt.date(2024, 9, 17) in days and dt.date(2025, 4, 30) in days
    assert len(days) == len(set((e.decoded("dtstart"), str(e["summary"])) for e in events)) and plans
    claim = next(e for e in events if e.decoded("dtstart") == dt.date(2025, 4, 30))
    assert "専門実践教育訓練給付金" in str(claim["description"])  # why it is due then


def test_the_course_list_filters_and_says_what_would_change_the_answer(client_for):
    client, _ = client_for("owner")
    listing = client.get("/api/v1/courses?field=data-ai&way=online&max_fee=500000").json()
    assert listing["total"] > 0
    for item in listing["items"]:
        assert "データ分析・AI" in item["fields"]
        assert item["course"]["fee_yen"] <= 500000 and "ラーニング" in item["course"]["method"]
        case = item["your_case"]
        assert case["status"] in ("対象", "対象外", "判定不能")
        if not item["course"]["designation"]["current"]:  # the 2022 list: designation ended
            assert case["status"] == "対象外" and case["designation_ended"]
    page = _text(client.get("/courses?field=data-ai&way=online&max_fee=500000"))
    assert "指定が更新されていれば" in page and "あなたの場合" in page
    bad = client.get("/courses?max_fee=たくさん")
    assert bad.status_code == 200 and "「受講料の上限」は数字で入力してください" in _text(bad)
    assert client.get("/api/v1/courses?max_fee=たくさん").status_code == 422
    pages = client.get("/api/v1/courses").json()
    assert pages["pages"] > 1 and len(pages["items"]) == 20
    second = client.get("/api/v1/courses?page=2").json()
    assert {i["id"] for i in second["items"]}.isdisjoint(i["id"] for i in pages["items"])


def test_nobody_else_reaches_the_profile_and_staff_see_no_personal_answer(client_for):
    for persona in ("hr", "admin", "companion", "other_org_employee"):
        client, _ = client_for(persona)
        for url in ("/benefits", "/api/v1/profile", f"/courses/{COURSE}", f"/api/v1/courses/{COURSE}/benefit",
                    "/courses", "/api/v1/courses"):
            response = client.get(url)
            leaked = [m for m in PROFILE_MARKERS if m in response.text]
            assert not leaked, (persona, url)
    hr, _ = client_for("hr")
    assert hr.get("/benefits").status_code == 403 and hr.get("/api/v1/profile").status_code == 403
    assert "あなたの場合" not in _text(hr.get(f"/courses/{COURSE}")).replace("「あなたの場合」", "")
    assert all(i["your_case"] is None for i in hr.get("/api/v1/courses").json()["items"])
    other, _ = client_for("other_org_employee")  # an employee with no profile of their own
    assert other.get("/api/v1/profile").json()["profile"] == {}


def test_the_profile_is_in_the_export_and_goes_with_the_account(client_for):
    import io
    import json
    import zipfile

    client, token = client_for("owner")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/account/export").content))
    data = json.loads(archive.read("data.json"))
    assert data["worker_profile"][0]["data"]["profile"]["wage_monthly_yen"] == 987654
    assert client.post("/benefits/delete", data={"csrf_token": token}).status_code == 303
    archive = zipfile.ZipFile(io.BytesIO(client.get("/account/export").content))
    assert json.loads(archive.read("data.json"))["worker_profile"] == []
