"""Typing a questionnaire in from paper: one keystroke per item.

The strip shows a box per item. A digit answers the current item and moves to the next; after
the last item the form moves the focus on to the next strip (``finished``), so a whole form is
typed without looking up. Backspace takes the previous answer back, the arrow keys move,
Delete clears. An answer outside the item's range is refused and said under the strip. Items
that go above 9 take two digits (the second, or Space, completes the answer)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QApplication, QWidget

from holdmetight.i18n import _

BOX = 26  # pixels per item box
GAP = 4


class AnswerStrip(QWidget):
    """The answers to a questionnaire's items; ``changed`` fires on every answer."""

    changed = Signal()
    refused = Signal(str)  # why a key was not taken as an answer
    finished = Signal()  # the last item was answered: the form moves on

    def __init__(self, ranges: Sequence[tuple[int, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ranges = tuple(ranges)
        self.answers: list[int | None] = [None] * len(self.ranges)
        self.current = 0
        self._pending: int | None = None  # a first digit of a two-digit answer
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(BOX + 18)

    def sizeHint(self) -> QSize:
        return QSize(len(self.ranges) * (BOX + GAP) + GAP, BOX + 18)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # What the form reads and sets.
    def complete(self) -> bool:
        return all(a is not None for a in self.answers)

    def empty(self) -> bool:
        return all(a is None for a in self.answers)

    def values(self) -> tuple[int, ...]:
        assert self.complete()
        return tuple(a for a in self.answers if a is not None)

    def missing(self) -> list[int]:
        return [n for n, a in enumerate(self.answers, start=1) if a is None]

    def set_values(self, answers: Sequence[int]) -> None:
        self.answers = [*answers][: len(self.ranges)] + [None] * (len(self.ranges) - len(answers))
        self.current = 0
        self._pending = None
        self._describe()
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        self.set_values([])

    # Typing.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text.isdigit() and len(text) == 1:
            self._digit(int(text))
        elif key == Qt.Key.Key_Space and self._pending is not None:
            self._offer(self._pending)
        elif key == Qt.Key.Key_Backspace:
            self._pending = None
            if self.current > 0 and self.answers[self.current] is None:
                self.current -= 1
            self.answers[self.current] = None
            self._moved()
        elif key == Qt.Key.Key_Delete:
            self.answers[self.current] = None
            self._moved()
        elif key == Qt.Key.Key_Left and self.current > 0:
            self.current -= 1
            self._moved(changed=False)
        elif key == Qt.Key.Key_Right and self.current < len(self.ranges) - 1:
            self.current += 1
            self._moved(changed=False)
        elif key == Qt.Key.Key_Home:
            self.current = 0
            self._moved(changed=False)
        else:
            super().keyPressEvent(event)

    def _digit(self, digit: int) -> None:
        high = self.ranges[self.current][1]
        if self._pending is not None:
            combined = self._pending * 10 + digit
            if combined <= high:
                self._offer(combined)
                return
            # The waiting digit was the whole answer; this one starts the next item's.
            last = self.current == len(self.ranges) - 1
            if not self._offer(self._pending):
                return
            if last:  # the form moved on: the digit is the next form's first
                following = QApplication.focusWidget()
                if isinstance(following, AnswerStrip) and following is not self:
                    following._digit(digit)
                return
            high = self.ranges[self.current][1]
        if high >= 10 and digit > 0 and digit * 10 <= high:
            self._pending = digit  # wait: a second digit may follow
            self.update()
            return
        self._offer(digit)

    def _offer(self, value: int) -> bool:
        """Take ``value`` as the current item's answer when it is one; else say why not."""
        low, high = self.ranges[self.current]
        if not low <= value <= high:
            self._pending = None
            self.update()
            self.refused.emit(
                _("Item {n}: {answer} is not an answer; answers run from {low} to {high}.").format(
                    n=self.current + 1, answer=value, low=low, high=high
                )
            )
            return False
        self._answer(value)
        return True

    def _answer(self, value: int) -> None:
        self._pending = None
        self.answers[self.current] = value
        if self.current < len(self.ranges) - 1:
            self.current += 1
            self._moved()
        else:
            self._moved()
            self.finished.emit()

    def _moved(self, *, changed: bool = True) -> None:
        self._describe()
        self.update()
        if changed:
            self.changed.emit()

    def _describe(self) -> None:
        """What a screen reader says of the strip: every answer, and where typing goes."""
        answered = ", ".join("–" if a is None else str(a) for a in self.answers)
        self.setAccessibleDescription(
            _("Answers: {answers}. Typing answers item {n}.").format(
                answers=answered, n=self.current + 1
            )
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = int(event.position().x() // (BOX + GAP))
        if 0 <= index < len(self.ranges):
            self.current = index
            self._pending = None
            self.update()
        self.setFocus()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.TabFocusReason:
            missing = self.missing()
            self.current = missing[0] - 1 if missing else 0
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._pending is not None:
            self._offer(self._pending)
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        small = painter.font()
        small.setPointSizeF(max(small.pointSizeF() * 0.75, 6))
        for index, answer in enumerate(self.answers):
            box = QRectF(GAP + index * (BOX + GAP), 0, BOX, BOX)
            current = self.hasFocus() and index == self.current
            painter.fillRect(box, palette.color(QPalette.ColorRole.Base))
            painter.setPen(
                palette.color(QPalette.ColorRole.Highlight)
                if current
                else palette.color(QPalette.ColorRole.Mid)
            )
            painter.drawRect(box.adjusted(0, 0, -1, -1))
            if current:
                painter.drawRect(box.adjusted(1, 1, -2, -2))
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            shown = self._pending if current and self._pending is not None else answer
            if shown is not None:
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(shown))
            painter.save()
            painter.setFont(small)
            painter.setPen(QColor(palette.color(QPalette.ColorRole.PlaceholderText)))
            painter.drawText(
                QRectF(box.x(), BOX, BOX, 16), Qt.AlignmentFlag.AlignCenter, str(index + 1)
            )
            painter.restore()
