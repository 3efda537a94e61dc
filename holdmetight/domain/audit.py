"""The audit trail: who did what to which record, never the sensitive values themselves."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from holdmetight.domain.base import utc_now


class AuditEntry(SQLModel, table=True):
    """One recorded action (``create``, ``update``, ...) on one record, in UTC."""

    __tablename__ = "audit_entry"
    # A new entry's number comes from its sequence, not read back from the table: a
    # facilitator's login adds entries to the audit trail but may not read it (db/roles.py).
    __table_args__ = {"implicit_returning": False}

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    os_user: str = Field(max_length=100)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: int | None = Field(default=None)
