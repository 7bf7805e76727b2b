"""The forms in the web app: HR builds the company's set; the Job Card stays the worker's own."""

from __future__ import annotations

import subprocess

from webworld import JOB_CARD, OTHER_ORG_CASE


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_worker_downloads_their_own_job_card(client_for, tmp_path):
    client, _ = client_for("owner")
    response = client.get("/jobcard/pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert JOB_CARD in text and "様式３－２" in text and "山田 花子" in text


def test_nobody_else_gets_a_job_card_pdf(client_for):
    for persona in ("hr", "admin", "companion", "other_org_hr"):
        client, _ = client_for(persona)
        response = client.get("/jobcard/pdf")
        assert response.status_code == 403, persona
        assert JOB_CARD not in response.text


def test_another_employee_gets_only_their_own_card(client_for, tmp_path):
    client, _ = client_for("other_org_employee")
    response = client.get("/jobcard/pdf")
    assert response.status_code == 200
    assert JOB_CARD not in pdf_text(response.content, tmp_path)


def test_job_card_editor_saves_the_sheets(client_for, tmp_path):
    client, csrf = client_for("owner")
    form = {"csrf_token": csrf, "values_and_interests": "人の役に立つ", "desired_work": "管理会計",
            "skills_to_develop": "分析", "profile_name": "山田 花子", "work_0_period": "2015年4月～現在",
            "work_0_company": "さくら精機 経理課（正社員）", "license_0_name": "日商簿記検定2級"}
    assert client.post("/jobcard", data=form).status_code == 303
    text = pdf_text(client.get("/jobcard/pdf").content, tmp_path)
    assert "日商簿記検定2級" in text and "さくら精機 経理課（正社員）" in text


def test_job_card_editor_names_a_field_that_is_too_long(client_for):
    client, csrf = client_for("owner")
    response = client.post("/jobcard", data={"csrf_token": csrf, "license_0_name": "あ" * 300})
    assert response.status_code == 422
    assert "「免許・資格の名称」は200文字以内で入力してください。" in response.text


def test_hr_sees_only_its_own_organizations_case(client_for):
    client, _ = client_for("other_org_hr")
    page = client.get("/hr/plan").text
    assert OTHER_ORG_CASE in page and "株式会社みらいプレス" not in page
    client, _ = client_for("hr")
    page = client.get("/hr/plan").text
    assert "株式会社みらいプレス" in page and OTHER_ORG_CASE not in page
    assert JOB_CARD not in page


def test_hr_page_shows_engine_warnings_before_generation(client_for):
    client, csrf = client_for("hr")
    courses = "- {id: C1, name: 短い研修, scheduled_hours: 19, trainees: [{worker_id: A, job_card_handed_on: 2015-07-14}]}"
    assert client.post("/hr/plan/facts", data={"csrf_token": csrf, "part": "courses", "text": courses}).status_code == 303
    page = client.get("/hr/plan").text
    assert "20時間" in page and "p.33" in page


def test_bad_facts_get_a_japanese_message_naming_the_field(client_for):
    client, csrf = client_for("hr")
    response = client.post("/hr/plan/facts", data={"csrf_token": csrf, "part": "plan", "text": "start_date: 2015-02-30"})
    assert response.status_code == 422
    assert "制度導入・適用計画期間の初日" in response.text and "Traceback" not in response.text


def test_interview_answer_is_saved_by_path(client_for):
    client, csrf = client_for("hr")
    client.post("/hr/plan/facts", data={"csrf_token": csrf, "part": "plan", "text": "menus: [training]"})
    page = client.get("/hr/plan").text
    assert 'name="q:plan.start_date"' in page
    client.post("/hr/plan/answers", data={"csrf_token": csrf, "q:plan.start_date": "2015-04-01"})
    assert 'name="q:plan.start_date"' not in client.get("/hr/plan").text


def test_the_button_downloads_the_whole_set(client_for):
    import io
    import zipfile

    client, _ = client_for("hr")
    response = client.get("/hr/plan/package.zip")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert any("制度導入・適用計画届" in n for n in names) and any("支給申請書" in n for n in names)
