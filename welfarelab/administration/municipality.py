"""The municipality's own settings: the threshold for a large investment and its default language."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes, policy
from welfarelab.checks import check
from welfarelab.forms import add_problems
from welfarelab.people.models import Municipality


class SettingsForm(changes.VersionedForm):
    class Meta:
        model = Municipality
        fields = ["large_investment_from", "default_language", "staff_names_shown_to_families"]

    def clean(self):
        cleaned = super().clean()
        add_problems(self, settings_problems(large_investment_from=cleaned.get("large_investment_from")))
        return cleaned


def of(administrator):
    policy.require(administrator, "administer")
    return Municipality.objects.get(pk=administrator.municipality_id)


def settings_problems(*, large_investment_from=None, **_settings):
    if large_investment_from is not None and large_investment_from <= 0:
        return {"large_investment_from": [_("Give an amount in kroner above zero.")]}
    return {}


@transaction.atomic
def save(
    administrator,
    *,
    large_investment_from: Decimal,
    default_language: str,
    staff_names_shown_to_families: bool = True,
    version: int | None,
) -> Municipality:
    """The administrator's municipality's settings, from the version they saw."""
    municipality = of(administrator)
    municipality.large_investment_from, municipality.default_language = large_investment_from, default_language
    municipality.staff_names_shown_to_families = staff_names_shown_to_families
    check(municipality, settings_problems(large_investment_from=large_investment_from), exclude=["version"])
    detail = f"large investment from {large_investment_from}, language {default_language}, "
    detail += f"staff names {'shown' if staff_names_shown_to_families else 'not shown'} to families"
    return changes.commit(administrator, municipality, None, new=False, version=version, detail=detail)
