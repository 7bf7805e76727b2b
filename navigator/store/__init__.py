"""Persistence for 学びナビ: SQLAlchemy 2 models, Alembic migrations, and repository functions.

Every function that touches personal data takes a `Viewer` and scopes its query by owner or by
grant here, in the store, so no page or API can forget to.
"""
