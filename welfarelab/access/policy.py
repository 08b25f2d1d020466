"""Who may see and do what: the one place that decides.

Visibility is applied to querysets (a view asks for `households(user)` and looks up within it,
so what a user may not see is simply not found). Actions are asked with `may(user, action, obj)`.
The rules, from the user's role, municipality, team membership and the family's consent:

- Nobody sees anything outside their own municipality.
- Investment leaders see the lab's inbox (referrals nobody has taken yet) and the families they
  have taken or lead.
- Anyone on a family's investment team sees the family only while someone in it has an active
  consent for the member's organisation, and then only the people that consent covers: each
  adult or young person by their own consent, children by a guardian's.
- Referrers see the referrals they wrote and how far they have come, nothing more. A referral's
  own page (what was written, qualification, conversations) is for the leader who leads it.
- On the Mapping Tool sheet, a note that belongs to one family member is seen only by those who
  may see that person; the family's shared notes by everyone who may see the family. The sheet is
  written on only while its meeting is planned: a held meeting's sheet is kept as it was left.
- The investment plan is worked on by everyone on the team who may see the family; a goal or
  measure that belongs to one family member is seen only by those who may see that person, and
  so is a decision that created such a measure. Only the family's leader prepares the agreement
  for signing and records signatures. The investment in the family (costs) follows the same rule.
- Administrators manage their own municipality's users, organisations, life areas, service
  catalogue and settings (`administered`), and read the audit log; analysts see figures in
  aggregate only. Neither sees a single family. On the portfolio (aggregates, which investment
  leaders see too) a figure describing fewer than five people is masked for them, and in every export.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q

from welfarelab.capture.models import Consent, Referral
from welfarelab.journey.models import UnexpectedEvent
from welfarelab.mapping.models import Entry, Meeting
from welfarelab.money.models import Investment
from welfarelab.people.models import Household, Person, StaffUser
from welfarelab.plans.models import Decision, Goal, Measure, TeamMembership

Role = StaffUser.Role


def _in_municipality(model, user):
    return model.objects.filter(municipality_id=user.municipality_id)


def _consented_memberships(user):
    covering = Consent.objects.active().filter(household=OuterRef("household"), organisation=OuterRef("organisation"))
    return TeamMembership.objects.current().filter(member=user).filter(Exists(covering))


def households(user):
    """Households (families or young people) whose details `user` may see."""
    if not user.is_authenticated or user.municipality_id is None:
        return Household.objects.none()
    qs = _in_municipality(Household, user)
    as_team_member = Q(pk__in=_consented_memberships(user).values("household"))
    if user.role == Role.INVESTMENT_LEADER:
        in_inbox = Q(referral__isnull=False, referral__taken_by__isnull=True, investment_leader__isnull=True)
        leads = Q(investment_leader=user) | Q(referral__taken_by=user) | in_inbox
        return qs.filter(leads | as_team_member)
    if user.role == Role.TEAM_MEMBER:
        return qs.filter(as_team_member)
    return qs.none()


def is_leading(user, household):
    """The family's investment leader, or the leader who took the referral, or (in the inbox) any leader."""
    if user.role != Role.INVESTMENT_LEADER or household.municipality_id != user.municipality_id:
        return False
    if household.investment_leader_id:
        return household.investment_leader_id == user.pk
    referral = getattr(household, "referral", None)
    return referral is not None and referral.taken_by_id in (None, user.pk)


def persons(user, household):
    """The members of a visible household that `user` may see."""
    members = Person.objects.filter(household=household)
    if is_leading(user, household):
        return members
    organisations = _consented_memberships(user).filter(household=household).values("organisation")
    consent_from = Consent.objects.active().filter(household=household, organisation__in=organisations)
    if not consent_from.exists():
        return members.none()
    guardian_consents = consent_from.filter(given_by__relation=Person.Relation.PARENT)
    return members.filter(
        Q(pk__in=consent_from.values("given_by"))
        | Q(relation=Person.Relation.CHILD, household__in=guardian_consents.values("household"))
    )


def persons_registered(user, household):
    """The members of a visible household whom `user` wrote into its referral (a referrer's own)."""
    return Person.objects.filter(household=household, registered_by=user)


