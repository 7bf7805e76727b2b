"""The worker's own documents as PDF (career note, self-investment plan, meeting sheet): rendered
from the demo data of the test world and read back with poppler; who may download which."""

from __future__ import annotations

import re
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from navigator.careerlog.view import note_view
from navigator.companion.sheet import meeting_sheet_data
from navigator.forms import worker_docs
from navigator.forms.fill import FilledForm
from navigator.forms.spec import load_forms
from navigator.store import accounts, companions, personal
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.models import AuditEvent
from navigator.store.viewer import Viewer
from webworld import PASSWORD, TODAY

DEMO_ASPIRATION = "人に教えることと、データで考えることを生かして、工程を良くできる生産管理の担当者になる。"
DEMO_PLAN = "データで現場を良くする"


@dataclass
class Read:
    text: str  # without any whitespace: line breaks move with the layout
    fonts: list[str]  # pdffonts' lines, one per embedded font


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_pdf(data: bytes, tmp_path, name: str = "doc") -> Read:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return Read(squeeze(text), [line for line in fonts.splitlines()[2:] if line.strip()])


@contextmanager
def session(world):
    engine = make_engine(world.settings().database_url)
    try:
        with make_sessionmaker(engine)() as db:
            yield db
    finally:
        engine.dispose()


def viewer(db, email: str) -> Viewer:
    return Viewer.of(accounts.authenticate(db, email, PASSWORD))


def note_document(db, owner: Viewer):
    notes = personal.generated_notes(db, owner)
    note = notes[0]
    view = note_view(note, personal.log_entries_by_ids(db, owner.user_id, note.data.get("entry_ids", [])))
    data = worker_docs.career_note_data(view, owner.display_name, TODAY, personal.fresh(db, notes[1]))
    return worker_docs.career_note_form(data), worker_docs.career_note_pdf(data, view.chart)


def assert_is_the_whole_document(form: FilledForm, read: Read, form_id: str):
    """Every section's heading and every value the form filled is printed; one embedded font."""
    for section in load_forms()[form_id].sections:
        if section.id != "profile":
            assert squeeze(section.title) in read.text, section.title
    missing = [v for v in form.values() if any(piece not in read.text for piece in v.split())]
    assert not missing
    assert len(read.fonts) == 1 and "Noto-Sans-CJK-JP" in read.fonts[0], read.fonts
    assert " yes yes yes " in re.sub(r"\s+", " ", read.fonts[0])  # embedded, subset, with a ToUnicode map
    assert "\ufffd" not in read.text
    assert "令和" not in read.text  # dates as the app's pages show them: 2026年4月15日
    assert re.search(r"1/\d", read.text)  # page numbers


def test_career_note_pdf_prints_every_section_with_the_chart(world, tmp_path):
    with session(world) as db:
        form, pdf = note_document(db, viewer(db, "hanako@sakura.example.jp"))
    read = read_pdf(pdf, tmp_path)
    assert_is_the_whole_document(form, read, "career-note")
    assert "2026年4月2日〜2026年4月15日" in read.text and "2026年4月15日作成" in read.text
    assert "4/13" in read.text  # the chart's Monday tick: the SVG chart is drawn in the PDF
    assert "くり返し出てくる主題" in read.text and "新人の佐々木さんに図面チェックのやり方を教えた" in read.text
    assert "提供価値の発揮" in read.text and "教える・伝える" in read.text
    assert "第1版（2026年4月2日〜2026年4月8日）と比べています" in read.text
    # the demo's own words for ありたい姿 win over the generated draft
    assert DEMO_ASPIRATION in read.text and "（下書き）" not in read.text


def test_the_persons_corrections_replace_the_generated_sections_in_the_pdf(world, tmp_path):
    with session(world) as db:
        owner = viewer(db, "hanako@sakura.example.jp")
        note = personal.generated_notes(db, owner)[0]
        generated = note.data
        advice = generated["barriers"][0]["advice"]
        direction = generated["directions"][0]["label"]
        form, pdf = note_document(db, owner)
        before = read_pdf(pdf, tmp_path, "before")
        assert squeeze(advice) in before.text and direction in before.text
        personal.save_corrections(db, owner, note.id, {
            "summary": "OWN-SUMMARY 二週間、教えることが多かった。", "barriers": "OWN-BARRIERS 残業の日は無理をしない。",
            "direction": "OWN-DIRECTION まず統計の基礎。", "aspiration": "OWN-ASPIRATION 現場とデータをつなぐ人。",
        })
        form, pdf = note_document(db, owner)
    after = read_pdf(pdf, tmp_path, "after")
    assert_is_the_whole_document(form, after, "career-note")
    for own in ("OWN-SUMMARY", "OWN-BARRIERS", "OWN-DIRECTION", "OWN-ASPIRATION"):
        assert own in after.text
    assert squeeze(advice) not in after.text  # the generated barrier and its advice
    assert f"1.{direction}" not in after.text and "（下書き）" not in after.text
    assert "気持ちの平均は" not in after.text  # the generated summary
    assert DEMO_ASPIRATION not in after.text  # the newer words replaced the demo's


