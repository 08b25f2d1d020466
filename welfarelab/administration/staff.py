"""The municipality's staff, as its administrator manages them: invited, given a role, ended.

A membership is never deleted: an ended user keeps their name on everything they did, loses the
login at once (Django refuses inactive users, also in sessions already open), and the date and
the administrator who ended it are kept. The municipality always keeps an active administrator.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, changes, policy
from welfarelab.administration import invitations
from welfarelab.checks import check
from welfarelab.forms import EMPTY_CHOICE, add_problems
from welfarelab.people.models import Organisation, StaffUser

Role = StaffUser.Role


def listed(administrator):
    """The municipality's staff for the user list: those still active first, in name order."""
    return (
        policy.administered(administrator, StaffUser)
        .select_related("organisation", "ended_by")
        .order_by("-is_active", "first_name", "last_name", "username")
    )


def _organisation_field(form, municipality_id):
    field = form.fields["organisation"]
    field.queryset = Organisation.objects.choosable(municipality_id, form.instance.organisation_id)
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
        _organisation_field(self, municipality.pk)

    def clean_email(self):
        return StaffUser.objects.normalize_email(self.cleaned_data["email"]).lower()

    def values(self):
        """What `invite` takes."""
        return {name: self.cleaned_data.get(name) for name in self.fields}

    def clean(self):
        cleaned = super().clean()
        add_problems(self, staff_problems(self.instance.municipality_id, **self.values()))
        return cleaned


class RoleForm(changes.VersionedForm):
    """The role and organisation of one member of staff, from the version the administrator saw."""

    class Meta:
        model = StaffUser
        fields = ["role", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _organisation_field(self, self.instance.municipality_id)

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self._meta.fields}
        add_problems(self, staff_problems(self.instance.municipality_id, staff=self.instance, **values))
        return cleaned


def _works_for(municipality_id, staff, organisation):
    keeping = staff.organisation_id if staff else None
    return Organisation.objects.choosable(municipality_id, keeping).filter(pk=organisation.pk).exists()


def staff_problems(municipality_id, staff=None, *, role=None, organisation=None, email=None, **_fields):
    """{field: messages}: team members and referrers work for one of the municipality's organisations; an e-mail
    address, which is the username, is nobody else's."""
    errors = {}
    if role in (Role.TEAM_MEMBER, Role.REFERRER) and not organisation:
        errors["organisation"] = [_("Choose the organisation this person works for.")]
    elif organisation and not _works_for(municipality_id, staff, organisation):
        errors["organisation"] = [_("Choose one of the municipality's organisations.")]
    if email and (
        StaffUser.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
        .exclude(pk=getattr(staff, "pk", None))
        .exists()
    ):
        errors["email"] = [_("Someone already has a login with this e-mail address.")]
    return errors


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
def invite(
    administrator,
    *,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    link_for,
) -> StaffUser:
    """Create the login without a password and e-mail a one-time link to set one; `link_for(user)` makes the link.
    The e-mail address is the username."""
    policy.require(administrator, "administer")
    email = StaffUser.objects.normalize_email(email).lower()
    municipality = administrator.municipality_id
    user = StaffUser(first_name=first_name, last_name=last_name, email=email, username=email, role=role)
    user.municipality_id, user.organisation = municipality, organisation
    problems = staff_problems(municipality, role=role, organisation=organisation, email=email)
    check(user, problems, exclude=["municipality", "organisation", "password", "version", "username"])
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
def change_role(
    administrator, staff, *, role: str, organisation: Organisation | None, version: int | None
) -> StaffUser:
    """Give or take a role. It counts from the user's next click: the role is read on every request."""
    stored = _stored(staff)
    if stored.role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR and not _administrators_left(stored):
        raise ValidationError(
            {"role": _("The municipality needs an administrator. Make someone else administrator first.")}
        )
    detail = (
        f"role {stored.role} -> {role}, organisation {stored.organisation_id} -> {getattr(organisation, 'pk', None)}"
    )
    staff.role, staff.organisation = role, organisation
    problems = staff_problems(staff.municipality_id, stored, role=role, organisation=organisation)
    check(staff, problems, exclude=["municipality", "organisation", "password", "version", "username"])
    return changes.commit(administrator, staff, None, new=False, version=version, detail=detail)


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
