"""Where each demo participant stood at joining and at the checkpoints since, as the pilot's picture has it,
and the rhythm of checkpoints agreed with each family.

Everyone started untenable or vulnerable and has moved forward since; the family's own view is kept
where it differs from the team's. Each assessment goes through the form and save function, as the
investment leader's clicks would.
"""

import datetime

from welfarelab.journey import assessments
from welfarelab.journey.models import Assessment, Domain, Level, UnexpectedEvent, Vulnerability
from welfarelab.mapping.models import Meeting
from welfarelab.plans.models import InvestmentPlan, Measure

D = datetime.date
U, V, S = Level.UNTENABLE, Level.VULNERABLE, Level.STABLE
JOINING, CHECKPOINT = Assessment.Occasion.JOINING, Assessment.Occasion.CHECKPOINT
DOMAINS = [Domain.HOUSING, Domain.WORK, Domain.NETWORK, Domain.ECONOMY, Domain.HEALTH, Domain.CHILDREN]


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
    _assess(
        hagen,
        leader,
        JOINING,
        D(2026, 2, 23),
        (V, "Per's job carries the family; Kari in pain, Oskar needs more"),
        (U, "We are worn out, and there is no room at home"),
        Vulnerability.MEDIUM,
        (S, D(2027, 6, 30)),
        [V, V, S, V, V, U],
        meeting=Meeting.Kind.MAPPING,
    )
    _assess(
        hagen,
        leader,
        CHECKPOINT,
        D(2026, 9, 14),
        (S, "Kari in work trial, respite care in place"),
        (S, ""),
        Vulnerability.LOW,
        (S, D(2027, 6, 30)),
        [V, S, S, S, S, S],
        meeting=Meeting.Kind.CHECKPOINT,
    )
    _assess(
        berg,
        leader,
        JOINING,
        D(2026, 3, 16),
        (U, "Debts, no work, Emil in foster care"),
        (V, "I am drug-free now"),
        Vulnerability.HIGH,
        (S, D(2027, 3, 31)),
        [V, U, U, U, V, U],
        meeting=Meeting.Kind.MAPPING,
    )
    _assess(
        berg,
        leader,
        CHECKPOINT,
        D(2026, 9, 16),
        (V, "Work practice started, debt plan agreed"),
        (V, ""),
        Vulnerability.MEDIUM,
        (S, D(2027, 3, 31)),
        [V, V, V, V, V, V],
    )
    _assess(
        dahl,
        leader,
        JOINING,
        D(2026, 4, 8),
        (U, "Hostel, no income, no daytime activity"),
        (U, ""),
        Vulnerability.HIGH,
        (S, D(2027, 6, 30)),
        [U, U, U, U, V, None],
        meeting=Meeting.Kind.INTRODUCTION,
    )
    _assess(
        dahl,
        leader,
        CHECKPOINT,
        D(2026, 9, 1),
        (V, "At school again, a football team, a job agreed"),
        (S, "I have things to do every day now"),
        Vulnerability.MEDIUM,
        (S, D(2027, 6, 30)),
        [U, V, V, V, S, None],
    )
    _assess(
        vik,
        outsider,
        JOINING,
        D(2026, 6, 1),
        (U, "Notice to leave the flat"),
        (U, ""),
        Vulnerability.HIGH,
        (S, D(2027, 9, 30)),
        [U, V, V, U, V, V],
    )
    _assess(
        vik,
        outsider,
        CHECKPOINT,
        D(2026, 10, 15),
        (V, "A council flat from November"),
        (V, ""),
        Vulnerability.MEDIUM,
        (S, D(2027, 9, 30)),
        [V, V, V, V, V, V],
    )


def _assess(household, leader, occasion, day, team, family, vulnerability, goal, levels, meeting=None):
    data = {
        "occasion": occasion,
        "assessed_on": day.isoformat(),
        "meeting": household.meetings.get(kind=meeting, status=Meeting.Status.HELD).pk if meeting else "",
        "level": team[0],
        "reason": team[1],
        "family_level": family[0],
        "family_reason": family[1],
        "vulnerability": vulnerability,
        "vulnerability_reason": "",
        "goal_level": goal[0],
        "goal_on": goal[1].isoformat(),
    }
    for domain, level in zip(DOMAINS, levels, strict=True):
        data |= {f"{domain}_level": level or "", f"{domain}_reason": "", f"{domain}_family_level": ""}
        data[f"{domain}_family_reason"] = ""
    form = assessments.AssessmentForm(data, household=household)
    if not form.is_valid():
        raise ValueError(f"The demo assessment breaks a rule of the form: {form.errors.as_json()}")
    return assessments.save(leader, household, form)
