"""Inzage and portability (issue 16, item 1): everything stored about a couple, or one
partner, from every table that refers to the couple, as JSON and as a PDF in the couple's
language; a partner's copy never holds the other partner's data."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import SQLModel

from holdmetight.cli import main
from holdmetight.reports.personal_data import CHOICES, FIELDS, SECTIONS, render_personal_data
from holdmetight.services import audit_trail, couple_list, demo, personal_data
from holdmetight.services.audit_trail import AuditFilter


@pytest.fixture
def couple_id(session):
    """A couple of the demo office that took a course, paid and was recorded at meetings."""
    demo.create_demo_data(session, today=date(2026, 11, 24))
    for row in couple_list.list_couples(session, limit=100):
        data = personal_data.personal_data(session, couple_id=row.id)
        tables = {s.table for s in data.sections if s.records}
        if {"attendance", "payment", "fee_assessment"} <= tables:
            return row.id
    raise AssertionError("the demo office has a couple that took part and paid")


def test_every_table_that_refers_to_a_couple_is_in_the_export(session, couple_id):
    """A table added later without a place in the export fails here."""
    data = personal_data.personal_data(session, couple_id=couple_id)
    assert {s.table for s in data.sections} == personal_data.tables_about_a_couple()
    assert set(SECTIONS) == personal_data.tables_about_a_couple()


def test_every_field_has_a_name_in_the_document(session, couple_id):
    data = personal_data.personal_data(session, couple_id=couple_id)
    for section in data.sections:
        for record in section.records:
            assert set(record) <= set(FIELDS), (section.table, set(record) - set(FIELDS))
    tables = SQLModel.metadata.tables
    for table, column in CHOICES:
        assert column in tables[table].c


def test_the_export_holds_the_couples_data_and_no_one_elses(session, couple_id):
    data = personal_data.personal_data(session, couple_id=couple_id)
    document = json.loads(personal_data.as_json(data))
    assert document["couple"] == couple_id and document["partner"] is None
    tables = document["tables"]
    assert [p["position"] for p in tables["partner"]] == [1, 2]
    assert tables["couple"][0]["id"] == couple_id
    assert all("search_text" not in r and "version" not in r for r in tables["couple"])
    assert tables["audit_entry"] and all(
        isinstance(e["os_user"], str) for e in tables["audit_entry"]
    )
    assert tables["enrollment"] and all(":" in e["course"] for e in tables["enrollment"])
    assert all(isinstance(p["amount"], str) and "." in p["amount"] for p in tables["payment"])
    names = {p["family_name"] for p in tables["partner"]}
    others = couple_list.list_couples(session, limit=100)
    foreign = {
        r.names.split(",")[0] for r in others if r.id != couple_id
    } - names  # family names of other couples
    text = json.dumps(tables, ensure_ascii=False)
    assert not any(f'"{name}"' in text for name in foreign)


def test_a_partners_copy_leaves_out_the_other_partner(session, couple_id):
    whole = personal_data.personal_data(session, couple_id=couple_id)
    other_name = next(s for s in whole.sections if s.table == "partner").records[0]["given_name"]
    data = personal_data.personal_data(session, couple_id=couple_id, partner=2)
    sections = {s.table: s for s in data.sections}
    assert [p["position"] for p in sections["partner"].records] == [2]
    assert all("partner1" not in r and "partner2" in r for r in sections["attendance"].records)
    assert all("notes" not in r for r in sections["couple"].records)
    assert all("closing_advice" not in r for r in sections["enrollment"].records)
    assert f'"{other_name}"' not in personal_data.as_json(data).decode()
    assert len(data.names) == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Uw gegevens in holdmetight", "Aanwezigheid per bijeenkomst", "Betalingen"]),
        ("en", ["Your data in holdmetight", "Attendance per meeting", "Payments"]),
    ],
)
def test_the_document_reads_in_the_chosen_language(session, couple_id, language, words):
    data = personal_data.personal_data(session, couple_id=couple_id)
    pdf = render_personal_data(data, language=language)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for word in words:
        assert word in text
    assert data.names[0].split()[0] in text


def test_the_command_line_writes_both_files_and_notes_the_export(
    session, couple_id, db_url, tmp_path, capsys
):
    assert main(["--db", db_url, "privacy", "export", str(couple_id), "--out", str(tmp_path)]) == 0
    stem = personal_data.file_stem(couple_id, None)
    assert (
        json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))["couple"] == couple_id
    )
    assert PdfReader(tmp_path / f"{stem}.pdf").pages
    assert (tmp_path / f"{stem}.pdf").stat().st_mode & 0o077 == 0
    entry = audit_trail.list_entries(session, which=AuditFilter(couple_id=couple_id), limit=1)[0]
    assert (entry.action, entry.record, entry.couple_id) == ("export", "personal_data", couple_id)
    args = ["--db", db_url, "privacy", "export", str(couple_id), "--partner", "1", "--lang", "en"]
    assert main([*args, "--out", str(tmp_path)]) == 0
    assert (tmp_path / f"{personal_data.file_stem(couple_id, 1)}.pdf").exists()
    capsys.readouterr()
    assert main([*args, "--out", str(tmp_path / "nergens")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_moments_are_the_organisations_time_with_its_offset(session, couple_id):
    from datetime import datetime

    data = personal_data.personal_data(session, couple_id=couple_id)
    couple = next(s for s in data.sections if s.table == "couple").records[0]
    created = datetime.fromisoformat(str(couple["created_at"]))
    assert created.utcoffset() is not None and created.utcoffset().total_seconds() in (3600, 7200)


def test_an_erased_partners_data_are_not_exported_and_the_label_is_translated(session, couple_id):
    from holdmetight.errors import RuleError
    from holdmetight.i18n import using_language
    from holdmetight.services import privacy

    privacy.anonymise(session, couple_id=couple_id, partner=2)
    with pytest.raises(RuleError, match="has been erased"):
        personal_data.personal_data(session, couple_id=couple_id, partner=2)
    data = personal_data.personal_data(session, couple_id=couple_id)
    consents = next(s for s in data.sections if s.table == "consent").records
    assert all(c["partner"] == 1 for c in consents)  # the erased partner's consents went too
    with using_language("nl"):
        assert audit_trail.record_label("personal_data") == "persoonsgegevens (inzage)"
