"""Render the application icon (``resources/icons/holdmetight.svg``) into the PNG sizes the
Linux desktop and the window use, and the ``.ico`` the Windows executable and installer carry.

    .venv/bin/python packaging/make_icons.py

The results are committed; run this again after changing the SVG. Each size is rendered from
the drawing itself (not scaled down from a large picture), so the small ones stay sharp.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "resources" / "icons"
SVG = ICONS / "holdmetight.svg"
ICO = REPO / "packaging" / "windows" / "holdmetight.ico"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (
    16,
    24,
    32,
    48,
    64,
    128,
    256,
)  # what Windows picks from for Explorer and the Start menu


def png_path(size: int) -> Path:
    return ICONS / f"holdmetight-{size}.png"


def render(size: int) -> bytes:
    """The icon as a PNG of ``size`` by ``size`` pixels, on a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a drawing Qt can read")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(pngs: dict[int, bytes]) -> None:
    """One ``.ico`` holding every size; Qt's own writer stores only one, Pillow (which
    reportlab brings) stores them all."""
    from PIL import Image

    images = [Image.open(io.BytesIO(pngs[size])) for size in sorted(ICO_SIZES, reverse=True)]
    ICO.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(
        ICO,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[1:],
    )


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    pngs = {size: render(size) for size in PNG_SIZES}
    for size, data in pngs.items():
        png_path(size).write_bytes(data)
    write_ico(pngs)
    print(f"written: {len(pngs)} PNGs in {ICONS.relative_to(REPO)}, {ICO.relative_to(REPO)}")


if __name__ == "__main__":
    main()
