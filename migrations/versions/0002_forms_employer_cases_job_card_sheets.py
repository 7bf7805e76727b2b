"""Forms: the company case of the plan builder (one per organization) and the Job Card's sheets
(様式1-1 profile, 2, 3-1, 3-2) beside the career-plan texts.

Revision ID: 0002_forms
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_forms'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('employer_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organizations.id'], name=op.f('fk_employer_cases_org_id_organizations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_employer_cases_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer_cases')),
    sa.UniqueConstraint('org_id', name=op.f('uq_employer_cases_org_id'))
    )
    with op.batch_alter_table('job_cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sheets', sa.Text(), nullable=False, server_default='{}'))


def downgrade() -> None:
    with op.batch_alter_table('job_cards', schema=None) as batch_op:
        batch_op.drop_column('sheets')
    op.drop_table('employer_cases')
