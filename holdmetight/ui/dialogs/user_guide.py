"""The user guide, in a window of its own beside the application: its topics on the left, the
page on the right, in the language of the window (English where a page has no translation).

The guide is Markdown in ``docs/guide/<language>/`` with its screenshots in
``docs/guide/images/<language>/``; it ships with the application and is read from disk, so it
works without a network. Links between pages open in the same window; Alt+Left goes back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from holdmetight.i18n import _, current_language
from holdmetight.installation import docs_dir

TOPIC_ROLE = Qt.ItemDataRole.UserRole
# The guide's pages, task by task, in the order of the contents.
TOPICS = (
    "index",
    "today",
    "plan-a-course",
    "enroll-a-couple",
    "record-a-meeting",
    "fees",
    "printing",
    "messages",
    "questionnaires",
    "privacy-requests",
    "backups",
)


def guide_dir(language: str | None = None) -> Path:
    """The folder of the guide in ``language`` (the window's), or the English one."""
    root = docs_dir() / "guide"
    folder = root / (language or current_language())
    return folder if (folder / "index.md").is_file() else root / "en"


def page_title(path: Path) -> str:
    """A page's first heading."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


class GuidePage(QTextBrowser):
    """A page of the guide; screenshots are shown no wider than the page."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        found = super().loadResource(kind, name)
        if kind != QTextDocument.ResourceType.ImageResource.value or not found:
            return found
        image = found if isinstance(found, QImage) else QImage.fromData(found)
        if image.isNull():
            return found
        room = max(self.viewport().width() - 40, 320)
        if image.width() > room:
            return image.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)
        return image


class UserGuide(QDialog):
    """The guide's window; :meth:`show_topic` turns to a page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide")
        self.folder = guide_dir()
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        self.browser = GuidePage()
        self.browser.setObjectName("guide_page")
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDocumentMargin(12)
        self.browser.setSearchPaths([str(self.folder)])
        self.browser.sourceChanged.connect(self._follow)
        for topic in TOPICS:
            path = self.folder / f"{topic}.md"
            if path.is_file():
                item = QListWidgetItem(page_title(path))
                item.setData(TOPIC_ROLE, topic)
                self.contents.addItem(item)
        self.contents.currentItemChanged.connect(self._chosen)
        self.contents.setFixedWidth(max(self.contents.sizeHintForColumn(0) + 24, 160))
        layout = QHBoxLayout(self)
        layout.addWidget(self.contents)
        layout.addWidget(self.browser, stretch=1)
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self)
        back.activated.connect(self.browser.backward)
        forward = QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self)
        forward.activated.connect(self.browser.forward)
        self.setWindowTitle(_("User guide"))
        self.contents.setAccessibleName(_("Contents of the guide"))
        self.browser.setAccessibleName(_("Page of the guide"))
        self.resize(980, 720)

    def show_topic(self, topic: str) -> None:
        path = self.folder / f"{topic if topic in TOPICS else 'index'}.md"
        url = QUrl.fromLocalFile(str(path))
        if self.browser.source() != url:
            self.browser.setSource(url)

    def _chosen(self, item: QListWidgetItem | None, _before: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_topic(item.data(TOPIC_ROLE))

    def topic(self) -> str:
        return Path(self.browser.source().toLocalFile()).stem

    def _follow(self, url: QUrl) -> None:
        """Keep the contents on the page shown (after a link or going back)."""
        topic = Path(url.toLocalFile()).stem
        for row in range(self.contents.count()):
            if self.contents.item(row).data(TOPIC_ROLE) == topic:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)
        self.setWindowTitle(_("User guide") + " – " + page_title(Path(url.toLocalFile())))
