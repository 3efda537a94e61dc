"""The database the reliability tests run on, as a parameter (see ``backends.py``).

A test asks for ``backend`` (what it needs to know about the kind of database) or for
``database_url`` (a fresh office database of ours, at the current schema, without data).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, Backend
from servers import NO_SERVER, SERVER


@pytest.fixture(
    params=[
        pytest.param(
            name, marks=pytest.mark.skipif(name != "sqlite" and not SERVER, reason=NO_SERVER)
        )
        for name in sorted(BACKENDS)
    ]
)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    chosen = BACKENDS[request.param]
    yield chosen
    chosen.cleanup()


@pytest.fixture
def database_url(backend: Backend, tmp_path: Path) -> str:
    return backend.new_database(tmp_path)
