"""A citizen logs in with ID-porten: OpenID Connect's authorisation code flow with PKCE (Authlib's Django client),
at the provider the municipality has registered (`IdentityProvider`).

The person is found by the `pid` claim (fødselsnummer or D-number) alone, among the municipality's participating
families: an adult, or a young person from 15 for their own part. Anybody else gets the same polite page, which
says nothing of whether the number is known. The level ID-porten vouches for (`acr`) is kept on the session:
signing the plan asks for `idporten-loa-high`. The session is short, as ID-porten's: it ends after
`CITIZEN_SESSION_IDLE` seconds without a request and `CITIZEN_SESSION_MAX` after the login, whatever happens.
"""

import datetime

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.db.models import Q
from django.middleware.csrf import rotate_token
from django.urls import reverse
from django.utils import timezone

from welfarelab.access import audit, row_security
from welfarelab.access.principals import Citizen
from welfarelab.people import identity
from welfarelab.people.models import Person, adults_born_by

SESSION = "citizen"
SUBSTANTIAL, HIGH = "idporten-loa-substantial", "idporten-loa-high"  # ID-porten's levels (`acr`)
OWN_DOOR_FROM = 15  # a young person in a family logs in for their own part from this birthday


def client(provider, request):
    """Authlib's client for `provider`; with no issuer, the installation's own test provider at /o/."""
    if provider.issuer:
        metadata = provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
    elif settings.TEST_ENVIRONMENT:
        metadata = request.build_absolute_uri(reverse("oauth2_provider:oidc-connect-discovery-info"))
    else:
        raise LookupError("a provider without an issuer serves a test environment only")
    return OAuth().register(
        name=f"idporten-{provider.pk}",
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=metadata,
        client_kwargs={"scope": "openid profile", "code_challenge_method": "S256", "default_timeout": 10},
    )


def match(municipality, pid):
    """The person `pid` names among `municipality`'s participating families, who may come in: or None."""
    try:
        identity.parse(pid or "")
    except identity.InvalidIdentityNumber:
        return None
    with row_security.as_installation():  # nobody is known yet: the municipality is the provider's
        return (
            at_the_door(Person.objects.filter(municipality=municipality, national_id=pid))
            .select_related("household", "municipality")
            .order_by("-household__joined_on", "-pk")
            .first()
        )


def at_the_door(persons):
    """Those of `persons` who may log in: of a participating family, an adult or a young person from 15."""
    old_enough = adults_born_by(timezone.localdate(), OWN_DOOR_FROM)
    may_come_in = ~Q(relation=Person.Relation.CHILD) | Q(birth_date__lte=old_enough)
    return persons.filter(may_come_in, household__joined_on__isnull=False)


def log_in(request, person, acr):
    """`person` is who this browser's session is from now on: a new session, with nobody else logged in."""
    request.session.flush()
    request.session[SESSION] = {"person": person.pk, "acr": acr, "since": timezone.now().isoformat()}
    request.session.set_expiry(settings.CITIZEN_SESSION_IDLE)
    rotate_token(request)  # as Django's own login does: a new CSRF token for the new session
    request.citizen = Citizen(person)
    with row_security.writing_for(person.municipality_id):
        audit.record(request.citizen, audit.VIEW, person.household, detail=f"logged in on the family's door ({acr})")


def level(request):
    return request.session.get(SESSION, {}).get("acr", "")


def _citizen(request):
    held = request.session.get(SESSION)
    if not held:
        return None
    since = datetime.datetime.fromisoformat(held["since"])
    if timezone.now() - since > datetime.timedelta(seconds=settings.CITIZEN_SESSION_MAX):
        request.session.flush()
        return None
    person = at_the_door(Person.objects.filter(pk=held["person"])).select_related("household", "municipality").first()
    if person is None:
        request.session.flush()
        return None
    request.session.set_expiry(settings.CITIZEN_SESSION_IDLE)  # each request keeps it for another idle period
    return Citizen(person)


class CitizenMiddleware:
    """`request.citizen`: the person logged in on the family's door, or None."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.citizen = _citizen(request)
        return self.get_response(request)
