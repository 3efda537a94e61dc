"""The packaging files, checked without building anything: the frozen application carries every
file the application reads, the installers never touch the users' data, the menu entry and the
icons are what the desktop expects. ``.ci/frozen.sh`` builds and runs the real thing."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import shutil
import struct
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from types import ModuleType

import pytest
from babel.core import get_global

from holdmetight import i18n, installation

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _frozen_files() -> ModuleType:
    spec = importlib.util.spec_from_file_location("frozen_files", PACKAGING / "frozen_files.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


frozen_files = _frozen_files()


def _files_under(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture
def frozen_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The shipped files copied where the frozen application has them, with
    ``holdmetight.installation`` looking there, as it does inside the frozen folder."""
    bundle = tmp_path / "_internal"
    for source, destination in frozen_files.data_files():
        target = bundle / destination
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    monkeypatch.setattr(installation, "_PACKAGE_DIR", bundle / "holdmetight")
    installation._data_root.cache_clear()
    yield bundle
    installation._data_root.cache_clear()


def test_frozen_application_finds_every_shipped_file_where_the_application_looks(
    frozen_layout: Path,
):
    package = frozen_layout / "holdmetight"
    assert installation.resources_dir() == package / "_data" / "resources"
    assert _files_under(installation.resources_dir()) == _files_under(REPO / "resources")
    assert (installation.translations_dir() / "nl" / "LC_MESSAGES" / "holdmetight.po").is_file()
    docs = {name for name in _files_under(REPO / "docs") if not name.endswith(".py")}
    assert _files_under(installation.docs_dir()) == docs
    # Alembic reads the migrations as files, beside the module that runs them.
    migrations = REPO / "holdmetight" / "db" / "migrations"
    assert _files_under(package / "db" / "migrations") == {
        name for name in _files_under(migrations) if name.endswith(".py")
    }


