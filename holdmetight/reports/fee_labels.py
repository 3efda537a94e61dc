"""How an income band reads, on paper and on screen, in the language it is shown in.

A document may be printed in another language than the interface's, so the language is always
given: "€ 1.800,00 – € 2.500,00" and "vanaf 120%" in Dutch, "€1,800.00 – €2,500.00" and
"from 120%" in English.
"""

from __future__ import annotations

from holdmetight.domain.enums import FeeBasis
from holdmetight.domain.money import to_euros
from holdmetight.i18n import _, format_money, using_language
from holdmetight.services.fee_scales import BandBounds


def describe_bound(value: int, basis: FeeBasis, *, language: str) -> str:
    """A band's bound: an amount of net monthly income, or a percentage of the social minimum."""
    if basis is FeeBasis.ABSOLUTE:
        return format_money(to_euros(value), language=language)
    return f"{value}%"


def band_label(band: BandBounds, *, language: str) -> str:
    """The band's own label, else its bounds: "€ 1.800,00 – € 2.500,00" or "from 120%"."""
    if band.label:
        return band.label
    low = describe_bound(band.income_from, band.basis, language=language)
    if band.income_to is None:
        with using_language(language):
            return _("from {low}").format(low=low)
    return f"{low} – {describe_bound(band.income_to, band.basis, language=language)}"
