"""What the shipped handouts tell couples, read as an EFT-trained facilitator and a Dutch social
worker read them: the three demon dialogues, a safety line where old injuries are opened, no
couple presumed to have children, a way back after every pause, the programme credited on
every page handed out, and Dutch that sounds native."""

from __future__ import annotations

import io
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from holdmetight.installation import translations_dir
from holdmetight.reports.handout import render_handouts
from holdmetight.services import demo, handouts
from holdmetight.services.programs import programs_dir

PRINTED = date(2026, 11, 24)
COURSE = "HMV-27-03C"  # the demo course that runs every step, introduction to conversation 7
LANGUAGES = ("nl", "en")
HANDOUT_FILES = sorted(handouts.handouts_dir().glob("*.txt"))
PROGRAM_FILES = sorted(programs_dir().glob("*.toml"))
DUTCH_CATALOG = translations_dir() / "nl" / "LC_MESSAGES" / "holdmetight.po"


def language_of(path: Path) -> str:
    return path.name.split(".")[-2]


def flat(text: str) -> str:
    """Text with every run of white space (line ends in a PDF, too) as one space."""
    return " ".join(text.split())


def key_ideas(code: str, language: str) -> str:
    return flat(" ".join(handouts.handout_text(code, language)[1].bullets))


def homework(code: str, language: str) -> str:
    return flat(" ".join(handouts.handout_text(code, language)[-1].paragraphs))


# Conversation 1 --------------------------------------------------------------------------------