def test_frozen_application_bundles_what_the_migration_scripts_import():
    migrations = REPO / "holdmetight" / "db" / "migrations"
    for script in [migrations / "env.py", *sorted(migrations.glob("versions/*.py"))]:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                wanted = [{alias.name} for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
                assert node.module is not None
                wanted = [{node.module, f"{node.module}.{alias.name}"} for alias in node.names]
            else:
                continue
            for names in wanted:
                if any(name.split(".")[0] in sys.stdlib_module_names for name in names):
                    continue
                assert names & set(frozen_files.HIDDEN_IMPORTS), (script.name, names)


def test_wheel_and_frozen_application_put_the_shipped_folders_in_the_same_place():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    frozen = {
        source: target
        for source, target, _pattern, _left_out in frozen_files.SHIPPED_FOLDERS
        if target.startswith("holdmetight/_data/")
    }
    assert frozen == wheel


def test_docs_folder_of_a_checkout_is_the_repository_s():
    assert installation.docs_dir() == REPO / "docs"


def _babel_parents(name: str) -> list[str]:
    """``name`` and the locales babel falls back to for it, as ``babel.localedata`` does."""
    chain = [name]
    while name != "root":
        name = get_global("parent_exceptions").get(name) or (
            name.rsplit("_", 1)[0] if "_" in name else "root"
        )
        chain.append(name)
    return chain


def test_frozen_application_keeps_the_locale_data_of_both_languages():
    for language in i18n.LANGUAGES:
        for name in _babel_parents(i18n.babel_locale(language)):
            assert frozen_files.keep_collected(f"babel/locale-data/{name}.dat"), name
            assert frozen_files.keep_collected(f"babel\\locale-data\\{name}.dat"), name
    assert not frozen_files.keep_collected("babel/locale-data/de_DE.dat")
    assert frozen_files.keep_collected("babel/global.dat")


def test_frozen_application_keeps_qt_s_own_dutch_and_english_texts_only():
    translations = "PySide6/Qt/translations"
    assert frozen_files.keep_collected(f"{translations}/qtbase_nl.qm")
    assert frozen_files.keep_collected(f"{translations}/qt_en.qm")
    assert not frozen_files.keep_collected(f"{translations}/qtbase_de.qm")
    assert not frozen_files.keep_collected(f"{translations}/qtbase_zh_CN.qm")
    assert frozen_files.keep_collected("PySide6/Qt/plugins/platforms/libqxcb.so")


NSIS = (PACKAGING / "windows" / "holdmetight.nsi").read_text(encoding="utf-8")


def _nsis_commands(name: str) -> list[str]:
    """The arguments of every use of an NSIS command, macros included, comments left out."""
    lines = (line.split(";", 1)[0].strip() for line in NSIS.splitlines())
    return [line[len(name) :].strip() for line in lines if line.startswith(f"{name} ")]


def test_windows_installer_installs_for_the_user_beside_not_into_the_data_folder():
    assert _nsis_commands("RequestExecutionLevel") == ["user"]
    # platformdirs keeps the database in %LOCALAPPDATA%\holdmetight (appauthor=False).
    assert _nsis_commands("InstallDir") == ['"$LOCALAPPDATA\\Programs\\holdmetight"']
    assert not _nsis_commands("DirText")
    assert "MUI_PAGE_DIRECTORY" not in NSIS  # the folder the uninstaller empties is not chosen


def test_windows_uninstaller_removes_only_the_program_and_its_shortcut():
    for target in _nsis_commands("RMDir"):
        if target.startswith("/r"):
            assert target == '/r "$INSTDIR\\_internal"'
        else:
            assert target == '"$INSTDIR"'  # without /r: only when empty
    for target in _nsis_commands("Delete"):
        assert target.startswith(('"$INSTDIR\\', '"$SMPROGRAMS\\')), target
    assert _nsis_commands("DeleteRegKey") == ['HKCU "${UNINSTALL_KEY}"']
    assert re.search(r"\$LOCALAPPDATA\\holdmetight", NSIS) is None
    assert re.search(r"\$APPDATA", NSIS) is None


def test_windows_installer_registers_its_uninstaller_for_the_user():
    key = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\holdmetight"
    assert f'!define UNINSTALL_KEY "{key}"' in NSIS
    written = {
        args.split()[2].strip('"')
        for command in ("WriteRegStr", "WriteRegDWORD")
        for args in _nsis_commands(command)
        if args.startswith('HKCU "${UNINSTALL_KEY}"')
    }
    assert written >= {
        "DisplayName",
        "DisplayVersion",
        "UninstallString",
        "DisplayIcon",
        "NoModify",
        "NoRepair",
        "InstallLocation",
        "EstimatedSize",
    }
    assert not [args for args in _nsis_commands("WriteRegStr") if args.startswith("HKLM")]
    languages = re.findall(r'MUI_LANGUAGE "(\w+)"', NSIS)
    assert languages == ["Dutch", "English"]


def test_menu_entry_names_the_program_and_its_icon_in_both_languages():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "holdmetight.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] == "holdmetight"
    assert desktop["Icon"] == "holdmetight"
    assert "Office" in desktop["Categories"].split(";")
    for key in ("Name", "GenericName", "Comment"):
        assert desktop[key] and desktop[f"{key}[nl]"], key
    assert desktop["GenericName"] != desktop["GenericName[nl]"]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_every_icon_size_is_drawn_at_its_size():
    icons = REPO / "resources" / "icons"
    assert (icons / "holdmetight.svg").is_file()
    for size in ICON_SIZES:
        assert _png_size(icons / f"holdmetight-{size}.png") == (size, size)
    assert (PACKAGING / "windows" / "holdmetight.ico").read_bytes()[:4] == b"\0\0\1\0"
    build_deb = (PACKAGING / "linux" / "build_deb.sh").read_text(encoding="utf-8")
    assert f"for size in {' '.join(map(str, ICON_SIZES))}; do" in build_deb


def _bash_array(text: str, name: str) -> set[str]:
    match = re.search(rf"^{name}=\((.*?)^\)", text, re.MULTILINE | re.DOTALL)
    assert match is not None, name
    return set(match.group(1).split())


def test_deb_depends_on_every_library_the_development_set_up_installs():
    dev = _bash_array((PACKAGING / "dev.sh").read_text(encoding="utf-8"), "SYSTEM_PACKAGES")
    deb = _bash_array((PACKAGING / "linux" / "build_deb.sh").read_text(encoding="utf-8"), "depends")
    assert dev <= deb


def test_frozen_destinations_are_paths_inside_the_bundle():
    for _source, destination in frozen_files.data_files():
        path = PurePosixPath(destination)
        assert not path.is_absolute() and ".." not in path.parts, destination
