"""Follow the money: what the municipality invests in a participant, across all its services."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from welfarelab import valuation
from welfarelab.people.models import Household, Municipality, NamedInOurLanguages, Organisation, Person

STAFF = settings.AUTH_USER_MODEL
KRONER = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class Unit(models.TextChoices):
    HOUR = "hour", _("hour")
    DAY = "day", _("day")
    VISIT = "visit", _("visit or session")
    MONTH = "month", _("month")
    ONCE = "once", _("one-off")


class Service(NamedInOurLanguages):
    """A service in the municipality's catalogue, at its unit cost."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="services")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("provided by"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    unit_cost = models.DecimalField(_("cost per unit (NOK)"), **KRONER)
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to retire it: what was recorded with it stays as it was.")
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name_en"]


class Investment(models.Model):
    """One line of resources put into a participant: a service, staff hours, or an economic benefit paid.

    It costs quantity x unit price, once or every month from the start to the end (or to today while
    it goes on). Lines dated before the family joined show what was spent on them before.
    """

    class Kind(models.TextChoices):
        SERVICE = "service", _("A service")
        STAFF_HOURS = "staff_hours", _("Staff hours")
        BENEFIT = "benefit", _("An economic benefit paid")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="investments")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisation"))
    kind = models.CharField(_("what kind"), max_length=12, choices=Kind.choices)
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("service from the catalogue")
    )
    what = models.CharField(_("what"), max_length=200, blank=True, help_text=_("E.g. follow-up by the school nurse."))
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("for whom"),
        help_text=_("Leave empty if it is for the whole family."),
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    unit_price = models.DecimalField(
        _("price per unit (NOK)"), help_text=_("Taken from the catalogue when a service is chosen."), **KRONER
    )
    monthly = models.BooleanField(_("every month"), default=True, help_text=_("Untick for a one-off cost."))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True, help_text=_("Leave empty while it goes on."))
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("investment")
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["household", "starts_on"])]

    def __str__(self):
        return self.what or (self.service.name if self.service_id else self.get_kind_display())


class Parameter(models.Model):
    """A national figure the valuation uses, as it stood in one year, with its source.

    The engine's own table (welfarelab/valuation/parameters.py) is the first content; administrators
    add a year as figures are published, and mark a figure verified once it is read in its source.
    """

    class Name(models.TextChoices):
        QALY_VALUE = "qaly_value", _("Value of a quality-adjusted life year")
        MUNICIPAL_TAX_RATE = "municipal_tax_rate", _("Municipal tax rate")
        WORK_ASSESSMENT_ALLOWANCE_SHARE = (
            "work_assessment_allowance_share",
            _("Work assessment allowance, share of the basis"),
        )
        SOCIAL_ASSISTANCE_MONTHLY_RATE = (
            "social_assistance_monthly_rate",
            _("Social assistance, guideline rate per month"),
        )
        BASIC_AMOUNT = "basic_amount", _("The basic amount (G)")
        CONSUMER_PRICE_INDEX = "consumer_price_index", _("Consumer price index")

    name = models.CharField(_("parameter"), max_length=40, choices=Name.choices)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("In force from this year."),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=6)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. NOK per year, share, index (2015=100)."))
    source = models.TextField(_("source"), help_text=_("Where the figure comes from, so that anyone can check it."))
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Tick once the figure is read in its source.")
    )

    class Meta:
        verbose_name = _("valuation parameter")
        verbose_name_plural = _("valuation parameters")
        ordering = ["name", "year"]
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="parameter_once_a_year")]

    def __str__(self):
        return f"{self.get_name_display()} {self.year}"

    @classmethod
    def table(cls):
        """Every stored value, for the valuation engine, in one query."""
        return valuation.Parameters(
            valuation.Parameter(p.name, p.year, p.value, p.unit, p.source, p.verified) for p in cls.objects.all()
        )


def install_parameters(model=Parameter):
    """Store the engine's own table of parameters: the first content of the database's (used by the migration)."""
    model.objects.bulk_create(
        model(name=p.name, year=p.year, value=p.value, unit=p.unit, source=p.source, verified=p.verified)
        for p in valuation.parameters.BUILT_IN
    )


class Beneficiary(models.TextChoices):
    CITIZEN = "citizen", _("The citizen")
    MUNICIPALITY = "municipality", _("The municipality")
    COUNTY = "county", _("The county")
    STATE = "state", _("The state")
    SOCIETY = "society", _("Society")


SHARE = {"max_digits": 5, "decimal_places": 4, "validators": [MinValueValidator(0), MaxValueValidator(1)]}


