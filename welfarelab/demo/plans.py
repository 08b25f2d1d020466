"""Signed investment plans for the demo's three worked-example families, made from their Mapping Tool sheets.

What the family agrees to goes through the plan's own forms and functions, as the leader's clicks would:
the situation, goals and measures made from the notes on the sheet (keeping the link back), each measure
decided in a meeting by someone with the authority to, changes to them, and the agreement prepared in
English and signed by each adult and the leader. Progress since (a measure done or under way, a goal
reached) is set in one update per status, which keeps the demo quick to load; and the times the database
stamps itself are moved back afterwards, to the days it all happened.

The measures are the pilot's (seeds/000 and 001). The Hagen family's plan is adjusted once, as the pilot's
was: physiotherapy gives way to the Friskvern clinic's rehabilitation programme, and respite care is added.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.forms.models import model_to_dict
from django.utils import translation

from welfarelab.mapping.models import Entry, LifeArea, Meeting, StaffPresence
from welfarelab.people.models import Organisation
from welfarelab.plans import agreement, plan
from welfarelab.plans.models import AgreementVersion, Decision, Goal, InvestmentPlan, Measure, Signature, Status

D = datetime.date
DONE, UNDER_WAY, STOPPED = Status.DONE, Status.UNDER_WAY, Status.STOPPED
REACHED = Goal.State.REACHED
GOAL_FIELDS = ["text", "main_goal", "life_area", "indicator", "target_on", "person", "state"]
MEASURE_FIELDS = ["text", "goal", "organisation", "responsible", "family_member", "how_often", "starts_on", "ends_on"]
MEASURE_FIELDS += ["status"]
SCAN = b"%PDF-1.4\n%%EOF\n"  # the smallest file the scan check takes for a PDF


def _at(*parts):
    return datetime.datetime(*parts, tzinfo=datetime.UTC)


def _valid(form):
    if not form.is_valid():
        raise ValueError(f"The demo plan breaks a rule of the form: {form.errors.as_json()}")
    return form


def _pk(value):
    return "" if value is None else getattr(value, "pk", value)


class _Plan:
    """One family's plan, written by its investment leader."""

    def __init__(self, household, leader):
        self.household, self.leader = household, leader
        self.orgs = {o.code: o for o in Organisation.objects.filter(municipality_id=household.municipality_id)}
        self.areas = {a.code: a for a in LifeArea.objects.filter(municipality_id=household.municipality_id)}
        self.people = {p.given_name: p for p in household.members.all()}
        self.meetings = {m.kind: m for m in household.meetings.held()}
        self.notes = list(Entry.objects.filter(household=household, removed=False).select_related("life_area"))
        self.decided = []  # (decision pk, when it was recorded)

    def note(self, area, column, starts):
        """The one note in the grid at (area, column) whose text starts with `starts`."""
        (found,) = (
            e
            for e in self.notes
            if e.life_area and (e.life_area.code, e.column) == (area, column) and e.text.startswith(starts)
        )
        return found

    def situation(self, text):
        the_plan = plan.plan_of(self.household)
        form = plan.SituationForm({"situation": text, "version": the_plan.version}, instance=the_plan)
        plan.save_situation(self.leader, self.household, _valid(form))

    def _goal_form(self, data, instance=None):
        # Each target date was chosen in its meeting, when it was still ahead; the form checks a date the user
        # changes against today, so it is told the date is the one already chosen.
        return plan.GoalForm(
            data,
            instance=instance,
            initial={"target_on": data["target_on"]},
            user=self.leader,
            household=self.household,
        )

    def goal(self, text, area, indicator, target, whose=None, main=None, source=None):
        data = {
            "text": text,
            "main_goal": _pk(main),
            "life_area": self.areas[area].pk,
            "indicator": indicator,
            "target_on": target,
            "person": _pk(self.people.get(whose)),
        }
        return plan.save_goal(self.leader, self.household, _valid(self._goal_form(data)), source)

    def change_goal(self, goal, **changes):
        goal.refresh_from_db()
        data = model_to_dict(goal, fields=GOAL_FIELDS) | changes | {"version": goal.version}
        return plan.save_goal(self.leader, self.household, _valid(self._goal_form(data, goal)))

    def measure(self, text, start, meeting, decided_by, *, org=None, responsible=None, who=None, **more):
        data = {
            "text": text,
            "goal": _pk(more.get("goal")),
            "organisation": _pk(self.orgs.get(org)),
            "responsible": _pk(responsible),
            "family_member": _pk(self.people.get(who)),
            "how_often": more.get("how_often", ""),
            "starts_on": start,
            "ends_on": more.get("end") or "",
            "meeting": meeting.pk,
            "decided_by": decided_by.pk,
        }
        form = plan.MeasureForm(data, user=self.leader, household=self.household)
        measure = plan.save_measure(self.leader, self.household, _valid(form), more.get("source"))
        self._recorded(measure.decision_id, meeting)
        return measure

    def change_measure(self, measure, **changes):
        measure.refresh_from_db()
        data = model_to_dict(measure, fields=MEASURE_FIELDS) | changes | {"version": measure.version}
        form = plan.MeasureForm(data, instance=measure, user=self.leader, household=self.household)
        return plan.save_measure(self.leader, self.household, _valid(form))

    @staticmethod
    def progress(status, *measures, reached=()):
        """What has happened since the plan was agreed: it changes nothing the family agreed to."""
        Measure.objects.filter(pk__in=[m.pk for m in measures]).update(status=status)
        Goal.objects.filter(pk__in=[g.pk for g in reached]).update(state=REACHED, reached_on=F("target_on"))

    def decide(self, meeting, decided_by, text):
        form = plan.DecisionForm(
            {"meeting": meeting.pk, "text": text, "decided_by": decided_by.pk}, household=self.household
        )
        self._recorded(plan.record_decision(self.leader, self.household, _valid(form)).pk, meeting)

    def _recorded(self, decision_pk, meeting):
        # Written down in the meeting, one after the other, in its second hour.
        self.decided.append((decision_pk, meeting.planned_at + datetime.timedelta(minutes=60 + len(self.decided))))

    def sign(self, prepared_at, signers, reason=AgreementVersion.Reason.FIRST, explanation=""):
        """Prepare the next version and have it signed: signers are (given name or None for the leader, day, method)."""
        data = {"reason": reason, "explanation": explanation, "language": "en"}
        version = agreement.prepare(
            self.leader, self.household, _valid(agreement.PrepareForm(data, household=self.household))
        )
        AgreementVersion.objects.filter(pk=version.pk).update(prepared_at=prepared_at)
        version.refresh_from_db()
        for given_name, signed_at, method in signers:
            person = self.people.get(given_name)
            fields = {
                "signer": f"person:{person.pk}" if person else f"staff:{self.leader.pk}",
                "method": method,
                "agrees": method == Signature.Method.APP,
                "signed_on": signed_at.date(),
            }
            on_paper_first = method == Signature.Method.PAPER and not version.scan  # one scan of the signed paper
            files = {"scan": SimpleUploadedFile("agreement.pdf", SCAN, "application/pdf")} if on_paper_first else {}
            form = agreement.SignForm(fields, files, version=version, user=self.leader)
            version = agreement.sign(self.leader, self.household, version, _valid(form))
            signed = (
                version.signatures.filter(person=person) if person else version.signatures.filter(staff=self.leader)
            )
            signed.update(recorded_at=signed_at)
        if not version.signed_at:
            raise ValueError(f"Version {version.number} of {self.household}'s agreement still lacks signatures.")
        AgreementVersion.objects.filter(pk=version.pk).update(signed_at=signers[-1][1])
        return version

    def done(self, changed_at):
        for pk, at in self.decided:
            Decision.objects.filter(pk=pk).update(recorded_at=at)
        InvestmentPlan.objects.filter(household=self.household).update(changed_at=changed_at)


