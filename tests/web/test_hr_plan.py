"""/hr/plan with 人材開発支援助成金: choosing the course, the interview of that course only, the
verdict with amounts, caps and what-if, the per-trainee table (one row, CSV in and out), the
deadlines as iCal; bad input named beside its field, nothing saved."""

from __future__ import annotations

import html
import io
import re

import pytest
from icalendar import Calendar
from sqlalchemy import select

from navigator import PROJECT_ROOT
from navigator.store import employer_cases
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.models import EmployerCaseRecord, User
from navigator.store.viewer import Viewer

TRAINEES_CSV = PROJECT_ROOT / "examples" / "jinzai-ikusei-sakura-trainees.csv"


def store(world):
    engine = make_engine(f"sqlite:///{world.db_path}")
    return make_sessionmaker(engine)()


def the_case(world) -> dict:
    with store(world) as db:
        hr = Viewer.of(db.scalar(select(User).where(User.email == "hr@sakura.example.jp")))
        return {"facts": employer_cases.get_case(db, hr), "program": employer_cases.get_program(db, hr)}


def empty_case(world) -> None:
    with store(world) as db:
        for record in db.scalars(select(EmployerCaseRecord)):
            db.delete(record)
        db.commit()


def page_text(response) -> str:
    return html.unescape(response.text)


@pytest.fixture
def hr(client_for, world):
    empty_case(world)
    client, csrf = client_for("hr")
    assert client.post("/hr/plan/program", data={"csrf_token": csrf, "program": "jinzai.ikusei"}).status_code == 303
    return client, csrf


def post(client, csrf, url, **data):
    return client.post(url, data={"csrf_token": csrf, **data})


def test_the_courses_are_offered_and_the_ended_program_is_plainly_marked(client_for, world):
    empty_case(world)
    client, _ = client_for("hr")
    text = page_text(client.get("/hr/plan"))
    titles = re.findall(r'<span class="program-title">([^<]+)</span>', text)
    assert titles[:4] == ["人材開発支援助成金 人材育成支援コース", "人材開発支援助成金 人への投資促進コース",
                          "人材開発支援助成金 事業展開等リスキリング支援コース", "人材開発支援助成金 教育訓練休暇等付与コース"]
    assert titles[-1] == "企業内人材育成推進助成金（個別企業助成コース）"
    assert "2016年3月31日で終了した制度です" in text
    assert 'name="q:' not in text  # nothing is asked before a course is chosen


def test_the_choice_persists_and_switching_keeps_what_was_entered(client_for, world):
    client, csrf = client_for("hr")  # the world's case: 企業内人材育成推進助成金 (株式会社みらいプレス), no choice yet
    before = the_case(world)["facts"]
    assert post(client, csrf, "/hr/plan/program", program="jinzai.ikusei").status_code == 303
    assert the_case(world) == {"facts": before, "program": "jinzai.ikusei"}
    text = page_text(client.get("/hr/plan"))
    assert "人材開発支援助成金 人材育成支援コース" in text and "株式会社みらいプレス" in text
    assert post(client, csrf, "/hr/plan/program", program="kigyounai").status_code == 303
    text = page_text(client.get("/hr/plan"))
    assert the_case(world)["facts"] == before
    assert "950,000円" in text and "2016年3月31日で終了した制度です" in text


def test_an_unknown_course_is_refused(hr):
    client, csrf = hr
    response = post(client, csrf, "/hr/plan/program", program="no.such")
    assert response.status_code == 422 and "「助成金とコース」を選んでください。" in page_text(response)


