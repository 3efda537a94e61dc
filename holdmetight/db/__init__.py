"""Engine, SQLite pragmas, Alembic migrations and backups."""