def install(leader, member, berg, dahl, hagen):
    """Give each worked-example family its signed plan. `member` is the NAV member on two of the teams."""
    with translation.override("en"):  # the agreements are in English, like the sheets
        _hagen(_Plan(hagen, leader), member)
        _berg(_Plan(berg, leader), member)
        _dahl(_Plan(dahl, leader))


def _hagen(p, member):
    leader, app = p.leader, Signature.Method.APP
    meeting = p.meetings[Meeting.Kind.PLAN]
    p.situation(
        "Kari and Per live with their three children, Sofie, Jakob and Oskar, in a small flat they own: 70 m2 and "
        "two rooms. Per works full time and is the only steady income, which is a lot to carry. Kari has had back "
        "and neck pain for a long time. She has applied for many jobs without getting a permanent one, and works "
        "in a 50% temporary job now and then. Oskar has a light disability. His school works well for him, but "
        "there is little room at home to follow him up. Jakob is fed up and cannot take part in the activities "
        "he wants. Everyone is tired. The family is good together and has a good network: the grandmother, the "
        "football club, the GP and the school."
    )
    job = p.goal(
        "Kari in an 80% permanent job",
        "work",
        "Kari has signed a contract for a permanent position of at least 80%",
        D(2027, 11, 30),
        whose="Kari",
        source=p.note("work", "long_term", "In an 80% permanent job"),
    )
    pain = p.goal(
        "Less back and neck pain, so Kari can work more",
        "physical_health",
        "Kari can work a whole day, and sleep at night, without the pain stopping her",
        D(2026, 6, 30),
        whose="Kari",
        main=job,
    )
    income = p.goal(
        "An income Kari can count on while she gets back to work",
        "economy",
        "Kari gets work assessment allowance every month",
        D(2026, 6, 30),
        whose="Kari",
        main=job,
    )
    home = p.goal(
        "Our own home, big enough for the five of us",
        "housing",
        "We have moved into a bigger home where Oskar has a room of his own",
        D(2027, 11, 30),
    )
    loan = p.goal(
        "Start-up loan granted, and we look for a bigger flat",
        "housing",
        "The housing office has granted the start-up loan, and we go to viewings",
        D(2026, 6, 30),
        main=home,
        source=p.note("housing", "short_term", "Start-up loan granted"),
    )
    jakob = p.goal(
        "Jakob takes part in the activities he wants",
        "leisure",
        "Jakob plays the football tournaments with his team, and says he is less fed up",
        D(2026, 6, 30),
        whose="Jakob",
    )
    aap = p.measure(
        "Kari applies for work assessment allowance; NAV helps with the application",
        D(2026, 3, 17),
        meeting,
        member,
        org="nav",
        responsible=member,
        who="Kari",
        how_often="Once",
        end=D(2026, 4, 30),
        goal=income,
        source=p.note("work", "now", "Apply for work assessment allowance"),
    )
    follow = p.measure(
        "NAV follows Kari up towards a permanent job: job seeking and talks with employers",
        D(2026, 5, 4),
        meeting,
        member,
        org="nav",
        responsible=member,
        how_often="Every other week",
        goal=job,
    )
    housing_office = p.measure(
        "Meeting with the housing office about a start-up loan",
        D(2026, 3, 23),
        meeting,
        leader,
        org="bolig",
        how_often="Once, then as needed",
        end=D(2026, 5, 1),
        goal=loan,
        source=p.note("housing", "now", "Meeting with the housing office"),
    )
    viewings = p.measure(
        "Per and Kari go to viewings of bigger flats; the housing office helps with the bid",
        D(2026, 5, 4),
        meeting,
        leader,
        org="bolig",
        who="Per",
        how_often="Viewings at weekends",
        end=D(2026, 12, 4),
        goal=home,
    )
    physio = p.measure(
        "Kari trains twice a week with a physiotherapist",
        D(2026, 3, 23),
        meeting,
        leader,
        who="Kari",
        how_often="Twice a week",
        end=D(2026, 9, 30),
        goal=pain,
        source=p.note("physical_health", "now", "Physiotherapy twice a week"),
    )
    respite_application = p.measure(
        "Meeting with the service-allocation office: apply for respite care for Oskar",
        D(2026, 3, 16),
        meeting,
        leader,
        org="tildeling",
        how_often="Once",
        end=D(2026, 5, 31),
        source=p.note("mental_health", "now", "Meeting with the service-allocation office"),
    )
    tournament = p.measure(
        "Reduced fee for Jakob's football tournament, or social assistance to pay it",
        D(2026, 3, 16),
        meeting,
        member,
        org="nav",
        responsible=member,
        how_often="Once",
        end=D(2026, 4, 30),
        goal=jakob,
        source=p.note("mental_health", "now", "Reduced fee for the football tournament"),
    )
    economy = p.measure(
        "NAV goes through the family's economy with Kari and Per: work assessment allowance and start-up loan together",
        D(2026, 3, 23),
        meeting,
        member,
        org="nav",
        responsible=member,
        how_often="Once",
        end=D(2026, 4, 30),
        source=p.note("economy", "now", "→ work assessment allowance"),
    )
    p.sign(
        _at(2026, 3, 16, 12, 30),
        [
            ("Kari", _at(2026, 3, 16, 12, 40), app),
            ("Per", _at(2026, 3, 16, 12, 42), app),
            (None, _at(2026, 3, 16, 12, 45), app),
        ],
    )

    # Spring and summer: what was done, and what is under way.
    p.progress(DONE, aap, housing_office, respite_application, tournament, economy, reached=(income, loan, jakob))
    p.progress(UNDER_WAY, follow, viewings, physio)

    # The September checkpoint: physiotherapy did not ease the pain; respite care has been granted.
    checkpoint = Meeting.objects.create(
        household=p.household,
        kind=Meeting.Kind.CHECKPOINT,
        planned_at=_at(2026, 9, 14, 10),
        place="The family's home",
        status=Meeting.Status.HELD,
        finished_at=_at(2026, 9, 14, 12),
        created_by=leader,
        created_at=_at(2026, 9, 1, 9),
    )
    checkpoint.family_present.set([p.people["Kari"], p.people["Per"]])
    StaffPresence.objects.bulk_create(
        StaffPresence(meeting=checkpoint, member=u, organisation_id=u.organisation_id) for u in (leader, member)
    )
    p.decide(
        checkpoint,
        leader,
        "Physiotherapy twice a week stops: after six months the pain is no better. Kari follows the rehabilitation "
        "programme at the Friskvern clinic instead.",
    )
    p.change_measure(physio, status=STOPPED, ends_on=D(2026, 9, 14))
    p.change_goal(pain, target_on=D(2027, 3, 31))
    rehabilitation = p.measure(
        "Kari follows the rehabilitation programme at the Friskvern clinic",
        D(2026, 10, 5),
        checkpoint,
        leader,
        who="Kari",
        how_often="Three times a week for twelve weeks, then once a week",
        end=D(2027, 3, 31),
        goal=pain,
        source=p.note("physical_health", "now", "Physiotherapy twice a week"),
    )
    respite_goal = p.goal(
        "Respite care for Oskar 10 days a month, so the whole family gets rest",
        "mental_health",
        "Oskar is happy at the respite home, and Kari and Per say they have more energy",
        D(2027, 3, 31),
        source=p.note("mental_health", "short_term", "Respite care 10 days a month"),
    )
    respite = p.measure(
        "Respite care for Oskar",
        D(2026, 10, 1),
        checkpoint,
        leader,
        org="tildeling",
        how_often="10 days a month",
        goal=respite_goal,
    )
    p.sign(
        _at(2026, 9, 14, 12, 30),
        [
            ("Kari", _at(2026, 9, 14, 12, 40), app),
            ("Per", _at(2026, 9, 16, 16), app),
            (None, _at(2026, 9, 16, 16, 5), app),
        ],
        reason=AgreementVersion.Reason.LEARNT,
        explanation="Training with a physiotherapist twice a week has not eased Kari's pain, so it stops. Kari "
        "follows the rehabilitation programme at the Friskvern clinic instead, and her goal of less pain gets a new "
        "date. The service-allocation office has granted respite care for Oskar 10 days a month, so it is now part "
        "of the plan.",
    )
    p.progress(UNDER_WAY, rehabilitation, respite)
    p.done(_at(2026, 10, 5, 9))


