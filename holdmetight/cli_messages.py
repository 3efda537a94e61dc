"""argparse's own words on the command line (``usage:``, ``error:``, the help's section titles,
its complaints about arguments) in the interface language.

argparse translates those with the ``gettext`` and ``ngettext`` it imports from the standard
library, which finds no catalog for them. :func:`install` points those two names in the argparse
module at our catalog, once per process, for the messages listed here only: any other message
argparse asks for goes to the standard library's functions as before. The messages are
argparse's own source strings (Python 3.11), marked here so that pybabel puts them in our
catalog; a test checks that the running argparse still uses each of them.
"""

from __future__ import annotations

import argparse
import gettext as _standard

from holdmetight.i18n import N_, gettext, ngettext

MESSAGES = frozenset(
    {
        N_("usage: "),
        N_("%(prog)s: error: %(message)s\n"),
        N_("positional arguments"),
        N_("options"),
        N_("show this help message and exit"),
        N_("argument %(argument_name)s: %(message)s"),
        N_("invalid choice: %(value)r (choose from %(choices)s)"),
        N_("invalid %(type)s value: %(value)r"),
        N_("the following arguments are required: %s"),
        N_("one of the arguments %s is required"),
        N_("unrecognized arguments: %s"),
        N_("not allowed with argument %s"),
        N_("ignored explicit argument %r"),
        N_("ambiguous option: %(option)s could match %(matches)s"),
        N_("expected one argument"),
        N_("expected at most one argument"),
        N_("expected at least one argument"),
    }
)

# The one message argparse counts: an option that takes a fixed number of values.
EXPECTED_COUNT = ("expected %s argument", "expected %s arguments")


def argparse_gettext(message: str) -> str:
    """argparse's ``_``: ours for the messages above, the standard library's for the rest."""
    return gettext(message) if message in MESSAGES else _standard.gettext(message)


def argparse_ngettext(singular: str, plural: str, n: int) -> str:
    """argparse's ``ngettext``: ours for :data:`EXPECTED_COUNT`, the standard one for the rest."""
    if (singular, plural) == EXPECTED_COUNT:
        return ngettext("expected %s argument", "expected %s arguments", n)
    return _standard.ngettext(singular, plural, n)


def install() -> None:
    """Have argparse speak the interface language; a second call changes nothing."""
    argparse._ = argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = argparse_ngettext  # type: ignore[attr-defined]
