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

    asks = ()  # fields that ask the writer something (access.minimisation), not values to save

    def values(self):
        """What the room's action takes: each field's value by its name, with the version the user saw."""
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.asks}


def commit(principal, obj, household, *, new, version=None, detail=""):
    """Save `obj` in the caller's transaction and audit it: a new one as it is, a change only from the version the
    user saw (`next_version`)."""
    if not new:
        next_version(obj, version)
    obj.save()
    audit.record(principal, audit.CREATE if new else audit.UPDATE, obj, household=household, detail=detail)
    return obj


def next_version(obj, seen, stale=STALE):
    """Give `obj` the version after the stored one, to be saved in the caller's transaction, unless someone saved
    it since the user saw version `seen`: then the change is refused with `stale` and nothing is saved.

    The stored row stays locked until the transaction ends, so that two edits of the same version cannot both
    pass. Returns the stored row as it was before this change."""
    stored = type(obj).objects.select_for_update().get(pk=obj.pk)
    if stored.version != seen:
        raise ValidationError(stale)
    obj.version = stored.version + 1
    return stored
