"""The participant page: everything about one participant that the user may see, read once, audited."""

from django.db.models import Count, Q

from welfarelab.access import audit, policy
from welfarelab.capture.models import ParticipationAgreement
from welfarelab.journey import timeline
from welfarelab.mapping.models import Meeting
from welfarelab.people import addresses, coming_of_age


def participants(user):
    """The participants `user` may see, with their leader and how many meetings were held, audited as a list."""
    found = list(
        policy.households(user)
        .filter(joined_on__isnull=False)
        .select_related("investment_leader")
        .annotate(meetings_held=Count("meetings", filter=Q(meetings__status=Meeting.Status.HELD)))
        .order_by("name")
    )
    audit.record_list(user, found, "participant list")
    return found


def page(user, household):
    """What the participant page shows of `household` to `user`."""
    consents = list(
        policy.consents(user, household)
        .select_related("given_by", "organisation")
        .order_by("given_by__birth_date", "organisation__name_en")
    )
    memberships = list(household.team.select_related("member", "organisation"))
    meetings = list(household.meetings.all())
    signed = list(timeline.signed_versions(household))
    audit.record(user, audit.VIEW, household, detail="participant page")
    leading = policy.may(user, "lead", household)
    return {
        "household": household,
        "members": addresses.shown(user, household, policy.persons(user, household)),
        "leading": leading,
        "coming_of_age": coming_of_age.notices([household]) if leading else [],
        "consents": consents,
        "team": memberships,
        "agreement": ParticipationAgreement.objects.filter(household=household).first(),
        "events": timeline.history(
            user, household, consents=consents, team=memberships, meetings=meetings, versions=signed
        ),
        "meetings": meetings,
        "meetings_held": sum(m.status == Meeting.Status.HELD for m in meetings),
        "suggested_group": household.suggested_target_group(),
        "trusted": list(policy.trusted_persons(user, household).select_related("invited_by")),
        "signed": signed[-1] if signed else None,
    }