def test_plan_pdf(world, tmp_path):
    with session(world) as db:
        owner = viewer(db, "hanako@sakura.example.jp")
        plan = next(p for p in personal.list_plans(db, owner) if p.title == DEMO_PLAN)
        data = worker_docs.self_plan_data(plan, owner.display_name, TODAY)
    form = worker_docs.self_plan_form(data)
    read = read_pdf(worker_docs.self_plan_pdf(data), tmp_path)
    assert_is_the_whole_document(form, read, "self-plan")
    assert DEMO_ASPIRATION in read.text and "2.5時間" in read.text and "5ステップのうち1つできた" in read.text
    assert "統計検定3級の対策講座（オンライン）" in read.text
    # the step done three days ago, with its date; the next one due in two weeks
    assert "Excelのピボットテーブルを業務で使う2026年4月12日できた2026年4月12日" in read.text
    assert "統計の入門書を1冊読む2026年4月29日これから" in read.text


def test_meeting_sheet_pdf_from_what_is_shared_and_audited(world, tmp_path):
    with session(world) as db:
        owner = viewer(db, "hanako@sakura.example.jp")
        ken = viewer(db, "ken@mirai.example.jp")
        companionship = companions.my_companionships(db, owner)[0]
        events = db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.owner_id == owner.user_id))
        sheet = meeting_sheet_data(db, ken, companionship.id, TODAY)
        read_now = db.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.owner_id == owner.user_id))
        data = worker_docs.meeting_data(sheet)
        read = read_pdf(worker_docs.meeting_pdf(data, sheet.note.chart), tmp_path)
        form = worker_docs.meeting_form(data)
    assert read_now - events == 3  # the companionship, the shared note and the shared plan
    assert_is_the_whole_document(form, read, "meeting-sheet")
    assert "山田花子さん（さくら精機株式会社（デモ））" in read.text and "佐藤健さん（みらいキャリア相談室（デモ））" in read.text
    assert "育休から復帰して2年。" in read.text
    assert DEMO_ASPIRATION in read.text and "本人の言葉（キャリアノート）" in read.text
    assert "■カフェテリアプランの教育補助を人事に確認する（できた）" in read.text
    assert "□統計の入門講座を1つ選ぶ（取り組み中・期日2026年4月22日）" in read.text
    assert "ノートの「数字やデータで考える」と「教える・伝える」が強みとして表れている" in read.text
    assert "今日の問いかけ" in read.text and "4/13" in read.text


# --- downloads through the app -------------------------------------------------------------


def pdf_of(response, tmp_path, name="doc") -> Read:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "no-store" and "attachment" in response.headers["content-disposition"]
    return read_pdf(response.content, tmp_path, name)


def test_the_owner_downloads_her_note_and_plan(client_for, world, tmp_path):
    owner, _ = client_for("owner")
    note = pdf_of(owner.get(f"/notes/{world.ids['generated_note_id']}/pdf"), tmp_path, "note")
    assert "キャリアノート" in note.text and "山田花子" in note.text and DEMO_ASPIRATION in note.text
    plan = pdf_of(owner.get(f"/plans/{world.ids['plan_id']}/pdf"), tmp_path, "plan")
    assert "共有する計画" in plan.text and "最初のステップ" in plan.text
    # a note she wrote herself is not a generated career note
    assert owner.get(f"/notes/{world.ids['note_id']}/pdf").status_code == 404
    assert f"/notes/{world.ids['generated_note_id']}/pdf" in owner.get(f"/notes/{world.ids['generated_note_id']}").text
    assert f"/plans/{world.ids['plan_id']}/pdf" in owner.get(f"/plans/{world.ids['plan_id']}").text


@pytest.mark.parametrize("persona", ["hr", "admin", "companion", "companion_no_grant", "companion_revoked",
                                     "other_org_employee", "other_org_hr"])
def test_nobody_else_gets_her_note_or_plan(client_for, world, persona):
    client, _ = client_for(persona)
    for url in (f"/notes/{world.ids['generated_note_id']}/pdf", f"/plans/{world.ids['plan_id']}/pdf"):
        response = client.get(url)
        assert response.status_code in (403, 404), (persona, url)
        assert response.headers["content-type"] != "application/pdf"


def test_meeting_sheet_pdf_for_both_sides_of_the_companionship(client_for, world, tmp_path):
    owner, token = client_for("owner")
    ken, _ = client_for("companion")
    url = f"/companionships/{world.ids['companionship_id']}/sheet/pdf"
    mine = pdf_of(owner.get(url), tmp_path, "owner")
    assert "面談資料" in mine.text and DEMO_ASPIRATION in mine.text
    assert "面談資料をPDFで保存" not in owner.get("/audit").text  # her own copy is not an access by someone else
    theirs = pdf_of(ken.get(url), tmp_path, "companion")
    assert "面談資料" in theirs.text and "キャリアノートの要点" in theirs.text
    audit = owner.get("/audit").text
    assert "面談資料をPDFで保存" in audit and "佐藤 健さん" in audit
    assert f'href="{url}"' in ken.get(f"/companionships/{world.ids['companionship_id']}/sheet").text

    for persona, status in (("hr", 403), ("admin", 403), ("other_org_hr", 403), ("companion_no_grant", 404),
                            ("companion_revoked", 404), ("other_org_employee", 404)):
        client, _ = client_for(persona)
        assert client.get(url).status_code == status, persona

    r = owner.post(f"/companionships/{world.ids['companionship_id']}/end",
                   data={"csrf_token": token, "reason": "部署が変わった", "revoke_shares": "on"})
    assert r.status_code == 303
    assert ken.get(url).status_code == 404
