"""Follow the money: what the municipality invests in a participant, across all its services."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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
    active = models.BooleanField(_("in use"), default=True)

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
