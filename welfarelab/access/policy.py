"""Who may see and do what: the one place that decides.

Visibility is applied to querysets (a view asks for `households(user)` and looks up within it,
so what a user may not see is simply not found). Actions are asked with `may(user, action, obj)`.
Functions that take a household expect one found through `households(user)`.
The rules, from the user's role, municipality, team membership and the family's consent:

- Nobody sees anything outside their own municipality.
- Investment leaders see the lab's inbox (referrals nobody has taken yet) and the families they
  lead: a family's investment leader leads it; before it has one, the leader who took its
  referral, and while the referral is in the inbox, any leader (`leads`, `led`).
- Anyone on a family's investment team sees the family only while someone in it has an active
  consent for the member's organisation, and then only the people that consent covers: each
  adult or young person by their own consent, children by a guardian's until their 18th birthday (from that day
  by their own alone), or for a service where the law gives a child the say before, until that birthday
  (`Organisation.own_say_from`: health services 16, child welfare 15). They see the consents and trusted
  persons of those people only.
- A citizen on the family's own door (`access.principals.Citizen`, welfarelab.portal) sees their own household
  while it takes part, and in it themselves and the children they are guardian of (a parent's children until
  their 18th birthday), what belongs to the whole family, and what concerns those people: never another adult's
  own entries, never the lab's working papers (referral, qualification, the investment's costs).
- Referrers see the referrals they wrote and how far they have come, nothing more. A referral's
  own page (what was written, qualification, conversations) is for the leader who leads it.
- On the Mapping Tool sheet, a note that belongs to one family member is seen only by those who
  may see that person; the family's shared notes by everyone who may see the family. The sheet is
  written on only while its meeting is planned and the family takes part: a held meeting's sheet is kept as it
  was left, and after exit every sheet, the plan and the agreement are kept as they were left.
- The investment plan is worked on by everyone on the team who may see the family; a goal or
  measure that belongs to one family member is seen only by those who may see that person, and
  so is a decision that created such a measure, and a benefit of such a goal. Only the family's
  leader prepares the agreement for signing and records signatures. The investment in the family
  (costs) follows the same rule as goals.
- Situation assessments and exits are the family's, not one member's: the degree of vulnerability
  is judged for the family (or young person) as a whole, with them, and leaving is the family's.
  Everyone who may see the family sees them.
- Administrators manage their own municipality's users, organisations, life areas, service
  catalogue and settings (`administered`), and read the audit log; analysts see figures in
  aggregate only. Neither sees a single family. On the portfolio (aggregates, which investment
  leaders see too) a figure describing fewer than five people is masked for them, and in every export.
"""

import operator
from functools import reduce

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from welfarelab.access.principals import is_citizen, is_staff
from welfarelab.capture.models import Consent, Referral
from welfarelab.journey.models import Assessment, Exit, UnexpectedEvent
from welfarelab.mapping.models import Entry, Meeting
from welfarelab.money.models import Benefit, Investment
from welfarelab.people.models import Household, Organisation, Person, StaffUser, adults_born_by
from welfarelab.plans.models import Decision, Goal, Measure, TeamMembership, TrustedPerson

Role = StaffUser.Role


def _has_role(user, *roles):
    """A staff user of a municipality in one of `roles`: a citizen, an API client or the system never is."""
    return is_staff(user) and user.municipality_id is not None and user.role in roles


def _in_municipality(model, user):
    return model.objects.filter(municipality_id=user.municipality_id)


def _consented_memberships(user):
    covering = Consent.objects.active().filter(household=OuterRef("household"), organisation=OuterRef("organisation"))
    return TeamMembership.objects.current().filter(member=user).filter(Exists(covering))


# Leading a family, and the lab's inbox


def led(user):
    """The households `user` leads (see `leads`, the same rule for one household)."""
    if not _has_role(user, Role.INVESTMENT_LEADER):
        return Household.objects.none()
    no_leader_yet = Q(investment_leader__isnull=True, referral__isnull=False)
    taken_by_them_or_nobody = Q(referral__taken_by=user) | Q(referral__taken_by__isnull=True)
    leading = Q(investment_leader=user) | (no_leader_yet & taken_by_them_or_nobody)
    return _in_municipality(Household, user).filter(leading)


