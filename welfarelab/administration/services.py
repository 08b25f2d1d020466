"""The municipality's catalogue of services with their unit costs. A service is retired, never deleted:
what was recorded with it keeps the unit price it had then."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes, policy
from welfarelab.checks import check
from welfarelab.money.models import Service
from welfarelab.people.models import Organisation


class ServiceForm(changes.VersionedForm):
    class Meta:
        model = Service
        fields = ["name_en", "name_nb", "name_nn", "organisation", "unit", "unit_cost", "active"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality_id = municipality.pk
        self.fields["organisation"].queryset = providers(municipality.pk, self.instance)


def listed(administrator):
    return policy.administered(administrator, Service).select_related("organisation").order_by("-active", "name_en")


def providers(municipality_id, service):
    """Who can provide a service: the municipality's active organisations (and whoever provides it already)."""
    return Organisation.objects.filter(municipality_id=municipality_id).filter(
        Q(active=True) | Q(pk=service.organisation_id)
    )


@transaction.atomic
def save(
    administrator,
    service: Service | None = None,
    *,
    name_en: str,
    name_nb: str,
    name_nn: str,
    organisation: Organisation,
    unit: str,
    unit_cost: Decimal,
    active: bool = True,
    version: int | None = None,
) -> Service:
    """Add a service to the catalogue at its unit cost, or change or retire one (from `version`); what was
    recorded with it keeps the price it had."""
    policy.require(administrator, "administer")
    new = service is None
    service = service or Service(municipality_id=administrator.municipality_id)
    errors = {}
    if not providers(administrator.municipality_id, service).filter(pk=organisation.pk).exists():
        errors["organisation"] = [_("Choose one of the municipality's organisations.")]
    service.name_en, service.name_nb, service.name_nn, service.active = name_en, name_nb, name_nn, active
    service.organisation, service.unit, service.unit_cost = organisation, unit, unit_cost
    check(service, errors, exclude=["municipality", "organisation", "version"])
    detail = f"service {name_en}, {unit_cost}"
    return changes.commit(administrator, service, None, new=new, version=version, detail=detail)
