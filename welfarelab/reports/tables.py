"""The portfolio's figures as tables: beneath the charts on screen, in the management report, and exported.

A count of 1 to 4 people is masked where `mask` is set (for analysts and administrators on screen, and for
everyone in an export), and so is money when the whole selection is that small.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from welfarelab.access import audit
from welfarelab.exports import csv_file
from welfarelab.journey.models import Level, Vulnerability
from welfarelab.money.models import Beneficiary
from welfarelab.people.models import Household
from welfarelab.reports.portfolio import figures, is_small

MASKED = "< 5"


@dataclass(frozen=True)
class People:
    """A count of people, masked when it is small and masking is asked for."""

    count: int
    masked: bool = False

    def __str__(self):
        return MASKED if self.masked else str(self.count)


@dataclass(frozen=True)
class Kroner:
    amount: Decimal | int | None
    masked: bool = False


@dataclass(frozen=True)
class Month:
    """A month as its reader writes it (desember 2026); a spreadsheet gets it as 2026-12, which sorts."""

    first: datetime.date

    def __str__(self):
        return date_format(self.first, "YEAR_MONTH_FORMAT")


@dataclass
class Table:
    key: str
    title: str
    header: list
    rows: list


def plain(cell):
    """A cell as a spreadsheet takes it: a number where it is one, the mark where it is masked."""
    if isinstance(cell, People):
        return MASKED if cell.masked else cell.count
    if isinstance(cell, Kroner):
        return MASKED if cell.masked or cell.amount is None else int(round(cell.amount))
    if isinstance(cell, Month):
        return f"{cell.first:%Y-%m}"
    return str(cell) if cell is not None else ""


def build(p, mask):
    def people(count):
        return People(count, mask and is_small(count))

    hide_money = mask and is_small(p.participants)

    def kroner(amount):
        return Kroner(amount, hide_money)

    m, levels = p.money, list(Level)
    groups = dict(Household.TargetGroup.choices)
    headline = [
        (_("Participants"), people(p.participants)),
        *((groups[group], people(count)) for group, count in p.participants_by_target_group.items()),
        (_("Children affected"), people(p.children_affected)),
        (_("Adults affected"), people(p.adults_affected)),
        (_("People who took part in investment teams"), people(p.team_participants)),
        (_("Investment leaders"), p.investment_leaders),
        (_("Meetings held"), p.meetings_held),
        (_("Dropped out"), people(p.dropped_out)),
    ]
    return [
        Table("headline", _("The headline numbers"), [_("Figure"), _("Number")], headline),
        Table(
            "situations",
            _("Where the participants are now"),
            [_("Situation"), _("Participants")],
            [(level.label, people(p.situations[level.name.lower()])) for level in levels]
            + [(_("Not assessed yet"), people(p.not_assessed))],
        ),
        Table(
            "movement",
            _("Movement: from the situation at the start of the period to the situation now"),
            [_("From"), *(level.label for level in levels)],
            [(start.label, *(people(p.movement.get((start, now), 0)) for now in levels)) for start in levels],
        ),
        Table(
            "journeys",
            _("The journeys"),
            [
                _("Started"),
                _("Now"),
                _("Goal"),
                _("Vulnerability"),
                _("Who"),
                _("Additional investment"),
                _("Participants"),
            ],
            [
                (
                    Level(j.start).label,
                    Level(j.now).label,
                    Level(j.goal).label,
                    Vulnerability(j.vulnerability).label,
                    _("Young person") if j.young else _("Family"),
                    _("Yes") if j.additional else _("No"),
                    people(count),
                )
                for j, count in p.journeys
            ],
        ),
        Table(
            "money",
            _("Money"),
            [_("Figure"), _("NOK")],
            [
                (_("Invested in the period"), kroner(m.invested)),
                (_("Expected benefits a year, priced"), kroner(m.annual_total)),
                (_("Present value of the benefits"), kroner(m.present_value_benefits)),
                (_("Present value of the costs"), kroner(m.present_value_costs)),
                (_("Net present value"), kroner(m.net_present_value)),
                (_("Society's view, transfers not counted twice: net present value"), kroner(m.society_net)),
            ],
        ),
        Table(
            "beneficiaries",
            _("Who gains: expected benefits a year, by beneficiary"),
            [_("Beneficiary"), _("NOK a year")],
            [(Beneficiary(party).label, kroner(amount)) for party, amount in m.annual_by_beneficiary.items()],
        ),
        Table(
            "organisations",
            _("Who invests: invested in the period, by organisation"),
            [_("Organisation"), _("NOK")],
            [(str(organisation), kroner(amount)) for organisation, amount in m.by_organisation],
        ),
        Table(
            "months",
            _("Invested and expected benefits, accumulated month by month"),
            [_("Month"), _("Invested so far (NOK)"), _("Expected benefits so far (NOK)")],
            [(Month(month), kroner(invested), kroner(benefits)) for month, invested, benefits in m.months],
        ),
    ]


def xlsx(built):
    """One sheet per table, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in built:
        sheet = book.create_sheet(table.key)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([str(cell) for cell in table.header])
        for row in table.rows:
            sheet.append([plain(cell) for cell in row])
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text as text: openpyxl would store "=..." as a formula
        sheet.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Export(NamedTuple):
    content: bytes
    content_type: str
    filename: str


def export(user, selection, kind):
    """The dashboard's tables for `selection` as a file of `kind` (one of `EXPORTS`), with every figure about fewer
    than five people masked; the look is audited."""
    write, content_type = EXPORTS[kind]
    built = build(figures(selection), mask=True)
    audit.record(user, audit.VIEW, user.municipality, detail=f"portfolio export {kind}")
    name = f"portfolio-{user.municipality.slug}-{timezone.localdate():%Y-%m-%d}"
    return Export(write(built), content_type, f"{name}.{kind}")


def _csv(built):
    """One table after another, as Norwegian spreadsheet programs read them."""
    rows = []
    for table in built:
        rows += [[table.title], table.header, *([plain(cell) for cell in row] for row in table.rows), []]
    return csv_file(rows)


EXPORTS = {
    "csv": (_csv, "text/csv; charset=utf-8"),
    "xlsx": (xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
