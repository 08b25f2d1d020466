"""The demo: Asker's Welfare Lab with the pilot's three worked-example families, and a second
municipality with its own family. Deterministic: the same data on every machine, every time."""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction

from welfarelab.capture.models import Consent, Conversation, ParticipationAgreement, Qualification, Referral
from welfarelab.demo import benefits, catalogue, costs, journeys, pilot, plans, sheets
from welfarelab.money import benefits as money
from welfarelab.money.models import Parameter
from welfarelab.people.models import Household, Municipality, Person, StaffUser
from welfarelab.plans.models import TeamMembership

PASSWORD = "demo"
Role = StaffUser.Role
Rel = Person.Relation
D = datetime.date

USERS = [
    # username, first, last, role, organisation code, municipality slug
    ("admin", "Aslak", "Admin", Role.ADMINISTRATOR, None, "asker"),
    ("leader", "Ingrid", "Lie", Role.INVESTMENT_LEADER, "koordinerende", "asker"),
    ("member", "Nils", "Aune", Role.TEAM_MEMBER, "nav", "asker"),
    ("referrer", "Rita", "Holm", Role.REFERRER, "helsestasjon", "asker"),
    ("analyst", "Anders", "Moe", Role.ANALYST, None, "asker"),
    ("outsider", "Oda", "Strand", Role.INVESTMENT_LEADER, "koordinerende", "baerum"),
]


def load():
    """Load the demo once; running it again changes nothing."""
    if Municipality.objects.filter(slug="asker").exists():
        return False
    with transaction.atomic():
        _load()
    return True


def _load():
    asker = Municipality.objects.create(slug="asker", name="Asker", default_language="nb")
    baerum = Municipality.objects.create(slug="baerum", name="Bærum", default_language="nb")
    orgs = {"asker": catalogue.install(asker), "baerum": catalogue.install(baerum)}
    password = make_password(PASSWORD)
    users = {}
    for username, first, last, role, org, slug in USERS:
        users[username] = StaffUser.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@{slug}.kommune.example",
            role=role,
            organisation=orgs[slug].get(org),
            municipality=asker if slug == "asker" else baerum,
            password=password,
        )
    o = orgs["asker"]
    leader, member, referrer = users["leader"], users["member"], users["referrer"]

    # Example 1: a mother in a family with vulnerable living conditions (target group A).
    berg = _participant(
        asker,
        "The Berg family",
        referrer,
        o["psykrus"],
        leader,
        [("Maria", "Berg", Rel.PARENT, D(1986, 4, 12), ""), ("Emil", "Berg", Rel.CHILD, D(2019, 9, 3), "")],
        why_now="Free from substance use for some time and followed up by the mental health service. "
        "Wants her child back from foster care and a job again.",
        known="Higher education, lost her job when the substance use was discovered. Rents a flat. "
        "Mental health challenges today. The child lives in foster care.",
        referred=D(2026, 2, 2),
        qualified=D(2026, 2, 16),
        joined=D(2026, 3, 2),
        consents={"Maria": ["nav", "psykrus", "barnevern", "bolig"]},
    )
    TeamMembership.objects.create(
        household=berg,
        member=member,
        organisation=o["nav"],
        joined_on=D(2026, 3, 2),
        authority="Work assessment allowance, job-seeking support",
    )

    # Example 2: "John", a young man of 20 in a hostel, no income, no daytime activity (B).
    dahl = _participant(
        asker,
        "Jonas Dahl",
        referrer,
        o["nav"],
        leader,
        [("Jonas", "Dahl", Rel.YOUNG_PERSON, D(2006, 5, 20), "")],
        why_now="Has lived in a hostel for more than three months with no daytime activity.",
        known="Grew up in western Norway with a lot of contact with child welfare. Receives social "
        "assistance from NAV's youth team. Looking for work or an apprenticeship.",
        referred=D(2026, 3, 9),
        qualified=D(2026, 3, 20),
        joined=D(2026, 3, 30),
        consents={"Jonas": ["nav", "bolig", "ot"]},
    )

    # Example 3: a family of five with a disabled boy; the pilot's filled-in Mapping Tool (C).
    hagen = _participant(
        asker,
        "The Hagen family",
        referrer,
        o["helsestasjon"],
        leader,
        [
            ("Kari", "Hagen", Rel.PARENT, D(1982, 1, 30), ""),
            ("Per", "Hagen", Rel.PARENT, D(1980, 11, 8), ""),
            ("Sofie", "Hagen", Rel.CHILD, D(2008, 6, 14), ""),
            ("Jakob", "Hagen", Rel.CHILD, D(2011, 2, 22), ""),
            ("Oskar", "Hagen", Rel.CHILD, D(2017, 8, 5), "", True),
        ],
        why_now="The mother has back pain and only temporary part-time work; the family needs respite "
        "for the youngest and more room.",
        known="Father in full-time work. Mother in a 50% temporary job. Flat of 70 m2. The youngest has "
        "a light disability. The older children do a lot of sport.",
        referred=D(2026, 1, 12),
        qualified=D(2026, 1, 26),
        joined=D(2026, 2, 9),
        consents={"Kari": ["nav", "tildeling", "bolig", "fastlege"], "Per": ["tildeling", "bolig"]},
    )
    # The NAV member sits on this team too, but the family has not consented to NAV for Per,
    # and nobody has consented for the school: a member from there would see nothing.
    TeamMembership.objects.create(household=hagen, member=member, organisation=o["nav"], joined_on=D(2026, 2, 9))

    areas = {a.code: a for a in asker.life_areas.all()}
    sheets.fill(berg, leader, areas, [leader, member], sheets.BERG)
    sheets.fill(dahl, leader, areas, [leader], sheets.DAHL)
    sheets.fill(hagen, leader, areas, [leader, member], sheets.HAGEN)
    plans.install(leader, member, berg, dahl, hagen)
    costs.install(leader, member, berg, dahl, hagen)
    benefits.install(leader, berg, dahl, hagen)

    # A fresh referral in the inbox.
    _referral(
        asker,
        "The Nilsen family",
        referrer,
        o["skole"],
        [
            ("Line", "Nilsen", Rel.PARENT, D(1990, 3, 3), ""),
            ("Tobias", "Nilsen", Rel.CHILD, D(2014, 10, 10), ""),
            ("Ella", "Nilsen", Rel.CHILD, D(2016, 12, 1), ""),
        ],
        why_now="Tobias has missed a lot of school this autumn and the family is about to lose their flat.",
        known="Single mother, recently unemployed. Tobias is quiet at school.",
        referred=D(2026, 11, 16),
    )
    # A family that declined, with the reason kept.
    declined = _referral(
        asker,
        "The Lund family",
        referrer,
        o["barnehage"],
        [("Ahmed", "Lund", Rel.PARENT, D(1985, 7, 7), ""), ("Sara", "Lund", Rel.CHILD, D(2022, 4, 4), "")],
        why_now="Many services involved and the father says he is tired of repeating his story.",
        known="Father alone with a small daughter; health problems.",
        referred=D(2026, 9, 1),
        taken_by=leader,
    )
    Conversation.objects.create(
        referral=declined,
        held_on=D(2026, 9, 15),
        held_by=leader,
        explained="How the Welfare Lab works: one team, one plan, his pace.",
        answer=Conversation.Answer.DECLINED,
        answer_note="Wants to try on his own with the kindergarten's help first.",
    )
    Qualification.objects.create(
        referral=declined,
        wants_change=False,
        lifts_confidentiality=False,
        complex_needs=True,
        long_term_plan=True,
        outcome=Qualification.Outcome.DECLINED,
        reason="The father does not want to join now. He knows he can come back at any time.",
        assessed_by=leader,
        assessed_on=D(2026, 9, 15),
    )

    # Bærum: its own small data, seen only by its own staff.
    vik = _participant(
        baerum,
        "The Vik family",
        users["outsider"],
        orgs["baerum"]["nav"],
        users["outsider"],
        [("Hanne", "Vik", Rel.PARENT, D(1988, 2, 2), ""), ("Ole", "Vik", Rel.CHILD, D(2015, 5, 5), "")],
        why_now="Housing and work at the same time.",
        known="Single mother with a son.",
        referred=D(2026, 5, 4),
        qualified=D(2026, 5, 18),
        joined=D(2026, 6, 1),
        consents={"Hanne": ["nav", "bolig"]},
    )
    journeys.install(leader, users["outsider"], berg, dahl, hagen, vik)
    pilot.install(asker, o, password, leader, referrer)
    journeys.close(Household.objects.get(name="Sander Bakke"), leader)
    table = Parameter.table()
    for household in Household.objects.filter(joined_on__isnull=False):
        money.revalue(household, table)  # the portfolio adds up every plan as last valued