def leads(user, household):
    """The family's investment leader; before it has one, the leader who took its referral, or any leader
    while the referral is in the inbox. The same rule as `led`."""
    if not _has_role(user, Role.INVESTMENT_LEADER):
        return False
    if household.municipality_id != user.municipality_id:
        return False
    if household.investment_leader_id:
        return household.investment_leader_id == user.pk
    referral = getattr(household, "referral", None)
    if referral is None:
        return False
    return referral.taken_by_id in (None, user.pk)


def inbox(user):
    """The lab's inbox: referrals nobody has taken yet, for the municipality's investment leaders."""
    if not _has_role(user, Role.INVESTMENT_LEADER):
        return Referral.objects.none()
    return Referral.objects.filter(
        household__municipality_id=user.municipality_id,
        taken_by__isnull=True,
        household__investment_leader__isnull=True,
    )


# What a user may see


def households(user):
    """Households (families or young people) whose details `user` may see."""
    if is_citizen(user):
        return Household.objects.filter(pk=user.person.household_id, joined_on__isnull=False)
    if not _has_role(user, Role.INVESTMENT_LEADER, Role.TEAM_MEMBER):
        return Household.objects.none()
    as_team_member = Q(pk__in=_consented_memberships(user).values("household"))
    if user.role == Role.INVESTMENT_LEADER:
        as_team_member |= Q(pk__in=led(user).values("pk"))
    return _in_municipality(Household, user).filter(as_team_member)


def participant(user, pk):
    """The participant (a household that has joined) `user` may see, or 404."""
    related = ("investment_leader", "referral__referring_organisation", "referral__taken_by", "referral__qualification")
    return get_object_or_404(households(user).filter(joined_on__isnull=False).select_related(*related), pk=pk)


def led_participant(user, pk):
    """The participant `user` leads: 404 if they may not see it, 403 if they see it but do not lead it."""
    household = participant(user, pk)
    require(user, "lead", household)
    return household


def persons(user, household):
    """The members of a visible household that `user` may see."""
    members = Person.objects.filter(household=household)
    if is_citizen(user):
        return members.filter(pk__in=[user.person.pk, *guarded(user.person)])
    if leads(user, household):
        return members
    organisations = _consented_memberships(user).filter(household=household).values("organisation")
    consent_from = Consent.objects.active().filter(household=household, organisation__in=organisations)
    if not consent_from.exists():
        return members.none()
    guardian_consents = consent_from.filter(given_by__relation=Person.Relation.PARENT)
    # A guardian's consent to a service covers a child until the birthday from which young people consent to it
    # for themselves (from 16 to a health service, say).
    today = timezone.localdate()
    covered = [
        Q(birth_date__gt=adults_born_by(today, age))
        & Q(household__in=guardian_consents.filter(organisation__own_say_from=age).values("household"))
        for age in Organisation.OwnSay.values
    ]
    return members.filter(
        Q(pk__in=consent_from.values("given_by")) | Q(relation=Person.Relation.CHILD) & reduce(operator.or_, covered)
    )


def guarded(person):
    """The ids of the children `person` is guardian of: as a parent, the household's children until their 18th
    birthday."""
    if person.relation != Person.Relation.PARENT:
        return []
    children = Person.objects.filter(household_id=person.household_id, relation=Person.Relation.CHILD)
    return list(children.filter(birth_date__gt=adults_born_by(timezone.localdate())).values_list("pk", flat=True))


def persons_registered(user, household):
    """The members of a visible household whom `user` wrote into its referral (a referrer's own)."""
    if not is_staff(user):
        return Person.objects.none()
    return Person.objects.filter(household=household, registered_by=user)


def _of_visible(queryset, user, household, person="person"):
    """What belongs to the whole family, or to a member `user` may see."""
    return queryset.filter(Q(**{f"{person}__isnull": True}) | Q(**{f"{person}__in": persons(user, household)}))


def consents(user, household):
    """The family's consents (active and withdrawn) as far as `user` may see: those given by people they see."""
    given = Consent.objects.filter(household=household)
    if leads(user, household):
        return given
    return given.filter(given_by__in=persons(user, household))


def trusted_persons(user, household):
    """The family's trusted persons: those invited by the family together, or by a member `user` may see."""
    return _of_visible(TrustedPerson.objects.filter(household=household), user, household, person="invited_by")


def notes(user, household):
    """Notes on the family's sheet that `user` may see."""
    return _of_visible(Entry.objects.filter(household=household), user, household)


def unexpected_events(user, household):
    """What unexpected happened to the family, as far as `user` may see: not what concerns someone hidden."""
    return _of_visible(UnexpectedEvent.objects.filter(household=household), user, household)