def _berg(p, member):
    leader = p.leader
    meeting = p.meetings[Meeting.Kind.PLAN]
    p.situation(
        "Maria has higher education and worked for several years, but has had no permanent job for the last two "
        "years. She has been free from substance use for some time and is followed up by the mental health and "
        "substance-use service; she still has mental health challenges. She rents a flat and has debts. Her son "
        "Emil lives in foster care. Maria wants more time with Emil, to get back to work, and to join a local "
        "activity programme and do yoga."
    )
    work = p.goal(
        "Maria is back in work",
        "work",
        "Maria has a job with her own pay, and no longer needs work assessment allowance",
        D(2027, 4, 30),
        whose="Maria",
        source=p.note("work", "long_term", "Back in work"),
    )
    practice = p.goal(
        "Maria has done work practice at a workplace she likes",
        "work",
        "Maria has finished six months of work practice and has a reference from the workplace",
        D(2026, 10, 31),
        whose="Maria",
        main=work,
    )
    flat = p.goal(
        "Settled in her own flat, free of debt",
        "housing",
        "Maria's debts are settled and she pays the rent on time every month",
        D(2027, 4, 30),
        whose="Maria",
        source=p.note("housing", "long_term", "Settled in her own flat"),
    )
    free = p.goal(
        "Maria stays free of substance use",
        "substance_use",
        "Maria says she is doing well, and the people treating her agree",
        D(2027, 4, 30),
        whose="Maria",
        source=p.note("substance_use", "long_term", "Stays free of substance use"),
    )
    yoga_goal = p.goal(
        "Maria is active through yoga", "leisure", "Maria goes to yoga every week", D(2026, 8, 31), whose="Maria"
    )
    debts_and_money = p.note("economy", "now", "Apply for public debt settlement")
    treatment = p.note("mental_health", "now", "Continue treatment")
    measures = {
        "practice": p.measure(
            "Work practice at a workplace Maria chooses, followed up by NAV",
            D(2026, 5, 4),
            meeting,
            member,
            org="nav",
            responsible=member,
            who="Maria",
            how_often="Three days a week",
            end=D(2026, 10, 30),
            goal=practice,
            source=p.note("work", "now", "Work practice"),
        ),
        "jobs": p.measure(
            "NAV helps Maria apply for jobs",
            D(2026, 11, 2),
            meeting,
            member,
            org="nav",
            responsible=member,
            how_often="Every other week",
            goal=work,
        ),
        "debt": p.measure(
            "Maria applies for public debt settlement at the enforcement office; NAV's financial adviser helps",
            D(2026, 4, 20),
            meeting,
            leader,
            org="nav",
            who="Maria",
            how_often="Meetings with the adviser as needed",
            end=D(2026, 10, 31),
            goal=flat,
            source=debts_and_money,
        ),
        "management": p.measure(
            "Voluntary financial management: NAV pays the rent and bills from Maria's income while the debt is settled",
            D(2026, 5, 1),
            meeting,
            leader,
            org="nav",
            how_often="Every month",
            goal=flat,
            source=debts_and_money,
        ),
        "treatment": p.measure(
            "Maria continues her treatment at the mental health and substance-use service",
            D(2026, 4, 13),
            meeting,
            leader,
            org="psykrus",
            who="Maria",
            how_often="Every other week",
            goal=free,
            source=treatment,
        ),
        "home": p.measure(
            "Mestringshuset follows Maria up at home",
            D(2026, 4, 20),
            meeting,
            leader,
            org="psykrus",
            how_often="Once a week",
            end=D(2027, 4, 30),
            goal=free,
            source=treatment,
        ),
        "contact": p.measure(
            "A personal support contact for Maria", D(2026, 5, 15), meeting, leader, org="psykrus", how_often="Weekly"
        ),
        "yoga": p.measure(
            "Maria starts yoga in the local activity programme",
            D(2026, 5, 4),
            meeting,
            leader,
            org="frivillig",
            who="Maria",
            how_often="Once a week",
            goal=yoga_goal,
            source=p.note("leisure", "now", "Start yoga"),
        ),
    }
    paper = Signature.Method.PAPER
    p.sign(_at(2026, 4, 13, 15, 15), [("Maria", _at(2026, 4, 20, 11), paper), (None, _at(2026, 4, 20, 11, 5), paper)])

    p.progress(DONE, measures.pop("practice"), reached=(practice, yoga_goal))
    p.progress(UNDER_WAY, *measures.values())  # the debt settlement is late: still under way at the end of October
    p.done(_at(2026, 11, 2, 9))


