"""The municipality's catalogue of services with their unit costs. A service is retired, never deleted:
what was recorded with it keeps the unit price it had then."""

from django.db import transaction

from welfarelab.access import changes, policy
from welfarelab.money.models import Service
from welfarelab.people.models import Organisation


class ServiceForm(changes.VersionedForm):
    class Meta:
        model = Service
        fields = ["name_en", "name_nb", "name_nn", "organisation", "unit", "unit_cost", "active"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality_id = municipality.pk
        in_municipality = Organisation.objects.filter(municipality=municipality)
        self.fields["organisation"].queryset = in_municipality.filter(active=True) | in_municipality.filter(
            pk=self.instance.organisation_id
        )


def listed(administrator):
    return policy.administered(administrator, Service).select_related("organisation").order_by("-active", "name_en")


@transaction.atomic
def save(administrator, form):
    return changes.save(administrator, form, None, f"service {form.instance.name_en}, {form.instance.unit_cost}")
