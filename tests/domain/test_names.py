from hypothesis import given
from hypothesis import strategies as st

from holdmetight.domain.names import fold, full_name, list_name, sort_key


def test_dutch_name_reads_with_prefix_before_family_name():
    assert full_name("Jan", "van der", "Berg") == "Jan van der Berg"


def test_list_shows_family_name_first_and_prefix_after_given_name():
    assert list_name("Jan", "van der", "Berg") == "Berg, Jan van der"
    assert list_name("Fatima", "", "El Amrani") == "El Amrani, Fatima"


def test_van_der_berg_sorts_under_b_before_de_vries_under_v():
    people = [("Anna", "de", "Vries"), ("Jan", "van der", "Berg"), ("Kees", "", "Bakker")]
    ordered = sorted(people, key=lambda p: sort_key(*p))
    assert [p[2] for p in ordered] == ["Bakker", "Berg", "Vries"]


def test_diacritics_do_not_change_the_sort_position():
    assert sort_key("Ali", "", "Çelik") < sort_key("Ali", "", "Dekker")
    assert fold("Zoë Öztürk") == "zoe ozturk"
    assert fold("Yılmaz") == "yilmaz"


@given(st.text(min_size=1, max_size=20), st.text(max_size=10), st.text(min_size=1, max_size=20))
def test_whitespace_is_tidied_in_every_form(given_name, prefix, family):
    for shown in (full_name(given_name, prefix, family), list_name(given_name, prefix, family)):
        assert "  " not in shown
        assert shown == shown.strip()


def test_a_title_key_fits_its_column_even_when_folding_lengthens_the_title():
    """Folding can lengthen a text ("ß" becomes "ss", "…" three dots): the key of a title of
    200 characters still fits the 200 a column holds (PostgreSQL refuses more)."""
    from holdmetight.domain.names import title_key

    title = ("Straße … " * 23)[:200]
    assert len(title) == 200 and len(title_key(title)) == 200
    assert title_key("  Öpen   groep  ") == "open groep"