# Each demon dialogue and the words that name it; the Dutch handout may describe a pattern
# plainly or use a name from Dutch EFT practice.
DEMON_DIALOGUES = {
    "nl": {
        "both attack": ("elkaar de schuld", "elkaar aanvallen", "vallen elkaar", "de schuldige"),
        "one pursues, one withdraws": ("aandringen en terugtrekken", "protestpolka"),
        "both withdraw": ("allebei terugtrekken", "verstijven", "bevriezen"),
    },
    "en": {
        "both attack": ("find the bad guy",),
        "one pursues, one withdraws": ("protest polka",),
        "both withdraw": ("freeze and flee",),
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_conversation_1_describes_all_three_demon_dialogues(language):
    ideas = key_ideas("C1", language).lower()
    missing = [
        pattern
        for pattern, names in DEMON_DIALOGUES[language].items()
        if not any(name in ideas for name in names)
    ]
    assert missing == []


# Time-outs --------------------------------------------------------------------------------------

PAUSE = {"nl": ("pauze",), "en": ("pause",)}
COMING_BACK = {"nl": ("terugkomen", "terugkomt"), "en": ("come back",)}
AGREE = {"nl": ("spreek", "afspreken"), "en": ("agree",)}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", ["C1", "C3"])
def test_homework_pairs_a_pause_with_agreeing_how_to_come_back(code, language):
    text = homework(code, language).lower()
    assert any(word in text for word in PAUSE[language]), "a pause is offered"
    assert any(word in text for word in COMING_BACK[language]), "and a way back after it"
    assert any(word in text for word in AGREE[language]), "which the couple agrees on"


# Conversation 5 --------------------------------------------------------------------------------

SAFETY = {
    "nl": ("stop", "trainers", "geweld", "Veilig Thuis", "0800-2000"),
    "en": ("stop", "facilitators", "violence", "Veilig Thuis", "0800-2000"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_conversation_5_says_when_to_stop_and_where_to_find_help(language):
    text = flat(handouts.shipped_text("C5", language) or "")
    assert [word for word in SAFETY[language] if word not in text] == []


# Children --------------------------------------------------------------------------------------

CHILDREN = {
    "nl": re.compile(r"\bkind(eren)?\b", re.IGNORECASE),
    "en": re.compile(r"\b(child|children|kids?)\b", re.IGNORECASE),
}
IF_THERE_ARE_CHILDREN = {
    "nl": re.compile(r"\b(als|wanneer) (jullie|er) (\w+ )?kind", re.IGNORECASE),
    "en": re.compile(r"\bif (you|there) (have|are) (\w+ )?(child|kid)", re.IGNORECASE),
}


@pytest.mark.parametrize("path", HANDOUT_FILES, ids=lambda path: path.name)
def test_no_handout_presumes_the_couple_has_children(path):
    """Children may be spoken of only as a possibility ("als jullie kinderen hebben")."""
    language = language_of(path)
    sentences = re.split(r"(?<=[.!?;])\s+|\n", path.read_text(encoding="utf-8"))
    presuming = [
        sentence
        for sentence in sentences
        if CHILDREN[language].search(sentence)
        and not IF_THERE_ARE_CHILDREN[language].search(sentence)
    ]
    assert presuming == []


@pytest.mark.parametrize(
    ("language", "topic"), [("nl", ("aanraking", "seks")), ("en", ("touch", "sex"))]
)
def test_conversation_6_stays_on_touch_and_sex(language, topic):
    text = (handouts.shipped_text("C6", language) or "").lower()
    assert all(word in text for word in topic)


# Dutch -----------------------------------------------------------------------------------------

# Anglicisms, calques and misspellings once shipped, each with what a Dutch social worker writes.
NOT_DUTCH = [
    (re.compile(r"\b(het|dit|ons|jullie) afrondend gesprek", re.I), "het afrondende gesprek"),
    (re.compile(r"\bgroot voelt", re.I), "hard aankomt"),
    (
        re.compile(r"\bnaar (elkaar|jou|je|mij|me|de ander) (toe )?reik|\breik(t|en) naar\b", re.I),
        "elkaar opzoeken",
    ),
    (re.compile(r"\bniet voor de groep\b", re.I), "niet ten overstaan van de groep"),
    (re.compile(r"\bJe liefde levend"), "Jullie liefde levend houden: the couple is 'jullie'"),
    (re.compile(r"\bInhaal-hand-out", re.I), "Inhaalhand-out"),
    (re.compile(r"\bvan (binnen|buiten)\b", re.I), "vanbinnen, vanbuiten"),
    (re.compile(r"\bhandouts?\b", re.I), "hand-out"),
    (re.compile(r"ideeen\b", re.I), "ideeën"),
    (re.compile(r"\bdat jullie zegt\b", re.I), "een signaal waaraan jullie merken dat ..."),
]


def shipped_dutch_texts() -> list[tuple[str, str]]:
    """Every Dutch text that ships: the handouts and the programmes' names and step titles."""
    texts = [
        (p.name, p.read_text(encoding="utf-8")) for p in HANDOUT_FILES if language_of(p) == "nl"
    ]
    for path in PROGRAM_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        fields = [data.get("name_nl", ""), data.get("description_nl", "")]
        fields += [step["title_nl"] for step in data["steps"]]
        texts.append((path.name, "\n".join(fields)))
    return texts


def not_dutch(texts: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [
        (name, match.group(0), advice)
        for name, text in texts
        for pattern, advice in NOT_DUTCH
        for match in pattern.finditer(text)
    ]


def test_shipped_dutch_avoids_known_anglicisms_and_misspellings():
    assert not_dutch(shipped_dutch_texts()) == []


def test_dutch_catalog_avoids_known_anglicisms_and_misspellings():
    with DUTCH_CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    strings = [
        (str(message.id), text)
        for message in catalog
        if message.id
        for text in ([message.string] if isinstance(message.string, str) else message.string)
    ]
    assert not_dutch(strings) == []


# Printed ---------------------------------------------------------------------------------------


@pytest.fixture
def open_course(database):
    with database.session() as session:
        demo.create_demo_data(session, today=PRINTED)
    return database


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def printed_text(pdf: bytes) -> str:
    return flat("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


CATCH_UP = {
    "nl": "Inhalen: jullie hebben de bijeenkomst van dinsdag 9 maart 2027 gemist. Lees deze "
    "hand-out samen en probeer de oefening vóór de volgende bijeenkomst. Jullie trainers "
    "beantwoorden graag jullie vragen.",
    "en": "Catch-up: you missed this meeting on Tuesday 9 March 2027. Read this handout together "
    "and try the exercise before the next meeting. Your facilitators are glad to answer your "
    "questions.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_handout_fits_one_page_even_with_a_catch_up_note(open_course, language):
    with open_course.session() as session:
        items = handouts.handouts_for_course(session, course_code=COURSE, language=language)
    too_long = [
        item.meeting.step_code
        for item in items
        if page_count(
            render_handouts(
                [item], language=language, catch_up=CATCH_UP[language], printed_on=PRINTED
            )
        )
        > 1
    ]
    assert too_long == []


# The credit names the book and says the handout is the organisation's own material.
CREDIT = {
    "nl": ("Sue Johnson", "Houd me vast", "2008", "eigen cursusmateriaal"),
    "en": ("Sue Johnson", "Hold Me Tight", "2008", "own course material"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_handout_credits_hold_me_tight_as_the_programme_it_follows(open_course, language):
    with open_course.session() as session:
        items = handouts.handouts_for_course(session, course_code=COURSE, language=language)
    assert len(items) == 8
    without_credit = [
        item.meeting.step_code
        for item in items
        if not all(
            words in printed_text(render_handouts([item], language=language, printed_on=PRINTED))
            for words in CREDIT[language]
        )
    ]
    assert without_credit == []


def test_the_credit_stays_when_the_organisation_writes_its_own_handout(open_course):
    with open_course.session() as session:
        handouts.save_handout_text(
            session, step_code="C2", language="nl", text="# Ons doel\nRustig met elkaar praten.\n"
        )
        items = handouts.handouts_for_course(session, course_code=COURSE, language="nl")
    own = next(item for item in items if item.meeting.step_code == "C2")
    text = printed_text(render_handouts([own], language="nl", printed_on=PRINTED))
    assert "Rustig met elkaar praten." in text
    assert [words for words in CREDIT["nl"] if words not in text] == []
