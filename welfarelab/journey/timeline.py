"""The participant's journey so far, as one list of dated events: the same history on every page that shows it.

Each later phase adds its events here (meetings, plan versions, assessments, exit).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Event:
    date: datetime.date
    title: str
    detail: str = ""


def _day(moment):
    return timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment


def history(
    user,
    household,
    *,
    consents=None,
    team=None,
    meetings=None,
    assessments=None,
    versions=None,
    unexpected=None,
    exits=None,
):
    """Everything that happened to `household` that `user` may see, oldest first.

    A page passes what it has already loaded for itself (found through the policy as here); the rest is
    loaded here, so every page tells the same history.
    """
    from welfarelab.access import policy

    return _events(
        household,
        getattr(household, "referral", None),
        policy.consents(user, household).select_related("given_by", "organisation") if consents is None else consents,
        household.team.select_related("member", "organisation") if team is None else team,
        household.meetings.all() if meetings is None else meetings,
        assessments=policy.assessments(user, household) if assessments is None else assessments,
        versions=signed_versions(household) if versions is None else versions,
        unexpected=policy.unexpected_events(user, household) if unexpected is None else unexpected,
        reached=policy.goals(user, household).filter(reached_on__isnull=False),
        exits=policy.exits(user, household) if exits is None else exits,
    )


def signed_versions(household):
    """The signed versions of the family's agreement, oldest first."""
    from welfarelab.plans.models import AgreementVersion

    return AgreementVersion.objects.filter(plan__household=household, signed_at__isnull=False)


def _events(household, referral, consents, team, meetings, *, assessments, versions, unexpected, reached, exits):
    found = []
    if referral is not None:
        found.append(Event(_day(referral.created_at), _("Referred"), str(referral.referring_organisation)))
        if referral.taken_at:
            found.append(Event(_day(referral.taken_at), _("Taken by an investment leader"), str(referral.taken_by)))
        qualification = getattr(referral, "qualification", None)
        if qualification:
            found.append(Event(qualification.assessed_on, _("Qualification"), qualification.get_outcome_display()))
        for conversation in referral.conversations.all():
            found.append(Event(conversation.held_on, _("Explanatory conversation"), conversation.get_answer_display()))
    if household.joined_on:
        found.append(Event(household.joined_on, _("Joined the Welfare Lab"), _("Participation agreement signed")))
    for consent in consents:
        if consent.withdrawn_at:
            found.append(
                Event(_day(consent.withdrawn_at), _("Consent withdrawn"), f"{consent.given_by}: {consent.organisation}")
            )
    for membership in team:
        found.append(
            Event(
                membership.joined_on,
                _("Joined the investment team"),
                f"{membership.member} ({membership.organisation})",
            )
        )
        if membership.left_on:
            found.append(Event(membership.left_on, _("Left the investment team"), str(membership.member)))
    for meeting in meetings:
        found.append(Event(_day(meeting.planned_at), meeting.get_kind_display(), meeting.get_status_display()))
    for assessment in assessments:
        found.append(
            Event(
                assessment.assessed_on,
                _("Situation assessed"),
                f"{assessment.get_occasion_display()}: {assessment.get_level_display()}",
            )
        )
    for event in unexpected:
        found.append(Event(event.happened_on, _("Something unexpected happened"), event.what))
    for goal in reached:
        found.append(Event(goal.reached_on, _("Goal reached"), goal.text))
    for exit in exits:
        found.append(Event(exit.left_on, exit.get_kind_display(), exit.reason))
        if exit.reopened_on:
            found.append(Event(exit.reopened_on, _("Came back to the Welfare Lab"), exit.reopen_reason))
    for version in versions:
        found.append(
            Event(_day(version.signed_at), _("Agreement signed"), _("Version %(number)s") % {"number": version.number})
        )
    return sorted(found, key=lambda e: e.date)