class Benefit(models.Model):
    """A benefit of the plan (G1, G2, ...): what changes for whom, tied to a goal, valued by a method.

    The method's inputs are kept as the engine reads them (a number, or low / expected / high);
    the figures are always computed, never stored.
    """

    class Method(models.TextChoices):
        QALY = "qaly", _("Better health (quality-adjusted life years)")
        PRODUCTION = "production", _("Work: production gained")
        TRANSFER_REDUCTION = "transfer_reduction", _("Benefits no longer paid out")
        MUNICIPAL_TAX = "municipal_tax", _("Municipal tax from work")
        SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance no longer paid out")
        UNIT_COST = "unit_cost", _("Services no longer needed")
        QUALITATIVE = "qualitative", _("Not priced: a plus/minus score")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        PLANNED = "planned", _("Planned")
        BEING_REALISED = "being_realised", _("Being realised")
        REALISED = "realised", _("Realised")
        NOT_REALISED = "not_realised", _("Not realised")

    goal = models.ForeignKey("plans.Goal", on_delete=models.PROTECT, related_name="benefits", verbose_name=_("goal"))
    number = models.PositiveIntegerField(editable=False)  # G1, G2, ... numbered through the plan
    label = models.CharField(
        _("what changes, and for whom"), max_length=300, help_text=_("E.g. better mental health for the mother.")
    )
    beneficiary = models.CharField(
        _("who gains"),
        max_length=12,
        choices=Beneficiary.choices,
        help_text=_("The party whose life or budget the change improves."),
    )
    method = models.CharField(_("how it is valued"), max_length=20, choices=Method.choices)
    inputs = models.JSONField(default=dict)
    start_year = models.PositiveSmallIntegerField(
        _("starts in plan year"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    ramp_years = models.PositiveSmallIntegerField(
        _("years to full effect"), default=0, validators=[MaxValueValidator(100)]
    )
    duration_years = models.PositiveSmallIntegerField(
        _("lasts for (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Leave empty if it lasts to the end of the horizon."),
    )
    drop_off = models.DecimalField(
        _("drop-off per year"), default=0, help_text=_("Share of the effect lost each year after full effect."), **SHARE
    )
    deadweight = models.DecimalField(
        _("deadweight"), default=0, help_text=_("Share that would have happened anyway."), **SHARE
    )
    attribution = models.DecimalField(
        _("attribution to others"), default=0, help_text=_("Share owed to others than the team."), **SHARE
    )
    displacement = models.DecimalField(
        _("displacement"), default=0, help_text=_("Share that only moves the problem elsewhere."), **SHARE
    )
    assumptions = models.TextField(
        _("assumptions"),
        max_length=2000,
        blank=True,
        help_text=_(
            "In words, what the figures rest on. E.g. salary assumed NOK 300,000; the improvement is an estimate."
        ),
    )
    # Benefit realisation
    owner = models.ForeignKey(
        STAFF, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("owner")
    )
    indicator = models.CharField(_("indicator"), max_length=200, blank=True, help_text=_("What is measured."))
    baseline = models.CharField(_("baseline"), max_length=100, blank=True, help_text=_("Where it stands today."))
    target = models.CharField(_("target"), max_length=100, blank=True)
    target_on = models.DateField(_("target date"), null=True, blank=True)
    measured_when = models.CharField(
        _("when it is measured"), max_length=120, blank=True, help_text=_("E.g. at every checkpoint meeting.")
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.IDENTIFIED)
    evaluation = models.TextField(_("evaluation"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("benefit")
        ordering = ["number"]

    def __str__(self):
        return f"G{self.number}: {self.label}"

    @property
    def code(self):
        return f"G{self.number}"

    @property
    def last_measurement(self):
        """The latest reading (from the prefetched measurements, where they are)."""
        measured = list(self.measurements.all())
        return measured[-1] if measured else None


class Measurement(models.Model):
    """A reading of a benefit's indicator, as the realisation plan said it would be measured."""

    benefit = models.ForeignKey(Benefit, on_delete=models.PROTECT, related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    value = models.CharField(_("value"), max_length=100)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        ordering = ["measured_on", "id"]


class PlanValue(models.Model):
    """A participant's plan as last valued, so the portfolio adds up thousands of plans without valuing each again.

    Valued again whenever the plan's benefits, its valuation settings or the investment change, and for every
    participant by `manage.py revalue` (after a new parameter year, and nightly as running costs add up).
    """

    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="plan_value")
    price_year = models.PositiveSmallIntegerField()
    annual_by_beneficiary = models.JSONField(default=dict)  # {party: kroner a year at full effect}, priced
    yearly = models.JSONField(default=list)  # expected net benefits in plan years 1..horizon, undiscounted
    non_priced = models.PositiveIntegerField(default=0)  # benefits valued by a score, not in kroner
    present_value_benefits = models.DecimalField(max_digits=16, decimal_places=0, default=0)
    present_value_costs = models.DecimalField(max_digits=16, decimal_places=0, default=0)
    society_net = models.DecimalField(max_digits=16, decimal_places=0, default=0)  # real resources, no transfers
    error = models.CharField(max_length=300, blank=True)
    valued_at = models.DateTimeField(auto_now=True)

    @property
    def net_present_value(self):
        return self.present_value_benefits - self.present_value_costs
