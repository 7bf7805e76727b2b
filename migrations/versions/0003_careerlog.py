"""Career log, career note, self-investment plan and companions: emotion intensity; generated,
versioned notes with the person's corrections; plan goal, programs, weekly hours and dated steps;
companion profiles, companionships (a new grant kind), meeting records and agreed actions; teams
that see who logged today. Audit events keep their record when the reader's account is deleted.

Revision ID: 0003_careerlog
Revises: 0002_forms
Create Date: 2026-11-21 08:12:15.952520
"""
from alembic import op
import sqlalchemy as sa

GRANT_TARGET_0001 = (
    "(kind = 'note' AND note_id IS NOT NULL AND plan_id IS NULL AND log_from IS NULL)"
    " OR (kind = 'plan' AND plan_id IS NOT NULL AND note_id IS NULL AND log_from IS NULL)"
    " OR (kind = 'log_range' AND log_from IS NOT NULL AND log_to IS NOT NULL"
    " AND note_id IS NULL AND plan_id IS NULL AND log_from <= log_to)"
)
GRANT_TARGET_0002 = GRANT_TARGET_0001 + (
    " OR (kind = 'companionship' AND note_id IS NULL AND plan_id IS NULL AND log_from IS NULL)"
)
NOW = sa.text("CURRENT_TIMESTAMP")


revision = '0003_careerlog'
down_revision = '0002_forms'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('teams',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_teams_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams'))
    )
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teams_org_id'), ['org_id'], unique=False)

    op.create_table('companion_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role_title', sa.String(length=200), nullable=False),
    sa.Column('styles', sa.String(length=40), nullable=False),
    sa.Column('experience', sa.Text(), nullable=False),
    sa.Column('themes', sa.Text(), nullable=False),
    sa.Column('availability', sa.String(length=300), nullable=False),
    sa.Column('accepting', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_companion_profiles_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_companion_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_companion_profiles_user_id'))
    )
    op.create_table('team_members',
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_team_members_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_team_members_user_id_users')),
    sa.PrimaryKeyConstraint('team_id', 'user_id', name=op.f('pk_team_members'))
    )
    op.create_table('plan_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_steps_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_steps'))
    )
    with op.batch_alter_table('plan_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_steps_plan_id'), ['plan_id'], unique=False)

    op.create_table('companionships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('companion_id', sa.Integer(), nullable=True),
    sa.Column('grant_id', sa.Integer(), nullable=True),
    sa.Column('stage', sa.Text(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['companion_id'], ['users.id'], name=op.f('fk_companionships_companion_id_users')),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_companionships_grant_id_grants')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_companionships_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_companionships')),
    sa.UniqueConstraint('grant_id', name=op.f('uq_companionships_grant_id'))
    )
    with op.batch_alter_table('companionships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_companionships_companion_id'), ['companion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_companionships_owner_id'), ['owner_id'], unique=False)

    op.create_table('agreed_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('companionship_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('todo','doing','done','dropped')", name=op.f('ck_agreed_actions_status')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_agreed_actions_author_id_users')),
    sa.ForeignKeyConstraint(['companionship_id'], ['companionships.id'], name=op.f('fk_agreed_actions_companionship_id_companionships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_agreed_actions_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_actions'))
    )
    with op.batch_alter_table('agreed_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_actions_companionship_id'), ['companionship_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreed_actions_owner_id'), ['owner_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('companionship_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('next_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_meetings_author_id_users')),
    sa.ForeignKeyConstraint(['companionship_id'], ['companionships.id'], name=op.f('fk_meetings_companionship_id_companionships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_meetings_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_companionship_id'), ['companionship_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_owner_id'), ['owner_id'], unique=False)

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('actor_id',
               existing_type=sa.INTEGER(),
               nullable=True)

    with op.batch_alter_table('career_log_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('intensity', sa.Integer(), nullable=False, server_default='2'))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False, server_default=NOW))

    with op.batch_alter_table('career_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='written'))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('period_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('period_to', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('data', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('corrections', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('stale', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_check_constraint('kind', "kind IN ('written','generated')")

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('aspiration', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('programs', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('hours_per_week', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False, server_default=NOW))

    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_grants_kind_target'), type_='check')
        batch_op.create_check_constraint('kind_target', GRANT_TARGET_0002)



def downgrade() -> None:
    # Companionship grants cannot exist under the 0001 constraint: their companionships go first.
    op.execute("UPDATE audit_events SET grant_id = NULL WHERE grant_id IN (SELECT id FROM grants WHERE kind = 'companionship')")
    op.execute("DELETE FROM agreed_actions")
    op.execute("DELETE FROM meetings")
    op.execute("DELETE FROM companionships")
    op.execute("DELETE FROM grants WHERE kind = 'companionship'")
    op.execute("DELETE FROM audit_events WHERE actor_id IS NULL")
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_grants_kind_target'), type_='check')
        batch_op.create_check_constraint('kind_target', GRANT_TARGET_0001)

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
        batch_op.drop_column('hours_per_week')
        batch_op.drop_column('programs')
        batch_op.drop_column('aspiration')

    with op.batch_alter_table('career_notes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_career_notes_kind'), type_='check')
        batch_op.drop_column('stale')
        batch_op.drop_column('corrections')
        batch_op.drop_column('data')
        batch_op.drop_column('period_to')
        batch_op.drop_column('period_from')
        batch_op.drop_column('version')
        batch_op.drop_column('kind')

    with op.batch_alter_table('career_log_entries', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
        batch_op.drop_column('intensity')

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('actor_id',
               existing_type=sa.INTEGER(),
               nullable=False)

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_owner_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_companionship_id'))

    op.drop_table('meetings')
    with op.batch_alter_table('agreed_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_actions_owner_id'))
        batch_op.drop_index(batch_op.f('ix_agreed_actions_companionship_id'))

    op.drop_table('agreed_actions')
    with op.batch_alter_table('companionships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_companionships_owner_id'))
        batch_op.drop_index(batch_op.f('ix_companionships_companion_id'))

    op.drop_table('companionships')
    with op.batch_alter_table('plan_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_steps_plan_id'))

    op.drop_table('plan_steps')
    op.drop_table('team_members')
    op.drop_table('companion_profiles')
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teams_org_id'))

    op.drop_table('teams')
