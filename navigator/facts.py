"""The one vocabulary of facts: what the rules read, the UI asks and the forms print.

Every field has a Japanese label (``title``) used by the interview, the explanations and the
forms. A field left out (``None``) is *unknown*: the rules engine answers 判定不能 for what depends
on it and asks for it, instead of guessing. Choices accept their code or their Japanese label.
Dates accept ISO, 和暦 and full-width digits (see ``navigator.dates.parse_date``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Any, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from navigator import dates


def _to_date(value: Any) -> Any:
    if value is None or isinstance(value, dt.date):
        return value
    return dates.parse_date(value)


def _between(first: dt.date, last: dt.date):
    def check(value: dt.date) -> dt.date:
        if not first <= value <= last:
            raise ValueError(f"{dates.format_ja(first)}から{dates.format_ja(last)}までの日付にしてください"
                             f"（入力: {dates.format_ja(value)}）")
        return value

    return AfterValidator(check)


# Deadlines move off 行政機関の休日, which the holiday table knows for these years only: a date
# outside them could not be computed with (it made the engine fail instead of answering).
FIRST_DATE = dt.date(dates.HOLIDAY_YEARS[0], 1, 1)
LAST_DATE = dt.date(dates.HOLIDAY_YEARS[1], 12, 31)
FactDate = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    _between(FIRST_DATE, LAST_DATE),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
]
# Birth dates are only counted with (ages), never moved off holidays: any 明治6年 or later date.
BirthDate = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    _between(dt.date(1873, 1, 1), LAST_DATE),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
]


class Choice:
    """A closed set of codes, each with its Japanese label; input may use either."""

    registry: dict[str, "Choice"] = {}

    def __init__(self, name: str, labels: dict[str, str]):
        self.name = name
        self.labels = labels
        self._by_label = {label: code for code, label in labels.items()}
        Choice.registry[name] = self

    def normalize(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            value = self._by_label.get(value, value)
            if value not in self.labels:
                expected = "、".join(f"{code}（{label}）" for code, label in self.labels.items())
                raise ValueError(f"'{value}' は選べません。次のいずれかです: {expected}")
        return value

    def type(self) -> Any:
        from typing import Literal

        return Annotated[
            Literal[tuple(self.labels)],  # type: ignore[valid-type]
            BeforeValidator(self.normalize),
            Field(json_schema_extra={"labels": self.labels}),
        ]


INDUSTRY = Choice("industry", {
    "retail": "小売業（飲食店を含む）",
    "service": "サービス業",
    "wholesale": "卸売業",
    "other": "その他の業種",
})
MENU = Choice("menu", {
    "training": "教育訓練制度",
    "evaluation": "職業能力評価制度",
    "career_consulting": "キャリア・コンサルティング制度",
    "consultant_development": "キャリア・コンサルタントの育成",
    "skill_test": "技能検定合格報奨金制度",
})
SEPARATION_CAUSE = Choice("separation_cause", {
    "employer_convenience": "事業主の都合による解雇等",
    "disaster": "天災その他やむを得ない理由による事業継続不可能のための解雇",
    "worker_fault": "労働者の責めに帰すべき理由による解雇",
    "voluntary": "労働者の都合による退職",
    "other": "その他（契約期間満了・定年など）",
})
INSTRUMENT = Choice("instrument", {
    "work_rules_filed": "労働基準監督署などへ届け出た就業規則",
    "work_rules_petition": "従業員全員の連署による申立書を添付した就業規則（常時10人未満）",
    "labor_agreement": "労働協約",
})
COVERAGE = Choice("coverage", {
    "duty": "1つ以上の職務の対象となる労働者全員（パターン1）",
    "worker_class": "1つ以上の労働者区分の対象となる労働者全員（パターン2）",
    "partial": "職務・労働者区分の一部の労働者のみ",
})
ATTENDANCE = Choice("attendance", {
    "ordered": "業務命令による受講・受検",
    "voluntary": "労働者の自発的な受講・受検",
})
PAYER_SHARE = Choice("payer_share", {
    "all": "全額を事業主が負担",
    "part": "一部を事業主が負担",
    "none": "事業主は負担しない",
})
PROVIDER = Choice("provider", {
    "external": "事業主以外が設置する教育訓練施設など（講師の派遣を含む）",
    "internal": "自社の事業主・役員・労働者が講師",
})
COURSE_CONTENT = Choice("course_content", {
    "job_direct": "職務に直接必要な知識・技能",
    "statutory_for_qualification": "労働者が資格を取得するための法定講習",
    "indirect": "職業・職務に間接的に必要な知識・技能（普通自動車運転免許など）",
    "general_manners": "職業人に共通の基礎的スキル（接遇・マナー講習など）",
    "hobby": "趣味教養（日常会話程度の語学、話し方教室など）",
    "business_operation": "通常の事業活動（経営改善の指導、マニュアル作成など）",
    "company_briefing": "自社の経営方針・事業の説明会、業績報告会、販売戦略会議",
    "internal_rules_briefing": "社内制度・組織・人事規則の説明会",
    "qc_circle": "QCサークル活動",
    "equipment_briefing": "自社で用いる機器・端末の操作説明会",
    "product_briefing": "自社製品の説明会",
    "research": "製品開発などのための大学等での研究活動",
    "bidding_briefing": "国・自治体の入札手続きなどの説明会",
    "not_training_event": "時局講演会・研究会・学会・見本市・見学会など",
    "statutory_for_business": "事業主に義務づけられた法定講習（労働安全衛生法に基づく講習など）",
    "attitude": "意識改革研修・モラール向上研修など",
    "exam_only": "資格試験・適性検査",
    "government_hosted": "官庁主催の研修",
})
COURSE_METHOD = Choice("course_method", {
    "classroom": "通学・集合形式",
    "remote_interactive": "遠隔講習（講師が受講者の様子を見て質疑応答ができる）",
    "correspondence": "通信制（一方的な講義）",
    "video_only": "専らビデオの視聴",
    "overseas": "海外・洋上での実施",
    "workplace": "営業中の生産ライン・就労の場で実施",
    "on_the_job": "通常の生産活動と区別できないもの（現場実習、営業同行など）",
})
SHORTFALL_REASON = Choice("shortfall_reason", {
    "dismissal_worker_fault": "労働者の責めに帰すべき理由による解雇",
    "resignation": "労働者の都合による退職",
    "death": "労働者の死亡",
    "disaster": "天災等のやむを得ない理由",
    "other": "その他の理由",
})
BENEFIT_KIND = Choice("benefit_kind", {
    "general": "一般教育訓練",
    "specific_general": "特定一般教育訓練",
    "professional": "専門実践教育訓練",
})
STUDY_MODE = Choice("study_mode", {
    "daytime": "通学（昼間）",
    "evening_weekend": "通学（夜間・土日のみ）",
    "e_learning": "eラーニング",
    "correspondence": "通信",
})
CONSULTING_PURPOSE = Choice("consulting_purpose", {
    "company_system": "企業内のキャリア・コンサルティング制度",
    "pre_course": "訓練前キャリアコンサルティング（特定一般・専門実践教育訓練）",
})
JOB_CARD_SHEET = Choice("job_card_sheet", {
    "1-1": "様式1-1 キャリア・プランシート（就業経験がある方用）",
    "1-2": "様式1-2 キャリア・プランシート（学卒者等用）",
    "2": "様式2 職務経歴シート",
    "3-1": "様式3-1 職業能力証明（免許・資格）シート",
    "3-2": "様式3-2 職業能力証明（学習歴・訓練歴）シート",
    "3-3": "様式3-3 職業能力証明（訓練成果・実務成果）シート",
})
CARD_KEEPER = Choice("card_keeper", {
    "worker": "労働者本人",
    "consultant": "キャリアコンサルタント",
    "employer": "事業主・人事担当者",
})
TRAINING_TYPE = Choice("training_type", {
    "ikusei": "人材育成訓練（人材育成支援コース）",
    "nintei": "認定実習併用職業訓練（人材育成支援コース）",
    "yuuki": "有期実習型訓練（人材育成支援コース）",
    "digital": "高度デジタル人材訓練（人への投資促進コース）",
    "growth": "成長分野等人材訓練（人への投資促進コース）",
    "it_nintei": "情報技術分野認定実習併用職業訓練（人への投資促進コース）",
    "teigaku": "定額制訓練（人への投資促進コース）",
    "voluntary": "自発的職業能力開発訓練（人への投資促進コース）",
    "reskilling": "事業展開等リスキリング支援コースの訓練",
})
STAFF_TYPE = Choice("staff_type", {
    "regular": "正規雇用労働者等",
    "fixed_term": "有期契約労働者等（非正規雇用労働者）",
})
SUBSIDY_COURSE = Choice("subsidy_course", {
    "ikusei": "人材育成支援コース",
    "kyuka": "教育訓練休暇等付与コース",
    "toushi": "人への投資促進コース",
    "toushi_growth": "人への投資促進コース（成長分野等人材訓練）",
    "reskilling": "事業展開等リスキリング支援コース",
})
LEAVE_SYSTEM = Choice("leave_system", {
    "paid_leave": "有給教育訓練休暇制度（3年間に5日以上）",
    "long_leave": "長期教育訓練休暇制度（30日以上）",
    "short_hours": "教育訓練短時間勤務等制度",
})
CONSULTING_METHOD = Choice("consulting_method", {
    "face_to_face": "個別に対面で面談",
    "video": "テレビ電話",
    "phone": "電話",
    "mail": "メール",
    "group": "ガイダンス・セミナー・グループワークなどの集団形式",
})
RATING = Choice("rating", {
    "A": "常にできている",
    "B": "大体できている",
    "C": "評価しない",
})
SUBJECT_KIND = Choice("subject_kind", {
    "lecture": "学科",
    "practice": "実技",
})


def label_of(choice: str, code: str) -> str:
    return Choice.registry[choice].labels.get(code, code)


class Facts(BaseModel):
    """Base: unknown names are refused (a typo must not silently become 'unknown')."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _to_number(value: Any) -> Any:
    """全角 digits, thousands separators and a unit are normal in Japanese input: '１,２００円' -> '1200'."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
        for unit in ("円", "人", "時間", "h"):
            text = text.removesuffix(unit).strip()
        return text
    return value


Count = Annotated[int, BeforeValidator(_to_number), Field(ge=0, le=1_000_000)]
Yen = Annotated[int, BeforeValidator(_to_number), Field(ge=0, le=10**12)]
Hours = Annotated[float, BeforeValidator(_to_number), Field(ge=0, le=10_000)]


class Separation(Facts):
    date: FactDate = Field(title="離職日")
    cause: SEPARATION_CAUSE.type() = Field(title="離職の理由")
    insured: bool = Field(True, title="雇用保険被保険者であった")
    specific_qualified: bool | None = Field(
        None, title="特定受給資格者（離職区分1A・3A）として受給資格の決定が行われた")


class SubsidyReceived(Facts):
    course: SUBSIDY_COURSE.type() = Field(title="コース")
    fiscal_year: int = Field(title="年度（4月始まりの年）", ge=2000, le=2100)
    yen: Yen = Field(title="支給を受けた額（円）")


class Office(Facts):
    name: str = Field(title="事業所の名称", min_length=1, max_length=200)
    main: bool = Field(False, title="主たる事業所である")
    address: str | None = Field(None, title="事業所の所在地", max_length=300)
    phone: str | None = Field(None, title="事業所の電話番号", max_length=30)
    insurance_office_number: str | None = Field(None, title="雇用保険適用事業所番号", max_length=30)
    regular_employees: Count | None = Field(None, title="事業所の常時雇用する労働者の数")
    insured_employees: Count | None = Field(None, title="事業所の雇用保険被保険者数")
    promoter: str | None = Field(None, title="事業所の職業能力開発推進者（役職・氏名）", max_length=100)
    rules_include_system: bool | None = Field(
        None, title="この事業所の就業規則に導入する制度を規定した")


class DevelopmentPlan(Facts):
    """事業内職業能力開発計画（個票1〜3, seed 003 Ⅵ-2 p.93〜95）: free text, one item a line."""

    philosophy: list[str] | None = Field(None, title="経営理念")
    management_policy: list[str] | None = Field(None, title="経営方針")
    training_policy: list[str] | None = Field(None, title="人材育成の基本方針")
    goals: list[str] | None = Field(None, title="人材育成の目標")
    promotion_basics: list[str] | None = Field(None, title="昇進昇格・人事考課の基本的事項")
    promotion_details: list[str] | None = Field(None, title="昇進昇格・人事考課の具体的内容")
    abilities: list[str] | None = Field(None, title="職務に必要な職業能力に関する事項")


class Employer(Facts):
    name: str | None = Field(None, title="事業主の名称", max_length=200)
    name_kana: str | None = Field(None, title="事業主の名称（フリガナ）", max_length=200)
    representative: str | None = Field(None, title="代表者の役職・氏名", max_length=100)
    postal_code: str | None = Field(None, title="郵便番号", max_length=10)
    address: str | None = Field(None, title="主たる事業所の所在地", max_length=300)
    phone: str | None = Field(None, title="電話番号", max_length=30)
    main_business: str | None = Field(None, title="主たる事業（業種の内容）", max_length=200)
    labor_insurance_number: str | None = Field(None, title="労働保険番号", max_length=30)
    insurance_office_number: str | None = Field(
        None, title="雇用保険適用事業所番号（主たる事業所）", max_length=30)
    labor_bureau: str | None = Field(None, title="提出先の労働局（例: 東京労働局）", max_length=50)
    offices: list[Office] | None = Field(None, title="事業所（主たる事業所と従たる事業所）")
    development_promoter: str | None = Field(None, title="職業能力開発推進者（役職・氏名）", max_length=100)
    development_plan: DevelopmentPlan | None = Field(None, title="事業内職業能力開発計画")
    industry: INDUSTRY.type() | None = Field(None, title="業種")
    capital_yen: Yen | None = Field(None, title="資本金の額・出資の総額（円）")
    regular_employees: Count | None = Field(None, title="常時雇用する労働者の数（企業全体）")
    insured_employees_at_application: Count | None = Field(
        None, title="支給申請日における雇用保険被保険者数")
    employment_insurance_office: bool | None = Field(None, title="雇用保険適用事業所の事業主である")
    separations: list[Separation] | None = Field(
        None, title="離職者（計画届提出日の前日から6か月前の日から支給申請日まで）",
        description="該当者がいなければ空のリスト")
    development_plan_created: bool | None = Field(None, title="事業内職業能力開発計画を作成している")
    development_plan_union_consulted: bool | None = Field(
        None, title="事業内職業能力開発計画の作成で労働組合などの意見を聴いた")
    development_plan_announced: bool | None = Field(
        None, title="事業内職業能力開発計画を労働者に周知している")
    development_promoter_appointed: bool | None = Field(None, title="職業能力開発推進者を選任している")
    development_promoter_appointed_on: FactDate | None = Field(None, title="職業能力開発推進者の選任日")
    keeps_records: bool | None = Field(None, title="審査に必要な書類などを整備・保管している")
    cooperates_with_audit: bool | None = Field(None, title="労働局長の求めに応じて書類を提出し実地調査に協力する")
    fraud_dates: list[FactDate] | None = Field(
        None, title="助成金の不正受給をした日", description="なければ空のリスト")
    premium_arrears: bool | None = Field(
        None, title="支給申請年度の前年度より前の労働保険料に未納がある")
    premium_arrears_paid_on: FactDate | None = Field(None, title="未納の労働保険料を納入した日")
    labor_law_violation_dates: list[FactDate] | None = Field(
        None, title="労働関係法令の違反をした日", description="なければ空のリスト")
    adult_entertainment_business: bool | None = Field(
        None, title="性風俗関連営業・接待を伴う飲食等営業（その一部の受託を含む）を行っている")
    organized_crime_related: bool | None = Field(None, title="暴力団関係事業所である")
    bankrupt: bool | None = Field(None, title="倒産している")
    consents_to_publication: bool | None = Field(
        None, title="不正受給が発覚した場合の事業主名等の公表に同意している")
    group_course_beneficiary: bool | None = Field(
        None, title="企業内人材育成推進助成金（事業主団体助成コース）の助成対象となった")
    past_introduction_grants: list[MENU.type()] | None = Field(
        None, title="過去に制度導入助成を受給した制度", description="なければ空のリスト")
    existing_systems: list[MENU.type()] | None = Field(
        None, title="要件を満たす形で既に導入済みの制度", description="なければ空のリスト")
    other_subsidy_for_same_costs: bool | None = Field(
        None, title="支給対象となる経費について他の助成金などを受けている")
    wage_increase_met: bool | None = Field(
        None, title="賃金要件（1年以内に賃金を5%以上増額）または資格等手当要件（就業規則の手当と3%以上の増額）を満たす")
    subsidy_received: list[SubsidyReceived] | None = Field(
        None, title="同じ年度に既に支給を受けた人材開発支援助成金", description="なければ空のリスト")


class AbilityUnit(Facts):
    """One cell of the 職業能力体系図: a 課業（能力ユニット） of a 職務 for a 労働者区分."""

    code: str = Field(title="項目番号（例: A29）", min_length=1, max_length=20)
    job_type: str = Field(title="職種", min_length=1, max_length=100)
    duty: str = Field(title="職務", min_length=1, max_length=100)
    worker_class: str = Field(title="労働者区分", min_length=1, max_length=50)
    name: str = Field(title="課業（能力ユニット）", min_length=1, max_length=100)


class AbilityMap(Facts):
    """職業能力体系図（様式第4号, seed 003 Ⅱ-4(2) p.28〜31)."""

    worker_classes: list[str] | None = Field(None, title="労働者区分（低い順）")
    units: list[AbilityUnit] | None = Field(None, title="課業（能力ユニット）")
    reference: str | None = Field(None, title="参考にした評価基準（例: 職業能力評価基準 ユニット番号34S100L11等）",
                                  max_length=200)


class EvaluationItem(Facts):
    detail: str = Field(title="能力細目", min_length=1, max_length=200)
    criterion: str = Field(title="職務遂行のための基準", min_length=1, max_length=500)
    code: str | None = Field(None, title="コード（引用した評価基準のコード番号。独自の項目は空欄）", max_length=50)
    cited: bool = Field(True, title="汎用性のある評価基準から引用した項目である")


class EvaluationSheet(Facts):
    """職業能力評価項目（個票）（様式第6号, seed 003 Ⅲ-4(3) p.44〜50): one per 課業."""

    number: Count = Field(title="個票番号")
    unit_code: str = Field(title="職業能力体系図の項目番号", min_length=1, max_length=20)
    source: str | None = Field(None, title="評価基準の出所（例: 職業能力評価基準）", max_length=200)
    items: list[EvaluationItem] = Field(default_factory=list, title="評価項目")


class ConsultingPlan(Facts):
    """キャリア・コンサルティング実施計画書（様式第8号, seed 003 Ⅳ-4(2) p.66〜70)."""

    number: Count = Field(title="計画書番号")
    target: str = Field(title="対象者", min_length=1, max_length=200)
    timing: str = Field(title="キャリア・コンサルティングの実施日", min_length=1, max_length=200)
    external: bool = Field(title="外部のキャリア・コンサルタントが実施する")
    provider_name: str | None = Field(None, title="外部の機関名または氏名", max_length=200)
    provider_address: str | None = Field(None, title="外部の機関の所在地", max_length=300)
    provider_phone: str | None = Field(None, title="外部の機関の電話番号", max_length=30)
    method: str = Field("ジョブ・カードを活用して実施", title="キャリア・コンサルティングの実施方法", max_length=200)
    note: str | None = Field(None, title="備考", max_length=500)


class SkillTestPlan(Facts):
    """技能検定実施計画書（様式第9号, seed 003 Ⅴ-4(2) p.89〜91)."""

    number: Count = Field(title="計画書番号")
    target: str = Field(title="対象者", min_length=1, max_length=200)
    name: str = Field(title="技能検定の名称（等級・職種）", min_length=1, max_length=200)
    practical_exam_on: FactDate | None = Field(None, title="実技試験の受検日")
    written_exam_on: FactDate | None = Field(None, title="学科試験の受検日")
    body_name: str | None = Field(None, title="技能検定を実施する機関の名称", max_length=200)
    body_address: str | None = Field(None, title="実施機関の所在地", max_length=300)
    body_phone: str | None = Field(None, title="実施機関の電話番号", max_length=30)
    note: str | None = Field(None, title="備考", max_length=500)


class PlannedPersons(Facts):
    training: Count | None = Field(None, title="教育訓練制度の適用予定人数")
    evaluation: Count | None = Field(None, title="職業能力評価制度の適用予定人数")
    career_consulting: Count | None = Field(None, title="キャリア・コンサルティング制度の適用予定人数")
    consultant_development: Count | None = Field(None, title="キャリア・コンサルタントの育成予定人数")
    skill_test: Count | None = Field(None, title="技能検定合格報奨金制度の適用予定人数")


class Plan(Facts):
    menus: list[MENU.type()] | None = Field(None, title="導入する人材育成制度")
    start_date: FactDate | None = Field(None, title="制度導入・適用計画期間の初日")
    end_date: FactDate | None = Field(None, title="制度導入・適用計画期間の末日")
    submitted_on: FactDate | None = Field(None, title="制度導入・適用計画届の提出日（予定日）")
    instrument: INSTRUMENT.type() | None = Field(None, title="制度を規定する方法")
    introduced_on: FactDate | None = Field(
        None, title="制度の導入日（就業規則の届出日・申立書の添付日・労働協約の締結日）")
    only_formal_revision: bool | None = Field(
        None, title="見直しの内容が事業内職業能力開発計画の作成と職業能力開発推進者の選任のみ")
    ability_map_covers_all_work: bool | None = Field(
        None, title="職業能力体系図が自社の全ての仕事と全ての労働者区分を網羅している")
    training_plan_coverage: COVERAGE.type() | None = Field(None, title="教育訓練実施計画の対象となる労働者")
    consulting_plan_covers_all_workers: bool | None = Field(
        None, title="キャリア・コンサルティング実施計画が全ての労働者を対象としている")
    documents_announced: bool | None = Field(
        None, title="就業規則・実施計画書などを労働者に周知した")
    planned_persons: PlannedPersons | None = Field(None, title="適用予定人数・育成予定人数")
    ability_map: AbilityMap | None = Field(None, title="職業能力体系図")
    evaluation_sheets: list[EvaluationSheet] | None = Field(None, title="職業能力評価項目（個票）")
    consulting_plans: list[ConsultingPlan] | None = Field(None, title="キャリア・コンサルティング実施計画書")
    skill_test_plans: list[SkillTestPlan] | None = Field(None, title="技能検定実施計画書")
    skill_test_reward_yen: Yen | None = Field(None, title="就業規則に定める合格報奨金の額（円）")
    certified_on: FactDate | None = Field(None, title="制度導入・適用計画の認定日")


class Application(Facts):
    submitted_on: FactDate | None = Field(
        None, title="支給申請日（予定日でも可。複数回申請する場合は最後の申請日）")


class Worker(Facts):
    id: str = Field(title="労働者ID", min_length=1, max_length=64)
    name: str | None = Field(None, title="氏名", max_length=100)
    insured: bool | None = Field(None, title="雇用保険被保険者である")
    duty: str | None = Field(None, title="職務", max_length=100)
    worker_class: str | None = Field(None, title="労働者区分", max_length=50)
    job_title: str | None = Field(None, title="職名・雇用形態（例: スタッフ・正社員）", max_length=100)
    job_description: str | None = Field(None, title="職務内容", max_length=500)


class Trainee(Facts):
    worker_id: str = Field(title="訓練受講者（労働者ID）")
    attended_hours: Hours | None = Field(None, title="受講時間数")
    shortfall_reason: SHORTFALL_REASON.type() | None = Field(
        None, title="受講時間数が計画の8割未満となった理由")
    job_card_handed_on: FactDate | None = Field(
        None, title="訓練を終了しジョブ・カード（様式3-3-4）を手交した日（適用日）")
    grades: list[str] | None = Field(
        None, title="科目ごとの成績（訓練科目の順）", description="例: A、B、C（成績の評価方法は訓練コースに記載）")
    comment: str | None = Field(None, title="その他（コメント）", max_length=500)
    claimed_on: FactDate | None = Field(
        None, title="この適用分の支給申請日（省略時は支給申請の日付）")
    staff_type: STAFF_TYPE.type() | None = Field(None, title="雇用形態")
    expenses_yen: Yen | None = Field(
        None, title="この受講者の訓練経費のうち事業主が負担した額（円）")
    ojt_done: bool | None = Field(None, title="訓練計画どおりOJTを実施した（実習併用の訓練）")


class Subject(Facts):
    kind: SUBJECT_KIND.type() = Field(title="系科（学科・実技）")
    name: str = Field(title="科目名", min_length=1, max_length=100)
    hours: Hours = Field(title="訓練時間数")


class Course(Facts):
    id: str | None = Field(None, title="コースID", max_length=64)
    name: str | None = Field(None, title="教育訓練コースの名称", max_length=200)
    plan_number: Count | None = Field(None, title="計画書番号")
    target: str | None = Field(None, title="対象者（例: 経理部門のスタッフ）", max_length=200)
    abilities: list[str] | None = Field(None, title="習得する職業能力（職業能力体系図の項目番号）")
    description: str | None = Field(None, title="教育訓練の内容", max_length=500)
    provider_name: str | None = Field(None, title="教育訓練機関の名称", max_length=200)
    provider_address: str | None = Field(None, title="教育訓練機関の所在地", max_length=300)
    provider_phone: str | None = Field(None, title="教育訓練機関の電話番号", max_length=30)
    provider_head: str | None = Field(None, title="訓練実施施設の責任者の氏名", max_length=100)
    subjects: list[Subject] | None = Field(None, title="訓練科目（カリキュラム）")
    grading: str | None = Field(
        None, title="成績の評価方法", max_length=300,
        description="例: A:到達水準を十分に上回った B:到達水準に達した C:到達水準に達しなかった")
    note: str | None = Field(None, title="備考", max_length=500)
    off_jt: bool | None = Field(None, title="Off-JT（通常の生産活動と区別して業務の遂行の過程外で行う）")
    attendance: ATTENDANCE.type() | None = Field(None, title="受講の形態")
    employer_pays: PAYER_SHARE.type() | None = Field(None, title="訓練経費の事業主負担")
    provider: PROVIDER.type() | None = Field(None, title="訓練の実施者")
    cost_proof: bool | None = Field(None, title="事業主の経費負担を証明できる（領収書など）")
    cost_yen: Yen | None = Field(None, title="訓練経費（円）")
    scheduled_hours: Hours | None = Field(None, title="総時間数（開講式・休憩を含む）")
    ceremony_hours: Hours | None = Field(None, title="開講式・閉講式・オリエンテーションの合計時間")
    meal_break_hours: Hours | None = Field(None, title="昼食など食事を伴う休憩時間の合計")
    daily_short_break_hours: list[Hours] | None = Field(
        None, title="各日の小休止の時間", description="1日ごとの小休止の合計時間のリスト")
    content: COURSE_CONTENT.type() | None = Field(None, title="訓練の内容")
    method: COURSE_METHOD.type() | None = Field(None, title="訓練の実施方法")
    instructor_qualified: bool | None = Field(
        None, title="訓練指導員免許を有する者または専門的な知識・技能を有する講師が行う")
    follows_curriculum: bool | None = Field(None, title="あらかじめ定めたカリキュラムどおり実施する")
    uses_annual_paid_leave: bool | None = Field(None, title="年次有給休暇を与えて受講させる")
    facility_appropriate: bool | None = Field(None, title="教育訓練機関として相応しい設備・施設で実施する")
    start_date: FactDate | None = Field(None, title="訓練の初日")
    end_date: FactDate | None = Field(None, title="訓練の最終日")
    trainees: list[Trainee] = Field(default_factory=list, title="訓練受講者")
    training_type: TRAINING_TYPE.type() | None = Field(None, title="人材開発支援助成金の訓練区分")
    e_learning: bool | None = Field(None, title="eラーニング・通信制で行う訓練である")
    professional_designated: bool | None = Field(
        None, title="専門実践教育訓練の指定講座である")
    training_plan_submitted_on: FactDate | None = Field(
        None, title="職業訓練実施計画届の提出日（予定日でも可）")
    subscription_months: Count | None = Field(
        None, title="定額制サービスの利用月数（定額制訓練）")


class Rating(Facts):
    sheet: Count = Field(title="個票番号")
    item: Count = Field(title="項目（個票の何番目の基準か、1から）", ge=1)
    self_rating: RATING.type() | None = Field(None, title="自己評価")
    company_rating: RATING.type() | None = Field(None, title="企業評価")


class Evaluee(Facts):
    worker_id: str = Field(title="被評価者（労働者ID）")
    ratings: list[Rating] | None = Field(None, title="評価結果（基準ごとのA・B・C）")
    comment: str | None = Field(None, title="総評・コメント", max_length=1000)
    job_card_handed_on: FactDate | None = Field(
        None, title="評価を終了しジョブ・カード（様式3-3-1-2）を手交した日（適用日）")
    claimed_on: FactDate | None = Field(
        None, title="この適用分の支給申請日（省略時は支給申請の日付）")


class Evaluation(Facts):
    id: str | None = Field(None, title="評価ID", max_length=64)
    plan_number: Count | None = Field(None, title="計画書番号")
    target: str | None = Field(None, title="対象者（例: 曲げ加工部門のスタッフ）", max_length=200)
    sheets: list[int] | None = Field(None, title="評価項目（職業能力評価項目（個票）の個票番号）")
    responsible: str | None = Field(None, title="評価責任者", max_length=100)
    evaluator: str | None = Field(None, title="評価担当者", max_length=100)
    period_text: str | None = Field(None, title="評価対象期間（定期の書き方。例: 毎年10月1日から9月30日）", max_length=100)
    date_text: str | None = Field(None, title="評価実施日（定期の書き方。例: 毎年10月10日）", max_length=100)
    period_start: FactDate | None = Field(None, title="評価対象期間の初日")
    period_end: FactDate | None = Field(None, title="評価対象期間の末日")
    conducted_on: FactDate | None = Field(None, title="評価実施日")
    items_total: Count | None = Field(None, title="職務遂行のための基準の項目数")
    items_cited: Count | None = Field(None, title="汎用性のある評価基準から引用した項目数")
    cited_items_have_codes: bool | None = Field(None, title="引用した項目にコード番号と出所を記載している")
    coverage: COVERAGE.type() | None = Field(None, title="職業能力評価項目（個票）の対象となる労働者")
    uses_job_card: bool | None = Field(None, title="ジョブ・カード様式3-3-1-2を活用して評価する")
    evaluators_assigned: bool | None = Field(None, title="評価責任者と評価担当者を選任している")
    evaluees: list[Evaluee] = Field(default_factory=list, title="被評価者")


class Consulting(Facts):
    worker_id: str = Field(title="キャリア・コンサルティングを受けた労働者（労働者ID）")
    conducted_on: FactDate | None = Field(None, title="キャリア・コンサルティングの実施日")
    consultant_qualified: bool | None = Field(None, title="実施者がキャリア・コンサルティング有資格者である")
    consultant_job_card_adviser: bool | None = Field(None, title="実施者がジョブ・カード作成アドバイザーである")
    method: CONSULTING_METHOD.type() | None = Field(None, title="実施方法")
    plan_number: Count | None = Field(None, title="キャリア・コンサルティング実施計画書の計画書番号")
    consultant_name: str | None = Field(None, title="実施者の氏名", max_length=100)
    consultant_affiliation: str | None = Field(None, title="実施者の所属（社内・外部機関名）", max_length=200)
    cost_yen: Yen | None = Field(None, title="キャリア・コンサルティングの経費（円）")
    attendance: ATTENDANCE.type() | None = Field(None, title="受ける形態")
    employer_pays: PAYER_SHARE.type() | None = Field(None, title="経費の事業主負担")
    uses_job_card: bool | None = Field(None, title="ジョブ・カードを活用して実施する")
    job_card_created_on: FactDate | None = Field(
        None, title="キャリア・コンサルティングに基づきジョブ・カードを作成した日（適用日）")
    claimed_on: FactDate | None = Field(
        None, title="この適用分の支給申請日（省略時は支給申請の日付）")
    purpose: CONSULTING_PURPOSE.type() | None = Field(None, title="キャリアコンサルティングの目的")
    consultant_registered: bool | None = Field(
        None, title="実施者が登録キャリアコンサルタント（国家資格）である")
    consultant_training_certified: bool | None = Field(
        None, title="実施者が訓練対応キャリアコンサルタントである")
    sheets_used: list[JOB_CARD_SHEET.type()] | None = Field(
        None, title="作成・活用したジョブ・カードの様式", description="なければ空のリスト")
    card_kept_by: CARD_KEEPER.type() | None = Field(None, title="ジョブ・カードを保管・管理する人")
    copy_kept_by_consultant: bool | None = Field(
        None, title="キャリアコンサルタントがジョブ・カードの写しを保管している")
    shown_to_employer: bool | None = Field(
        None, title="ジョブ・カードを事業主・人事担当者に渡した・見せた")


class ConsultantTraining(Facts):
    worker_id: str = Field(title="育成する労働者（労働者ID）")
    employer_pays_all: bool | None = Field(None, title="育成の経費（講座受講料・受験料など）を事業主が全額負担")
    cost_yen: Yen | None = Field(None, title="育成の経費（円）")
    qualified: bool | None = Field(None, title="キャリア・コンサルティング有資格者となった")
    job_card_adviser: bool | None = Field(None, title="ジョブ・カード作成アドバイザーとなった")
    became_consultant_on: FactDate | None = Field(None, title="要件を満たすキャリア・コンサルタントとなった日")
    claimed_on: FactDate | None = Field(
        None, title="この適用分の支給申請日（省略時は支給申請の日付）")


class SkillTest(Facts):
    worker_id: str = Field(title="受検者（労働者ID）")
    name: str | None = Field(None, title="技能検定の名称（等級・職種）", max_length=200)
    plan_number: Count | None = Field(None, title="技能検定実施計画書の計画書番号")
    fee_yen: Yen | None = Field(None, title="受検料（円）")
    in_plan: bool | None = Field(None, title="技能検定実施計画書に記載した計画的な受検である")
    attendance: ATTENDANCE.type() | None = Field(None, title="受検の形態")
    employer_pays: PAYER_SHARE.type() | None = Field(None, title="受検料などの事業主負担")
    exam_date: FactDate | None = Field(None, title="受検日")
    passed: bool | None = Field(None, title="合格した")
    reward_yen: Yen | None = Field(None, title="合格報奨金の額（円）")
    reward_paid_on: FactDate | None = Field(None, title="合格報奨金を支給した日（適用日）")
    claimed_on: FactDate | None = Field(
        None, title="この適用分の支給申請日（省略時は支給申請の日付）")


class LeavePerson(Facts):
    worker_id: str = Field(title="長期教育訓練休暇を取得した労働者（労働者ID）")
    days: Count = Field(title="取得した休暇の日数")


class LeavePlan(Facts):
    systems: list[LEAVE_SYSTEM.type()] | None = Field(None, title="導入する制度")
    plan_start: FactDate | None = Field(None, title="制度導入・適用計画期間の初日")
    plan_end: FactDate | None = Field(None, title="制度導入・適用計画期間の末日")
    plan_submitted_on: FactDate | None = Field(None, title="制度導入・適用計画届の提出日")
    in_work_rules: bool | None = Field(None, title="制度を就業規則または労働協約に規定した")
    paid_leave_days_taken: Count | None = Field(
        None, title="有給教育訓練休暇を取得させた日数（3年間の合計、1人当たり）")
    long_leave: list[LeavePerson] | None = Field(
        None, title="長期教育訓練休暇の取得者", description="なければ空のリスト")
    claimed_on: FactDate | None = Field(None, title="支給申請日（予定日でも可）")


class EmployerCase(Facts):
    """Everything known about one company and its plan: the input of `navigator check`."""

    as_of: FactDate | None = Field(None, title="判定の基準日")
    employer: Employer = Field(default_factory=Employer, title="事業主")
    plan: Plan = Field(default_factory=Plan, title="制度導入・適用計画")
    application: Application = Field(default_factory=Application, title="支給申請")
    workers: list[Worker] | None = Field(
        None, description="実施がなければ空のリスト、未入力は不明", title="労働者")
    courses: list[Course] | None = Field(
        None, description="実施がなければ空のリスト、未入力は不明", title="教育訓練")
    evaluations: list[Evaluation] | None = Field(
        None, description="実施がなければ空のリスト、未入力は不明", title="職業能力評価")
    consultings: list[Consulting] | None = Field(
        None, description="実施がなければ空のリスト、未入力は不明", title="キャリア・コンサルティング")
    consultant_trainings: list[ConsultantTraining] | None = Field(
        None, description="実施がなければ空のリスト、未入力は不明", title="キャリア・コンサルタントの育成")
    skill_tests: list[SkillTest] | None = Field(
        None, description="実施がなければ空のリスト、未入力は不明", title="技能検定")
    leave_plan: LeavePlan = Field(default_factory=LeavePlan, title="教育訓練休暇等の制度")

    def activation(self) -> dict[str, Any]:
        """The facts as plain data for the expressions: unknown fields are left out."""
        return self.model_dump(mode="json", exclude_none=True)


class PreCourseConsulting(Consulting):
    worker_id: str = Field("本人", title="キャリアコンサルティングを受けた人")


class PreviousBenefit(Facts):
    paid_on: FactDate = Field(title="教育訓練給付金の支給を受けた日")
    kind: BENEFIT_KIND.type() | None = Field(None, title="給付の種類")


class Person(Facts):
    name: str | None = Field(None, title="氏名", max_length=100)
    birth_date: BirthDate | None = Field(None, title="生年月日")
    insured_at_start: bool | None = Field(
        None, title="受講開始日に雇用保険の一般被保険者（在職中）である")
    insured_since: FactDate | None = Field(
        None, title="支給要件期間の初日（被保険者となった日。通算できる前の被保険者期間があればその初日）")
    insured_lost_on: FactDate | None = Field(
        None, title="離職して被保険者資格を失った日（離職日の翌日）")
    inability_days: Count | None = Field(
        None, title="離職後、妊娠・出産・育児・疾病・負傷などで引き続き30日以上受講できなかった日数（適用対象期間の延長）")
    previous_benefits: list[PreviousBenefit] | None = Field(
        None, title="これまでに受けた教育訓練給付金", description="初めてなら空のリスト")
    wage_before_yen: Yen | None = Field(None, title="受講開始前の賃金（月額、円）")
    wage_after_yen: Yen | None = Field(None, title="修了後の賃金（月額、円）")
    qualification_obtained_on: FactDate | None = Field(
        None, title="講座の目標資格などを取得した日")
    employed_after_on: FactDate | None = Field(
        None, title="修了後に被保険者として雇用された日（在職のまま修了した場合は修了日）")
    eligibility_checked_on: FactDate | None = Field(
        None, title="ハローワークで受給資格確認を済ませた日（予定日でも可）")
    basic_allowance_daily_yen: Yen | None = Field(None, title="基本手当日額（円）")
    certified_unemployed_days: Count | None = Field(
        None, title="教育訓練支援給付金の対象として失業の認定を受けた日数")
    claimed_on: FactDate | None = Field(None, title="支給申請日（予定日でも可）")


class BenefitCourse(Facts):
    kind: BENEFIT_KIND.type() | None = Field(None, title="講座の種類（教育訓練給付の指定区分）")
    name: str | None = Field(None, title="講座名", max_length=300)
    provider: str | None = Field(None, title="教育訓練施設・実施者", max_length=300)
    designation_number: str | None = Field(None, title="指定番号", max_length=40)
    designation_start: FactDate | None = Field(None, title="指定期間の初日")
    designation_end: FactDate | None = Field(None, title="指定期間の末日")
    fee_yen: Yen | None = Field(None, title="入学料と受講料の合計（円）")
    fees_by_period_yen: list[Yen] | None = Field(
        None, title="6か月ごとの支給単位期間に支払った入学料・受講料（円）",
        description="専門実践教育訓練で受講期間が6か月を超える場合")
    employer_paid_yen: Yen | None = Field(
        None, title="受講料のうち事業主などが負担した額（会社の補助・手当を含む、円）")
    employer_subsidy_yen: Yen | None = Field(
        None, title="この講座の経費について事業主が受ける助成金の額（円）")
    start_date: FactDate | None = Field(None, title="受講開始日")
    end_date: FactDate | None = Field(None, title="修了日（修了予定日）")
    completed: bool | None = Field(None, title="講座を修了した（修了見込みを含む）")
    mode: STUDY_MODE.type() | None = Field(None, title="実施方法")
    hours: Hours | None = Field(None, title="訓練時間数")


class EducationLeave(Facts):
    start_date: FactDate | None = Field(None, title="教育訓練休暇の初日")
    end_date: FactDate | None = Field(None, title="教育訓練休暇の末日")
    unpaid: bool | None = Field(None, title="無給の休暇である")
    in_work_rules: bool | None = Field(None, title="就業規則または労働協約に定める休暇制度による")
    voluntary: bool | None = Field(None, title="労働者が自発的に取得する休暇である")
    approved: bool | None = Field(None, title="事業主の承認を受けた")
    insured_months_2y: Count | None = Field(
        None, title="休暇開始前2年間の被保険者期間（月数）")
    insured_years_total: Count | None = Field(None, title="被保険者であった期間の合計（年数）")
    basic_allowance_daily_yen: Yen | None = Field(
        None, title="休暇開始前6か月の賃金から計算した基本手当日額に相当する額（円）")
    employer_filed_on: FactDate | None = Field(None, title="事業主が休暇の届出をした日")


class WorkerCase(Facts):
    """One worker and one course: the input of `navigator benefit`."""

    as_of: FactDate | None = Field(None, title="判定の基準日")
    worker: Person = Field(default_factory=Person, title="本人")
    course: BenefitCourse = Field(default_factory=BenefitCourse, title="講座")
    consultings: list[PreCourseConsulting] | None = Field(
        None, title="キャリアコンサルティング", description="まだ受けていなければ空のリスト")
    leave: EducationLeave | None = Field(None, title="教育訓練休暇")

    def activation(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


CASE_TYPES: dict[str, type[Facts]] = {"employer": EmployerCase, "worker": WorkerCase}


def path_titles(model: type[BaseModel], names: list[str]) -> list[str]:
    """Japanese title of each segment of a fact path: ['employer', 'capital_yen'] -> [事業主, 資本金…]."""
    titles: list[str] = []
    current: Any = model
    for name in names:
        field = current.model_fields.get(name) if current is not None else None
        if field is None:
            titles.append(name)
            current = None
            continue
        titles.append(field.title or name)
        current = _inner_model(field.annotation)
    return titles


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside Optional[...] / list[...], or None for a plain value."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def fact_paths(model: type[BaseModel], prefix: str = "") -> dict[str, Any]:
    """Every readable path of the vocabulary, lists marked '[]': {'courses[].hours': FieldInfo}."""
    paths: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        paths[path] = field
        inner = _inner_model(field.annotation)
        is_list = _is_list(field.annotation)
        if inner is not None:
            paths.update(fact_paths(inner, f"{path}[]." if is_list else f"{path}."))
    return paths


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in get_args(annotation) if arg is not type(None))


def vocabulary_table(model: type[BaseModel]) -> str:
    """The vocabulary as a Markdown table: path, Japanese label, type, choices."""
    rows = ["| 項目 | 意味 | 型・選択肢 |", "| --- | --- | --- |"]
    for path, info in fact_paths(model).items():
        rows.append(f"| `{path}` | {info.title or ''} | {_type_text(info)} |")
    return "\n".join(rows)


def _type_text(info: Any) -> str:
    labels = _choice_labels(info.annotation)
    if labels:
        return "、".join(f"`{code}` {label}" for code, label in labels.items())
    return _kind(info.annotation)


_KINDS = {bool: "true / false", int: "整数", float: "数値", str: "文字列", dt.date: "日付"}


def _kind(annotation: Any) -> str:
    if annotation in _KINDS:
        return _KINDS[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "項目の組"
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is list:
        return f"{_kind(args[0])}のリスト"
    inner = [_kind(a) for a in args if not hasattr(a, "__call__") or isinstance(a, type) or get_args(a)]
    return inner[0] if inner else str(annotation)


def _choice_labels(annotation: Any) -> dict[str, str] | None:
    for meta in getattr(annotation, "__metadata__", ()):
        extra = getattr(meta, "json_schema_extra", None)
        if isinstance(extra, dict) and "labels" in extra:
            return extra["labels"]
    for arg in get_args(annotation):
        found = _choice_labels(arg)
        if found:
            return found
    return None
