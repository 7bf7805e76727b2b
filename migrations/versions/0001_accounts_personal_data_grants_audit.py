"""Accounts, organizations, invitations; the employee's own data (career log, notes, plans,
Job Card); grants to companions and the audit log of their reads.

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 07:44:04.075927
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('name', name=op.f('uq_organizations_name'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('session_epoch', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_users_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_org_id'), ['org_id'], unique=False)

    op.create_table('career_log_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('event', sa.Text(), nullable=False),
    sa.Column('emotion', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_career_log_entries_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_career_log_entries'))
    )
    with op.batch_alter_table('career_log_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_career_log_entries_owner_id'), ['owner_id'], unique=False)

    op.create_table('career_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_career_notes_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_career_notes'))
    )
    with op.batch_alter_table('career_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_career_notes_owner_id'), ['owner_id'], unique=False)

    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('roles', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_invitations_invited_by_id_users')),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_invitations_org_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitations_token_hash'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_org_id'), ['org_id'], unique=False)

    op.create_table('job_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('values_and_interests', sa.Text(), nullable=False),
    sa.Column('desired_work', sa.Text(), nullable=False),
    sa.Column('skills_to_develop', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_job_cards_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_cards')),
    sa.UniqueConstraint('owner_id', name=op.f('uq_job_cards_owner_id'))
    )
    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_plans_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_owner_id'), ['owner_id'], unique=False)

    op.create_table('user_roles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.CheckConstraint("role IN ('employee','companion','hr','admin')", name=op.f('ck_user_roles_role')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_roles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'role', name=op.f('pk_user_roles'))
    )
    op.create_table('grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('grantee_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=True),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('log_from', sa.Date(), nullable=True),
    sa.Column('log_to', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("(kind = 'note' AND note_id IS NOT NULL AND plan_id IS NULL AND log_from IS NULL) OR (kind = 'plan' AND plan_id IS NOT NULL AND note_id IS NULL AND log_from IS NULL) OR (kind = 'log_range' AND log_from IS NOT NULL AND log_to IS NOT NULL AND note_id IS NULL AND plan_id IS NULL AND log_from <= log_to)", name=op.f('ck_grants_kind_target')),
    sa.CheckConstraint('owner_id <> grantee_id', name=op.f('ck_grants_not_self')),
    sa.ForeignKeyConstraint(['grantee_id'], ['users.id'], name=op.f('fk_grants_grantee_id_users')),
    sa.ForeignKeyConstraint(['note_id'], ['career_notes.id'], name=op.f('fk_grants_note_id_career_notes')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_grants_owner_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_grants_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grants'))
    )
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grants_grantee_id'), ['grantee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grants_owner_id'), ['owner_id'], unique=False)

    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('object_kind', sa.String(length=20), nullable=False),
    sa.Column('object_label', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_events_actor_id_users')),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_audit_events_grant_id_grants')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_audit_events_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_owner_id'), ['owner_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_owner_id'))

    op.drop_table('audit_events')
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grants_owner_id'))
        batch_op.drop_index(batch_op.f('ix_grants_grantee_id'))

    op.drop_table('grants')
    op.drop_table('user_roles')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_owner_id'))

    op.drop_table('plans')
    op.drop_table('job_cards')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_org_id'))

    op.drop_table('invitations')
    with op.batch_alter_table('career_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_career_notes_owner_id'))

    op.drop_table('career_notes')
    with op.batch_alter_table('career_log_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_career_log_entries_owner_id'))

    op.drop_table('career_log_entries')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_org_id'))

    op.drop_table('users')
    op.drop_table('organizations')
