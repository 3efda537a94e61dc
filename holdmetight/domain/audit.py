"""The audit trail: who did what to which record, never the sensitive values themselves.

An entry about a couple's file (the couple, its partners, intakes, enrollments, offers, fees,
payments, a view, a print) names the couple, so that its history can be read at once; a
print or export says what it held (a course code, a period, a format, a number of rows),
never a person's data.
"""

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
    os_user: str = Field(max_length=100, index=True)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: int | None = Field(default=None)
    couple_id: int | None = Field(default=None, index=True)
    detail: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
