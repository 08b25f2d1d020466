"""The family's own door: a citizen logs in with ID-porten, reads and signs their plan, sees their consents and
who has looked at their data. Every page is for the person logged in (`request.citizen`), through the same policy
as the staff's pages (`access.policy`), and every read is written to the audit log."""

from functools import wraps
from urllib.parse import urlencode

from authlib.integrations.base_client.errors import OAuthError
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from requests import RequestException

from welfarelab.access import audit, policy
from welfarelab.capture import steps
from welfarelab.plans import agreement
from welfarelab.plans.models import AgreementVersion, Signature
from welfarelab.portal import insight, signin
from welfarelab.portal.models import IdentityProvider

NEXT = "door_next"  # where to go after the login: kept on the session while ID-porten is asked


def citizen_required(view):
    """A page of the family's door: for a citizen logged in, who is passed to the view with their household."""

    @login_not_required
    @wraps(view)
    def door_page(request, *args, **kwargs):
        citizen = request.citizen
        if citizen is None:
            return redirect(f"{reverse('portal:door')}?{urlencode({'next': request.get_full_path()})}")
        household = get_object_or_404(policy.households(citizen))
        return view(request, citizen, household, *args, **kwargs)

    return door_page


def _providers():
    return IdentityProvider.objects.filter(enabled=True).select_related("municipality").order_by("municipality__name")


def _provider(slug):
    return get_object_or_404(_providers(), municipality__slug=slug)


@login_not_required
def door(request):
    """The way in: log in with ID-porten, for the municipality whose lab the family takes part in."""
    if request.citizen is not None:
        return redirect("portal:home")
    return render(request, "portal/door.html", {"providers": _providers(), "next": request.GET.get("next", "")})


@login_not_required
@transaction.non_atomic_requests  # asks the provider over the network: no transaction held open meanwhile
def start(request, slug):
    provider = _provider(slug)
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}) and next_url.startswith("/my/"):
        request.session[NEXT] = next_url
    level = signin.HIGH if request.GET.get("level") == "high" else signin.SUBSTANTIAL
    redirect_uri = request.build_absolute_uri(reverse("portal:done", args=[slug]))
    try:
        return signin.client(provider, request).authorize_redirect(
            request, redirect_uri, acr_values=level, ui_locales=get_language()
        )
    except (RequestException, ValueError, LookupError):
        return render(request, "portal/not_answering.html", {"provider": provider}, status=503)


@login_not_required
@transaction.non_atomic_requests
def done(request, slug):
    """ID-porten sends the person back here with a code: the code is exchanged for the ID token, which says who
    they are (`pid`) and how surely (`acr`)."""
    provider = _provider(slug)
    try:
        token = signin.client(provider, request).authorize_access_token(request)
    except OAuthError:
        return render(request, "portal/not_completed.html", {"provider": provider}, status=400)
    except (RequestException, ValueError):
        return render(request, "portal/not_answering.html", {"provider": provider}, status=503)
    claims = token.get("userinfo") or {}
    person = signin.match(provider.municipality, claims.get("pid"))
    if person is None:
        return render(request, "portal/not_registered.html", {"provider": provider})
    next_url = request.session.get(NEXT) or reverse("portal:home")
    with transaction.atomic():
        signin.log_in(request, person, claims.get("acr", ""))
    return redirect(next_url)


@login_not_required
@require_POST
def log_out(request):
    request.session.flush()
    messages.success(request, _("You are logged out."))
    return redirect("portal:door")


