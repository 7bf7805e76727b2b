"""What the worker's documents print, and the small functions that read it from the store.

The Job Card (様式1-1, 2, 3-1, 3-2) is the employee's own record: only `navigator.store.personal`
reads it, scoped to its owner (seed 003 Ⅳ-5: never shown to HR or kept by a consultant). The
career note and the self-investment plan are the employee's too (read through `personal`); the
meeting sheet is read by either side of a companionship through
`navigator.companion.sheet.meeting_sheet_data`, the companion only what is shared (grant + audit).
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


# --- the career note, the self-investment plan and the meeting sheet ---------------------------
# What each PDF prints, already decided: where the person rewrote a section of the note, the
# builder (navigator.forms.worker_docs) leaves the generated text of that section empty, so the
# person's words are the only ones that can be printed (seed 000 4-3-4-1: the note is theirs).


class Quote(Sheet):
    day: dt.date = Field(title="日付")
    emotion: str = Field(title="その時の感情")
    text: str = Field(title="心に残った出来事")


class NoteWeek(Sheet):
    monday: dt.date = Field(title="週（月曜から）")
    count: int = Field(title="件数")
    mean: str = Field(title="気持ちの平均")
    top_emotion: str = Field(title="多かった感情")
    top_phrase: str = Field("", title="よく出た言葉")


class NoteTheme(Sheet):
    label: str = Field(title="主題")
    tone: str = Field(title="気持ちの向き")
    count: int = Field(title="件数")
    mean: str = Field(title="気持ちの平均")
    emotions: str = Field("", title="多かった感情")
    concepts: str = Field("", title="意味のまとまり")
    quotes: list[Quote] = Field(default_factory=list, title="代表的な記録")


class WorthItem(Sheet):
    label: str = Field(title="項目")
    kind: str = Field("", title="強み・伸ばしたい力")
    tone: str = Field(title="気持ちの向き")
    count: int = Field(title="件数")


class WorthCondition(Sheet):
    id: str = Field(title="条件の識別子")
    label: str = Field(title="働きがいの条件")
    question: str = Field(title="問い")
    items: list[WorthItem] = Field(default_factory=list, title="記録に表れたもの")


class NoteBarrier(Sheet):
    label: str = Field(title="行動をはばむもの")
    count: int = Field(title="件数")
    advice: str = Field("", title="ヒント")


class NoteDirection(Sheet):
    label: str = Field(title="方向性")
    count: int = Field(title="件数")
    wishes: int = Field(0, title="うち「〜したい」の件数")
    quotes: list[Quote] = Field(default_factory=list, title="根拠の記録")


class OwnWords(Sheet):
    """The person's corrections (navigator.careerlog.note.SECTIONS): they win over generated text."""

    summary: str = Field("", title="全体のまとめ（本人の言葉）")
    strengths: str = Field("", title="強み（本人の言葉）")
    values: str = Field("", title="大切にしていること（本人の言葉）")
    barriers: str = Field("", title="行動をはばむもの（本人の言葉）")
    direction: str = Field("", title="自己投資の方向性（本人の言葉）")
    aspiration: str = Field("", title="ありたい姿（本人の言葉）")


class NoteChange(Sheet):
    label: str = Field(title="項目")
    new: str = Field("", title="新しく表れた")
    gone: str = Field("", title="見られなくなった")
    kept: str = Field("", title="続いている")


class NoteComparison(Sheet):
    previous_version: int = Field(title="比べた版")
    previous_from: dt.date = Field(title="比べた版の期間の初日")
    previous_to: dt.date = Field(title="比べた版の期間の末日")
    entries: str = Field(title="記録の件数（前の版→この版）")
    mean: str = Field(title="気持ちの平均（前の版→この版）")
    positive: str = Field(title="前向きな記録（前の版→この版）")
    changes: list[NoteChange] = Field(default_factory=list, title="表れたもの・消えたもの")


