"""What adding the published social-assistance norms did, in the user's words: what was added,
where the amounts come from, and which recent years and household types still have no norm."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from holdmetight.domain.enums import HouseholdType
from holdmetight.i18n import _, format_date, format_money, ngettext
from holdmetight.services.fee_scales import NormInfo
from holdmetight.services.published_norms import PublishedYear


def norms_report(
    added: Sequence[NormInfo],
    published: Sequence[PublishedYear],
    present: Sequence[NormInfo],
    today: date,
) -> str:
    """The message shown after adding: one paragraph each for what changed, the sources and
    what is still missing for this year and the previous one."""
    paragraphs = []
    if added:
        lines = [ngettext("{n} norm added:", "{n} norms added:", len(added)).format(n=len(added))]
        lines += [f"{n.year}, {n.household_type.label}: {format_money(n.monthly)}" for n in added]
        paragraphs.append("\n".join(lines))
    else:
        paragraphs.append(_("Every published norm was in the table already; nothing was changed."))
    for year in published:
        paragraphs.append(
            _("Source for {year} (net per month as of {date}, holiday allowance included):").format(
                year=year.year, date=format_date(year.valid_from)
            )
            + "\n"
            + "\n".join(f"– {source}" for source in year.sources)
        )
    have = {(n.year, n.household_type) for n in present}
    missing = [
        f"{year}, {household.label}"
        for year in (today.year, today.year - 1)
        for household in HouseholdType
        if (year, household) not in have
    ]
    if missing:
        paragraphs.append(
            _(
                "No published norm came with the application for the following; enter them"
                " with Set norm… from the amounts your municipality uses:"
            )
            + "\n"
            + "\n".join(f"– {line}" for line in missing)
        )
    paragraphs.append(
        _(
            "The norms change on 1 January and 1 July. Check them against rijksoverheid.nl"
            " and change them here when your organisation uses other amounts."
        )
    )
    return "\n\n".join(paragraphs)
