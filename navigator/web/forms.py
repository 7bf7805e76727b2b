"""Form models (pydantic) and their errors as Japanese messages that name the field.

Pages validate posted forms with `validate()` and re-render the form with the person's input and
the messages, so nothing typed is lost. The same translation serves FastAPI's own 422 errors.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from navigator import dates
from navigator.careerlog.knowledge import knowledge
from navigator.benefits.courses import SCOPES
from navigator.facts import BENEFIT_KIND, FIRST_DATE, LAST_DATE, Count, Yen
from navigator.prefectures import PREFECTURES
from navigator.store.models import ACTION_STATUSES, ITEM_GRANT_KINDS
from navigator.store.personal import EMOTIONS, INTENSITIES

# Labels for names that reach the generic 422 handler (path and query parameters, API bodies).
FIELD_LABELS = {
    "note_id": "キャリアノートの番号",
    "plan_id": "計画の番号",
    "grant_id": "共有の番号",
    "org_id": "組織の番号",
    "token": "招待コード",
    "entry_id": "記録の番号",
    "step_id": "ステップの番号",
    "team_id": "チームの番号",
    "companionship_id": "伴走の番号",
    "action_id": "行動の番号",
    "course_id": "講座の番号（指定番号）",
    "prompt_id": "プロンプトの名前",
    "week": "週",
    "time": "通知の時刻",
}


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _form_date(value: Any) -> Any:
    """Dates as people type them: 2026-04-01, 2026/4/1, ２０２６年４月１日, 令和8年4月1日, R8.4.1."""
    if not isinstance(value, str):
        return value
    if not value.strip():
        raise PydanticCustomError("missing", "empty")
    try:
        parsed = dates.parse_date(value)
    except dates.DateParseError as exc:
        if "日付として読めません" in str(exc):
            raise PydanticCustomError("date_parsing", "unreadable date") from None
        raise PydanticCustomError("date_invalid", "{reason}", {"reason": str(exc)}) from None
    if not FIRST_DATE <= parsed <= LAST_DATE:
        raise PydanticCustomError("date_range", "date out of range")
    return parsed


def _email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValueError("「メールアドレス」の形式が正しくありません（例：name@example.jp）。") from None


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _digits(value: Any) -> Any:
    return int(value) if isinstance(value, str) and value.isdigit() else value


def _checkbox(value: Any) -> Any:
    return value if value not in (None, "") else False




FormDate = Annotated[date, BeforeValidator(_form_date)]
OptionalDate = Annotated[FormDate | None, BeforeValidator(_blank_to_none)]
OptionalInt = Annotated[int | None, BeforeValidator(_blank_to_none)]
OptionalFloat = Annotated[float | None, BeforeValidator(_blank_to_none)]
Checkbox = Annotated[bool, BeforeValidator(_checkbox)]
Email = Annotated[str, Field(title="メールアドレス", max_length=254), AfterValidator(_email)]


# Control characters other than tab and line breaks (C0, DEL, C1): PostgreSQL cannot store NUL in text, and
# none of them is anything a person typed on purpose.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class FormModel(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _readable_text(cls, value: Any) -> Any:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and "\ufffd" in text:
                # what is left of bytes that were not UTF-8 (a form sent as Shift_JIS, say):
                # refused, so that no garbled text is saved in place of what was written
                raise PydanticCustomError("text_encoding", "not UTF-8")
            if isinstance(text, str) and _CONTROL.search(text):
                raise PydanticCustomError("text_control", "control character")
        return value


class LoginForm(FormModel):
    email: str = Field(title="メールアドレス", min_length=1, max_length=254)
    password: str = Field(title="パスワード", min_length=1, max_length=1000)


class PasswordChangeForm(FormModel):
    current_password: str = Field(title="現在のパスワード", min_length=1, max_length=1000)
    new_password: str = Field(title="新しいパスワード", min_length=10, max_length=1000)
    new_password_again: str = Field(title="新しいパスワード（確認）", min_length=1, max_length=1000)


class AcceptInvitationForm(FormModel):
    display_name: str = Field(title="表示名", min_length=1, max_length=100)
    password: str = Field(title="パスワード", min_length=10, max_length=1000)
    password_again: str = Field(title="パスワード（確認）", min_length=1, max_length=1000)


class LogEntryForm(FormModel):
    occurred_on: FormDate = Field(title="日付")
    event: str = Field(title="心に残った出来事", min_length=1, max_length=2000)
    emotion: Literal[EMOTIONS] = Field(title="その時の感情")  # type: ignore[valid-type]
    intensity: Annotated[Literal[INTENSITIES], BeforeValidator(_digits)] = Field(  # type: ignore[valid-type]
        default=knowledge().emotions.intensity.default, title="感情の強さ"
    )


class NoteForm(FormModel):
    title: str = Field(title="タイトル", min_length=1, max_length=200)
    body: str = Field(title="本文", min_length=1, max_length=20000)


class GenerateNoteForm(FormModel):
    period: str = Field(title="期間", min_length=1, max_length=20)
    share_with: Annotated[list[int], BeforeValidator(_as_list)] = Field(default_factory=list, title="共有する伴走者")


class CorrectionsForm(FormModel):
    summary: str = Field(default="", title="全体のまとめ", max_length=2000)
    strengths: str = Field(default="", title="強み", max_length=2000)
    values: str = Field(default="", title="大切にしていること（価値観）", max_length=2000)
    barriers: str = Field(default="", title="行動をはばむもの", max_length=2000)
    direction: str = Field(default="", title="自己投資の方向性", max_length=2000)
    aspiration: str = Field(default="", title="ありたい姿", max_length=2000)


class PlanForm(FormModel):
    title: str = Field(title="計画の名前", min_length=1, max_length=200)
    aspiration: str = Field(default="", title="ありたい姿（目標）", max_length=2000)
    programs: str = Field(default="", title="選んだ講座・制度", max_length=5000)
    hours_per_week: OptionalFloat = Field(default=None, title="1週間に使う時間", ge=0, le=80)
    body: str = Field(default="", title="メモ", max_length=20000)
    target_on: OptionalDate = Field(default=None, title="目標日")


class StepForm(FormModel):
    step_title: str = Field(title="新しいステップ", min_length=1, max_length=200)
    step_due_on: OptionalDate = Field(default=None, title="期日")


class StepDoneForm(FormModel):
    done: Checkbox = Field(default=False, title="できた")
    delete: Checkbox = Field(default=False, title="削除")


class CourseFilterForm(FormModel):
    """The filters of /courses and GET /api/v1/courses (see navigator.benefits.courses.Query)."""

    q: str = Field(default="", title="ことば", max_length=100)
    scope: Literal[tuple(SCOPES)] = Field(default="courses", title="種類")  # type: ignore[valid-type]
    benefit: Literal[("", *BENEFIT_KIND.labels)] = Field(default="", title="給付の種類")  # type: ignore[valid-type]
    field: str = Field(default="", title="分野", max_length=40)
    region: Literal[("", *PREFECTURES)] = Field(default="", title="地域")  # type: ignore[valid-type]
    way: str = Field(default="", title="受け方", max_length=40)
    time: str = Field(default="", title="時間帯", max_length=40)
    max_hours: Annotated[Count | None, BeforeValidator(_blank_to_none)] = Field(default=None, title="訓練時間の上限")
    max_fee: Annotated[Yen | None, BeforeValidator(_blank_to_none)] = Field(default=None, title="受講料の上限")
    current: Checkbox = Field(default=False, title="いま指定期間内の講座だけ")
    page: Annotated[Count | None, BeforeValidator(_blank_to_none)] = Field(default=None, title="ページ", ge=1)


class PlanChoiceForm(FormModel):
    plan_id: OptionalInt = Field(default=None, title="追加する自己投資プラン", ge=1, le=2**31 - 1)


class TeamForm(FormModel):
    name: str = Field(title="チームの名前", min_length=1, max_length=100)


class ChooseCompanionForm(FormModel):
    companion_id: int = Field(title="伴走者")
    stage: str = Field(title="いまのライフ・キャリアステージと相談したいこと", min_length=1, max_length=2000)
    share_note: Checkbox = Field(default=False, title="最新のキャリアノートを共有する")
    share_plan_id: OptionalInt = Field(default=None, title="共有する計画")


class EndCompanionshipForm(FormModel):
    reason: str = Field(title="終える理由", min_length=1, max_length=2000)
    revoke_shares: Checkbox = Field(default=False, title="この伴走者への共有もすべて取り消す")


class MeetingForm(FormModel):
    held_on: date = Field(title="面談の日")
    summary: str = Field(title="話したこと・気づき", min_length=1, max_length=5000)
    next_on: OptionalDate = Field(default=None, title="次の面談の予定日")


class ActionForm(FormModel):
    title: str = Field(title="合意した行動", min_length=1, max_length=300)
    due_on: OptionalDate = Field(default=None, title="期日")


class ActionStatusForm(FormModel):
    status: Literal[ACTION_STATUSES] = Field(title="状況")  # type: ignore[valid-type]


class ProfileForm(FormModel):
    role_title: str = Field(title="立場・役職", min_length=1, max_length=200)
    styles: Annotated[list[str], BeforeValidator(_as_list)] = Field(default_factory=list, title="伴走のかたち")
    experience: str = Field(title="経験", min_length=1, max_length=3000)
    themes: str = Field(title="相談にのれるテーマ", min_length=1, max_length=2000)
    availability: str = Field(title="面談できる頻度・方法", min_length=1, max_length=300)
    accepting: Checkbox = Field(default=False, title="新しい相談者を受け付ける")


class PromptForm(FormModel):
    text: str = Field(title="送る内容", min_length=1, max_length=60000)


class DeleteAccountForm(FormModel):
    password: str = Field(title="パスワード", min_length=1, max_length=1000)
    confirm: Checkbox = Field(default=False, title="すべて削除されることを確認しました")


class JobCardForm(FormModel):
    values_and_interests: str = Field(default="", title="価値観、興味・関心事項など", max_length=5000)
    desired_work: str = Field(default="", title="将来取り組みたい仕事や働き方など", max_length=5000)
    skills_to_develop: str = Field(default="", title="これから取り組みたい能力開発など", max_length=5000)


class GrantForm(FormModel):
    grantee_id: int = Field(title="共有する相手")
    kind: Literal[ITEM_GRANT_KINDS] = Field(title="共有するもの")  # type: ignore[valid-type]
    note_id: OptionalInt = Field(default=None, title="共有するキャリアノート")
    plan_id: OptionalInt = Field(default=None, title="共有する計画")
    log_from: OptionalDate = Field(default=None, title="期間の始まり")
    log_to: OptionalDate = Field(default=None, title="期間の終わり")


class InvitationForm(FormModel):
    email: Email
    org_id: OptionalInt = Field(default=None, title="組織")
    roles: Annotated[list[str], BeforeValidator(_as_list)] = Field(default_factory=list, title="役割")


class OrganizationDeleteForm(FormModel):
    confirm_name: str = Field(title="確認のための組織名", min_length=1, max_length=200)


class OrganizationForm(FormModel):
    name: str = Field(title="組織名", min_length=1, max_length=200)


def validate(model: type[FormModel], data: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    """Returns (the model, {}) or (None, {field: Japanese message})."""
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "form"
            field = model.model_fields.get(name)
            label = (field.title if field and field.title else None) or FIELD_LABELS.get(name, name)
            errors.setdefault(name, message_for(error, label))
        return None, errors


def message_for(error: dict[str, Any], label: str) -> str:
    """A Japanese sentence that names the field (「label」) and says what is wrong with it."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return f"「{label}」を入力してください。"
    if kind == "string_too_short":
        return f"「{label}」は{ctx['min_length']}文字以上で入力してください。"
    if kind == "string_too_long":
        return f"「{label}」は{ctx['max_length']}文字以内で入力してください。"
    if kind == "too_long":
        return f"「{label}」は{ctx.get('max_length')}件以内にしてください。"
    if kind == "too_short":
        return f"「{label}」は{ctx.get('min_length')}件以上にしてください。"
    if kind == "text_encoding":
        return f"「{label}」の文字を読み取れませんでした（UTF-8以外の文字コードで送られたようです）。UTF-8で送り直してください。"
    if kind == "text_control":
        return f"「{label}」に使えない制御文字が含まれています。"
    if kind == "date_invalid":
        return f"「{label}」：{ctx['reason']}。"
    if kind == "date_range":
        return f"「{label}」は{dates.format_ja(FIRST_DATE)}から{dates.format_ja(LAST_DATE)}までの日付で入力してください。"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"「{label}」は日付（例：2026-04-01）で入力してください。"
    if kind in ("greater_than_equal", "greater_than"):
        return f"「{label}」は{ctx.get('ge', ctx.get('gt'))}{'以上' if kind.endswith('equal') else 'より大きい数'}で入力してください。"
    if kind in ("less_than_equal", "less_than"):
        return f"「{label}」は{ctx.get('le', ctx.get('lt'))}{'以下' if kind.endswith('equal') else '未満'}で入力してください。"
    if kind.startswith("int") or kind.startswith("float") or kind.startswith("decimal"):
        return f"「{label}」は数字で入力してください。"
    if kind == "greater_than_equal":
        return f"「{label}」は{ctx['ge']:g}以上で入力してください。"
    if kind == "less_than_equal":
        return f"「{label}」は{ctx['le']:g}以下で入力してください。"


    if kind.startswith("bool"):
        return f"「{label}」は true（はい）か false（いいえ）で入力してください。"
    if kind in ("literal_error", "enum"):
        return f"「{label}」は選択肢から選んでください。"
    if kind == "extra_forbidden":
        return f"「{label}」という項目はありません（項目名の綴りを確認してください）。"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"「{label}」はリスト（配列）で入力してください。"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"「{label}」は項目と値の組（JSONのオブジェクト）で入力してください。"
    if kind.startswith("string"):
        return f"「{label}」は文字列で入力してください。"
    if kind == "value_error" and "error" in ctx:
        reason = str(ctx["error"])
        return reason if f"「{label}」" in reason else f"「{label}」：{reason.rstrip('。')}。"
    return f"「{label}」の値が正しくありません。"
