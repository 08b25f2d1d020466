"""The municipality's organisations: its own units and the outside partners whose people sit on investment teams
and to whom families give consent. An organisation is retired, never deleted: consents and teams refer to it."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes, policy
from welfarelab.checks import check
from welfarelab.forms import add_problems
from welfarelab.people.models import Organisation


class OrganisationForm(changes.VersionedForm):
    class Meta:
        model = Organisation
        fields = ["code", "name_en", "name_nb", "name_nn", "owner", "own_say_from", "active"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("code"):
            add_problems(self, organisation_problems(self.instance, code=cleaned["code"]))
        return cleaned


def listed(administrator):
    return policy.administered(administrator, Organisation)


def organisation_problems(organisation, *, code):
    others = Organisation.objects.filter(municipality_id=organisation.municipality_id, code=code)
    if others.exclude(pk=organisation.pk).exists():
        return {"code": [_("Another organisation already has this code.")]}
    return {}


@transaction.atomic
def save(
    administrator,
    organisation: Organisation | None = None,
    *,
    code: str,
    name_en: str,
    name_nb: str,
    name_nn: str,
    owner: str,
    own_say_from: int = Organisation.OwnSay.MAJORITY,
    active: bool = True,
    version: int | None = None,
) -> Organisation:
    """Add an organisation to the municipality's catalogue, or rename or retire one (from `version`)."""
    policy.require(administrator, "administer")
    new = organisation is None
    organisation = organisation or Organisation(municipality_id=administrator.municipality_id)
    organisation.code, organisation.owner, organisation.active = code, owner, active
    organisation.own_say_from = own_say_from
    organisation.name_en, organisation.name_nb, organisation.name_nn = name_en, name_nb, name_nn
    check(organisation, organisation_problems(organisation, code=code), exclude=["municipality", "version"])
    return changes.commit(administrator, organisation, None, new=new, version=version, detail=f"organisation {code}")
