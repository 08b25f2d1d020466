from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from welfarelab.forms import DateField
from welfarelab.people.models import Household, Person


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name", "preferred_language", "interpreter_language"]


class DigitsField(forms.CharField):
    """Digits as people write them, in groups ("020715 52309"): read without the spaces, so that the
    length is counted and checked on the digits alone."""

    def to_python(self, value):
        return "".join(super().to_python(value).split())


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["given_name", "family_name", "relation", "birth_date", "national_id", "has_disability"]
        fields += ["address", "address_protection"]
        field_classes = {"birth_date": DateField, "national_id": DigitsField}
        widgets = {"national_id": forms.TextInput(attrs={"inputmode": "numeric"})}


class BasePersonFormSet(BaseModelFormSet):
    """The members of one household, as typed; `steps.register_referral` checks them."""

    def clean(self):
        super().clean()
        if not self.filled():
            raise forms.ValidationError(_("Add at least one person."))

    def filled(self):
        return [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]

    def values(self):
        """Each filled-in member's fields, in the order of the page."""
        return [{name: form.cleaned_data[name] for name in form._meta.fields} for form in self.filled()]


PersonFormSet = modelformset_factory(Person, form=PersonForm, formset=BasePersonFormSet, extra=4, max_num=15)
