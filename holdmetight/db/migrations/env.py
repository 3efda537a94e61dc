"""Alembic environment: migrations run on the connection the application hands over."""

from __future__ import annotations

from alembic import context

from holdmetight.domain.models import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the application always passes its connection
    raise RuntimeError("holdmetight migrations run through holdmetight.db.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