def _referral(municipality, name, referrer, organisation, people, why_now, known, referred, taken_by=None):
    household = Household.objects.create(municipality=municipality, name=name)
    for given, family, relation, born, national_id, *disability in people:
        Person.objects.create(
            household=household,
            municipality=municipality,
            given_name=given,
            family_name=family,
            relation=relation,
            birth_date=born,
            national_id=national_id,
            has_disability=bool(disability),
        )
    household.target_group = household.suggested_target_group(today=D(2026, 11, 23))
    household.save(update_fields=["target_group"])
    referral = Referral.objects.create(
        household=household,
        referred_by=referrer,
        referring_organisation=organisation,
        why_now=why_now,
        what_is_known=known,
        family_told="Told about the Welfare Lab and agreed that we get in touch.",
        agreed_to_contact=True,
        taken_by=taken_by,
        taken_at=_at(referred + datetime.timedelta(days=3)) if taken_by else None,
    )
    Referral.objects.filter(pk=referral.pk).update(created_at=_at(referred))
    return referral


def _participant(
    municipality, name, referrer, organisation, leader, people, why_now, known, referred, qualified, joined, consents
):
    referral = _referral(municipality, name, referrer, organisation, people, why_now, known, referred, leader)
    household = referral.household
    Qualification.objects.create(
        referral=referral,
        wants_change=True,
        lifts_confidentiality=True,
        complex_needs=True,
        long_term_plan=True,
        outcome=Qualification.Outcome.QUALIFIED,
        reason="Wants a change, several services involved, a long-term plan makes sense.",
        assessed_by=leader,
        assessed_on=qualified,
    )
    Conversation.objects.create(
        referral=referral,
        held_on=qualified,
        held_by=leader,
        explained="What the Welfare Lab is: one team around the table, one plan signed together, at the family's pace.",
        answer=Conversation.Answer.WANTS_TO_JOIN,
    )
    agreement = ParticipationAgreement.objects.create(
        household=household, signed_on=joined, method="in_app", recorded_by=leader
    )
    givers = {p.given_name: p for p in household.members.all()}
    agreement.signed_by.set([givers[n] for n in consents])
    orgs = {o.code: o for o in municipality.organisations.all()}
    for given_name, codes in consents.items():
        for code in codes:
            Consent.objects.create(
                household=household,
                given_by=givers[given_name],
                organisation=orgs[code],
                given_on=joined,
                method="in_app",
                recorded_by=leader,
            )
    household.joined_on = joined
    household.investment_leader = leader
    household.save(update_fields=["joined_on", "investment_leader"])
    return household


def _at(day):
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=datetime.UTC)
