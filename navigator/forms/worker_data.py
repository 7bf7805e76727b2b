"""What the worker's documents print, and the small functions that read it from the store.

The Job Card (様式1-1, 2, 3-1, 3-2) is the employee's own record: only `navigator.store.personal`
reads it, scoped to its owner (seed 003 Ⅳ-5: never shown to HR or kept by a consultant). The
self-investment plan, the career note and the companion meeting sheet print what the store holds
today (simple owner-scoped records); a later issue enriches them by changing only these functions.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class Sheet(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- Job Card sheets (stored as JSON on the employee's JobCard row) -----------------------------


class Profile(Sheet):
    furigana: str = Field("", title="ふりがな", max_length=100)
    name: str = Field("", title="氏名", max_length=100)
    birth_date: str = Field("", title="生年月日", max_length=30)
    gender: str = Field("", title="性別", max_length=20)
    postal_code: str = Field("", title="現住所の郵便番号", max_length=10)
    address: str = Field("", title="現住所", max_length=300)
    phone: str = Field("", title="電話", max_length=30)
    contact: str = Field("", title="連絡先（現住所以外に連絡を希望する場合の住所・メールアドレスなど）", max_length=300)


class WorkHistory(Sheet):
    period: str = Field("", title="期間（年月～年月）", max_length=60)
    company: str = Field("", title="会社名・所属・職名（雇用形態）", max_length=200)
    duties: str = Field("", title="職務の内容", max_length=1000)
    learned: str = Field("", title="職務の中で学んだこと、得られた知識・技能等", max_length=1000)


class License(Sheet):
    name: str = Field("", title="免許・資格の名称", max_length=200)
    acquired: str = Field("", title="取得時期", max_length=30)
    body: str = Field("", title="免許・資格の実施・認定機関の名称", max_length=200)
    content: str = Field("", title="免許・資格の内容等", max_length=1000)


class Learning(Sheet):
    period: str = Field("", title="期間", max_length=60)
    school: str = Field("", title="教育・訓練機関名", max_length=200)
    course: str = Field("", title="学科（コース）名", max_length=200)
    content: str = Field("", title="内容等", max_length=1000)


class ConsultantEntry(Sheet):
    held_at: str = Field("", title="実施日時", max_length=60)
    affiliation: str = Field("", title="所属", max_length=200)
    name: str = Field("", title="氏名", max_length=100)
    phone: str = Field("", title="電話番号", max_length=30)
    registration: str = Field("", title="登録番号", max_length=50)
    comment: str = Field("", title="キャリアコンサルティング実施者の記入欄", max_length=2000)


class JobCardSheets(Sheet):
    """The parts of 様式1-1, 2, 3-1 and 3-2 kept beside the three career-plan texts."""

    profile: Profile = Field(default_factory=Profile, title="本人の情報")
    plan_written_on: str = Field("", title="本人の記入欄の記入年月日", max_length=30)
    consultant_entries: list[ConsultantEntry] = Field(default_factory=list, title="キャリアコンサルティング実施者の記入欄")
    work_history: list[WorkHistory] = Field(default_factory=list, title="職務経歴")
    licenses: list[License] = Field(default_factory=list, title="免許・資格")
    learning: list[Learning] = Field(default_factory=list, title="学習歴・訓練歴")


class JobCardData(Sheet):
    sheets: JobCardSheets = Field(default_factory=JobCardSheets, title="ジョブ・カード")
    values_and_interests: str = Field("", title="価値観、興味・関心事項など")
    desired_work: str = Field("", title="将来取り組みたい仕事や働き方など")
    skills_to_develop: str = Field("", title="これから取り組みたい能力開発など")
    as_of: dt.date | None = Field(None, title="作成日")


# --- the other worker documents -----------------------------------------------------------------


class SelfPlanData(Sheet):
    owner_name: str = Field("", title="氏名")
    title: str = Field("", title="計画の名前")
    body: str = Field("", title="内容")
    target_on: dt.date | None = Field(None, title="目標日")
    created_on: dt.date | None = Field(None, title="作成日")


class LogLine(Sheet):
    occurred_on: dt.date = Field(title="日付")
    event: str = Field(title="出来事")
    emotion: str = Field(title="気持ち")


class CareerNoteData(Sheet):
    owner_name: str = Field("", title="氏名")
    title: str = Field("", title="タイトル")
    body: str = Field("", title="本文")
    updated_on: dt.date | None = Field(None, title="更新日")
    recent_log: list[LogLine] = Field(default_factory=list, title="最近のキャリアログ")


class SharedItem(Sheet):
    companion: str = Field(title="伴走者")
    what: str = Field(title="共有しているもの")
    since: dt.date | None = Field(None, title="共有を始めた日")


class MeetingData(Sheet):
    owner_name: str = Field("", title="氏名")
    as_of: dt.date | None = Field(None, title="作成日")
    shared: list[SharedItem] = Field(default_factory=list, title="伴走者と共有しているもの")
    plans: list[SelfPlanData] = Field(default_factory=list, title="学びの計画")
    latest_note_title: str = Field("", title="最新のキャリアノート")


MODELS: dict[str, type[BaseModel]] = {
    "jobcard": JobCardData,
    "self_plan": SelfPlanData,
    "career_note": CareerNoteData,
    "meeting": MeetingData,
}
