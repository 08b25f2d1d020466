from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes
from welfarelab.capture import steps
from welfarelab.capture.models import Conversation, Qualification, Referral, SigningMethod
from welfarelab.forms import DateField, add_problems
from welfarelab.people.models import Organisation

YES_NO = [(True, _("Yes")), (False, _("No"))]


def _without_blank_choice(field):
    """A radio group needs no "- Select an option -" radio: nothing checked is the empty answer."""
    field.choices = [(value, label) for value, label in field.choices if value != ""]


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return value


class ReferralForm(forms.ModelForm):
    agreed_to_contact = forms.TypedChoiceField(
        label=_("Has the family agreed to be contacted by the Welfare Lab?"),
        choices=YES_NO,
        coerce=lambda v: v in (True, "True"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Referral
        fields = ["referring_organisation", "why_now", "what_is_known", "family_told", "agreed_to_contact"]
        labels = {
            "why_now": _("Why now?"),
            "what_is_known": _("What is known about the family's situation?"),
            "family_told": _("What has the family been told about this referral?"),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referring_organisation"].queryset = Organisation.objects.filter(
            municipality=municipality, active=True
        )


class QualificationForm(changes.VersionedForm):
    class Meta:
        model = Qualification
        fields = [
            "wants_change",
            "wants_change_note",
            "lifts_confidentiality",
            "lifts_confidentiality_note",
            "complex_needs",
            "complex_needs_note",
            "long_term_plan",
            "long_term_plan_note",
            "outcome",
            "reason",
            "assessed_on",
        ]
        field_classes = {"assessed_on": DateField}
        widgets = {"outcome": forms.RadioSelect}
        # Four fields all labelled "Note" cannot be told apart when a screen reader reads them out.
        labels = {
            "wants_change_note": _("Note on wanting a change"),
            "lifts_confidentiality_note": _("Note on lifting confidentiality"),
            "complex_needs_note": _("Note on complex needs"),
            "long_term_plan_note": _("Note on a long-term plan"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _without_blank_choice(self.fields["outcome"])

    def clean(self):
        cleaned = super().clean()
        add_problems(self, steps.qualification_problems(**cleaned))
        return cleaned


class ConversationForm(forms.ModelForm):
    class Meta:
        model = Conversation
        fields = ["held_on", "present", "explained", "answer", "answer_note"]
        field_classes = {"held_on": DateField}
        widgets = {"answer": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _without_blank_choice(self.fields["answer"])

    def clean(self):
        cleaned = super().clean()
        add_problems(self, steps.conversation_problems(**cleaned))
        return cleaned


def scan_field():
    """The scan of a signed paper, for a signature or consent given on paper."""
    return forms.FileField(
        label=_("Scan of the signed paper (PDF, JPEG or PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class JoiningForm(forms.Form):
    """The participation agreement, and consent per person and organisation, in one step."""

    signed_on = DateField(label=_("Date of the agreement"))
    method = forms.ChoiceField(label=_("How was it signed?"), choices=SigningMethod.choices, widget=forms.RadioSelect)
    scan = scan_field()
    signed_by = forms.ModelMultipleChoiceField(label=_("Signed by"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, household, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.givers = [p for p in household.members.all() if p.gives_own_consent]
        self.fields["signed_by"].queryset = household.members.filter(pk__in=[p.pk for p in self.givers])
        for person in self.givers:
            self.fields[f"consent_{person.pk}"] = forms.ModelMultipleChoiceField(
                label=_("%(name)s agrees that these services may share information with each other") % {"name": person},
                queryset=organisations,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def consent_fields(self):
        return [self[f"consent_{p.pk}"] for p in self.givers]

    def consents(self):
        """[(person, organisations)] as chosen."""
        return [(p, self.cleaned_data.get(f"consent_{p.pk}", [])) for p in self.givers]

    def clean(self):
        cleaned = super().clean()
        add_problems(self, steps.joining_problems(self.household, **self.values()))
        return cleaned

    def values(self):
        """What `steps.join` takes."""
        data = self.cleaned_data
        consents = {person: list(organisations) for person, organisations in self.consents() if organisations}
        return {k: data.get(k) for k in ("signed_on", "method", "signed_by", "scan")} | {"consents": consents}


class ConsentForm(forms.Form):
    """One member's consent, given after joining, that some of the municipality's services may share information."""

    person = forms.ModelChoiceField(label=_("Who consents"), queryset=None, empty_label=None)
    organisations = forms.ModelMultipleChoiceField(
        label=_("The services that may share information about them"),
        help_text=_(
            "Before 18, a child consents for themselves only to a service where the law gives them the say: health "
            "services from 16 and child welfare from 15."
        ),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    given_on = DateField(label=_("Date of the consent"))
    method = forms.ChoiceField(
        label=_("How was the consent given?"), choices=SigningMethod.choices, widget=forms.RadioSelect
    )
    scan = scan_field()

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["given_on"].initial = timezone.localdate
        services = steps.active_services(household)
        # Who consents for themselves to some service: an adult, or a child from 15 or 16 to some.
        youngest = min(services.values_list("own_say_from", flat=True), default=Organisation.OwnSay.MAJORITY)
        givers = [p.pk for p in household.members.all() if p.has_own_say(youngest)]
        self.fields["person"].queryset = household.members.filter(pk__in=givers)
        self.fields["organisations"].queryset = services

    def clean(self):
        cleaned = super().clean()
        add_problems(self, steps.consent_problems(self.household, **self.values()))
        return cleaned

    def values(self):
        """What `steps.give_consent` takes."""
        data = self.cleaned_data
        return {k: data.get(k) for k in ("person", "given_on", "method", "scan")} | {
            "organisations": list(data.get("organisations") or [])
        }


class WithdrawConsentForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)