@citizen_required
def home(request, citizen, household):
    """My plan: the agreement in force (or the one waiting to be signed), the team and whom to call."""
    versions = list(household.plan.versions.order_by("-number")) if hasattr(household, "plan") else []
    in_force = next((v for v in versions if v.signed_at and not v.replaced), None)
    waiting = next((v for v in versions if not v.signed_at and not v.replaced), None)
    shown = in_force or waiting
    context = {"household": household, "citizen": citizen, "versions": versions, "waiting": waiting, "section": "plan"}
    context["my_turn"] = waiting and _my_turn(citizen, waiting)
    context["signed_by_me"] = waiting and any(s.person_id == citizen.pk for s in waiting.signatures.all())
    if shown is None:
        audit.record(citizen, audit.VIEW, household, detail="family's door: my plan (none yet)")
        return render(request, "portal/home.html", context | {"leader": household.investment_leader})
    document = agreement.document(citizen, household, shown, detail=f"family's door: agreement version {shown.number}")
    return render(request, "portal/home.html", context | document | {"in_force": in_force})


class SignForm(forms.Form):
    agrees = forms.BooleanField(
        label=gettext_lazy("I have read the plan and agree to it."),
        error_messages={"required": gettext_lazy("Tick the box to show that you have read the plan and agree to it.")},
    )


def _my_turn(citizen, version):
    return any(s.get("person") == citizen.pk for s in agreement.missing_signatures(version))


def _waiting_for_me(citizen, household, number):
    """The version `number` of the family's plan, while it waits for `citizen`'s own signature."""
    version = get_object_or_404(
        AgreementVersion.objects.filter(plan__household=household, signed_at__isnull=True, replaced=False),
        number=number,
    )
    if not _my_turn(citizen, version):
        raise Http404
    return version


@citizen_required
def sign(request, citizen, household, number):
    """Sign the plan oneself, after logging in with ID-porten at level high (BankID and the like)."""
    version = _waiting_for_me(citizen, household, number)
    if signin.level(request) != signin.HIGH:  # the step up: ID-porten again, at level high, then back here
        start = reverse("portal:start", args=[household.municipality.slug])
        return redirect(f"{start}?{urlencode({'level': 'high', 'next': request.get_full_path()})}")
    form = SignForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            agreement.sign(
                citizen,
                household,
                version,
                signer=citizen.person,
                method=Signature.Method.ID_PORTEN,
                signed_on=timezone.localdate(),
                agrees=True,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("portal:home")
        messages.success(request, _("You have signed version %(n)s of the plan. Thank you.") % {"n": version.number})
        return redirect("portal:home")
    document = agreement.document(citizen, household, version, detail=f"family's door: sign version {number}")
    context = document | {"form": form, "section": "plan"}
    return render(request, "portal/sign.html", context, status=400 if form.errors else 200)


@citizen_required
def consents(request, citizen, household):
    shown = policy.consents(citizen, household).select_related("given_by", "organisation").order_by("-given_on", "-pk")
    audit.record(citizen, audit.VIEW, household, detail="family's door: consents")
    context = {
        "household": household,
        "consents": shown,
        "participation": getattr(household, "agreement", None),
        "me": citizen.person,
        "guards_children": bool(policy.guarded(citizen.person)),
        "section": "consents",
    }
    return render(request, "portal/consents.html", context)


@citizen_required
def withdraw(request, citizen, household, pk):
    """Withdraw one's own consent, at once, having read what follows."""
    consent = get_object_or_404(
        policy.consents(citizen, household).active().filter(given_by=citizen.person).select_related("organisation"),
        pk=pk,
    )
    if request.method == "POST":
        steps.withdraw_consent(citizen, consent)
        messages.success(
            request,
            _("Your consent is withdrawn. %(org)s can no longer see information about you from today.")
            % {"org": consent.organisation},
        )
        return redirect("portal:consents")
    audit.record(citizen, audit.VIEW, consent, household=household, detail="family's door: withdraw consent")
    return render(request, "portal/withdraw.html", {"household": household, "consent": consent, "section": "consents"})


@citizen_required
def looked(request, citizen, household):
    """Who has looked at my data: every view and change from the audit log, in plain words."""
    entries, older = insight.page(citizen, household, before=request.GET.get("before"))
    audit.record(citizen, audit.VIEW, household, detail="family's door: who has looked at my data")
    context = {"household": household, "entries": entries, "older": older, "names": insight.names_shown(household)}
    context["section"] = "looked"
    return render(request, "portal/looked.html", context)
