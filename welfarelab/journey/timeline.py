"""The participant's journey so far, as one list of dated events.

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


def events(
    household,
    referral=None,
    consents=(),
    team=(),
    meetings=(),
    *,
    assessments=(),
    versions=(),
    unexpected=(),
    reached=(),
    exits=(),
):
    """Events of one household, oldest first. Callers pass what they have already loaded."""
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
