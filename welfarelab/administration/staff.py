"""The municipality's staff, as its administrator manages them: invited, given a role, ended.

A membership is never deleted: an ended user keeps their name on everything they did, loses the
login at once (Django refuses inactive users, also in sessions already open), and the date and
the administrator who ended it are kept. The municipality always keeps an active administrator.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, changes, policy
from welfarelab.administration import invitations
from welfarelab.forms import EMPTY_CHOICE
from welfarelab.people.models import Organisation, StaffUser

Role = StaffUser.Role


def listed(administrator):
    """The municipality's staff for the user list: those still active first, in name order."""
    return (
        policy.administered(administrator, StaffUser)
        .select_related("organisation", "ended_by")
        .order_by("-is_active", "first_name", "last_name", "username")
    )


def _organisations(form, municipality):
    current = form.instance.organisation_id
    field = form.fields["organisation"]
    field.queryset = Organisation.objects.filter(municipality=municipality, active=True) | Organisation.objects.filter(
        pk=current
    )
    field.help_text = _("Investment team members and referrers work for an organisation; others may leave it empty.")


class InvitationForm(forms.ModelForm):
    class Meta:
        model = StaffUser
        fields = ["first_name", "last_name", "email", "role", "organisation"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["email"].help_text = _("The invitation is sent here. It is also the username they log in with.")
        self.fields["role"].initial = ""
        self.fields["role"].choices = [("", EMPTY_CHOICE), *Role.choices]
        _organisations(self, municipality)

    def clean_email(self):
        email = StaffUser.objects.normalize_email(self.cleaned_data["email"]).lower()
        if (
            StaffUser.objects.filter(username__iexact=email).exists()
            or StaffUser.objects.filter(email__iexact=email).exists()
        ):
            raise ValidationError(_("Someone already has a login with this e-mail address."))
        return email

    def clean(self):
        cleaned = super().clean()
        _needs_organisation(self, cleaned)
        return cleaned


class RoleForm(changes.VersionedForm):
    """The role and organisation of one member of staff, from the version the administrator saw."""

    class Meta:
        model = StaffUser
        fields = ["role", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _organisations(self, self.instance.municipality_id)

    def clean(self):
        cleaned = super().clean()
        _needs_organisation(self, cleaned)
        return cleaned


def _needs_organisation(form, cleaned):
    if cleaned.get("role") in (Role.TEAM_MEMBER, Role.REFERRER) and not cleaned.get("organisation"):
        form.add_error("organisation", _("Choose the organisation this person works for."))


class EndForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


def _administrators_left(staff):
    """How many other active administrators the municipality has, with their rows locked until the end of
    the transaction, so that two administrators cannot take the role from each other at the same moment."""
    others = StaffUser.objects.select_for_update().filter(
        municipality_id=staff.municipality_id, role=Role.ADMINISTRATOR, is_active=True
    )
    return len([u for u in others if u.pk != staff.pk])


def _stored(staff):
    stored = StaffUser.objects.select_for_update().get(pk=staff.pk)
    if stored.ended_at:
        raise ValidationError(_("This membership has already ended."))
    return stored


@transaction.atomic
def invite(administrator, form, link_for):
    """Create the login without a password and e-mail a one-time link to set one; `link_for(user)` makes the link."""
    policy.require(administrator, "administer")
    user = form.save(commit=False)
    user.username = user.email
    user.municipality_id = administrator.municipality_id
    user.set_unusable_password()
    user.save()
    audit.record(administrator, audit.CREATE, user, detail=f"invited as {user.role}")
    invitations.send(user, link_for(user))
    return user


@transaction.atomic
def invite_again(administrator, staff, link_for):
    """A new link for someone who has not set their password yet (the first one lasts a few days)."""
    stored = _stored(staff)
    if stored.has_usable_password():
        raise ValidationError(_("This person has already set a password."))
    audit.record(administrator, audit.UPDATE, stored, detail="invited again")
    invitations.send(stored, link_for(stored))


@transaction.atomic
def change_role(administrator, form):
    """Give or take a role. It counts from the user's next click: the role is read on every request."""
    staff = form.instance
    stored = _stored(staff)
    new_role = form.cleaned_data["role"]
    if stored.role == Role.ADMINISTRATOR and new_role != Role.ADMINISTRATOR and not _administrators_left(stored):
        raise ValidationError(
            {"role": _("The municipality needs an administrator. Make someone else administrator first.")}
        )
    detail = f"role {stored.role} -> {new_role}, organisation {stored.organisation_id} -> {staff.organisation_id}"
    return changes.save(administrator, form, None, detail)


@transaction.atomic
def end_membership(administrator, staff, version):
    """The user can no longer log in; who ended it and when are kept, and nothing of theirs is deleted."""
    stored = _stored(staff)
    if stored.pk == administrator.pk:
        raise ValidationError(_("You cannot end your own membership. Ask another administrator."))
    changes.next_version(stored, version)
    if stored.role == Role.ADMINISTRATOR and not _administrators_left(stored):
        raise ValidationError(_("The municipality needs an administrator. Make someone else administrator first."))
    stored.is_active = False
    stored.ended_at = timezone.now()
    stored.ended_by = administrator
    stored.save(update_fields=["is_active", "ended_at", "ended_by", "version"])
    audit.record(administrator, audit.UPDATE, stored, detail="membership ended")
    return stored
