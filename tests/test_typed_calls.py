"""Calling a service from the window is type-checked: a misspelled keyword fails in CI, not when
a user clicks."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[1]

CALLS = """
from holdmetight.services import courses, waiting_list
from holdmetight.ui.context import AppContext

def use(context: AppContext) -> None:
    context.call(courses.get_course, course_id=1)
    context.run(None, waiting_list.offer_place, course_id=2)
    context.call(courses.get_course, cours_id=1)
    context.run(None, waiting_list.offer_place, course_id="2")
"""


@pytest.mark.slow
def test_a_wrong_keyword_or_type_in_a_service_call_is_a_type_error(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    settings = tmp_path / "mypy.ini"
    settings.write_text("[mypy]\n")
    out, _err, status = api.run(
        [
            f"--config-file={settings}",
            "--python-version=3.11",
            "--ignore-missing-imports",
            "--follow-imports=silent",
            f"--cache-dir={ROOT / '.mypy_cache'}",
            "-c",
            CALLS,
        ]
    )
    assert status == 1, out
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert len(errors) == 2, out
    assert 'Unexpected keyword argument "cours_id"' in errors[0]
    assert 'Argument "course_id" to "run" of "AppContext" has incompatible type "str"' in errors[1]
