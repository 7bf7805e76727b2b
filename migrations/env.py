"""Alembic environment: runs online against the URL set by navigator.store.migrate."""

from alembic import context

from navigator.store.db import make_engine
from navigator.store.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url")
if not url:
    from navigator.web.settings import Settings

    url = Settings().database_url

connectable = make_engine(url)
with connectable.connect() as connection:
    # render_as_batch: SQLite cannot ALTER most things; batch mode recreates the table instead.
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
connectable.dispose()
