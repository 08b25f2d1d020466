"""The pilot's benefits for the demo's three worked-example families, each tied to the goal it comes from.

The figures are those of the pilot's three examples (seeds/000 and 001, the shared valuation fixtures), in
2016 kroner as the pilot valued them; the assumptions are the pilot's footnotes in our words. They go through
the benefit form and save function, as the leader's clicks would, and each family's realisation plan is
started: an owner, an indicator with its baseline and target, and the first measurements.
"""

import datetime

from welfarelab.money import benefits
from welfarelab.money.models import Benefit, Measurement
from welfarelab.plans.models import Goal, InvestmentPlan

D = datetime.date
QALY = 665268  # NOK per quality-adjusted life year in 2016 kroner, as the pilot used
PILOT_YEAR = 2016
QALY_NOTE = (
    "A quality-adjusted life year valued at NOK 665,268 (2016). The {share} improvement in health is the team's "
    "judgement, not founded on facts or on the measures themselves."
)
SALARY_NOTE = (
    "A salary of NOK {salary} is an estimate; the value of the work is set equal to the salary, as is usual in the "
    "public sector, where productivity is hard to measure."
)
TAX_NOTE = "A salary of NOK {salary} is an estimate; tax at 12 %, the third quartile for tax on gross income."


def install(leader, berg, dahl, hagen):
    for household in (berg, dahl, hagen):
        InvestmentPlan.objects.filter(household=household).update(price_year=PILOT_YEAR)
    _berg(_Benefits(berg, leader))
    _dahl(_Benefits(dahl, leader))
    _hagen(_Benefits(hagen, leader))


class _Benefits:
    def __init__(self, household, leader):
        self.household, self.leader = household, leader
        self.goals = {g.text: g for g in Goal.objects.filter(plan__household=household)}

    def add(self, goal, label, beneficiary, method, assumptions="", **inputs):
        data = {
            "goal": self.goals[goal].pk,
            "label": label,
            "beneficiary": beneficiary,
            "method": method,
            "start_year": 1,
            "ramp_years": 0,
            "drop_off": 0,
            "deadweight": 0,
            "attribution": 0,
            "displacement": 0,
            "assumptions": assumptions,
        }
        data |= {("score" if name == "score" else f"input_{name}"): value for name, value in inputs.items()}
        form = benefits.BenefitForm(data, user=self.leader, household=self.household)
        if not form.is_valid():
            raise ValueError(f"The demo benefit breaks a rule of the form: {form.errors.as_json()}")
        return benefits.save(self.leader, self.household, form)

    def follow_up(self, benefit, indicator, baseline, target, target_on, status, *measurements):
        Benefit.objects.filter(pk=benefit.pk).update(
            owner=self.leader,
            indicator=indicator,
            baseline=baseline,
            target=target,
            target_on=target_on,
            measured_when="At every checkpoint meeting",
            status=status,
        )
        Measurement.objects.bulk_create(
            Measurement(benefit=benefit, measured_on=day, value=value, note=note, recorded_by=self.leader)
            for day, value, note in measurements
        )


def _berg(b):
    """Pilot example 1: a mother in a family with vulnerable living conditions."""
    work = "Maria is back in work"
    health = b.add(
        "Maria stays free of substance use",
        "Better mental and physical health for Maria",
        "citizen",
        "qaly",
        QALY_NOTE.format(share="50 %"),
        qaly_value=QALY,
        improvement=50,
    )
    b.add(
        work,
        "The state pays Maria no more work assessment allowance",
        "state",
        "transfer_reduction",
        "Work assessment allowance of NOK 200,000 a year, no longer paid once Maria is in full-time work.",
        annual_transfer=200000,
        change=100,
    )
    b.add(
        work,
        "Tax income for the municipality",
        "municipality",
        "municipal_tax",
        TAX_NOTE.format(salary="300,000"),
        salary=300000,
        change=100,
        municipal_tax_rate=12,
    )
    b.add(
        work,
        "Maria's work: less lost production",
        "society",
        "production",
        SALARY_NOTE.format(salary="300,000"),
        salary=300000,
        change=100,
    )
    b.follow_up(
        health,
        "Maria's own score of how she is doing, 1 to 10",
        "4",
        "7",
        D(2026, 12, 31),
        Benefit.Status.BEING_REALISED,
        (D(2026, 5, 20), "5", "At the checkpoint: sleeping better, free of substance use."),
        (D(2026, 9, 16), "6", "Yoga every week; fewer bad days."),
    )


