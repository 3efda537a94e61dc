"""What the frozen application carries besides its Python modules, and what it leaves out.

Read by ``holdmetight.spec`` (PyInstaller) and by the tests, which check that nothing the
application reads as a file is missing, without building anything. The destinations mirror the
wheel (``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml): the shipped files
go to ``holdmetight/_data`` beside the package, where ``holdmetight.installation`` looks first.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parent.parent

# (folder in the repository, folder in the frozen application, which files, which to leave out).
# Alembic reads the migration scripts as files and imports them itself, so they are data here
# as well as code; the script that makes the guide's screenshots is not part of the guide.
SHIPPED_FOLDERS: tuple[tuple[str, str, str, str], ...] = (
    ("resources", "holdmetight/_data/resources", "**/*", ""),
    ("translations", "holdmetight/_data/translations", "*/LC_MESSAGES/*.po", ""),
    ("docs", "holdmetight/_data/docs", "**/*", ".py"),
    ("holdmetight/db/migrations", "holdmetight/db/migrations", "**/*.py", ""),
)

# Imported where PyInstaller does not look: by the migration scripts (Alembic loads them as
# files, so their imports must be bundled whatever the rest of the code imports), by the holidays
# package (it loads a country by name), and by zoneinfo (the time zones from the tzdata package
# where the system has none, as on Windows).
HIDDEN_IMPORTS: tuple[str, ...] = (
    "alembic.op",
    "alembic.context",
    "sqlalchemy",
    "holdmetight.domain.models",
    "holdmetight.domain.names",
    "holidays.countries.netherlands",
    "tzdata",
)

# Never used by the application: test and build tools in the same virtual environment (the
# mypy plugins of pydantic and SQLAlchemy would bring mypy itself), other Qt bindings that qtpy
# (under qtawesome) probes for, Tk, and phonenumbers' 43 MB of place and carrier names (only
# parsing and formatting numbers is used).
EXCLUDES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "scipy",
    "numpy",
    "pypdf",
    "aiosmtpd",
    "IPython",
    "matplotlib",
    "mypy",
    "pydantic.mypy",
    "sqlalchemy.ext.mypy",
    "setuptools",
    "pkg_resources",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
)

# The interface speaks Dutch and English: the other languages' locale data (babel) and Qt
# translations are dropped. nl_NL and en_GB are the formatting locales (``i18n.babel_locale``);
# en_GB inherits from en_001, and every locale from root.
BABEL_LOCALES = frozenset({"root", "en", "en_001", "en_GB", "nl", "nl_NL"})
QT_LANGUAGES = frozenset({"nl", "en"})


def data_files(repo: Path = REPO) -> list[tuple[str, str]]:
    """The shipped files as PyInstaller's ``datas``: (source file, folder in the bundle)."""
    pairs: list[tuple[str, str]] = []
    for source, target, pattern, left_out in SHIPPED_FOLDERS:
        top = repo / source
        for path in sorted(top.glob(pattern)):
            relative = path.relative_to(top)
            if not path.is_file() or (left_out and path.suffix == left_out):
                continue
            if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
                continue
            pairs.append((str(path), str(PurePosixPath(target, *relative.parent.parts))))
    return pairs


def keep_collected(destination: str) -> bool:
    """Whether a file the hooks collected (its path in the bundle) is worth its place."""
    path = PurePosixPath(destination.replace("\\", "/"))
    if path.parent.as_posix() == "babel/locale-data" and path.suffix == ".dat":
        return path.stem in BABEL_LOCALES
    if "translations" in path.parts and path.parts[0] == "PySide6" and path.suffix == ".qm":
        language = path.stem.split("_", 1)[-1]
        return language in QT_LANGUAGES
    return True