def notes(user, household):
    """Notes on the family's sheet that `user` may see."""
    return Entry.objects.filter(household=household).filter(
        Q(person__isnull=True) | Q(person__in=persons(user, household))
    )


def unexpected_events(user, household):
    """What unexpected happened to the family, as far as `user` may see: not what concerns someone hidden."""
    return UnexpectedEvent.objects.filter(household=household).filter(
        Q(person__isnull=True) | Q(person__in=persons(user, household))
    )


def goals(user, household):
    """Goals of the family's plan that `user` may see."""
    return Goal.objects.filter(plan__household=household).filter(
        Q(person__isnull=True) | Q(person__in=persons(user, household))
    )


def measures(user, household):
    """Measures of the family's plan that `user` may see: not those of, or towards a goal of, someone hidden."""
    visible = persons(user, household)
    return Measure.objects.filter(plan__household=household).filter(
        Q(family_member__isnull=True) | Q(family_member__in=visible),
        Q(goal__isnull=True) | Q(goal__person__isnull=True) | Q(goal__person__in=visible),
    )


def decisions(user, household):
    """The family's decision log as `user` may see it: without decisions behind measures they may not see."""
    hidden = Measure.objects.filter(decision=OuterRef("pk")).exclude(pk__in=measures(user, household).values("pk"))
    return Decision.objects.filter(household=household).exclude(Exists(hidden))


def investments(user, household):
    """What the municipality put into the family, as far as `user` may see: not what went to someone hidden."""
    return Investment.objects.filter(household=household).filter(
        Q(person__isnull=True) | Q(person__in=persons(user, household))
    )


def administered(user, model):
    """The staff, organisations, life areas or services an administrator manages: their own municipality's.

    Anyone else is refused, so a view that looks an object up here finds another municipality's as missing.
    """
    require(user, "administer")
    return model.objects.filter(municipality_id=user.municipality_id)


def referrals(user):
    """Referrals `user` may open: their own, and for leaders those in the inbox or taken by them."""
    qs = Referral.objects.filter(household__municipality_id=user.municipality_id)
    if user.role == Role.INVESTMENT_LEADER:
        in_inbox = Q(taken_by__isnull=True, household__investment_leader__isnull=True)
        leads = Q(household__investment_leader=user) | Q(taken_by=user) | in_inbox
        return qs.filter(Q(referred_by=user) | leads)
    return qs.filter(referred_by=user)


def inbox(user):
    if user.role != Role.INVESTMENT_LEADER:
        return Referral.objects.none()
    return Referral.objects.filter(household__municipality_id=user.municipality_id, taken_by__isnull=True)


ACTIONS = {
    "register_referral": lambda user, obj: user.municipality_id is not None,
    "take_referral_from_inbox": lambda user, obj: user.role == Role.INVESTMENT_LEADER,
    "take_referral": lambda user, referral: (
        user.role == Role.INVESTMENT_LEADER
        and referral.taken_by_id is None
        and referral.household.municipality_id == user.municipality_id
    ),
    "work_on_referral": lambda user, referral: (
        referral.taken_by_id == user.pk
        and referral.household.municipality_id == user.municipality_id
        and referral.household.joined_on is None
    ),
    "lead": lambda user, household: (
        household.investment_leader_id == user.pk and household.municipality_id == user.municipality_id
    ),
    "write_on_sheet": lambda user, meeting: (
        meeting.status == Meeting.Status.PLANNED and households(user).filter(pk=meeting.household_id).exists()
    ),
    "administer": lambda user, obj: user.role == Role.ADMINISTRATOR and user.municipality_id is not None,
    "see_portfolio": lambda user, obj: (
        user.municipality_id is not None and user.role in (Role.ANALYST, Role.ADMINISTRATOR, Role.INVESTMENT_LEADER)
    ),
    "read_audit_log": lambda user, obj: user.role == Role.ADMINISTRATOR,
}


def masks_small_figures(user):
    """Analysts and administrators do not work with the families: small figures are masked for them."""
    return user.role != Role.INVESTMENT_LEADER


def may(user, action, obj=None):
    return user.is_authenticated and ACTIONS[action](user, obj)


def require(user, action, obj=None):
    if not may(user, action, obj):
        raise PermissionDenied
