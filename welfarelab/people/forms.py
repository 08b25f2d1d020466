from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes
from welfarelab.forms import DateField
from welfarelab.people.models import Household, Organisation, Person


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
        field_classes = {"birth_date": DateField, "national_id": DigitsField}
        widgets = {"national_id": forms.TextInput(attrs={"inputmode": "numeric"})}

    def clean(self):
        cleaned = super().clean()
        probe = Person(birth_date=cleaned.get("birth_date"), national_id=cleaned.get("national_id", ""))
        for field, message in probe.clean_identity().items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned


class BasePersonFormSet(BaseModelFormSet):
    """The members of one household; identity numbers unique within the municipality."""

    def __init__(self, *args, municipality, **kwargs):
        self.municipality = municipality
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or form.errors or self._should_delete_form(form):
                continue
            number = form.cleaned_data.get("national_id")
            if not number:
                continue
            taken = Person.objects.filter(municipality=self.municipality, national_id=number)
            if form.instance.pk:
                taken = taken.exclude(pk=form.instance.pk)
            if number in seen or taken.exists():
                form.add_error("national_id", _("This identity number is already registered in the municipality."))
            seen.add(number)
        if not any(f.has_changed() and not self._should_delete_form(f) for f in self.forms):
            raise forms.ValidationError(_("Add at least one person."))


PersonFormSet = modelformset_factory(Person, form=PersonForm, formset=BasePersonFormSet, extra=4, max_num=15)


class OrganisationForm(changes.VersionedForm):
    class Meta:
        model = Organisation
        fields = ["code", "name_en", "name_nb", "name_nn", "owner", "active"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    def clean_code(self):
        code = self.cleaned_data["code"]
        others = Organisation.objects.filter(municipality=self.instance.municipality, code=code)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another organisation already has this code."))
        return code