def _dahl(b):
    """Pilot example 2: a young man of 20 living in a hostel, with no income and no daytime activity."""
    income = "Jonas has his own income from a part-time job"
    b.add(
        "Jonas plays football on a team and knows more people in Asker",
        "Better mental health for Jonas",
        "citizen",
        "qaly",
        QALY_NOTE.format(share="10 %"),
        qaly_value=QALY,
        improvement=10,
    )
    b.add(
        income,
        "Tax income for the municipality",
        "municipality",
        "municipal_tax",
        TAX_NOTE.format(salary="150,000"),
        salary=150000,
        change=100,
        municipal_tax_rate=12,
    )
    b.add(
        income,
        "Jonas's work: less lost production",
        "society",
        "production",
        SALARY_NOTE.format(salary="150,000"),
        salary=150000,
        change=100,
    )
    assistance = b.add(
        income,
        "The municipality pays Jonas no more social assistance",
        "municipality",
        "social_assistance",
        "Social assistance of NOK 5,950 a month (the pilot's 2016 rate), twelve months a year.",
        monthly_rate=5950,
        months=12,
        change=100,
    )
    b.follow_up(
        assistance,
        "Months with social assistance in the last quarter",
        "3",
        "0",
        D(2027, 6, 30),
        Benefit.Status.PLANNED,
        (D(2026, 9, 1), "3", "Part-time job from October agreed with the hotel."),
    )


def _hagen(b):
    """Pilot example 3: a family of five with a disabled boy; the mother in a 50 % temporary job, with back pain."""
    job = "Kari in an 80% permanent job"
    work = b.add(
        job,
        "Kari's work: less lost production",
        "society",
        "production",
        "Kari works 30 % more. " + SALARY_NOTE.format(salary="300,000"),
        salary=300000,
        change=30,
    )
    b.add(
        "Less back and neck pain, so Kari can work more",
        "Better physical and mental health for Kari",
        "citizen",
        "qaly",
        QALY_NOTE.format(share="5 %"),
        qaly_value=QALY,
        improvement=5,
    )
    b.add(
        job,
        "The state pays Kari less in benefits",
        "state",
        "transfer_reduction",
        "Benefits of NOK 200,000 and supplements of NOK 12,000 a year, 30 % less as Kari works more.",
        annual_transfer=200000,
        supplements=12000,
        change=30,
    )
    b.add(
        job,
        "Tax income for the municipality",
        "municipality",
        "municipal_tax",
        "Kari works 30 % more. " + TAX_NOTE.format(salary="300,000"),
        salary=300000,
        change=30,
        municipal_tax_rate=12,
    )
    b.add(
        "Our own home, big enough for the five of us",
        "Less crowding: the family buys a bigger flat",
        "citizen",
        "qualitative",
        "Five people in 70 m2 and two rooms today.",
        score="+++",
    )
    b.add(
        "Respite care for Oskar 10 days a month, so the whole family gets rest",
        "Better mental health for Oskar",
        "citizen",
        "qaly",
        QALY_NOTE.format(share="10 %"),
        qaly_value=QALY,
        improvement=10,
    )
    b.follow_up(
        work,
        "Kari's position, in percent of full time",
        "50 % (temporary)",
        "80 % (permanent)",
        D(2027, 2, 28),
        Benefit.Status.BEING_REALISED,
        (D(2026, 6, 10), "50 % (temporary)", "Work trial at the garden centre started."),
        (D(2026, 10, 7), "60 % (temporary)", "More hours after the rehabilitation programme."),
    )
