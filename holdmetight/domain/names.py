"""Dutch personal names: how they are shown, listed and sorted.

A Dutch family name may carry a prefix (*tussenvoegsel*: "van der", "de", "in 't"). In running
text the prefix is lowercase before the family name ("Jan van der Berg"); in lists the family name
comes first and the prefix moves behind the given name ("Berg, Jan van der"), and the sort order
ignores the prefix, so Van der Berg sorts under B.
"""

from __future__ import annotations

import unicodedata

# An erased partner (see services.privacy) keeps no name: lists and documents show a dash in its
# place, and lists sort it after every name.
ERASED = "\u2013"
ERASED_KEY = "~"


def _clean(part: str | None) -> str:
    return " ".join((part or "").split())


def full_name(given_name: str, name_prefix: str | None, family_name: str) -> str:
    """The name as written in a sentence or on a sign-in sheet: "Jan van der Berg"."""
    return (
        " ".join(p for p in (_clean(given_name), _clean(name_prefix), _clean(family_name)) if p)
        or ERASED
    )


def list_name(given_name: str, name_prefix: str | None, family_name: str) -> str:
    """The name as shown in a sorted list: "Berg, Jan van der"."""
    rest = " ".join(p for p in (_clean(given_name), _clean(name_prefix)) if p)
    family = _clean(family_name)
    return (f"{family}, {rest}" if rest else family) or ERASED


def fold(text: str) -> str:
    """Text reduced for sorting and searching: case and diacritics ignored ("Çelik" -> "celik")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def sort_key(given_name: str, name_prefix: str | None, family_name: str) -> str:
    """The key that orders people by family name without prefix, then given name, then prefix."""
    return "\x1f".join(fold(_clean(p)) for p in (family_name, given_name, name_prefix or ""))


def name_key(given_name: str, family_name: str) -> str:
    """The start of :func:`sort_key` that names a person whatever their prefix: two people with
    the same given and family name (case and diacritics ignored) share it."""
    return "\x1f".join(fold(_clean(p)) for p in (family_name, given_name)) + "\x1f"


def title_key(title: str) -> str:
    """The key that orders titles (of courses): diacritics and case folded, at most 200
    characters, the room its column has (folding can lengthen a text: "ß" becomes "ss")."""
    return fold(" ".join(title.split()))[:200]
