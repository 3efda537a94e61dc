"""The municipality report on paper reads as a table for funders (issue 14): capitalised column
titles and a key to what "band 1, 2, …" means."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from holdmetight.reports.municipality import render_municipality_report
from holdmetight.services import demo, municipality_report


@pytest.mark.parametrize(
    ("language", "title", "key"),
    [("nl", "Gemeente", "Groep 1, 2, …"), ("en", "Municipality", "Band 1, 2, …")],
)
def test_capitalised_titles_and_the_key_to_the_bands(session, language, title, key):
    demo.create_demo_data(session, today=date(2026, 11, 24))
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    figures = municipality_report.municipality_report(session, first=first, last=last)
    pdf = render_municipality_report(
        figures, first=first, last=last, organisation="Wijkteam", logo=None, language=language
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = page.extract_text()
    assert title in text.split() and key in text
