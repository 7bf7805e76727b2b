"""The Job Card editor's rows (様式1-1 profile and consultant entries, 2, 3-1, 3-2) as posted form
fields, read back into JobCardSheets with Japanese messages naming the field."""

from __future__ import annotations

from pydantic import ValidationError

from navigator.forms.worker_data import ConsultantEntry, JobCardSheets, Learning, License, Profile, WorkHistory

# list name in JobCardSheets -> (row model, form prefix, sheet heading)
ROWS = {
    "work_history": (WorkHistory, "work", "様式２ 職務経歴シート"),
    "licenses": (License, "license", "様式３－１ 職業能力証明（免許・資格）シート"),
    "learning": (Learning, "learning", "様式３－２ 職業能力証明（学習歴・訓練歴）シート"),
    "consultant_entries": (ConsultantEntry, "consultant", "様式１－１ キャリアコンサルティング実施者の記入欄"),
}
BLANK_ROWS = 2  # empty rows offered after the filled ones ("fills them over time")


def blank_rows(sheets: JobCardSheets) -> dict[str, int]:
    return {name: len(getattr(sheets, name)) + BLANK_ROWS for name in ROWS}


def from_form(data: dict, stored: JobCardSheets) -> tuple[JobCardSheets, dict[str, str]]:
    errors: dict[str, str] = {}
    profile = {name: str(data.get(f"profile_{name}", "")) for name in Profile.model_fields}
    rows: dict[str, list[dict]] = {}
    for name, (model, prefix, _) in ROWS.items():
        count = len(getattr(stored, name)) + BLANK_ROWS
        found = []
        for i in range(count):
            row = {f: str(data.get(f"{prefix}_{i}_{f}", "")).strip() for f in model.model_fields}
            if any(row.values()):
                found.append(row)
        rows[name] = found
    raw = {"profile": profile, "plan_written_on": str(data.get("plan_written_on", "")), **rows}
    try:
        return JobCardSheets.model_validate(raw), {}
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            model = Profile if loc[0] == "profile" else ROWS.get(loc[0], (JobCardSheets,))[0]
            field = model.model_fields.get(str(loc[-1]))
            label = field.title if field else str(loc[-1])
            limit = (error.get("ctx") or {}).get("max_length")
            errors[".".join(map(str, loc))] = f"「{label}」は{limit}文字以内で入力してください。" if limit else f"「{label}」の値が正しくありません。"
        return JobCardSheets.model_construct(**{**stored.model_dump(), "profile": Profile.model_construct(**profile)}), errors
