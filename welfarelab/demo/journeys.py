"""Where each demo participant stood at joining and at the checkpoints since, as the pilot's picture has it,
and the rhythm of checkpoints agreed with each family.

Everyone started untenable or vulnerable and has moved forward since; the family's own view is kept
where it differs from the team's. Each assessment goes through the form and save function, as the
investment leader's clicks would.
"""

import datetime

from welfarelab.journey import assessments, exits
from welfarelab.journey.models import Assessment, Domain, Exit, Level, UnexpectedEvent, Vulnerability
from welfarelab.mapping.models import Meeting
from welfarelab.plans.models import InvestmentPlan, Measure

D = datetime.date
JOINING, CHECKPOINT = Assessment.Occasion.JOINING, Assessment.Occasion.CHECKPOINT
DOMAINS = [Domain.HOUSING, Domain.WORK, Domain.NETWORK, Domain.ECONOMY, Domain.HEALTH, Domain.CHILDREN]

# Untenable, vulnerable, stable, bærekraftig (sustainable); - where a domain does not apply.
LEVELS = {"U": Level.UNTENABLE, "V": Level.VULNERABLE, "S": Level.STABLE, "B": Level.SUSTAINABLE, "-": None}
HIGH, MEDIUM, LOW = Vulnerability.HIGH, Vulnerability.MEDIUM, Vulnerability.LOW
MAPPING, INTRODUCTION = Meeting.Kind.MAPPING, Meeting.Kind.INTRODUCTION
GOALS = {
    "hagen": ("S", D(2027, 6, 30)),
    "berg": ("S", D(2027, 3, 31)),
    "dahl": ("S", D(2027, 6, 30)),
    "vik": ("S", D(2027, 9, 30)),
}
# Per participant: occasion, day, the team's level and reason, the family's, vulnerability, the domains' levels
# (housing, work, network, economy, health, children) and the meeting held that day.
JOURNEYS = {
    "hagen": [
        (JOINING, D(2026, 2, 23), "V", "Per's job carries the family; Kari in pain, Oskar needs more",
         "U", "We are worn out, and there is no room at home", MEDIUM, "VVSVVU", MAPPING),
        (CHECKPOINT, D(2026, 9, 14), "S", "Kari in work trial, respite care in place", "S", "", LOW, "VSSSSS",
         Meeting.Kind.CHECKPOINT),
    ],
    "berg": [
        (JOINING, D(2026, 3, 16), "U", "Debts, no work, Emil in foster care", "V", "I am drug-free now", HIGH,
         "VUUUVU", MAPPING),
        (CHECKPOINT, D(2026, 9, 16), "V", "Work practice started, debt plan agreed", "V", "", MEDIUM, "VVVVVV", None),
    ],
    "dahl": [
        (JOINING, D(2026, 4, 8), "U", "Hostel, no income, no daytime activity", "U", "", HIGH, "UUUUV-",
         INTRODUCTION),
        (CHECKPOINT, D(2026, 9, 1), "V", "At school again, a football team, a job agreed",
         "S", "I have things to do every day now", MEDIUM, "UVVVS-", None),
    ],
    "vik": [
        (JOINING, D(2026, 6, 1), "U", "Notice to leave the flat", "U", "", HIGH, "UVVUVV", None),
        (CHECKPOINT, D(2026, 10, 15), "V", "A council flat from November", "V", "", MEDIUM, "VVVVVV", None),
    ],
}  # fmt: skip


def install(leader, outsider, berg, dahl, hagen, vik):
    # Kari's pain got worse in the summer: the plan was adjusted, physiotherapy giving way to rehabilitation.
    UnexpectedEvent.objects.create(
        household=hagen,
        happened_on=D(2026, 8, 24),
        what="Kari's back pain got worse over the summer; physiotherapy is not enough",
        person=hagen.members.get(given_name="Kari"),
        seriousness=UnexpectedEvent.Seriousness.SERIOUS,
        recorded_by=leader,
    )
    # Respite care came after the setback, as an additional investment.
    Measure.objects.filter(plan__household=hagen, text="Respite care for Oskar").update(additional=True)
    # The checkpoint rhythms agreed with the families: Jonas's checkpoint is overdue.
    for household, weeks in [(hagen, 12), (berg, 34), (dahl, 8)]:
        InvestmentPlan.objects.filter(household=household).update(checkpoint_weeks=weeks)
    people = {"hagen": (hagen, leader), "berg": (berg, leader), "dahl": (dahl, leader), "vik": (vik, outsider)}
    for key, steps in JOURNEYS.items():
        household, by = people[key]
        for step in steps:
            _assess(household, by, GOALS[key], *step)


def _assess(
    household, leader, goal, occasion, day, level, reason, family_level, family_reason, vulnerability, domains, meeting
):
    data = {
        "occasion": occasion,
        "assessed_on": day.isoformat(),
        "meeting": household.meetings.get(kind=meeting, status=Meeting.Status.HELD).pk if meeting else "",
        "level": LEVELS[level],
        "reason": reason,
        "family_level": LEVELS[family_level],
        "family_reason": family_reason,
        "vulnerability": vulnerability,
        "vulnerability_reason": "",
        "goal_level": LEVELS[goal[0]],
        "goal_on": goal[1].isoformat(),
    }
    for domain, letter in zip(DOMAINS, domains, strict=True):
        data |= {f"{domain}_level": LEVELS[letter] or "", f"{domain}_reason": "", f"{domain}_family_level": ""}
        data[f"{domain}_family_reason"] = ""
    form = assessments.AssessmentForm(data, household=household)
    if not form.is_valid():
        raise ValueError(f"The demo assessment breaks a rule of the form: {form.errors.as_json()}")
    return assessments.save(leader, household, form)


def close(household, leader):
    """Sander manages on his own: the exit checklist gone through with him, celebrated and closed, through the
    form and function the investment leader's clicks would use. The follow-up assessment is planned for spring."""
    data = {
        "left_on": "2026-11-02",
        "goals_reached": "on",
        "handed_over": "NAV's ordinary follow-up of the apprenticeship; his GP",
        "volunteers": "His football club, where the coach keeps an eye out",
        "consent": Exit.ConsentReview.KEPT,
        "consent_until": "2027-05-03",
        "benefits_checked": "on",
        "peer_work": "on",
        "reason": "Wants to tell other young people at the follow-up service how it went",
        "follow_up_on": "2027-05-03",
    }
    form = exits.ExitForm(data, household=household, kind=Exit.Kind.CLOSED)
    if not form.is_valid():
        raise ValueError(f"The demo exit breaks a rule of the form: {form.errors.as_json()}")
    return exits.leave(leader, household, form)
