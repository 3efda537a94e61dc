"""Where the files shipped with the application live (programmes, fonts, catalogs, guides).

An installed wheel and the frozen application (``packaging/holdmetight.spec``) carry them
inside the package (``holdmetight/_data``); a source checkout keeps them at the top of the
repository. Both layouts are found without configuration.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "resources").is_dir():
        return bundled
    return _PACKAGE_DIR.parent


def resources_dir() -> Path:
    """The ``resources/`` folder: programmes, fonts, icons."""
    return _data_root() / "resources"


def translations_dir() -> Path:
    """The ``translations/`` folder with the gettext catalogs."""
    return _data_root() / "translations"


def docs_dir() -> Path:
    """The ``docs/`` folder: the user and administrator guides."""
    return _data_root() / "docs"
