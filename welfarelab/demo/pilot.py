"""The rest of Asker's pilot, so that the demo reproduces the pilot in numbers (docs: PRODUCT.md).

Besides the three worked examples, eleven more households took part: with them, 5 families with a disabled
child (C), 5 families in vulnerable living conditions (A) and 4 young people (B); 32 children and 21 adults;
4 investment leaders; 60 people in the investment teams (staff on a team or leading one, and the trusted
persons the families invited); 53 meetings held between February and November 2026. Nobody dropped out.

Each household is one row of FAMILIES: who they are, how they came, the meetings held, the team, a trusted
person, a few notes from the 360° mapping, the plan (goals and measures, decided in the plan meeting), where
they stood at joining and at the checkpoints since, and a little of what was invested. Everything goes through
the same builders as the worked examples (capture, plan, assessments, ledger), so the forms' rules hold here too.
Sander Bakke, led by Ingrid Lie, reached a sustainable situation and is being closed as such; the Kristiansen
family had a setback in August and got an additional investment.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import translation

from welfarelab.demo import costs
from welfarelab.demo.journeys import _assess
from welfarelab.demo.plans import DONE, UNDER_WAY, _at, _Plan
from welfarelab.journey.models import Assessment, UnexpectedEvent, Vulnerability
from welfarelab.mapping.models import Entry, EntryRevision, Meeting, StaffPresence
from welfarelab.money.models import Service
from welfarelab.people.models import Person, StaffUser
from welfarelab.plans.models import AgreementVersion, InvestmentPlan, Measure, Signature, TeamMembership, TrustedPerson

D = datetime.date
Rel, Kind = Person.Relation, Meeting.Kind
PARENT, OTHER, YOUNG, CHILD = Rel.PARENT, Rel.OTHER_ADULT, Rel.YOUNG_PERSON, Rel.CHILD
INTRO, MAPPING, PLAN, CHECKPOINT, TEAM = Kind.INTRODUCTION, Kind.MAPPING, Kind.PLAN, Kind.CHECKPOINT, Kind.TEAM
JOINING, CHECK, EXIT = Assessment.Occasion.JOINING, Assessment.Occasion.CHECKPOINT, Assessment.Occasion.EXIT
HIGH, MEDIUM, LOW = Vulnerability.HIGH, Vulnerability.MEDIUM, Vulnerability.LOW
INV, IMP = TeamMembership.Team.INVESTMENT, TeamMembership.Team.IMPLEMENTATION

LEADERS = [("leader2", "Marius", "Eide"), ("leader3", "Silje", "Nygård"), ("leader4", "Tore", "Brekke")]
# The staff on the teams: username, given name, family name, organisation. Many sit on several teams.
MEMBERS = [
    ("nav2", "Kjersti", "Dahle", "nav"), ("nav3", "Sindre", "Myklebust", "nav"), ("nav4", "Lene", "Aasen", "nav"),
    ("nav5", "Farah", "Malik", "nav"), ("nav6", "Jørgen", "Tveit", "nav"), ("nav7", "Benedicte", "Rønning", "nav"),
    ("school1", "Guro", "Fossum", "skole"), ("school2", "Petter", "Lunde", "skole"),
    ("school3", "Anita", "Berge", "skole"), ("school4", "Øystein", "Rustad", "skole"),
    ("school5", "Ragnhild", "Svendsen", "skole"), ("school6", "Håkon", "Dale", "skole"),
    ("vgs1", "Ingvild", "Stene", "vgs"), ("vgs2", "Espen", "Mørk", "vgs"),
    ("ot1", "Yasmin", "Ahmadi", "ot"), ("ot2", "Fredrik", "Holt", "ot"),
    ("childwelfare1", "Tone", "Sandvik", "barnevern"), ("childwelfare2", "Lars", "Ulvestad", "barnevern"),
    ("childwelfare3", "Merete", "Bjørnstad", "barnevern"), ("childwelfare4", "Daniel", "Skog", "barnevern"),
    ("healthclinic1", "Marianne", "Grønli", "helsestasjon"), ("healthclinic2", "Eva", "Torp", "helsestasjon"),
    ("healthclinic3", "Kamilla", "Ruud", "helsestasjon"), ("healthclinic4", "Siri", "Engen", "helsestasjon"),
    ("ppt1", "Bjørn", "Haug", "ppt"), ("ppt2", "Åse", "Fjeld", "ppt"), ("ppt3", "Helene", "Tangen", "ppt"),
    ("mentalhealth1", "Kim André", "Vold", "psykrus"), ("mentalhealth2", "Randi", "Solbakken", "psykrus"),
    ("mentalhealth3", "Stian", "Hovland", "psykrus"),
    ("housing1", "Gunnar", "Aas", "bolig"), ("housing2", "Linn", "Kvam", "bolig"),
    ("housing3", "Vegard", "Bø", "bolig"),
    ("kindergarten1", "Elin", "Storli", "barnehage"), ("kindergarten2", "Nadia", "Khan", "barnehage"),
    ("gp1", "Erik", "Wold", "fastlege"), ("gp2", "Cecilie", "Borge", "fastlege"),
    ("gp3", "Arne", "Tangvald", "fastlege"),
    ("bup1", "Kaja", "Lindseth", "bup"), ("bup2", "Sverre", "Nes", "bup"),
    ("habilitation1", "Heidi", "Voll", "habilitering"), ("habilitation2", "Ola", "Grimstad", "habilitering"),
    ("habilitation3", "Trude", "Melby", "habilitering"),
    ("allocation1", "Bente", "Kolstad", "tildeling"), ("allocation2", "Rune", "Aarseth", "tildeling"),
    ("refugee1", "Samira", "Osman", "flyktning"), ("leisure1", "Jens", "Ottesen", "fritid"),
]  # fmt: skip


def G(key, text, area, indicator, target, whose=None, main=None, reached=False):
    """A goal of the plan; `main` is the key of its main goal."""
    return key, text, area, indicator, target, whose, main, reached


@dataclass
class M:
    """A measure decided in the plan meeting, `by` the leader unless someone on the investment team is named."""

    text: str
    start: datetime.date
    goal: str = None
    org: str = None
    responsible: str = None
    who: str = None
    by: str = None
    how_often: str = ""
    end: datetime.date = None
    status: str = UNDER_WAY


@dataclass
class Family:
    key: str
    name: str
    leader: str
    referred_from: str  # the referring organisation
    dates: tuple  # referred, qualified, joined
    people: list  # (given, family, relation, born[, disabled])
    why_now: str
    known: str
    place: str
    meetings: list  # (kind, (year, month, day, hour)) held
    next_checkpoint: tuple | None  # planned, if the family goes on
    team: list  # (username, team, what they may decide on[, joined on])
    trusted: tuple | None  # (name, who they are, invited by, invited on)
    notes: list  # (section, whose, text), written at the 360° mapping
    situation: str
    goals: list
    measures: list
    checkpoint_weeks: int | None
    goal: tuple  # the situation aimed for, and by when
    journey: list  # as in journeys.JOURNEYS
    lines: list  # (catalogue key, quantity, start, end, whose)
    interpreter: str = ""
    extra: dict = field(default_factory=dict)


FAMILIES = [
    Family(
        "bakke", "Sander Bakke", "leader", "ot", (D(2026, 1, 26), D(2026, 2, 13), D(2026, 2, 27)),
        [("Sander", "Bakke", YOUNG, D(2005, 8, 14))],
        why_now="Has slept on friends' sofas since the summer and left upper secondary school in the autumn.",
        known="Two years of the electrician course done. Anxiety keeps him at home some weeks. Some contact with "
        "his mother in Drammen.",
        place="NAV Asker",
        meetings=[(INTRO, (2026, 3, 4, 12)), (MAPPING, (2026, 3, 11, 12)), (PLAN, (2026, 3, 25, 12)),
                  (CHECKPOINT, (2026, 6, 10, 12)), (CHECKPOINT, (2026, 9, 9, 12))],
        next_checkpoint=None,
        team=[("nav2", INV, "Social assistance and the qualification programme"),
              ("ot1", INV, "A school place or an apprenticeship"), ("housing1", INV, "Municipal rental flats"),
              ("mentalhealth1", IMP, ""), ("vgs1", IMP, "", D(2026, 6, 10))],
        trusted=("Geir Mathisen", "his football coach", "Sander", D(2026, 3, 11)),
        notes=[("good_at", "Sander", "Wiring and fixing things; two years of the electrician course"),
               ("dreams", "Sander", "An apprenticeship and a flat of my own"),
               ("difficult", "Sander", "Anxiety: some weeks I cannot go out")],
        situation="Sander is 20. He has slept on friends' sofas since the summer and left upper secondary school "
        "in the autumn, two years into the electrician course. Anxiety keeps him at home some weeks. He lives on "
        "social assistance. He plays football and trusts his coach, and wants to finish what he started.",
        goals=[G("flat", "Sander has a flat of his own", "housing", "Sander has a lease in his own name and pays the "
                 "rent himself", D(2026, 8, 31), "Sander", reached=True),
               G("trade", "Sander is an apprentice electrician", "school", "Sander has signed an apprenticeship "
                 "contract", D(2026, 8, 31), "Sander", reached=True),
               G("calm", "Sander has tools for his anxiety", "mental_health", "Sander goes out every day, also in "
                 "a bad week", D(2026, 9, 30), "Sander", reached=True)],
        measures=[M("The housing office finds Sander a municipal rental flat", D(2026, 4, 1), "flat", org="bolig",
                    responsible="housing1", by="housing1", how_often="Every week until he has a flat",
                    end=D(2026, 8, 1), status=DONE),
                  M("The follow-up service finds an apprenticeship and a firm to take him", D(2026, 4, 1), "trade",
                    org="ot", responsible="ot1", by="ot1", how_often="Every other week", end=D(2026, 8, 17),
                    status=DONE),
                  M("Talks about his anxiety at the mental health service", D(2026, 4, 8), "calm", org="psykrus",
                    who="Sander", how_often="Every other week", end=D(2026, 10, 14), status=DONE),
                  M("Sander keeps training with the football team", D(2026, 3, 26), "calm", who="Sander",
                    how_often="Twice a week", end=D(2026, 10, 31), status=DONE)],
        checkpoint_weeks=None,
        goal=("B", D(2027, 2, 26)),
        journey=[
            (JOINING, D(2026, 3, 11), "V", "No home of his own and out of school, but clear about what he wants",
             "V", "", MEDIUM, "UVVVV-", MAPPING),
            (CHECK, D(2026, 9, 9), "S", "An apprenticeship and his own flat since August", "S", "", LOW,
             "SSSSS-", None),
            (EXIT, D(2026, 10, 26), "B", "Manages on his own: apprentice, own flat, football twice a week",
             "B", "I can manage this myself now", LOW, "BBBBS-", None),
        ],
        lines=[("leader", 8, D(2026, 2, 27), D(2026, 10, 31), None)],
    ),
    Family(
        "kristiansen", "The Kristiansen family", "leader2", "skole", (D(2026, 2, 9), D(2026, 2, 23), D(2026, 3, 9)),
        [("Camilla", "Kristiansen", PARENT, D(1988, 5, 17)), ("Thomas", "Kristiansen", PARENT, D(1985, 9, 2)),
         ("Mathias", "Kristiansen", CHILD, D(2012, 1, 24)), ("Ida", "Kristiansen", CHILD, D(2015, 6, 9)),
         ("Lukas", "Kristiansen", CHILD, D(2019, 11, 30)), ("Nora", "Kristiansen", CHILD, D(2023, 4, 18))],
        why_now="Mathias has hardly been at school since Christmas, and the family has a warning about rent arrears.",
        known="Thomas has been on sick leave with depression for a year; Camilla works nights in a care home. Debts "
        "after a car loan. Four children in a three-room flat.",
        place="The family's home",
        meetings=[(MAPPING, (2026, 3, 18, 9)), (PLAN, (2026, 4, 8, 9)), (CHECKPOINT, (2026, 6, 17, 9)),
                  (CHECKPOINT, (2026, 10, 7, 9))],
        next_checkpoint=(2027, 1, 13, 9),
        team=[("nav3", INV, "Work assessment allowance, social assistance and debt counselling"),
              ("childwelfare1", INV, "Support measures at home"), ("school1", INV, "Adapted teaching for Mathias"),
              ("housing2", INV, "Municipal rental flats and housing allowance"), ("healthclinic1", IMP, ""),
              ("kindergarten1", IMP, ""), ("mentalhealth2", IMP, "", D(2026, 4, 8))],
        trusted=("Else Kristiansen", "Thomas's mother", "Thomas", D(2026, 3, 18)),
        notes=[("good_at", None, "We laugh a lot together"), ("dreams", "Mathias", "To be a mechanic"),
               ("difficult", "Thomas", "Getting up in the morning")],
        situation="Camilla and Thomas live with Mathias (14), Ida (10), Lukas (6) and Nora (2) in a three-room "
        "rented flat. Thomas has been on sick leave with depression for a year; Camilla works nights in a care "
        "home. They have debts after a car loan and a warning about rent arrears. Mathias has hardly been at school "
        "since Christmas. The family is close, and Thomas's mother helps when she can.",
        goals=[G("school", "Mathias goes to school every day", "school", "Mathias has no unexplained absence for "
                 "a whole term", D(2026, 12, 18), "Mathias"),
               G("money", "The rent is paid every month and the debt is under control", "economy", "No rent "
                 "arrears, and the repayment plan is followed", D(2027, 6, 30)),
               G("work", "Thomas is back in work", "work", "Thomas has a job with his own pay", D(2027, 9, 30),
                 "Thomas"),
               G("training", "Thomas is in work training", "work", "Thomas goes to work training three days a "
                 "week", D(2026, 12, 31), "Thomas", main="work")],
        measures=[M("A contact teacher Mathias trusts, and an adapted timetable", D(2026, 4, 13), "school",
                    org="skole", responsible="school1", by="school1", how_often="Every school day"),
                  M("Debt counselling and a repayment plan", D(2026, 4, 13), "money", org="nav",
                    responsible="nav3", by="nav3", how_often="As needed", end=D(2026, 6, 30), status=DONE),
                  M("Parent support at home", D(2026, 4, 20), "school", org="barnevern", responsible="childwelfare1",
                    by="childwelfare1", how_often="Once a week"),
                  M("Work training for Thomas, followed up by NAV", D(2026, 5, 4), "training", org="nav",
                    responsible="nav3", by="nav3", who="Thomas", how_often="Three days a week",
                    end=D(2026, 12, 31))],
        checkpoint_weeks=12,
        goal=("S", D(2027, 9, 30)),
        journey=[
            (JOINING, D(2026, 3, 18), "U", "Rent arrears, Thomas on sick leave, Mathias not at school", "V",
             "We manage, just about", HIGH, "UUVUVU", MAPPING),
            (CHECK, D(2026, 6, 17), "V", "A repayment plan, Mathias at school three days a week", "V", "", HIGH,
             "VVVVVV", None),
            (CHECK, D(2026, 10, 7), "V", "A setback in August, but the rent is safe again", "U",
             "It felt like starting again", MEDIUM, "VUVVVV", None),
        ],
        lines=[("leader", 10, D(2026, 3, 9), None, None)],
        extra={"setback": (D(2026, 8, 20), "Thomas", "The firm that had offered Thomas a job after his work "
                           "training withdrew the offer, and a new warning about the rent came")},
    ),
    Family(
        "pedersen", "The Pedersen family", "leader2", "helsestasjon", (D(2026, 4, 6), D(2026, 4, 20), D(2026, 5, 4)),
        [("Linda", "Pedersen", PARENT, D(1983, 2, 11)), ("Elias", "Pedersen", CHILD, D(2009, 6, 30)),
         ("Maja", "Pedersen", CHILD, D(2013, 3, 15))],
        why_now="Elias is about to drop out of upper secondary school, and Maja has stopped eating properly.",
        known="Linda has been on sick leave for a long time and lives on social assistance. Maja talks to the school "
        "nurse every week.",
        place="Asker town hall, meeting room 4",
        meetings=[(MAPPING, (2026, 5, 13, 13)), (PLAN, (2026, 6, 3, 13)), (CHECKPOINT, (2026, 9, 16, 13))],
        next_checkpoint=(2026, 12, 16, 13),
        team=[("nav4", INV, "Work assessment allowance and social assistance"),
              ("vgs2", INV, "Adapted teaching at upper secondary school"),
              ("bup1", INV, "Assessment and treatment at BUP"), ("school2", IMP, ""), ("healthclinic2", IMP, ""),
              ("ot2", IMP, "", D(2026, 6, 3))],
        trusted=None,
        notes=[("good_at", "Elias", "Music: plays the guitar"), ("dreams", "Linda", "A job with people again"),
               ("difficult", "Maja", "Eating at school")],
        situation="Linda lives alone with Elias (16) and Maja (13). She has been on sick leave for a long time and "
        "lives on social assistance. Elias is close to dropping out of upper secondary school. Maja has stopped "
        "eating properly and talks to the school nurse every week. Linda wants to be well enough to work again.",
        goals=[G("elias", "Elias completes his second year of upper secondary school", "school", "Elias has passed "
                 "all subjects of the year", D(2027, 6, 18), "Elias"),
               G("maja", "Maja eats and sleeps well again", "mental_health", "Maja eats lunch at school and says "
                 "she sleeps well", D(2027, 3, 31), "Maja"),
               G("income", "Linda has an income she can count on", "economy", "Linda gets work assessment "
                 "allowance every month", D(2026, 10, 31), "Linda", reached=True)],
        measures=[M("Linda applies for work assessment allowance; NAV helps", D(2026, 6, 8), "income", org="nav",
                    responsible="nav4", by="nav4", who="Linda", how_often="Once", end=D(2026, 9, 30), status=DONE),
                  M("Maja starts treatment at BUP", D(2026, 6, 15), "maja", org="bup", responsible="bup1",
                    by="bup1", how_often="Every week"),
                  M("An adapted timetable and a mentor for Elias", D(2026, 8, 17), "elias", org="vgs",
                    responsible="vgs2", by="vgs2", how_often="A talk with the mentor every week")],
        checkpoint_weeks=12,
        goal=("S", D(2027, 12, 31)),
        journey=[
            (JOINING, D(2026, 5, 13), "U", "A worn-out mother and two teenagers struggling", "V", "", HIGH,
             "VUVUVU", MAPPING),
            (CHECK, D(2026, 9, 16), "V", "Elias still at school, Maja in treatment, an income for Linda", "V", "",
             MEDIUM, "VVVVVV", CHECKPOINT),
        ],
        lines=[("leader", 8, D(2026, 5, 4), None, None)],
    ),
    Family(
        "larsen", "The Larsen family", "leader2", "barnehage", (D(2026, 3, 16), D(2026, 3, 30), D(2026, 4, 13)),
        [("Hilde", "Larsen", PARENT, D(1990, 7, 22)), ("Adrian", "Larsen", CHILD, D(2015, 1, 9), True),
         ("Live", "Larsen", CHILD, D(2018, 5, 27)), ("Sebastian", "Larsen", CHILD, D(2021, 9, 14))],
        why_now="Hilde is alone with three children and is about to lose her part-time job because of all of "
        "Adrian's appointments.",
        known="Adrian has Down syndrome and goes to the local school with an assistant. Live and Sebastian are in "
        "the same kindergarten. No family nearby apart from Hilde's mother.",
        place="Asker town hall, meeting room 2",
        meetings=[(INTRO, (2026, 4, 15, 10)), (MAPPING, (2026, 4, 22, 10)), (PLAN, (2026, 5, 13, 10)),
                  (CHECKPOINT, (2026, 8, 26, 10)), (TEAM, (2026, 10, 21, 10))],
        next_checkpoint=(2026, 12, 2, 10),
        team=[("habilitation1", INV, "Training and guidance for the family"),
              ("allocation1", INV, "Respite care and personal assistance"),
              ("school3", INV, "Special education and an assistant at school"),
              ("nav5", INV, "Attendance allowance and care benefit"), ("ppt1", IMP, ""), ("kindergarten2", IMP, ""),
              ("gp1", IMP, "")],
        trusted=("Wenche Larsen", "Hilde's mother", "Hilde", D(2026, 4, 22)),
        notes=[("good_at", "Adrian", "Dancing, and making everyone laugh"),
               ("dreams", "Hilde", "A whole weekend's sleep"),
               ("difficult", "Hilde", "Eleven appointments in a month, all in working hours")],
        situation="Hilde lives alone with Adrian (11), Live (7) and Sebastian (4). Adrian has Down syndrome and goes "
        "to the local school with an assistant. His many appointments all fall in Hilde's working hours, and she "
        "is about to lose her part-time job. Hilde's mother helps, but there is no other family nearby.",
        goals=[G("job", "Hilde keeps her job", "work", "Hilde is still in her 60% job", D(2026, 12, 31), "Hilde"),
               G("rest", "Respite care, so Hilde and the younger ones get rest", "mental_health", "Adrian is "
                 "happy at the respite home two weekends a month", D(2026, 9, 30), reached=True),
               G("one_plan", "Adrian's appointments are gathered in one plan", "physical_health", "One plan, and "
                 "no appointments in Hilde's working hours", D(2026, 8, 31), "Adrian", reached=True)],
        measures=[M("One coordinated plan for Adrian's appointments, outside Hilde's working hours",
                    D(2026, 5, 18), "one_plan", org="habilitering", responsible="habilitation1", by="habilitation1",
                    how_often="Once, then each term", end=D(2026, 8, 31), status=DONE),
                  M("Hilde applies for care benefit for the hours she is with Adrian", D(2026, 5, 18), "job",
                    org="nav", responsible="nav5", by="nav5", who="Hilde", how_often="Once", end=D(2026, 7, 31),
                    status=DONE),
                  M("Respite care for Adrian", D(2026, 8, 1), "rest", org="tildeling", responsible="allocation1",
                    by="allocation1", how_often="Two weekends a month")],
        checkpoint_weeks=14,
        goal=("S", D(2027, 6, 30)),
        journey=[
            (JOINING, D(2026, 4, 22), "V", "Hilde carries everything alone, with too many appointments", "U",
             "I cannot go on like this", HIGH, "SVUVVV", MAPPING),
            (CHECK, D(2026, 8, 26), "S", "Respite care and one plan: Hilde keeps her job", "V", "", MEDIUM,
             "SSVSSS", CHECKPOINT),
        ],
        lines=[("leader", 8, D(2026, 4, 13), None, None)],
    ),
    Family(
        "rahimi", "Ali Rahimi", "leader2", "flyktning", (D(2026, 5, 4), D(2026, 5, 19), D(2026, 6, 1)),
        [("Ali", "Rahimi", YOUNG, D(2003, 11, 2))],
        why_now="Lost his warehouse job in the spring and has debts after a loan to send money to his family.",
        known="Came to Norway alone at 15 and finished the introduction programme. Lives alone in a municipal flat. "
        "Speaks good Norwegian; lonely since the job ended.",
        place="NAV Asker",
        meetings=[(INTRO, (2026, 6, 3, 14)), (MAPPING, (2026, 6, 10, 14)), (PLAN, (2026, 6, 24, 14)),
                  (CHECKPOINT, (2026, 10, 14, 14))],
        next_checkpoint=(2027, 1, 20, 14),
        team=[("refugee1", INV, "Follow-up from the refugee service"),
              ("nav5", INV, "Social assistance, job seeking and debt counselling"),
              ("housing3", INV, "Municipal rental flat"), ("gp2", IMP, ""), ("leisure1", IMP, "")],
        trusted=("Hilde Sørensen", "his representative when he came as a minor", "Ali", D(2026, 6, 10)),
        notes=[("good_at", "Ali", "Works hard; speaks four languages"),
               ("dreams", "Ali", "A permanent job, and to visit my mother"),
               ("difficult", "Ali", "The evenings, alone")],
        situation="Ali is 22. He came to Norway alone at 15, finished the introduction programme and worked in a "
        "warehouse until the spring. He lives alone in a municipal flat, has debts after a loan to send money to "
        "his family, and is lonely since the job ended.",
        goals=[G("job", "Ali has a permanent job", "work", "Ali has a permanent contract", D(2027, 3, 31), "Ali"),
               G("debt", "Ali's debt is under control", "economy", "Ali follows his repayment plan every month",
                 D(2027, 6, 30), "Ali"),
               G("people", "Ali meets people outside work", "leisure", "Ali trains with a club every week",
                 D(2026, 12, 31), "Ali")],
        measures=[M("Job seeking with a NAV adviser, and a work trial", D(2026, 7, 1), "job", org="nav",
                    responsible="nav5", by="nav5", how_often="Every week", end=D(2026, 9, 30), status=DONE),
                  M("Debt counselling and a repayment plan", D(2026, 7, 6), "debt", org="nav", responsible="nav5",
                    by="nav5", how_often="Once a month"),
                  M("Ali tries out the local cricket club, with the activity card from the culture office",
                    D(2026, 8, 3), "people", org="fritid", responsible="leisure1", who="Ali",
                    how_often="Twice a week")],
        checkpoint_weeks=12,
        goal=("S", D(2027, 6, 30)),
        journey=[
            (JOINING, D(2026, 6, 10), "U", "No work, growing debts, a warning about the rent", "V", "", HIGH,
             "VUUUV-", MAPPING),
            (CHECK, D(2026, 10, 14), "V", "A job at a builders' merchant, and a repayment plan", "S",
             "I am working again", MEDIUM, "SVVVS-", CHECKPOINT),
        ],
        lines=[("leader", 6, D(2026, 6, 1), None, None)],
    ),
    Family(
        "yusuf", "The Yusuf family", "leader3", "skole", (D(2026, 2, 23), D(2026, 3, 9), D(2026, 3, 23)),
        [("Amina", "Yusuf", PARENT, D(1987, 1, 15)), ("Hamza", "Yusuf", CHILD, D(2010, 2, 20)),
         ("Hodan", "Yusuf", CHILD, D(2012, 8, 8)), ("Ayaan", "Yusuf", CHILD, D(2014, 5, 30)),
         ("Bilal", "Yusuf", CHILD, D(2017, 3, 12)), ("Sagal", "Yusuf", CHILD, D(2020, 10, 5))],
        why_now="A family of six in a two-room flat, and Hamza has been in trouble with the police twice this winter.",
        known="Amina came to Norway in 2015 and finished the introduction programme; she has no work and reads "
        "little Norwegian. The children do well at school, except Hamza.",
        place="Asker town hall, meeting room 2",
        meetings=[(INTRO, (2026, 3, 25, 10)), (MAPPING, (2026, 4, 8, 10)), (PLAN, (2026, 4, 29, 10)),
                  (CHECKPOINT, (2026, 8, 19, 10)), (CHECKPOINT, (2026, 11, 11, 10))],
        next_checkpoint=(2027, 2, 10, 10),
        team=[("nav6", INV, "Social assistance and the qualification programme"),
              ("refugee1", INV, "Follow-up from the refugee service"), ("school4", INV, "Hamza's school"),
              ("housing2", INV, "Municipal rental flats"), ("childwelfare2", INV, "Support measures for Hamza"),
              ("school5", IMP, ""), ("healthclinic3", IMP, ""), ("leisure1", IMP, "", D(2026, 4, 29))],
        trusted=("Fadumo Hassan", "a friend and neighbour", "Amina", D(2026, 4, 8)),
        notes=[("good_at", "Hodan", "Top marks in maths"), ("dreams", "Amina", "A job, and a room for each child"),
               ("difficult", "Hamza", "Nothing to do after school")],
        situation="Amina lives with her five children, Hamza (16), Hodan (13), Ayaan (11), Bilal (9) and Sagal (5), "
        "in a two-room flat. She came to Norway in 2015, finished the introduction programme and has no work; she "
        "reads little Norwegian. The children do well at school, except Hamza, who has been in trouble with the "
        "police twice this winter.",
        goals=[G("home", "A home big enough for the six of us", "housing", "The family has moved into a flat with "
                 "at least four rooms", D(2026, 10, 31), reached=True),
               G("work", "Amina is in work", "work", "Amina has a job with her own pay", D(2027, 12, 31), "Amina"),
               G("course", "Amina follows a Norwegian course with work practice", "school", "Amina goes to the "
                 "course and the practice every week", D(2027, 6, 30), "Amina", main="work"),
               G("hamza", "Hamza finishes lower secondary school and stays out of trouble", "school", "Hamza has "
                 "his diploma and no new reports to the police", D(2026, 6, 19), "Hamza", reached=True)],
        measures=[M("Apply for a bigger municipal flat", D(2026, 5, 4), "home", org="bolig", responsible="housing2",
                    by="housing2", how_often="Once, then as needed", end=D(2026, 10, 1), status=DONE),
                  M("A mentor for Hamza, and the youth club twice a week", D(2026, 5, 11), "hamza",
                    org="barnevern", responsible="childwelfare2", by="childwelfare2", how_often="Every week",
                    end=D(2026, 6, 19), status=DONE),
                  M("A Norwegian course with work practice in a kindergarten", D(2026, 8, 17), "course",
                    org="nav", responsible="nav6", by="nav6", who="Amina", how_often="Four days a week")],
        checkpoint_weeks=12,
        goal=("S", D(2028, 6, 30)),
        journey=[
            (JOINING, D(2026, 4, 8), "U", "Six in two rooms, no income of her own, Hamza drifting", "U", "", HIGH,
             "UUVUVV", MAPPING),
            (CHECK, D(2026, 8, 19), "U", "A bigger flat offered from October; Hamza finished school", "V",
             "Things are moving", HIGH, "VUVUVV", None),
            (CHECK, D(2026, 11, 11), "V", "Moved into four rooms; Amina in a course with work practice", "V", "",
             MEDIUM, "SVVVVS", None),
        ],
        lines=[("leader", 8, D(2026, 3, 23), None, None)],
        interpreter="Somali interpreter, by phone",
    ),
    Family(
        "haugland", "The Haugland family", "leader3", "habilitering", (D(2026, 3, 23), D(2026, 4, 6), D(2026, 4, 20)),
        [("Marte", "Haugland", PARENT, D(1984, 10, 3)), ("Eirik", "Haugland", PARENT, D(1981, 4, 27)),
         ("Henrik", "Haugland", CHILD, D(2011, 3, 19)), ("Selma", "Haugland", CHILD, D(2014, 7, 1), True),
         ("Aksel", "Haugland", CHILD, D(2018, 12, 12))],
        why_now="Selma's epilepsy has got worse, and Marte has had to leave her job to be at home.",
        known="Selma has autism and epilepsy and goes to a special class. Eirik works shifts offshore. Henrik plays "
        "handball; Aksel has started school.",
        place="The family's home",
        meetings=[(MAPPING, (2026, 4, 29, 13)), (PLAN, (2026, 5, 20, 13)), (CHECKPOINT, (2026, 9, 2, 13))],
        next_checkpoint=(2026, 12, 9, 13),
        team=[("habilitation2", INV, "Habilitation and training for Selma"),
              ("bup2", INV, "Assessment and treatment at BUP"), ("school6", INV, "Selma's special class"),
              ("allocation2", INV, "Respite care and personal assistance"),
              ("nav7", INV, "Care benefit and attendance allowance"), ("ppt2", IMP, ""), ("gp3", IMP, "")],
        trusted=("Per Arne Lien", "a neighbour", "Marte", D(2026, 4, 29)),
        notes=[("good_at", "Henrik", "Handball, and looking after Aksel"),
               ("dreams", "Marte", "Back at work, and a holiday together"),
               ("difficult", "Selma", "Loud rooms and new people")],
        situation="Marte and Eirik live with Henrik (15), Selma (11) and Aksel (7) in a house of their own. Selma "
        "has autism and epilepsy and goes to a special class; her seizures have got worse this year, and Marte has "
        "had to leave her job to be at home. Eirik works shifts offshore, so Marte is often alone with the three.",
        goals=[G("work", "Marte is back in work", "work", "Marte is back in her job at 80% or more", D(2027, 1, 31),
                 "Marte"),
               G("half", "Marte is back at work part time", "work", "Marte works 50%", D(2026, 8, 31), "Marte",
                 main="work", reached=True),
               G("seizures", "Selma's seizures are under control", "physical_health", "Fewer seizures, and a plan "
                 "for what to do when one comes", D(2026, 12, 31), "Selma"),
               G("rest", "Rest for the whole family", "mental_health", "Respite care one weekend a month",
                 D(2026, 9, 30), reached=True)],
        measures=[M("The habilitation service and the GP make one plan for Selma's medicine", D(2026, 5, 25),
                    "seizures", org="habilitering", responsible="habilitation2", by="habilitation2",
                    how_often="Once, then each quarter", end=D(2026, 7, 31), status=DONE),
                  M("Respite care for Selma", D(2026, 6, 5), "rest", org="tildeling", responsible="allocation2",
                    by="allocation2", how_often="One weekend a month"),
                  M("Care benefit for Marte while she works less", D(2026, 6, 1), "half", org="nav",
                    responsible="nav7", by="nav7", who="Marte", how_often="Every month", end=D(2026, 12, 31))],
        checkpoint_weeks=14,
        goal=("S", D(2027, 8, 31)),
        journey=[
            (JOINING, D(2026, 4, 29), "V", "Marte out of work, Selma's seizures, little rest", "V", "", MEDIUM,
             "SUSVVV", MAPPING),
            (CHECK, D(2026, 9, 2), "S", "Respite care, a medicine plan, Marte back at work part time", "S", "", LOW,
             "SVSSSS", CHECKPOINT),
        ],
        lines=[("leader", 6, D(2026, 4, 20), None, None)],
    ),
    Family(
        "eriksen", "The Eriksen family", "leader3", "ppt", (D(2026, 6, 22), D(2026, 8, 10), D(2026, 8, 17)),
        [("Anette", "Eriksen", PARENT, D(1986, 6, 6)), ("Morten", "Eriksen", PARENT, D(1984, 1, 28)),
         ("Kasper", "Eriksen", CHILD, D(2010, 9, 9)), ("Sigrid", "Eriksen", CHILD, D(2013, 4, 4)),
         ("Olav", "Eriksen", CHILD, D(2016, 11, 21), True), ("Frida", "Eriksen", CHILD, D(2022, 2, 14))],
        why_now="Olav has not been to school since the spring, and both parents are on sick leave.",
        known="Olav has autism and finds school hard. The family has had many meetings with many services, but no "
        "shared plan. Kasper started upper secondary school this autumn.",
        place="Asker town hall, meeting room 4",
        meetings=[(MAPPING, (2026, 8, 26, 12)), (PLAN, (2026, 9, 16, 12)), (CHECKPOINT, (2026, 11, 18, 12))],
        next_checkpoint=(2027, 2, 17, 12),
        team=[("habilitation3", INV, "Habilitation and guidance for the parents"),
              ("ppt3", INV, "Expert assessment for school"), ("school1", INV, "Olav's school: adapted teaching"),
              ("allocation1", INV, "Respite care"), ("nav3", INV, "Sickness benefit and the way back to work"),
              ("healthclinic4", IMP, ""), ("childwelfare3", IMP, "")],
        trusted=None,
        notes=[("good_at", "Olav", "Knows everything about trains"), ("dreams", "Anette", "An ordinary Monday"),
               ("difficult", "Olav", "Mornings, and the school bus")],
        situation="Anette and Morten live with Kasper (16), Sigrid (13), Olav (9) and Frida (4). Olav has autism "
        "and has not been to school since the spring. Both parents are on sick leave. The family has met many "
        "services, many times, without a shared plan.",
        goals=[G("school", "Olav goes to school every day", "school", "Olav is at school every day for the whole "
                 "school day", D(2027, 6, 18), "Olav"),
               G("start", "Olav is at school two hours a day", "school", "Olav goes two hours a day with a teacher "
                 "he knows", D(2026, 12, 18), "Olav", main="school"),
               G("work", "Anette and Morten are back at work", "work", "Both are back in their jobs",
                 D(2027, 6, 30))],
        measures=[M("A small group and a teacher Olav knows, two hours a day to begin with", D(2026, 9, 21), "start",
                    org="skole", responsible="school1", by="school1", how_often="Every school day"),
                  M("An expert assessment of what Olav needs at school", D(2026, 9, 21), "school", org="ppt",
                    responsible="ppt3", by="ppt3", how_often="Once", end=D(2026, 11, 30)),
                  M("Respite care for Olav", D(2026, 10, 16), "work", org="tildeling", responsible="allocation1",
                    by="allocation1", how_often="One weekend a month")],
        checkpoint_weeks=12,
        goal=("S", D(2027, 12, 31)),
        journey=[
            (JOINING, D(2026, 8, 26), "U", "Olav at home all day, both parents on sick leave", "V", "", HIGH,
             "SUVVUU", MAPPING),
            (CHECK, D(2026, 11, 18), "V", "Olav at school two hours a day with a teacher he knows", "V", "", MEDIUM,
             "SVVVVV", CHECKPOINT),
        ],
        lines=[("leader", 10, D(2026, 8, 17), None, None)],
    ),
    Family(
        "johansen", "The Johansen family", "leader4", "barnevern", (D(2026, 4, 20), D(2026, 5, 4), D(2026, 5, 18)),
        [("Stine", "Johansen", PARENT, D(1991, 8, 19)), ("Kenneth", "Olsen", PARENT, D(1989, 12, 3)),
         ("Thea", "Johansen", CHILD, D(2016, 1, 13)), ("William", "Olsen", CHILD, D(2020, 7, 7)),
         ("Emma", "Olsen", CHILD, D(2024, 3, 25))],
        why_now="Both parents have stopped using drugs and want to show that they can manage with three children at "
        "home.",
        known="Child welfare has followed the family for two years. Stine is in opioid substitution treatment; "
        "Kenneth is in treatment too. Neither has worked for several years.",
        place="The family's home",
        meetings=[(INTRO, (2026, 5, 20, 9)), (MAPPING, (2026, 6, 3, 9)), (PLAN, (2026, 6, 17, 9)),
                  (CHECKPOINT, (2026, 9, 30, 9))],
        next_checkpoint=(2027, 1, 6, 9),
        team=[("childwelfare4", INV, "Support measures at home"),
              ("mentalhealth3", INV, "Treatment and follow-up at home"),
              ("nav7", INV, "Social assistance and work training"), ("kindergarten1", IMP, ""), ("school2", IMP, ""),
              ("healthclinic1", IMP, ""), ("gp1", IMP, "")],
        trusted=None,
        notes=[("good_at", None, "Routines: dinner at five every day"), ("dreams", "Kenneth", "A job with my hands"),
               ("difficult", "Stine", "That everyone expects us to fail")],
        situation="Stine and Kenneth live with Thea (10), William (5) and Emma (2). Both have stopped using drugs: "
        "Stine is in opioid substitution treatment and Kenneth in treatment too. Child welfare has followed the "
        "family for two years. Neither parent has worked for several years; they want to show that they can "
        "manage.",
        goals=[G("free", "Stine and Kenneth stay free of drugs", "substance_use", "Both say they are doing well, and "
                 "the people treating them agree", D(2027, 5, 31)),
               G("work", "Kenneth is in work", "work", "Kenneth has a job with his own pay", D(2027, 6, 30),
                 "Kenneth"),
               G("thea", "Thea has friends over and joins an activity", "leisure", "Thea goes to an activity every "
                 "week", D(2026, 10, 31), "Thea", reached=True)],
        measures=[M("Follow-up at home from the mental health and substance-use service", D(2026, 6, 22), "free",
                    org="psykrus", responsible="mentalhealth3", by="mentalhealth3", how_often="Every week"),
                  M("Work training for Kenneth at a second-hand shop", D(2026, 8, 17), "work", org="nav",
                    responsible="nav7", by="nav7", who="Kenneth", how_often="Three days a week"),
                  M("The school finds an after-school activity for Thea", D(2026, 8, 17), "thea", org="skole",
                    responsible="school2", how_often="Once", end=D(2026, 10, 31), status=DONE)],
        checkpoint_weeks=12,
        goal=("S", D(2028, 5, 31)),
        journey=[
            (JOINING, D(2026, 6, 3), "U", "A fragile recovery, no work, child welfare worried", "V",
             "We are doing better than they think", HIGH, "VUUUUV", MAPPING),
            (CHECK, D(2026, 9, 30), "V", "Work training started, the children thriving", "V", "", MEDIUM, "VVVVVS",
             CHECKPOINT),
        ],
        lines=[("leader", 10, D(2026, 5, 18), None, None)],
    ),
    Family(
        "odegard", "The Ødegård family", "leader4", "helsestasjon", (D(2026, 2, 16), D(2026, 3, 2), D(2026, 3, 16)),
        [("Trine", "Ødegård", PARENT, D(1979, 9, 24)), ("Geir", "Ødegård", PARENT, D(1977, 6, 15)),
         ("Astrid", "Ødegård", OTHER, D(1950, 2, 8)), ("Vetle", "Ødegård", CHILD, D(2009, 1, 20)),
         ("Julie", "Ødegård", CHILD, D(2011, 5, 3)), ("Mia", "Ødegård", CHILD, D(2012, 10, 11), True),
         ("Filip", "Ødegård", CHILD, D(2016, 2, 28))],
        why_now="Mia uses a wheelchair now, and the family's house has stairs everywhere. Trine is close to burning "
        "out.",
        known="Mia has cerebral palsy. Geir's mother Astrid lives with the family and helps, but she is getting "
        "older. Geir runs a small firm; Trine works 60% at a school.",
        place="The family's home",
        meetings=[(MAPPING, (2026, 3, 25, 14)), (PLAN, (2026, 4, 15, 14)), (CHECKPOINT, (2026, 6, 24, 14)),
                  (TEAM, (2026, 8, 12, 14)), (CHECKPOINT, (2026, 10, 28, 14))],
        next_checkpoint=(2027, 1, 27, 14),
        team=[("habilitation1", INV, "Habilitation and training for Mia"),
              ("allocation2", INV, "Personal assistance and respite care"),
              ("housing1", INV, "Housing adaptation grant and start-up loan"),
              ("nav4", INV, "Aids and care benefit"), ("vgs1", IMP, ""), ("school6", IMP, ""), ("gp2", IMP, "")],
        trusted=("Sissel Hammer", "a family friend, once Mia's assistant", "Trine", D(2026, 3, 25)),
        notes=[("good_at", "Mia", "Singing; she is in the school choir"),
               ("dreams", "Mia", "To get to my own room by myself"),
               ("difficult", None, "Stairs everywhere in the house")],
        situation="Trine and Geir live with Vetle (17), Julie (14), Mia (13) and Filip (10), and with Geir's mother "
        "Astrid, in a house with stairs everywhere. Mia has cerebral palsy and uses a wheelchair now. Astrid helps "
        "a lot, but she is getting older. Geir runs a small firm; Trine works 60% at a school and is close to "
        "burning out.",
        goals=[G("home", "A home Mia can move around in", "housing", "Mia gets to her room, the bathroom and out "
                 "by herself", D(2026, 10, 31), "Mia", reached=True),
               G("rest", "Personal assistance, so Trine and Geir get rest", "mental_health", "Personal assistance "
                 "20 hours a week", D(2026, 6, 30), reached=True),
               G("job", "Trine keeps her job at 60%", "work", "Trine works her 60% without sick leave",
                 D(2026, 12, 31), "Trine")],
        measures=[M("Housing adaptation grant: a ramp, a lift and a bathroom on the ground floor", D(2026, 5, 4),
                    "home", org="bolig", responsible="housing1", by="housing1", how_often="Once",
                    end=D(2026, 10, 15), status=DONE),
                  M("Personal assistance for Mia", D(2026, 6, 1), "rest", org="tildeling", responsible="allocation2",
                    by="allocation2", how_often="20 hours a week"),
                  M("Training for Mia at home and at school", D(2026, 4, 20), "home", org="habilitering",
                    responsible="habilitation1", by="habilitation1", how_often="Every other week")],
        checkpoint_weeks=16,
        goal=("S", D(2027, 12, 31)),
        journey=[
            (JOINING, D(2026, 3, 25), "V", "A house Mia cannot move around in, Trine close to burning out", "U",
             "We are at breaking point", MEDIUM, "UVSVVV", MAPPING),
            (CHECK, D(2026, 6, 24), "V", "Personal assistance granted; the house still unsuitable", "V", "", MEDIUM,
             "UVSVVS", None),
            (CHECK, D(2026, 10, 28), "S", "The ground floor adapted, and Trine at work without sick leave", "S", "",
             LOW, "SSSSVS", None),
        ],
        lines=[("leader", 8, D(2026, 3, 16), None, None)],
    ),
    Family(
        "nordby", "Amalie Nordby", "leader4", "ot", (D(2026, 8, 10), D(2026, 8, 24), D(2026, 9, 7)),
        [("Amalie", "Nordby", YOUNG, D(2008, 3, 2))],
        why_now="Turned 18 in March, has moved out of a child-welfare home and did not start school this autumn.",
        known="Lived in a child-welfare home for three years and has aftercare. Anxiety, and little contact with her "
        "family apart from an aunt.",
        place="NAV Asker",
        meetings=[(INTRO, (2026, 9, 9, 15)), (MAPPING, (2026, 9, 16, 15)), (PLAN, (2026, 10, 7, 15)),
                  (CHECKPOINT, (2026, 11, 18, 15))],
        next_checkpoint=(2027, 2, 3, 15),
        team=[("ot2", INV, "A school place"), ("childwelfare3", INV, "Aftercare from child welfare"),
              ("nav2", INV, "Social assistance"), ("vgs2", INV, "Adapted teaching at upper secondary school"),
              ("mentalhealth1", IMP, "")],
        trusted=("Kristin Fjellheim", "her aunt", "Amalie", D(2026, 9, 16)),
        notes=[("good_at", "Amalie", "Drawing, and taking care of animals"),
               ("dreams", "Amalie", "To become a veterinary nurse"),
               ("difficult", "Amalie", "Crowded classrooms")],
        situation="Amalie turned 18 in March. She lived in a child-welfare home for three years and has aftercare "
        "now. She rents a room in a shared flat she cannot afford, did not start school this autumn and struggles "
        "with anxiety. She has little contact with her family, apart from her aunt.",
        goals=[G("school", "Amalie completes her second year of upper secondary school", "school", "Amalie has "
                 "passed all subjects of the year", D(2027, 6, 18), "Amalie"),
               G("home", "A home Amalie can afford", "housing", "Amalie pays the rent herself every month",
                 D(2027, 1, 31), "Amalie"),
               G("calm", "Amalie gets help with her anxiety", "mental_health", "Amalie goes to school also on a "
                 "bad day", D(2026, 12, 31), "Amalie")],
        measures=[M("A place in a smaller class, three days a week to begin with", D(2026, 10, 12), "school",
                    org="vgs", responsible="vgs2", by="vgs2", how_often="Three days a week"),
                  M("Aftercare: help with the rent, and a contact person", D(2026, 10, 12), "home", org="barnevern",
                    responsible="childwelfare3", by="childwelfare3", how_often="Every week"),
                  M("Talks about her anxiety at the mental health service", D(2026, 10, 19), "calm", org="psykrus",
                    who="Amalie", how_often="Every other week")],
        checkpoint_weeks=10,
        goal=("S", D(2028, 6, 30)),
        journey=[
            (JOINING, D(2026, 9, 16), "U", "Out of school, a room she cannot afford, anxiety", "V", "", HIGH,
             "UUUUV-", MAPPING),
            (CHECK, D(2026, 11, 18), "V", "At school three days a week, the rent covered by aftercare", "V", "",
             MEDIUM, "VVVVV-", CHECKPOINT),
        ],
        lines=[("leader", 8, D(2026, 9, 7), None, None)],
    ),
]  # fmt: skip


def install(asker, orgs, password, leader, referrer):
    """Add the rest of Asker's pilot. `orgs` are Asker's organisations by code; returns the new staff by username."""
    from welfarelab.demo.data import _participant  # data calls this module: imported here, not at the top

    staff = _staff(asker, orgs, password)
    staff["leader"] = leader
    services = {s.name_en: s for s in Service.objects.filter(municipality=asker)}
    services = {key: services[en] for key, _code, _kind, en, *_rest in costs.CATALOGUE}
    for family in FAMILIES:
        its_leader = staff[family.leader]
        household = _participant(
            asker,
            family.name,
            referrer,
            orgs[family.referred_from],
            its_leader,
            [(given, surname, relation, born, "", *more) for given, surname, relation, born, *more in family.people],
            why_now=family.why_now,
            known=family.known,
            referred=family.dates[0],
            qualified=family.dates[1],
            joined=family.dates[2],
            consents=_consents(family, staff),
        )
        if family.interpreter:
            household.preferred_language = household.interpreter_language = "Somali"
            household.save(update_fields=["preferred_language", "interpreter_language"])
        _team(household, family, staff)
        _meetings(household, family, staff)
        with translation.override("en"):  # the agreements are in English, like the worked examples'
            _plan(household, family, staff)
        for step in family.journey:
            _assess(household, its_leader, family.goal, *step)
        ledger = costs._Ledger(household, services, its_leader)
        for key, quantity, start, end, whose in family.lines:
            ledger.line(key, quantity, start, end, who=whose)
        ledger.done()
    return staff


def _staff(asker, orgs, password):
    rows = [(u, first, last, StaffUser.Role.INVESTMENT_LEADER, "koordinerende") for u, first, last in LEADERS]
    rows += [(u, first, last, StaffUser.Role.TEAM_MEMBER, org) for u, first, last, org in MEMBERS]
    users = StaffUser.objects.bulk_create(
        StaffUser(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@asker.kommune.example",
            role=role,
            organisation=orgs[org],
            municipality=asker,
            password=password,
        )
        for username, first, last, role, org in rows
    )
    return {u.username: u for u in users}


def _consents(family, staff):
    """Each adult consents to every organisation on the team, from the day the family joins."""
    codes = list(dict.fromkeys(staff[username].organisation.code for username, *_rest in family.team))
    return {given: codes for given, _family, relation, *_rest in family.people if relation != CHILD}


def _team(household, family, staff):
    TeamMembership.objects.bulk_create(
        TeamMembership(
            household=household,
            member=staff[username],
            organisation=staff[username].organisation,
            team=team,
            authority=authority,
            joined_on=joined[0] if joined else household.joined_on,
            reason="" if not joined else "Asked to join by the team",
        )
        for username, team, authority, *joined in family.team
    )
    if family.trusted:
        name, who, invited_by, invited_on = family.trusted
        TrustedPerson.objects.create(
            household=household,
            name=name,
            who=who,
            invited_by=household.members.get(given_name=invited_by),
            joined_on=invited_on,
            reason="Someone the family trusts, with them in the meetings",
        )


def _meetings(household, family, staff):
    leader = household.investment_leader
    people = list(household.members.all())
    adults = [p for p in people if p.relation != CHILD]
    for kind, when in family.meetings:
        start = _at(*when)
        first = kind == INTRO
        meeting = Meeting.objects.create(
            household=household,
            kind=kind,
            planned_at=start,
            place="Café at the library" if first and len(people) == 1 else family.place,
            status=Meeting.Status.HELD,
            finished_at=start + datetime.timedelta(hours=2),
            trusted_person=family.trusted[0] if family.trusted and family.trusted[3] <= start.date() else "",
            interpreter=family.interpreter,
            created_by=leader,
            created_at=start - datetime.timedelta(days=10),
        )
        # The children old enough to take part come to the meetings about the family's plan.
        meeting.family_present.set(adults if first else [p for p in people if p.age(start.date()) >= 12])
        StaffPresence.objects.bulk_create(
            StaffPresence(meeting=meeting, member=u, organisation_id=u.organisation_id)
            for u in [leader, *([] if first else _deciders(household, start.date()))]
        )
        if kind == MAPPING:
            _notes(household, meeting, family.notes)
    if family.next_checkpoint:
        start = _at(*family.next_checkpoint)
        planned = Meeting.objects.create(
            household=household,
            kind=CHECKPOINT,
            planned_at=start,
            place=family.place,
            interpreter=family.interpreter,
            created_by=leader,
            created_at=_at(*family.meetings[-1][1]) + datetime.timedelta(hours=2),
        )
        StaffPresence.objects.bulk_create(
            StaffPresence(meeting=planned, member=u, organisation_id=u.organisation_id)
            for u in [leader, *_deciders(household, start.date())]
        )


def _deciders(household, day):
    """The investment team on `day`."""
    team = household.team.filter(team=INV, joined_on__lte=day).select_related("member")
    return [m.member for m in team]


def _notes(household, meeting, notes):
    persons = {p.given_name: p for p in household.members.all()}
    for minute, (section, whose, text) in enumerate(notes):
        entry = Entry.objects.create(household=household, section=section, person=persons.get(whose), text=text)
        EntryRevision.objects.create(
            entry=entry,
            household=household,
            meeting=meeting,
            version=1,
            text=text,
            person=entry.person,
            written_by=household.investment_leader,
            written_at=meeting.planned_at + datetime.timedelta(minutes=5 + minute),
        )


def _plan(household, family, staff):
    leader = household.investment_leader
    p = _Plan(household, leader)
    held = {m.planned_at.date(): m for m in household.meetings.held()}
    plan_meeting = p.meetings[PLAN]
    p.situation(family.situation)
    goals, reached = {}, []
    for key, text, area, indicator, target, whose, main, done in family.goals:
        goals[key] = p.goal(text, area, indicator, target, whose=whose, main=goals.get(main))
        if done:
            reached.append(goals[key])
    by_status = {}
    for m in family.measures:
        measure = p.measure(
            m.text,
            m.start,
            plan_meeting,
            staff[m.by] if m.by else leader,
            org=m.org,
            responsible=staff.get(m.responsible),
            who=m.who,
            how_often=m.how_often,
            end=m.end,
            goal=goals[m.goal],
        )
        by_status.setdefault(m.status, []).append(measure)
    adults = [a.given_name for a in household.members.exclude(relation=CHILD).order_by("birth_date")]
    _sign(p, plan_meeting.finished_at, adults)
    if "setback" in family.extra:
        by_status.setdefault(UNDER_WAY, []).append(_setback(p, family, goals, staff, held, adults))
    for status, measures in by_status.items():
        p.progress(status, *measures, reached=reached if status == DONE else ())
    if DONE not in by_status and reached:
        p.progress(DONE, reached=reached)
    if family.checkpoint_weeks:
        InvestmentPlan.objects.filter(household=household).update(checkpoint_weeks=family.checkpoint_weeks)
    p.done(_at(*family.meetings[-1][1]) + datetime.timedelta(hours=3))


def _sign(p, at, adults, **reason):
    """Prepared at the end of the meeting and signed in the app there and then, by each adult and the leader."""
    app, minutes = Signature.Method.APP, datetime.timedelta(minutes=1)
    signers = [(given, at + (i + 5) * minutes, app) for i, given in enumerate([*adults, None])]
    return p.sign(at, signers, **reason)


def _setback(p, family, goals, staff, held, adults):
    """Something unexpected, and the additional investment the team decided at the next checkpoint."""
    happened_on, whose, what = family.extra["setback"]
    UnexpectedEvent.objects.create(
        household=p.household,
        happened_on=happened_on,
        what=what,
        person=p.people[whose],
        seriousness=UnexpectedEvent.Seriousness.SERIOUS,
        recorded_by=p.leader,
    )
    checkpoint = next(held[day] for day in sorted(held) if day > happened_on and held[day].kind == CHECKPOINT)
    measure = p.measure(
        "The housing office pays the rent arrears as a loan, and talks with the landlord",
        D(2026, 10, 12),
        checkpoint,
        staff["housing2"],
        org="bolig",
        responsible=staff["housing2"],
        how_often="Once, then a check every month",
        end=D(2026, 12, 31),
        goal=goals["money"],
    )
    Measure.objects.filter(pk=measure.pk).update(additional=True)
    _sign(
        p,
        checkpoint.finished_at,
        adults,
        reason=AgreementVersion.Reason.UNEXPECTED,
        explanation="The job Thomas had been offered after his work training was withdrawn in August, and a new "
        "warning about the rent came. The housing office pays the arrears as a loan and talks with the landlord.",
    )
    return measure
