"""Money: integer cents in the database, Decimal euros in code, never floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_cents(amount: Decimal | int | str) -> int:
    """Euros as whole cents; an amount with fractions of a cent is refused (ValueError)."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError) as error:
        raise ValueError(f"not an amount: {amount!r}") from error
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    cents = value * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"fractions of a cent: {amount!r}")
    return int(cents)


def to_euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
