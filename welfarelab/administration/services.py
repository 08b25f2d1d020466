"""The municipality's catalogue of services with their unit costs. A service is retired, never deleted:
what was recorded with it keeps the unit price it had then."""

from decimal import Decimal

from django.db import transaction
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
        self.fields["organisation"].queryset = Organisation.objects.choosable(
            municipality.pk, self.instance.organisation_id
        )


def listed(administrator):
    return policy.administered(administrator, Service).select_related("organisation").order_by("-active", "name_en")


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
    providers = Organisation.objects.choosable(administrator.municipality_id, service.organisation_id)
    if not providers.filter(pk=organisation.pk).exists():
        errors["organisation"] = [_("Choose one of the municipality's organisations.")]
    service.name_en, service.name_nb, service.name_nn, service.active = name_en, name_nb, name_nn, active
    service.organisation, service.unit, service.unit_cost = organisation, unit, unit_cost
    check(service, errors, exclude=["municipality", "organisation", "version"])
    detail = f"service {name_en}, {unit_cost}"
    return changes.commit(administrator, service, None, new=new, version=version, detail=detail)
