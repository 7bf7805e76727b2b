"""Tables. Personal data (career log, notes, plans, Job Card) always carry `owner_id`;
a `Grant` is the only way anyone else reaches one of them, and each such read leaves an
`AuditEvent` the owner can see."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("employee", "companion", "hr", "admin")
GRANT_KINDS = ("note", "plan", "log_range", "companionship")
# Kinds a person shares item by item on the sharing page; a companionship grant is made by
# choosing a companion (navigator.store.companions).
ITEM_GRANT_KINDS = ("note", "plan", "log_range")
ACTION_STATUSES = ("todo", "doing", "done", "dropped")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Stores aware UTC datetimes; SQLite hands them back naive, so UTC is put back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    # Named constraints so that later Alembic migrations can alter them on SQLite and PostgreSQL.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    # Bumped on password change: signed-cookie sessions carrying an older value stop working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization] = relationship(lazy="joined")
    role_rows: Mapped[list[UserRole]] = relationship(
        lazy="selectin", cascade="all, delete-orphan"
    )

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r.role for r in self.role_rows)


class UserRole(Base):
    __tablename__ = "user_roles"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    __table_args__ = (CheckConstraint("role IN ('employee','companion','hr','admin')", name="role"),)


class Invitation(Base):
    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    roles: Mapped[str] = mapped_column(String(100))  # comma-separated, validated on creation
    # Only a hash of the token is kept: a leaked database does not hand out sign-ups.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    organization: Mapped[Organization] = relationship(lazy="joined")

    @property
    def role_set(self) -> frozenset[str]:
        return frozenset(r for r in self.roles.split(",") if r)


class CareerLogEntry(Base):
    """One day's entry: something that happened and how it felt (seed 000, 4-3-2-1)."""

    __tablename__ = "career_log_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    event: Mapped[str] = mapped_column(Text)
    emotion: Mapped[str] = mapped_column(String(20))
    # 1 少し / 2 けっこう / 3 とても (careerlog/emotions.yaml)
    intensity: Mapped[int] = mapped_column(Integer, default=2)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CareerNote(Base):
    """A note the person wrote (kind 'written'), or one version of the note generated from the
    log (kind 'generated': `data` holds the analysis, citing entries by id; `corrections` the
    person's own text per section, which wins over the generated text)."""

    __tablename__ = "career_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(20), default="written")
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    period_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    data: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    corrections: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # Set when an entry of the period changed or was deleted: the note is generated again from
    # the current log before anyone reads it.
    stale: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (CheckConstraint("kind IN ('written','generated')", name="kind"),)

    @property
    def generated(self) -> bool:
        return self.kind == "generated"


