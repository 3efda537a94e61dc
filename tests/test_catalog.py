"""Every user-visible string is in the Dutch catalog, translated and not fuzzy."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from holdmetight.i18n import _, catalog, using_language

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "translations" / "nl" / "LC_MESSAGES" / "holdmetight.po"
POT = ROOT / "translations" / "holdmetight.pot"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def source_messages() -> set[str | tuple[str, ...]]:
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        ROOT / "holdmetight", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalog_messages(path: Path) -> dict:
    with path.open("rb") as handle:
        parsed = read_po(handle)
    return {(m.id if isinstance(m.id, str) else tuple(m.id)): m for m in parsed if m.id}


def test_catalog_template_is_up_to_date_with_the_code():
    assert set(catalog_messages(POT)) == source_messages(), (
        "run the pybabel extract/update commands from README.md"
    )


def test_dutch_catalog_has_every_message_translated_and_none_fuzzy():
    messages = catalog_messages(PO)
    assert set(messages) == source_messages()
    untranslated = [
        k
        for k, m in messages.items()
        if not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    fuzzy = [k for k, m in messages.items() if m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_placeholders_survive_translation():
    import re

    for key, message in catalog_messages(PO).items():
        source = key if isinstance(key, str) else key[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        assert set(re.findall(r"{\w+}", source)) == set(re.findall(r"{\w+}", target)), key


def test_dutch_and_english_are_chosen_per_call():
    with using_language("nl"):
        assert _("Courses") == "Cursussen"
    assert _("Courses") == "Courses"
    assert catalog("nl").ngettext("{n} couple", "{n} couples", 1) == "{n} stel"
