"""The administrator's pages. Every view is for administrators only (`administers`), and looks objects up in
`policy.administered` (through the modules here), so that another municipality's are not found."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from welfarelab.access import log, policy
from welfarelab.administration import invitations, life_areas, municipality, organisations, services, staff
from welfarelab.people import lockout


def administers(view):
    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        policy.require(request.user, "administer")
        return view(request, *args, **kwargs)

    return checked


def _saved(request, form, save, message, *record):
    """Validate a posted form and `save(user, *record, **its values)`; False, with the reasons on the form and what
    was typed kept, if not."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(request.user, *record, **form.values())
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, message() if callable(message) else message)
    return True


def _form_page(request, form, here, title, intro="", submit=None):
    context = {"form": form, "here": here, "title": title, "intro": intro, "submit": submit or _("Save")}
    context["cancel"] = reverse(here)
    return render(request, "administration/form.html", context, status=400 if form.errors else 200)


def _refused(request, error, where):
    messages.error(request, " ".join(error.messages))
    return redirect(where)


# Users


@administers
def staff_list(request):
    return render(request, "administration/staff_list.html", {"staff": staff.listed(request.user), "here": "staff"})


@administers
def staff_invite(request):
    form = staff.InvitationForm(request.POST or None, municipality=request.user.municipality)

    def invite(administrator, **values):
        staff.invite(administrator, **values, link_for=lambda user: invitations.link(request, user))

    if _saved(
        request, form, invite, lambda: _("The invitation is sent to %(email)s.") % {"email": form.cleaned_data["email"]}
    ):
        return redirect("staff")
    intro = _(
        "They get an e-mail with a link to choose their own password. The link works once, for a few days; "
        "you can send a new one from their page."
    )
    return _form_page(request, form, "staff", _("Invite a user"), intro, _("Send the invitation"))


def _member(request, pk):
    return get_object_or_404(staff.listed(request.user), pk=pk)


@administers
def staff_member(request, pk):
    member = _member(request, pk)
    form = staff.RoleForm(request.POST or None, instance=member)
    if _saved(request, form, staff.change_role, _("The role of %(name)s is changed.") % {"name": member}, member):
        return redirect("staff_member", pk=pk)
    context = {
        "member": member,
        "form": form,
        "end_form": staff.EndForm(initial={"version": member.version}),
        "locked": lockout.locked(member),
        "last_month": log.last_month(),
        "here": "staff",
    }
    return render(request, "administration/staff_member.html", context, status=400 if form.errors else 200)


@administers
@require_POST
def staff_end(request, pk):
    member = _member(request, pk)
    form = staff.EndForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Something went wrong. Open the page again and try once more."))
        staff.end_membership(request.user, member, form.cleaned_data["version"])
    except ValidationError as error:
        return _refused(request, error, reverse("staff_member", args=[pk]))
    messages.success(request, _("The membership of %(name)s has ended. They can no longer log in.") % {"name": member})
    return redirect("staff")


@administers
@require_POST
def staff_invite_again(request, pk):
    member = _member(request, pk)
    try:
        staff.invite_again(request.user, member, lambda user: invitations.link(request, user))
    except ValidationError as error:
        return _refused(request, error, reverse("staff_member", args=[pk]))
    messages.success(request, _("A new invitation is sent to %(email)s.") % {"email": member.email})
    return redirect("staff_member", pk=pk)


# Organisations


@administers
def organisation_list(request):
    context = {"organisations": organisations.listed(request.user), "here": "organisations"}
    return render(request, "administration/organisation_list.html", context)


@administers
def organisation_edit(request, pk=None):
    instance = get_object_or_404(organisations.listed(request.user), pk=pk) if pk else None
    form = organisations.OrganisationForm(
        request.POST or None, instance=instance, municipality=request.user.municipality
    )
    if _saved(request, form, organisations.save, _("The organisation is saved."), instance):
        return redirect("organisations")
    return _form_page(request, form, "organisations", str(instance) if instance else _("Add an organisation"))


@administers
@require_POST
def staff_unlock(request, pk):
    member = _member(request, pk)
    lockout.lift(request.user, member)
    messages.success(request, _("%(name)s can log in again.") % {"name": member})
    return redirect("staff_member", pk=pk)


# Life areas


@administers
def life_area_list(request):
    context = {"life_areas": list(life_areas.listed(request.user)), "here": "life_areas"}
    return render(request, "administration/life_area_list.html", context)


@administers
def life_area_edit(request, pk=None):
    instance = get_object_or_404(life_areas.listed(request.user), pk=pk) if pk else None
    form = life_areas.LifeAreaForm(request.POST or None, instance=instance, municipality=request.user.municipality)
    if _saved(request, form, life_areas.save, _("The life area is saved."), instance):
        return redirect("life_areas")
    title = _("Rename a life area") if instance else _("Add a life area")
    intro = _("A row of the Mapping Tool's grid. Name it in all three languages: the sheet follows the reader's.")
    return _form_page(request, form, "life_areas", title, intro)


@administers
@require_POST
def life_area_move(request, pk):
    area = get_object_or_404(life_areas.listed(request.user), pk=pk)
    life_areas.move(request.user, area, -1 if request.POST.get("direction") == "up" else 1)
    messages.success(request, _("%(area)s is moved.") % {"area": area})
    return redirect("life_areas")


# The service catalogue


@administers
def service_list(request):
    return render(
        request, "administration/service_list.html", {"services": services.listed(request.user), "here": "services"}
    )


@administers
def service_edit(request, pk=None):
    instance = get_object_or_404(services.listed(request.user), pk=pk) if pk else None
    form = services.ServiceForm(request.POST or None, instance=instance, municipality=request.user.municipality)
    if _saved(request, form, services.save, _("The service is saved."), instance):
        return redirect("services")
    intro = _(
        "What a unit of the service costs the municipality. A new unit cost counts for what is recorded from now "
        "on; what was recorded before keeps its price."
    )
    return _form_page(request, form, "services", _("Change a service") if instance else _("Add a service"), intro)


# The municipality's settings


@administers
def municipality_settings(request):
    form = municipality.SettingsForm(request.POST or None, instance=municipality.of(request.user))
    if _saved(request, form, municipality.save, _("The settings are saved.")):
        return redirect("municipality_settings")
    intro = _(
        "The threshold decides when the investment in a participant over 12 months counts as large. The default "
        "language is the one staff see until they pick their own, and the one invitations are written in."
    )
    title = _("Settings for %(municipality)s") % {"municipality": form.instance.name}
    return _form_page(request, form, "municipality_settings", title, intro)