def test_the_interview_asks_only_what_the_chosen_course_needs(hr, world):
    client, csrf = hr
    text = page_text(client.get("/hr/plan"))
    asked = set(re.findall(r'name="q:([^"]+)"', text))
    assert {"employer.industry", "employer.capital_yen", "employer.regular_employees"} <= asked
    # 企業内人材育成推進助成金's facts are not this course's
    assert not asked & {"plan.menus", "employer.development_plan_created", "plan.start_date"}
    answers = {"q:employer.industry": "other", "q:employer.capital_yen": "５０，０００，０００円"}
    assert post(client, csrf, "/hr/plan/answers", **answers).status_code == 303
    assert the_case(world)["facts"]["employer"] == {"industry": "other", "capital_yen": 50000000}
    asked = set(re.findall(r'name="q:([^"]+)"', page_text(client.get("/hr/plan"))))
    # the capital alone settles 中小企業 (3億円以下 in その他の業種): the number of employees is not asked
    assert not asked & {"employer.industry", "employer.capital_yen", "employer.regular_employees"}


def test_an_impossible_date_is_named_beside_its_field_and_nothing_is_saved(hr, world):
    client, csrf = hr
    before = the_case(world)
    response = post(client, csrf, "/hr/plan/answers",
                    **{"q:employer.industry": "other", "q:application.submitted_on": "2027-02-30"})
    assert response.status_code == 422
    text = page_text(response)
    field = re.search(r'<p class="field-error" id="e-document-answers-\d+">([^<]+)</p>\s*<input id="document-answers-\d+" '
                      r'name="q:application.submitted_on" type="text" value="2027-02-30"', text)
    assert field and "存在しない日付です（2027年2月は28日まで）" in field.group(1)
    assert the_case(world) == before  # the valid answer beside it is not saved either


def test_verdict_amounts_caps_and_what_if_of_the_demo(hr):
    client, csrf = hr
    assert post(client, csrf, "/hr/plan/demo").status_code == 303
    text = page_text(client.get("/hr/plan"))
    verdict = text[text.index('id="verdict"'):text.index('id="questions"')]
    assert "人材開発支援助成金 人材育成支援コース：<span class=\"status status-eligible\">対象</span>　507,100円" in verdict
    for line in ("経費助成", "405,500円", "賃金助成", "101,600円", "1事業所1年度10,000,000円の上限による減額"):
        assert line in verdict
    assert "150,000円／300,000円／500,000円" in verdict and "10,000,000円" in verdict  # caps by hours, per establishment
    assert "賃金要件または資格等手当要件を満たすと" in verdict
    assert "経費助成率が45%から60%に（+15ポイント）" in verdict and "70%から85%に（+15ポイント）" in verdict
    assert "山田 花子" in verdict and "90,000円" in verdict


def test_a_number_where_a_name_is_expected_is_named_beside_the_field(hr, world):
    client, csrf = hr
    before = the_case(world)
    row = {"program": "jinzai.ikusei", "t:worker.id": "E009", "t:worker.name": "12345", "t:course.name": "研修",
           "t:course.training_type": "人材育成訓練（人材育成支援コース）", "t:course.start_date": "2027-02-01"}
    response = post(client, csrf, "/hr/plan/trainees", **row)
    assert response.status_code == 422
    text = page_text(response)
    assert re.search(r'<p class="field-error" id="e-f-t-worker-name">「氏名」：名前を書いてください（数字だけは受け付けません）</p>\s*'
                     r'<input id="f-t-worker-name" name="t:worker.name" type="text" value="12345"', text)
    assert 'value="研修"' in text  # what was typed stays
    assert the_case(world) == before


