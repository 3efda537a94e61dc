"""Programmes and the steps of the chosen one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from holdmetight.i18n import _, format_number
from holdmetight.services.programs import ProgramInfo, ProgramStepInfo
from holdmetight.ui.models.row_table import Column, RowTableModel


def _hours(minutes: int) -> str:
    return format_number((Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize())


class ProgramTableModel(RowTableModel[ProgramInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Code"), lambda p: p.code),
                Column(lambda: _("Name"), lambda p: p.name),
                Column(lambda: _("Variant"), lambda p: p.variant.label),
                Column(lambda: _("Steps"), lambda p: str(len(p.steps)), align_right=True),
                Column(lambda: _("Hours"), lambda p: _hours(p.total_minutes), align_right=True),
            ],
            parent,
        )


class ProgramStepTableModel(RowTableModel[ProgramStepInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Step"), lambda s: f"{s.position}. {s.code}"),
                Column(lambda: _("Dutch title"), lambda s: s.title_nl),
                Column(lambda: _("English title"), lambda s: s.title_en),
                Column(lambda: _("Minutes"), lambda s: str(s.duration_minutes), align_right=True),
                Column(lambda: _("Day"), lambda s: str(s.day) if s.day else "–", align_right=True),
            ],
            parent,
        )