def assessments(user, household):
    """The family's situation assessments: the family's as a whole, seen by everyone who may see the family."""
    return Assessment.objects.filter(household=household)


def exits(user, household):
    """The family's exits and returns: the family's, seen by everyone who may see the family."""
    return Exit.objects.filter(household=household)


def goals(user, household):
    """Goals of the family's plan that `user` may see."""
    return _of_visible(Goal.objects.filter(plan__household=household), user, household)


def measures(user, household):
    """Measures of the family's plan that `user` may see: not those of, or towards a goal of, someone hidden."""
    visible = persons(user, household)
    return Measure.objects.filter(plan__household=household).filter(
        Q(family_member__isnull=True) | Q(family_member__in=visible),
        Q(goal__isnull=True) | Q(goal__person__isnull=True) | Q(goal__person__in=visible),
    )


def led_goals(user):
    """The goals of every family `user` leads (their leader sees all of a family's goals)."""
    return Goal.objects.filter(plan__household__in=led(user))


def led_measures(user):
    """The measures of every family `user` leads."""
    return Measure.objects.filter(plan__household__in=led(user))


def decisions(user, household):
    """The family's decision log as `user` may see it: without decisions behind measures they may not see."""
    hidden = Measure.objects.filter(decision=OuterRef("pk")).exclude(pk__in=measures(user, household).values("pk"))
    return Decision.objects.filter(household=household).exclude(Exists(hidden))


def benefits(user, household):
    """The plan's benefits `user` may see: those of the goals they may see."""
    return Benefit.objects.filter(goal__in=goals(user, household))


def investments(user, household):
    """What the municipality put into the family, as far as `user` may see: not what went to someone hidden."""
    return _of_visible(Investment.objects.filter(household=household), user, household)


def administered(user, model):
    """The staff, organisations, life areas or services an administrator manages: their own municipality's.

    Anyone else is refused, so a view that looks an object up here finds another municipality's as missing.
    """
    require(user, "administer")
    return model.objects.filter(municipality_id=user.municipality_id)


def referrals(user):
    """Referrals `user` may open: their own, and for leaders those of the families they lead (the inbox too)."""
    if not is_staff(user):
        return Referral.objects.none()
    qs = Referral.objects.filter(household__municipality_id=user.municipality_id)
    return qs.filter(Q(referred_by=user) | Q(household__in=led(user)))


# What a user may do: one function per action, one condition per line.


def _register_referral(user, obj):
    if not is_staff(user):
        return False
    return user.municipality_id is not None


def _take_referral_from_inbox(user, obj):
    return _has_role(user, Role.INVESTMENT_LEADER)


def _take_referral(user, referral):
    if not _has_role(user, Role.INVESTMENT_LEADER):
        return False
    if referral.taken_by_id is not None:
        return False
    return referral.household.municipality_id == user.municipality_id


def _work_on_referral(user, referral):
    if not _has_role(user, Role.INVESTMENT_LEADER):
        return False
    if referral.taken_by_id != user.pk:
        return False
    if referral.household.municipality_id != user.municipality_id:
        return False
    return referral.household.joined_on is None


def _write_on_sheet(user, meeting):
    if meeting.status != Meeting.Status.PLANNED:
        return False
    return households(user).filter(pk=meeting.household_id, left_on=None).exists()


def _administer(user, obj):
    return _has_role(user, Role.ADMINISTRATOR)


def _see_portfolio(user, obj):
    return _has_role(user, Role.ANALYST, Role.ADMINISTRATOR, Role.INVESTMENT_LEADER)


def _read_audit_log(user, obj):
    if not is_staff(user):
        return False
    return user.role == Role.ADMINISTRATOR


ACTIONS = {
    "register_referral": _register_referral,
    "take_referral_from_inbox": _take_referral_from_inbox,
    "take_referral": _take_referral,
    "work_on_referral": _work_on_referral,
    "lead": leads,
    "write_on_sheet": _write_on_sheet,
    "administer": _administer,
    "see_portfolio": _see_portfolio,
    "read_audit_log": _read_audit_log,
}


def masks_small_figures(user):
    """Analysts and administrators do not work with the families: small figures are masked for them."""
    return not _has_role(user, Role.INVESTMENT_LEADER)


def may(user, action, obj=None):
    return user.is_authenticated and ACTIONS[action](user, obj)


def require(user, action, obj=None):
    if not may(user, action, obj):
        raise PermissionDenied