class Plan(Base):
    """A self-investment plan: the goal (ありたい姿), the programs chosen, a weekly time budget and
    dated steps whose completion is the progress."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    target_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    aspiration: Mapped[str] = mapped_column(Text, default="")
    programs: Mapped[str] = mapped_column(Text, default="")  # one per line
    hours_per_week: Mapped[float | None] = mapped_column(Float, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    steps: Mapped[list[PlanStep]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="(PlanStep.due_on, PlanStep.id)"
    )

    @property
    def program_list(self) -> list[str]:
        return [line.strip() for line in self.programs.splitlines() if line.strip()]

    @property
    def progress(self) -> tuple[int, int]:
        """(steps done, steps)"""
        return sum(1 for s in self.steps if s.done_on), len(self.steps)


class PlanStep(Base):
    __tablename__ = "plan_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Why the step is due then, e.g. the rule and its source for a benefit's claim deadline.
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)


class WorkerProfile(Base):
    """The employee's 雇用保険 profile (navigator.benefits.profile.BenefitProfile as JSON): the
    facts the benefit rules read about the person. One per person, never shared: only the owner
    reads it (HR sees no one's, a companion is never granted it)."""

    __tablename__ = "worker_profiles"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    data: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class JobCard(Base):
    """The Job Card's career plan sheet (様式1-1), one per person. Never shared: the subsidy
    manual (seed 003, Ⅳ-5) forbids showing it to HR or letting a consultant keep a copy."""

    __tablename__ = "job_cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    values_and_interests: Mapped[str] = mapped_column(Text, default="")
    desired_work: Mapped[str] = mapped_column(Text, default="")
    skills_to_develop: Mapped[str] = mapped_column(Text, default="")
    # 様式1-1 (profile, consultant entries), 2, 3-1, 3-2 as JSON: navigator.forms.worker_data.JobCardSheets
    sheets: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EmployerCaseRecord(Base):
    """One company's facts (EmployerCase as JSON) for the plan builder: read and written only by
    the HR and admin staff of that organization (navigator.store.employer_cases)."""

    __tablename__ = "employer_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), unique=True)
    data: Mapped[str] = mapped_column(Text, default="{}")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


GRANT_KIND_TARGET = (
    "(kind = 'note' AND note_id IS NOT NULL AND plan_id IS NULL AND log_from IS NULL)"
    " OR (kind = 'plan' AND plan_id IS NOT NULL AND note_id IS NULL AND log_from IS NULL)"
    " OR (kind = 'log_range' AND log_from IS NOT NULL AND log_to IS NOT NULL"
    " AND note_id IS NULL AND plan_id IS NULL AND log_from <= log_to)"
    " OR (kind = 'companionship' AND note_id IS NULL AND plan_id IS NULL AND log_from IS NULL)"
)


class Grant(Base):
    """An employee lets one companion read one item (a note, a plan, or the log entries of a
    date range) until it is revoked. A 'companionship' grant is the consent behind choosing a
    companion: it lets them read and add meeting records and agreed actions."""

    __tablename__ = "grants"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    grantee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    note_id: Mapped[int | None] = mapped_column(ForeignKey("career_notes.id"), nullable=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), nullable=True)
    log_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    log_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    owner: Mapped[User] = relationship(foreign_keys=[owner_id], lazy="joined")
    grantee: Mapped[User] = relationship(foreign_keys=[grantee_id], lazy="joined")
    note: Mapped[CareerNote | None] = relationship(lazy="joined")
    plan: Mapped[Plan | None] = relationship(lazy="joined")

    __table_args__ = (
        CheckConstraint(GRANT_KIND_TARGET, name="kind_target"),
        CheckConstraint("owner_id <> grantee_id", name="not_self"),
    )

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class AuditEvent(Base):
    """A read of someone's data by another person. The owner reads these on their audit page."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # NULL once the reader deleted their account: the owner keeps the record that it was read.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("grants.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    object_kind: Mapped[str] = mapped_column(String(20))
    object_label: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="joined")


class CompanionProfile(Base):
    """What a companion (伴走者) tells employees about themselves, so that they can choose
    (seed 000, 4-2-2 キャリアアドバイザー制度; 4-4)."""

    __tablename__ = "companion_profiles"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    role_title: Mapped[str] = mapped_column(String(200))  # 立場・役職
    styles: Mapped[str] = mapped_column(String(40))  # comma-separated: role_model, mentor
    experience: Mapped[str] = mapped_column(Text)
    themes: Mapped[str] = mapped_column(Text)  # one per line
    availability: Mapped[str] = mapped_column(String(300))
    accepting: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def style_set(self) -> frozenset[str]:
        return frozenset(s for s in self.styles.split(",") if s)

    @property
    def theme_list(self) -> list[str]:
        return [line.strip() for line in self.themes.splitlines() if line.strip()]


class Companionship(Base):
    """An employee chose a companion, at a stage of life or career. Active while its
    'companionship' grant is; the employee may end it and choose another at a new stage."""

    __tablename__ = "companionships"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # NULL once the companion deleted their account (the records stay with the employee).
    companion_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    grant_id: Mapped[int | None] = mapped_column(ForeignKey("grants.id"), nullable=True, unique=True)
    stage: Mapped[str] = mapped_column(Text, default="")  # ライフ・キャリアステージ、相談したいこと
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    end_reason: Mapped[str] = mapped_column(Text, default="")

    owner: Mapped[User] = relationship(foreign_keys=[owner_id], lazy="joined")
    companion: Mapped[User | None] = relationship(foreign_keys=[companion_id], lazy="joined")
    grant: Mapped[Grant | None] = relationship(lazy="joined")

    @property
    def active(self) -> bool:
        return self.ended_at is None and self.grant is not None and self.grant.active


class Meeting(Base):
    """A meeting record (面談の記録) of a companionship. Belongs to the employee."""

    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    companionship_id: Mapped[int] = mapped_column(ForeignKey("companionships.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    held_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    next_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")


class AgreedAction(Base):
    """An action the employee and companion agreed on, with its status. Belongs to the employee."""

    __tablename__ = "agreed_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    companionship_id: Mapped[int] = mapped_column(ForeignKey("companionships.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="todo")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("status IN ('todo','doing','done','dropped')", name="status"),)


class Team(Base):
    """Colleagues who keep the log together (チームで実践, seed 000 6-2): members see who logged
    today, never what anyone wrote."""

    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[TeamMember]] = relationship(lazy="selectin", cascade="all, delete-orphan")


class TeamMember(Base):
    __tablename__ = "team_members"
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class UserSession(Base):
    """A signed-in session. The cookie carries a random token and this table only its hash, so
    signing out (or a password change) ends a session for good: a copied cookie stops working."""

    __tablename__ = "user_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginFailure(Base):
    """A failed sign-in, counted per account and per address to slow down password guessing
    (navigator.store.throttle); rows older than the window are removed."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class DeletionRecord(Base):
    """That an account or an organization was deleted, and when: no name, no email, no content.
    Deliberately without foreign keys: the subject no longer exists."""

    __tablename__ = "deletion_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # 'account' | 'organization'
    subject_id: Mapped[int] = mapped_column(Integer)
    org_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
