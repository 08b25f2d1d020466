"""Changing a family's data: from the version the user saw, so that nobody silently overwrites
someone else's change, and always with an entry in the audit log."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit

STALE = _("Someone else changed this while you were editing it. Look at it again and save once more.")


class VersionedForm(forms.ModelForm):
    """A form for a model with a `version` field, carrying the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


def save(user, form, household, detail=""):
    """Save a VersionedForm inside the caller's transaction; a change must start from the latest version."""
    obj = form.save(commit=False)
    action = audit.UPDATE if obj.pk else audit.CREATE
    if obj.pk:
        stored = type(obj).objects.select_for_update().get(pk=obj.pk)
        if stored.version != form.cleaned_data["version"]:
            raise ValidationError(STALE)
        obj.version = stored.version + 1
    obj.save()
    audit.record(user, action, obj, household=household, detail=detail)
    return obj