class CareerNoteData(Sheet):
    owner_name: str = Field("", title="氏名")
    title: str = Field("", title="ノートの名前")
    version: int = Field(1, title="版")
    period_from: dt.date | None = Field(None, title="期間の初日")
    period_to: dt.date | None = Field(None, title="期間の末日")
    entry_count: int = Field(0, title="記録の件数")
    days_logged: int = Field(0, title="記録した日数")
    few_entries: bool = Field(False, title="記録がまだ少ない")
    analysis_version: int | None = Field(None, title="ノートを作るきまりの版")
    as_of: dt.date | None = Field(None, title="作成日")
    corrections_from_version: int | None = Field(None, title="本人の修正を引き継いだ版")
    own_words: OwnWords = Field(default_factory=OwnWords, title="本人による修正")
    summary: str = Field("", title="全体のまとめ（記録から）")
    emotion_counts: str = Field("", title="気持ちの内訳")
    chart_line: str = Field("", title="グラフの線の意味")
    weeks: list[NoteWeek] = Field(default_factory=list, title="週ごとの変化")
    themes: list[NoteTheme] = Field(default_factory=list, title="くり返し出てくる主題")
    key_phrases: str = Field("", title="よく出てくる言葉")
    worth: list[WorthCondition] = Field(default_factory=list, title="働きがいの四つの条件")
    barriers: list[NoteBarrier] = Field(default_factory=list, title="行動をはばむもの（記録から）")
    directions: list[NoteDirection] = Field(default_factory=list, title="自己投資の方向性（記録から）")
    aspiration_draft: str = Field("", title="ありたい姿の下書き（記録から）")
    comparison: NoteComparison | None = Field(None, title="前の版との比較")


class PlanStepLine(Sheet):
    title: str = Field(title="ステップ")
    due_on: dt.date | None = Field(None, title="期日")
    done_on: dt.date | None = Field(None, title="できた日")
    status: str = Field(title="状態")


class SelfPlanData(Sheet):
    owner_name: str = Field("", title="氏名")
    title: str = Field("", title="計画の名前")
    aspiration: str = Field("", title="ありたい姿")
    programs: list[str] = Field(default_factory=list, title="選んだ講座・制度")
    hours_per_week: float | None = Field(None, title="1週間に使う時間")
    body: str = Field("", title="進め方・メモ")
    target_on: dt.date | None = Field(None, title="目標日")
    created_on: dt.date | None = Field(None, title="作った日")
    progress: str = Field("", title="進み具合")
    steps: list[PlanStepLine] = Field(default_factory=list, title="ステップ")
    as_of: dt.date | None = Field(None, title="作成日")


class MeetingLine(Sheet):
    held_on: dt.date = Field(title="面談日")
    summary: str = Field(title="話したこと")
    next_on: dt.date | None = Field(None, title="次の面談")


class ActionLine(Sheet):
    title: str = Field(title="合意した行動")
    status: str = Field(title="状態")
    due_on: dt.date | None = Field(None, title="期日")
    done: bool = Field(False, title="できた")


class MeetingData(Sheet):
    consultee: str = Field("", title="相談者")
    consultee_org: str = Field("", title="相談者の所属")
    companion: str = Field("", title="伴走者")
    companion_org: str = Field("", title="伴走者の所属")
    started_on: dt.date | None = Field(None, title="伴走の開始")
    stage: str = Field("", title="ライフ・キャリアステージと相談したいこと")
    as_of: dt.date | None = Field(None, title="作成日")
    note: CareerNoteData | None = Field(None, title="共有されたキャリアノート")
    aspiration: str = Field("", title="ありたい姿")
    aspiration_from: str = Field("", title="ありたい姿の出どころ")
    plan: SelfPlanData | None = Field(None, title="共有された自己投資プラン")
    actions: list[ActionLine] = Field(default_factory=list, title="合意した行動")
    meetings: list[MeetingLine] = Field(default_factory=list, title="これまでの面談")
    questions: list[str] = Field(default_factory=list, title="今日の問いかけ（例）")


MODELS: dict[str, type[BaseModel]] = {
    "jobcard": JobCardData,
    "self_plan": SelfPlanData,
    "career_note": CareerNoteData,
    "meeting": MeetingData,
}