def test_one_row_added_then_corrected_for_its_whole_course(hr, world):
    client, csrf = hr
    row = {"program": "jinzai.ikusei", "t:worker.id": "E001", "t:worker.name": "山田 花子", "t:course.name": "研修",
           "t:course.training_type": "人材育成訓練", "t:course.start_date": "2027-02-01", "t:course.scheduled_hours": "20"}
    assert post(client, csrf, "/hr/plan/trainees", **row).status_code == 303
    second = {"program": "jinzai.ikusei", "t:worker.id": "E002", "t:worker.name": "田中 次郎", "t:course.name": "研修",
              "t:course.start_date": "2027-02-01"}  # the course's other columns come from its first row
    assert post(client, csrf, "/hr/plan/trainees", **second).status_code == 303
    courses = the_case(world)["facts"]["courses"]
    assert len(courses) == 1 and [t["worker_id"] for t in courses[0]["trainees"]] == ["E001", "E002"]
    assert courses[0]["scheduled_hours"] == 20
    assert post(client, csrf, "/hr/plan/trainees", row="1", **dict(second, **{"t:course.scheduled_hours": "24"})).status_code == 303
    assert the_case(world)["facts"]["courses"][0]["scheduled_hours"] == 24
    assert post(client, csrf, "/hr/plan/trainees/delete", program="jinzai.ikusei", row="0").status_code == 303
    assert [t["worker_id"] for t in the_case(world)["facts"]["courses"][0]["trainees"]] == ["E002"]


def upload(client, csrf, data: bytes, name="trainees.csv"):
    return client.post("/hr/plan/trainees/import", data={"csrf_token": csrf, "program": "jinzai.ikusei"},
                       files={"file": (name, data, "text/csv")})


def test_csv_import_is_all_or_nothing_with_every_error_by_row_and_column(hr, world):
    client, csrf = hr
    good = TRAINEES_CSV.read_bytes()
    assert upload(client, csrf, good).status_code == 303
    before = the_case(world)
    lines = good.decode("utf-8-sig").splitlines()
    lines[1] = lines[1].replace("2027-02-10", "2027-02-30")   # line 2: an impossible date
    lines[3] = lines[3].replace("高橋 美咲", "4567")             # line 4: a number for a name
    lines[4] = lines[4].replace("品質管理の基礎", "品質管理の基礎", 1).replace(",12,", ",十二,", 1)  # line 5: hours
    response = upload(client, csrf, "\n".join(lines).encode("utf-8"), "bad.csv")
    assert response.status_code == 422
    text = page_text(response)
    assert "bad.csv 2行目「訓練の最終日」: '2027-02-30' は存在しない日付です（2027年2月は28日まで）" in text
    assert "bad.csv 4行目「氏名」: 名前を書いてください（数字だけは受け付けません）" in text
    assert "bad.csv 5行目「訓練時間数」" in text
    assert "何も取り込んでいません" in text
    assert the_case(world) == before


def test_a_shift_jis_csv_is_refused_with_what_to_do(hr):
    client, csrf = hr
    text = TRAINEES_CSV.read_text(encoding="utf-8-sig")
    response = upload(client, csrf, text.encode("cp932"), "excel.csv")
    assert response.status_code == 422
    assert "文字コードが UTF-8 ではありません。Excel では「CSV UTF-8（コンマ区切り）」で保存してください" in page_text(response)


