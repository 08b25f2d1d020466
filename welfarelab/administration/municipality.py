"""The municipality's own settings: the threshold for a large investment and its default language."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes, policy
from welfarelab.people.models import Municipality


class SettingsForm(changes.VersionedForm):
    class Meta:
        model = Municipality
        fields = ["large_investment_from", "default_language"]

    def clean_large_investment_from(self):
        amount = self.cleaned_data["large_investment_from"]
        if amount <= 0:
            raise forms.ValidationError(_("Give an amount in kroner above zero."))
        return amount


def of(administrator):
    policy.require(administrator, "administer")
    return Municipality.objects.get(pk=administrator.municipality_id)


@transaction.atomic
def save(administrator, form):
    municipality = form.instance
    detail = f"large investment from {municipality.large_investment_from}, language {municipality.default_language}"
    return changes.save(administrator, form, None, detail)
