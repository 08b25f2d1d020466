"""The municipality's investment in a participant: recording it, and adding it up over time.

One pool of resources: every organisation's services, staff hours and economic benefits count
together. A monthly line counts in every month it runs in, the first and last in full; a one-off
line in the month it starts. Lines from before the family joined show what was spent before.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes, minimisation, policy
from welfarelab.checks import model_problems
from welfarelab.forms import DateField, add_problems
from welfarelab.money import benefits
from welfarelab.money.models import Investment, Service
from welfarelab.money.months import cost_by_month, month_of, months, shift
from welfarelab.people.models import Organisation, Person

YEAR = 12


class InvestmentForm(changes.VersionedForm):
    class Meta:
        model = Investment
        fields = ["kind", "service", "what", "organisation", "person", "quantity", "unit_price", "monthly"]
        fields += ["starts_on", "ends_on"]
        field_classes = {"starts_on": DateField, "ends_on": DateField}

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.household = user, household
        municipality = household.municipality_id
        self.fields["service"].queryset = Service.objects.filter(municipality_id=municipality).filter(
            Q(active=True) | Q(pk=self.instance.service_id)
        )
        self.fields["service"].label_from_instance = lambda s: f"{s.name} ({s.unit_cost} kr / {s.get_unit_display()})"
        self.fields["organisation"].queryset = Organisation.objects.filter(municipality_id=municipality)
        self.fields["organisation"].required = False
        self.fields["unit_price"].required = False
        self.fields["person"].queryset = policy.persons(user, household)
        minimisation.ask(self, "what", "person")

    def values(self):
        """What `save` takes."""
        return {name: self.cleaned_data.get(name) for name in self._meta.fields} | {
            "version": self.cleaned_data.get("version")
        }

    def clean(self):
        cleaned = super().clean()
        minimisation.check(self, cleaned)
        line = {k: v for k, v in self.values().items() if k != "version"}
        add_problems(self, problems(self.user, self.household, **line))
        return cleaned


@transaction.atomic
def save(
    principal,
    household,
    *,
    kind: str,
    quantity: Decimal,
    starts_on: datetime.date,
    entry: Investment | None = None,
    version: int | None = None,
    **values,
) -> Investment:
    """Record a line of what is invested in the family (or change `entry`, from `version`).

    The other values are named as in `_line`. A service from the catalogue gives the organisation and the price
    unless they are given; otherwise say what it is, who pays and the price per unit. About one family member
    only if `principal` may see them."""
    values |= {"kind": kind, "quantity": quantity, "starts_on": starts_on}
    new = entry is None
    entry = _line(principal, household, entry or Investment(household=household, recorded_by=principal), **values)
    errors = _errors(principal, household, entry)
    if errors:
        raise ValidationError(errors)
    changes.commit(principal, entry, household, new=new, version=version, detail=entry.kind)
    benefits.revalue_when_committed(household)  # the costs are part of the plan's value
    return entry


def problems(principal, household, **values):
    """{field: messages}: what is not yet as it must be in the line `values` (parsed so far)."""
    return _errors(principal, household, _line(principal, household, Investment(household=household), **values))


def _line(
    principal,
    household,
    entry,
    *,
    kind: str,
    quantity: Decimal | None,
    starts_on: datetime.date | None,
    service: Service | None = None,
    what: str = "",
    organisation: Organisation | None = None,
    unit_price: Decimal | None = None,
    person: Person | None = None,
    monthly: bool = True,
    ends_on: datetime.date | None = None,
):
    if service is not None:
        organisation = organisation or service.organisation
        unit_price = service.unit_cost if unit_price is None else unit_price
    fields = {"kind": kind, "service": service, "what": what or "", "organisation": organisation, "person": person}
    fields |= {"quantity": quantity, "unit_price": unit_price, "monthly": monthly, "starts_on": starts_on}
    for name, value in (fields | {"ends_on": ends_on}).items():
        setattr(entry, name, value)
    return entry


def _errors(principal, household, entry):
    errors = model_problems(entry, ["household", "recorded_by", "organisation", "service", "person", "version"])
    municipality = household.municipality_id
    if entry.service_id is not None and entry.service.municipality_id != municipality:
        errors["service"] = [_("Choose a service from the municipality's catalogue.")]
    if entry.service_id is None and not entry.what.strip() and "what" not in errors:
        errors["what"] = [_("Say what it is, or choose a service from the catalogue.")]
    if entry.organisation_id is None or entry.organisation.municipality_id != municipality:
        errors["organisation"] = [_("Say which organisation pays for it.")]
    if entry.unit_price is None:
        errors["unit_price"] = [_("Give the price per unit, or choose a service from the catalogue.")]
    if entry.person_id is not None and not policy.persons(principal, household).filter(pk=entry.person_id).exists():
        errors["person"] = [_("Choose someone of the family.")]
    if entry.starts_on and entry.ends_on and entry.ends_on < entry.starts_on:
        errors["ends_on"] = [_("The end comes before the start. Choose an end on or after the start.")]
    return errors


@dataclass
class Month:
    month: datetime.date
    total: Decimal = Decimal(0)
    before: bool = False  # before the family joined
    ahead: bool = False  # planned, after this month
    # Where its bar goes in the chart, in percent of the chart's width and height.
    x: float = 0
    width: float = 0
    height: float = 0

    @property
    def top(self):
        return round(100 - self.height, 2)


@dataclass
class Summary:
    """The investment in one participant, over time and per organisation."""

    months: list
    by_organisation: list  # (organisation, kroner so far), largest first
    total: Decimal  # up to and including this month
    ahead: Decimal  # planned for the months after this one
    before_joining: Decimal  # the 12 months before the family joined
    first_year: Decimal  # the first 12 months from joining
    last_year: Decimal  # the last 12 months up to this month
    large: bool
    threshold: Decimal


def summary(household, entries, today=None):
    """Add the lines up: per month (in one pool), per organisation, before and after joining."""
    today = today or timezone.localdate()
    now = month_of(today)
    per_month, per_org = {}, {}
    for entry in entries:
        for month, amount in cost_by_month(entry, today).items():
            per_month[month] = per_month.get(month, Decimal(0)) + amount
            if month <= now:
                per_org[entry.organisation] = per_org.get(entry.organisation, Decimal(0)) + amount
    joined = month_of(household.joined_on) if household.joined_on else None
    timeline = [
        Month(m, per_month.get(m, Decimal(0)), bool(joined and m < joined), m > now)
        for m in (months(min(per_month), max(max(per_month), now)) if per_month else [])
    ]

    def year_from(first):
        return sum((per_month.get(shift(first, n), Decimal(0)) for n in range(YEAR)), Decimal(0))

    last_year = year_from(shift(now, 1 - YEAR))
    peak = max((m.total for m in timeline), default=Decimal(0))
    for index, m in enumerate(timeline):
        m.x, m.width = round(100 * index / len(timeline), 3), round(80 / len(timeline), 3)
        m.height = round(float(100 * m.total / peak), 2) if peak else 0
    threshold = household.municipality.large_investment_from
    return Summary(
        months=timeline,
        by_organisation=sorted(per_org.items(), key=lambda pair: (-pair[1], str(pair[0]))),
        total=sum((amount for m, amount in per_month.items() if m <= now), Decimal(0)),
        ahead=sum((amount for m, amount in per_month.items() if m > now), Decimal(0)),
        before_joining=year_from(shift(joined, -YEAR)) if joined else Decimal(0),
        first_year=year_from(joined) if joined else Decimal(0),
        last_year=last_year,
        large=last_year >= threshold,
        threshold=threshold,
    )