def test_the_exported_csv_imports_back_unchanged(hr, world):
    client, csrf = hr
    assert post(client, csrf, "/hr/plan/demo").status_code == 303
    before = the_case(world)
    exported = client.get("/hr/plan/trainees.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert upload(client, csrf, exported.content).status_code == 303
    assert the_case(world) == before
    assert client.get("/hr/plan/trainees.csv").content == exported.content


def test_the_deadlines_as_ical_one_event_per_deadline_with_its_basis(hr):
    client, csrf = hr
    post(client, csrf, "/hr/plan/demo")
    response = client.get("/hr/plan/deadlines.ics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    summaries = sorted((str(e["summary"]), e["dtstart"].dt.isoformat()) for e in events)
    # three courses: each its 計画届 deadline and its 支給申請 deadline
    assert len(events) == 6 and len(set(summaries)) == 6
    assert ("期限：生産管理実務研修：計画届の提出期限", "2027-01-02") in summaries
    assert ("期限：データサイエンティスト養成コース（ベーシック）：支給申請期限（訓練終了日の翌日から2か月以内）", "2027-05-06") in summaries
    assert all("根拠：厚生労働省「人材開発支援助成金」支給要領（令和7年4月1日）" in str(e["description"]) for e in events)
    assert "{{" not in response.content.decode() and "{{" not in client.get("/hr/plan").text  # every label filled


def test_the_documents_of_the_course_are_listed_and_render(hr):
    client, csrf = hr
    post(client, csrf, "/hr/plan/demo")
    text = page_text(client.get("/hr/plan"))
    ids = re.findall(r'/hr/plan/documents/([^/"]+)/pdf', text)
    assert ids == ["jinzai-checklist", "jinzai-timeline", "jinzai-plan-1", "jinzai-annual-plan-1", "jinzai-trainees-1",
                   "jinzai-application", "jinzai-breakdown"]
    pdf = client.get("/hr/plan/documents/jinzai-breakdown/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    names = __import__("zipfile").ZipFile(io.BytesIO(client.get("/hr/plan/package.zip").content)).namelist()
    assert any("職業訓練実施計画届" in n for n in names) and any("経費助成・賃金助成の内訳" in n for n in names)



@pytest.mark.parametrize(("program", "total", "deadlines"), [
    ("jinzai.toushi", "765,000円", 4),        # two courses: each its 計画届 and its 支給申請
    ("jinzai.reskilling", "520,000円", 2),
    ("jinzai.kyuka", "300,000円", 1),         # the claim after the 3-year plan period
])
def test_the_other_courses_get_their_verdict_amounts_and_deadlines(program, total, deadlines, client_for, world):
    empty_case(world)
    client, csrf = client_for("hr")
    post(client, csrf, "/hr/plan/program", program=program)
    assert post(client, csrf, "/hr/plan/demo").status_code == 303
    text = page_text(client.get("/hr/plan"))
    verdict = text[text.index('id="verdict"'):text.index('id="questions"')]
    assert '<span class="status status-eligible">対象</span>　' + total in verdict
    assert "根拠" in verdict
    events = Calendar.from_ical(client.get("/hr/plan/deadlines.ics").content).walk("VEVENT")
    assert len(events) == deadlines and all("根拠：" in str(e["description"]) for e in events)
    assert "/hr/plan/documents/" not in text and "このコースの書類は、学びナビではまだ作れません" in text


def test_the_demo_before_any_choice_is_the_first_courses_and_chooses_it(client_for, world):
    empty_case(world)
    client, csrf = client_for("hr")
    assert post(client, csrf, "/hr/plan/demo").status_code == 303
    case = the_case(world)
    assert case["program"] == "jinzai.ikusei" and case["facts"]["employer"]["name"] == "さくら精機株式会社"


def test_arbitrary_text_in_every_field_of_the_course_forms_is_answered_in_japanese(hr):
    """The reliability fuzzer reaches these forms only with a course that has a table (its world's
    case is 企業内人材育成推進助成金): the same check here, on every input of the trainee row form and
    of the interview."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from navigator.forms import trainees

    client, csrf = hr
    post(client, csrf, "/hr/plan/demo")
    text = page_text(client.get("/hr/plan"))
    answer_names = sorted(set(re.findall(r'name="(q:[^"]+)"', text))) or ["q:employer.wage_increase_met"]
    row_names = [c.field for c in trainees.columns()]
    texts = st.one_of(st.text(max_size=30), st.sampled_from(["", "令和9年2月30日", "-1", "9" * 30, "<b>x</b>", "\u3000"]))

    @settings(max_examples=15, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(row=st.fixed_dictionaries({n: texts for n in row_names}), answers=st.fixed_dictionaries({n: texts for n in answer_names}))
    def send(row, answers):
        for url, data in (("/hr/plan/trainees", dict(row, program="jinzai.ikusei")), ("/hr/plan/answers", answers)):
            response = post(client, csrf, url, **data)
            assert response.status_code in (303, 422), (url, data, response.text[:300])
            if response.status_code == 422:
                assert 'lang="ja"' in response.text and "Traceback" not in response.text

    send()
