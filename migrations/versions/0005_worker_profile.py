"""The employee's 雇用保険 profile (the facts the benefit rules read about the person), and a
detail for plan steps (why a step is due then: the rule and its source).

Revision ID: 0005_worker_profile
Revises: 0004_reliability
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_worker_profile'
down_revision = '0004_reliability'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('worker_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_worker_profiles_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_profiles')),
    sa.UniqueConstraint('owner_id', name=op.f('uq_worker_profiles_owner_id'))
    )
    with op.batch_alter_table('plan_steps') as batch:
        batch.add_column(sa.Column('detail', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan_steps') as batch:
        batch.drop_column('detail')
    op.drop_table('worker_profiles')
