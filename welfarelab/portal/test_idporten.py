"""A stand-in for ID-porten's test environment, inside the installation (in a test environment only): a real
OpenID provider (django-oauth-toolkit), so that the demo and the tests reach the portal through the same code path
as production does through ID-porten.

ID-porten logs a person in with MinID (level substantial) or BankID (level high) and says who it was in the `pid`
claim, and at which level in `acr`. Here a page stands in for those: it lists the demo's made-up people (by their
synthetic numbers) and takes any other synthetic number. The person chosen and the level are kept on the
authorisation code and come back in the ID token, which the provider signs with RS256.
"""

from urllib.parse import parse_qs, urlencode, urlsplit

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from oauth2_provider import views as provider
from oauth2_provider.models import get_application_model
from oauth2_provider.oauth2_validators import OAuth2Validator

from welfarelab.access import row_security
from welfarelab.people import identity
from welfarelab.people.models import Person, StaffUser
from welfarelab.portal.signin import HIGH, SUBSTANTIAL, at_the_door

CLIENT_ID, CLIENT_SECRET = "welfarelab-test", "welfarelab-test-secret"  # the installation's own client
CHOSEN = "test_idporten"  # the session's key for the person chosen, until the provider has issued its code


def resource_owner():
    """The account the provider's codes and tokens are issued to: one for every test person, who is named by the
    code's claims. It can never log in (not active, no password, no municipality, no role's rights)."""
    owner, _ = StaffUser.objects.get_or_create(
        username="test-idporten", defaults={"is_active": False, "first_name": "Test", "last_name": "ID-porten"}
    )
    return owner


def register_client(redirect_uris):
    """The installation's own client at the provider (the demo's and the tests' municipalities use it)."""
    client, _ = get_application_model().objects.update_or_create(
        client_id=CLIENT_ID,
        defaults={
            "name": "Welfare Lab (test)",
            "client_type": "confidential",
            "authorization_grant_type": "authorization-code",
            "redirect_uris": " ".join(redirect_uris),
            "skip_authorization": True,
            "algorithm": "RS256",
            "hash_client_secret": False,
            "client_secret": CLIENT_SECRET,
        },
    )
    return client


class Validator(OAuth2Validator):
    oidc_claim_scope = OAuth2Validator.oidc_claim_scope | {"pid": "openid", "acr": "openid"}

    def get_additional_claims(self, request):
        chosen = request.claims or {}
        return {"sub": f"test-{chosen.get('pid', '')}", "pid": chosen.get("pid"), "acr": chosen.get("acr")}


class TestPersonForm(forms.Form):
    """Who logs in: one of the demo's people (`person`, their number) or any other synthetic number (`pid`)."""

    person = forms.CharField(required=False)
    pid = forms.CharField(
        label=_("Or another synthetic identity number"),
        required=False,
        max_length=11,
        help_text=_("11 digits, the month plus 80."),
    )
    acr = forms.ChoiceField(
        label=_("How you log in"),
        choices=[(SUBSTANTIAL, _("MinID (level substantial)")), (HIGH, _("BankID (level high)"))],
        widget=forms.RadioSelect,
        initial=SUBSTANTIAL,
    )

    def __init__(self, *args, high_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if high_only:  # the service asked for level high: ID-porten offers only the ways in that give it
            self.fields["acr"].choices = self.fields["acr"].choices[1:]
            self.fields["acr"].initial = HIGH

    def clean(self):
        cleaned = super().clean()
        pid = "".join((cleaned.get("pid") or cleaned.get("person") or "").split())
        if not pid:
            self.add_error("pid", _("Choose a person, or type a synthetic number."))
            return cleaned
        try:
            number = identity.parse(pid, synthetic=True)
        except identity.InvalidIdentityNumber:
            self.add_error("pid", _("This is not a valid identity number. Check the 11 digits."))
            return cleaned
        if not number.is_synthetic:
            self.add_error("pid", _("Only synthetic test numbers log in here, never a real person's."))
        return {"pid": pid, "acr": cleaned.get("acr")}


def _asks_for_high(next_url):
    return HIGH in parse_qs(urlsplit(next_url).query).get("acr_values", [""])[0].split()


@login_not_required
def choose(request):
    """ID-porten's login, as its test environment offers it: choose a made-up person and how they log in."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = reverse("oauth2_provider:authorize")
    high_only = _asks_for_high(next_url)
    form = TestPersonForm(request.POST or None, high_only=high_only)
    if request.method == "POST" and form.is_valid():
        request.session[CHOSEN] = form.cleaned_data  # {"pid": ..., "acr": ...}, until the code is issued
        return redirect(next_url)
    with row_security.as_installation():  # the test provider knows the made-up people of every municipality
        people = list(
            at_the_door(Person.objects.filter(national_id__regex=r"^\d{2}[89]\d"))
            .select_related("household__municipality")
            .order_by("municipality__name", "household__name", "household_id", "birth_date")
        )
    return render(request, "portal/test_idporten.html", {"form": form, "people": people, "high_only": high_only})


@method_decorator(login_not_required, name="dispatch")
class AuthorizationView(provider.AuthorizationView):
    """The provider's authorisation endpoint: the person chosen on the login page is the one the code is for."""

    def dispatch(self, request, *args, **kwargs):
        self.chosen = request.session.pop(CHOSEN, None)
        if not self.chosen:
            return redirect(f"{reverse('oauth2_provider:test-login')}?{urlencode({'next': request.get_full_path()})}")
        request.user = resource_owner()
        return super().dispatch(request, *args, **kwargs)

    def validate_authorization_request(self, request):
        scopes, credentials = super().validate_authorization_request(request)
        credentials["claims"] = self.chosen
        return scopes, credentials


# Mounted at /o/ in a test environment; the names are the provider's own, which its discovery document asks for.
app_name = "oauth2_provider"
urlpatterns = [
    path("login/", choose, name="test-login"),
    path("authorize/", AuthorizationView.as_view(), name="authorize"),
    path("token/", provider.TokenView.as_view(), name="token"),
    path(
        ".well-known/openid-configuration",
        provider.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", provider.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", provider.UserInfoView.as_view(), name="user-info"),
]