def _dahl(p):
    leader = p.leader
    meeting = p.meetings[Meeting.Kind.PLAN]
    p.situation(
        "Jonas grew up in western Norway, with a lot of contact with child welfare. He has lived in a hostel in "
        "Asker for more than three months, with no daytime activity and no income apart from social assistance. "
        "He is two subjects short of finishing upper secondary school. He has a small network in Asker and feels "
        "lonely. He played football at senior level, dreams of becoming a certified receptionist, and wants a "
        "stable home and control of his own money."
    )
    certificate = p.goal(
        "Jonas has his apprenticeship certificate as a receptionist",
        "school",
        "Jonas has passed the trade test and holds the certificate",
        D(2028, 6, 30),
        whose="Jonas",
        source=p.note("school", "long_term", "Apprenticeship certificate"),
    )
    subjects = p.goal(
        "Jonas passes the two missing subjects",
        "school",
        "Jonas has his upper-secondary diploma",
        D(2027, 6, 30),
        whose="Jonas",
        main=certificate,
    )
    flat = p.goal(
        "Jonas has his own flat",
        "housing",
        "Jonas has a lease in his own name, has moved out of the hostel and pays the rent himself",
        D(2027, 6, 30),
        whose="Jonas",
        source=p.note("housing", "long_term", "His own flat"),
    )
    income = p.goal(
        "Jonas has his own income from a part-time job",
        "work",
        "Jonas gets pay every month and needs less social assistance",
        D(2026, 11, 1),
        whose="Jonas",
    )
    football = p.goal(
        "Jonas plays football on a team and knows more people in Asker",
        "leisure",
        "Jonas trains with a team every week and has friends there",
        D(2026, 9, 30),
        whose="Jonas",
    )
    done = [
        p.measure(
            "The follow-up service and NAV find an apprenticeship and a school place for the two missing subjects",
            D(2026, 5, 11),
            meeting,
            leader,
            org="ot",
            how_often="Every other week",
            end=D(2026, 8, 17),
            goal=subjects,
            source=p.note("school", "now", "NAV and the county"),
        ),
        p.measure(
            "NAV helps Jonas find a football team",
            D(2026, 5, 11),
            meeting,
            leader,
            org="nav",
            how_often="Once, then as needed",
            end=D(2026, 8, 31),
            goal=football,
            source=p.note("leisure", "now", "NAV helps him find a football team"),
        ),
    ]
    under_way = [
        p.measure(
            "The housing office helps Jonas find a flat; Jonas goes to viewings",
            D(2026, 5, 11),
            meeting,
            leader,
            org="bolig",
            who="Jonas",
            how_often="Every week",
            end=D(2026, 12, 1),
            goal=flat,
            source=p.note("housing", "now", "The citizen service helps him find a flat"),
        ),
        p.measure(
            "Jonas and the investment leader make a budget and pay the bills together",
            D(2026, 5, 18),
            meeting,
            leader,
            responsible=leader,
            who="Jonas",
            how_often="Once a month",
            goal=flat,
            source=p.note("economy", "now", "The citizen service helps him organise his money"),
        ),
        p.measure(
            "NAV helps Jonas find daytime activity and a part-time job",
            D(2026, 5, 11),
            meeting,
            leader,
            org="nav",
            how_often="Every week",
            goal=income,
            source=p.note("work", "now", "NAV helps him find daytime activity"),
        ),
        p.measure(
            "Jonas sends at least two job applications a week",
            D(2026, 5, 11),
            meeting,
            leader,
            who="Jonas",
            how_often="Every week",
            goal=income,
        ),
        p.measure(
            "Jonas takes the two missing subjects at the adult education centre",
            D(2026, 8, 17),
            meeting,
            leader,
            org="vgs",
            who="Jonas",
            how_often="Three evenings a week",
            end=D(2027, 6, 18),
            goal=subjects,
        ),
        p.measure(
            "Jonas trains with the team",
            D(2026, 9, 1),
            meeting,
            leader,
            who="Jonas",
            how_often="Twice a week",
            goal=football,
        ),
    ]
    app = Signature.Method.APP
    p.sign(_at(2026, 5, 6, 14, 5), [("Jonas", _at(2026, 5, 6, 14, 15), app), (None, _at(2026, 5, 6, 14, 20), app)])

    p.progress(DONE, *done, reached=[football])
    p.progress(UNDER_WAY, *under_way)  # the part-time job has not come yet: that goal is overdue
    p.done(_at(2026, 9, 1, 9))
