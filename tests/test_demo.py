"""The demo that `make run` loads."""

import calendar
import datetime
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.valuation.builders import FIXTURES_DIR, load_fixture
from welfarelab.access import policy
from welfarelab.capture.models import Referral
from welfarelab.demo import loader
from welfarelab.journey.models import Assessment, Level, Vulnerability
from welfarelab.mapping import sheet
from welfarelab.mapping.models import EntryRevision, Meeting
from welfarelab.money import benefits, investment
from welfarelab.money.models import Benefit, Investment, Service
from welfarelab.people.models import Household, Person, StaffUser, adults_born_by
from welfarelab.plans import agreement, execution, plan
from welfarelab.plans.models import (
    Decision,
    Goal,
    InvestmentPlan,
    Measure,
    Signature,
    TeamMembership,
    TrustedPerson,
)


@pytest.fixture
def demo(db):
    loader.load()


def _demo_file(name):
    return loader.read(loader.HERE / name)


PILOT_FAMILIES = [family["name"] for family in _demo_file("asker/pilot.yaml")]


def test_the_demo_users_exist_with_their_roles(demo):
    roles = dict(StaffUser.objects.values_list("username", "role"))
    assert roles == {
        "admin": "administrator",
        "leader": "investment_leader",
        "member": "team_member",
        "referrer": "referrer",
        "analyst": "analyst",
        "outsider": "investment_leader",
        # The rest of the pilot's investment leaders and team members (welfarelab/demo/asker/municipality.yaml).
        **{username: role for username, _first, _last, role, _org in _demo_file("asker/municipality.yaml")["users"]},
    }
    assert Counter(roles.values()) == {
        "investment_leader": 5,
        "team_member": 48,
        "administrator": 1,
        "referrer": 1,
        "analyst": 1,
    }
    assert all(u.check_password("demo") for u in StaffUser.objects.all())


def test_the_three_worked_example_families_are_participants_in_asker(demo):
    asker = Household.objects.filter(municipality__slug="asker", joined_on__isnull=False)
    assert {h.name: h.target_group for h in asker} == {
        "Familien Berg": "A",
        "Jonas Dahl": "B",
        "Familien Hagen": "C",
        # The rest of the pilot (welfarelab/demo/asker/pilot.yaml).
        "Sander Bakke": "B",
        "Familien Kristiansen": "A",
        "Familien Pedersen": "A",
        "Familien Larsen": "C",
        "Ali Rahimi": "B",
        "Familien Yusuf": "A",
        "Familien Haugland": "C",
        "Familien Eriksen": "C",
        "Familien Johansen": "A",
        "Familien Ødegård": "C",
        "Amalie Nordby": "B",
    }


def test_there_is_a_fresh_referral_in_the_inbox_and_a_declined_family_with_its_reason(demo):
    leader = StaffUser.objects.get(username="leader")
    assert [r.household.name for r in policy.inbox(leader)] == ["Familien Nilsen"]
    declined = Referral.objects.get(household__name="Familien Lund")
    assert declined.status == "declined" and declined.qualification.reason


def test_the_outsider_sees_only_the_second_municipalitys_family(demo):
    outsider = StaffUser.objects.get(username="outsider")
    assert [h.name for h in policy.households(outsider)] == ["Familien Vik"]


def test_loading_the_demo_twice_changes_nothing(demo, settings):
    settings.DEMO_MODE = True
    before = Household.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Household.objects.count() == before


@pytest.mark.parametrize("name", ["Familien Berg", "Jonas Dahl", "Familien Hagen"])
def test_each_example_family_has_a_sheet_written_over_at_least_two_meetings(demo, name):
    household = Household.objects.get(name=name)
    held = household.meetings.held()
    written_at = {r.meeting_id for r in EntryRevision.objects.filter(household=household)}
    assert held.count() >= 2
    assert len(written_at) >= 2
    assert household.meetings.filter(status=Meeting.Status.PLANNED).exists()  # the next one, ready to write on


def test_the_hagen_sheet_is_the_pilots_filled_in_sheet(demo):
    leader = StaffUser.objects.get(username="leader")
    checkpoint = Meeting.objects.get(household__name="Familien Hagen", status=Meeting.Status.PLANNED)
    the_sheet = sheet.build(leader, checkpoint)
    written = [n.text for place in the_sheet.places.values() for n in place.notes]
    assert "Avlastning 10 dager i måneden" in written
    assert "En fast stilling på 80–100 %" in written
    assert any(n.revision.trusted for n in the_sheet.place("network:family").notes)


# The signed investment plans of the three worked-example families (welfarelab/demo/asker/*.yaml).

FAMILIES = ["Familien Berg", "Jonas Dahl", "Familien Hagen"]
DEMO_TODAY = datetime.date(2026, 11, 23)


def _family(name):
    return Household.objects.get(name=name, municipality__slug="asker")


@pytest.mark.parametrize("name", FAMILIES)
def test_each_example_family_has_a_plan_signed_by_each_adult_and_the_leader(demo, name):
    household = _family(name)
    assert household.plan.situation.strip()
    signed = list(agreement.signed(household))
    assert signed
    for version in signed:
        # Each adult at the time, and a child from their 18th birthday (Sofie Hagen, on the adjusted plan).
        of_age = adults_born_by(version.prepared_at.date())
        members = household.members.all()
        adults = {p.pk for p in members if p.relation != Person.Relation.CHILD or p.birth_date <= of_age}
        signatures = list(version.signatures.all())
        assert {s.person_id for s in signatures if s.person_id} == adults
        assert [s.staff_id for s in signatures if s.staff_id] == [household.investment_leader_id]
        assert agreement.missing_signatures(version) == []
        assert version.language == "nb" and version.content["goals"] and version.content["measures"]
        assert version.prepared_at <= version.signed_at < timezone.now()
        assert all(s.signed_on >= version.prepared_at.date() for s in signatures)
    # What the family agreed to is what the plan still says: progress since has not changed it.
    assert not agreement.changed_since_signed(household, signed[-1])


def test_one_family_signed_in_the_app_and_one_on_paper_with_a_scan(demo):
    berg = agreement.signed(_family("Familien Berg")).get()
    dahl = agreement.signed(_family("Jonas Dahl")).get()
    assert set(berg.signatures.values_list("method", flat=True)) == {Signature.Method.PAPER}
    assert bytes(berg.scan.content).startswith(b"%PDF-")
    assert set(dahl.signatures.values_list("method", flat=True)) == {Signature.Method.APP}
    assert not dahl.scan


def test_the_hagen_family_signed_a_second_version_when_physiotherapy_gave_way_to_rehabilitation(demo):
    household = _family("Familien Hagen")
    first, second = agreement.signed(household).order_by("number")
    assert (first.number, first.reason, second.number, second.reason) == (1, "first", 2, "learnt")
    assert "Friskvern" in second.explanation
    assert first.signed_at.date() == datetime.date(2026, 3, 16)
    assert datetime.date(2026, 9, 1) <= second.signed_at.date() <= datetime.date(2026, 9, 30)
    signers = {str(s.person or s.staff) for s in second.signatures.select_related("person", "staff")}
    assert signers == {"Kari Hagen", "Per Hagen", "Sofie Hagen", "Ingrid Lie"}  # Sofie is 18 since June

    changes = agreement.compare(first.content, second.content)
    measures = {(c["change"], c["item"]["text"]) for c in changes["measures"]}
    assert ("removed", "Kari trener to ganger i uka hos fysioterapeut") in measures
    assert any(change == "added" and "Friskvern" in text for change, text in measures)
    assert any(change == "added" and "Avlastning" in text for change, text in measures)
    assert any(c["change"] == "added" and "Avlastning" in c["item"]["text"] for c in changes["goals"])

    stopped = household.plan.measures.get(text="Kari trener to ganger i uka hos fysioterapeut")
    assert stopped.status == "stopped"
    rehabilitation = household.plan.measures.get(text__contains="Friskvern")
    assert rehabilitation.decision.meeting.planned_at.date() == datetime.date(2026, 9, 14)
    assert rehabilitation.source == stopped.source  # the same note on the sheet, written over


def test_the_hagen_plan_has_main_goals_and_sub_goals_and_the_long_term_goal_from_the_sheet(demo):
    goals = _family("Familien Hagen").plan.goals
    job = goals.get(text="Kari i fast stilling på 80 %")
    assert (job.target_on, job.person.given_name, job.main_goal) == (datetime.date(2027, 11, 30), "Kari", None)
    assert job.source.text == "I fast stilling på 80 %" and job.source.column == "long_term"
    assert job.sub_goals.exists()
    assert goals.filter(main_goal=None).count() >= 2 and goals.filter(person=None).exists()


@pytest.mark.parametrize("name", FAMILIES)
def test_what_was_made_from_the_sheet_keeps_its_note(demo, name):
    household = _family(name)
    leader = StaffUser.objects.get(username="leader")
    goals = household.plan.goals.exclude(source=None).select_related("source")
    measures = household.plan.measures.exclude(source=None).select_related("source")
    assert goals.exists() and measures.exists()
    for goal in goals:
        assert goal.source.column in plan.GOAL_COLUMNS and goal.source.life_area_id == goal.life_area_id
    for measure in measures:
        assert measure.source.column in plan.MEASURE_COLUMNS
    # Every note for the plan became a goal or a measure; the Hagen family's open question waits on the sheet.
    waiting = [note.text for note in plan.from_sheet(leader, household)]
    assert waiting == (["Hva med et foreldrekurs for mor og far?"] if name == "Familien Hagen" else [])


def test_every_measure_was_decided_in_a_meeting_of_the_family_by_someone_with_authority(demo):
    for name in FAMILIES:
        household = _family(name)
        for measure in household.plan.measures.select_related("decision__meeting"):
            decision = measure.decision
            assert decision.meeting.status == "held" and decision.authority
            assert decision.decided_by.username in ("leader", "member")
            assert decision.recorded_at.date() == decision.meeting.planned_at.date()
            assert measure.organisation_id or measure.responsible_id or measure.family_member_id


def test_nothing_in_the_plans_belongs_to_another_household(demo):
    plans = InvestmentPlan.objects.select_related("household")
    assert {p.household.name for p in plans} == set(FAMILIES) | set(PILOT_FAMILIES)
    for the_plan in plans:
        household = the_plan.household
        people = set(household.members.values_list("pk", flat=True))
        goal_ids = set(the_plan.goals.values_list("pk", flat=True))
        measure_ids = set(the_plan.measures.values_list("pk", flat=True))
        for goal in the_plan.goals.select_related("source", "main_goal", "life_area"):
            assert goal.person_id in people | {None}
            assert goal.source is None or goal.source.household_id == household.pk
            assert goal.main_goal is None or goal.main_goal.plan_id == the_plan.pk
            assert goal.life_area.municipality_id == household.municipality_id
        for measure in the_plan.measures.select_related("source", "goal", "decision__meeting", "organisation"):
            assert measure.family_member_id in people | {None}
            assert measure.source is None or measure.source.household_id == household.pk
            assert measure.goal is None or measure.goal.plan_id == the_plan.pk
            assert measure.decision.household_id == measure.decision.meeting.household_id == household.pk
            assert measure.organisation is None or measure.organisation.municipality_id == household.municipality_id
            assert measure.responsible is None or measure.responsible.municipality_id == household.municipality_id
        for version in the_plan.versions.all():
            assert {s.person_id for s in version.signatures.all()} <= people | {None}
            assert {g["id"] for g in version.content["goals"]} <= goal_ids
            assert {m["id"] for m in version.content["measures"]} <= measure_ids
            assert {s["person"] for s in version.content["signers"]} <= people
        assert not Decision.objects.filter(household=household).exclude(meeting__household=household).exists()


def test_the_leaders_start_page_has_something_late_and_something_due_soon(demo):
    leader = StaffUser.objects.get(username="leader")
    rows = {
        row.household.name: row for row in execution.follow_up(leader, leader.led_households.all(), today=DEMO_TODAY)
    }
    assert rows["Familien Berg"].overdue == 1  # the debt settlement takes longer than planned
    assert rows["Jonas Dahl"].overdue == 2  # no part-time job yet, and a checkpoint missed by the agreed rhythm
    assert rows["Jonas Dahl"].checkpoint_late
    assert rows["Familien Hagen"].due and not rows["Familien Hagen"].overdue
    assert rows["Familien Hagen"].checkpoint_due == rows["Familien Hagen"].next_meeting.planned_at.date()


@pytest.mark.parametrize("name", FAMILIES)
def test_the_leader_opens_each_familys_plan_agreement_and_timeline(demo, client, name):
    household = _family(name)
    client.force_login(StaffUser.objects.get(username="leader"))
    page = client.get(reverse("plan", args=[household.pk]))
    assert page.status_code == 200
    assert escape(household.plan.goals.order_by("pk").first().text) in page.content.decode()
    for version in agreement.versions(household):
        assert client.get(reverse("agreement", args=[household.pk, version.number])).status_code == 200
    assert client.get(reverse("agreement_compare", args=[household.pk])).status_code == 200
    assert client.get(reverse("timeline", args=[household.pk])).status_code == 200
    assert client.get(reverse("decisions", args=[household.pk])).status_code == 200


def test_the_nav_member_sees_the_hagen_plan_without_what_concerns_per(demo, client):
    household = _family("Familien Hagen")
    client.force_login(StaffUser.objects.get(username="member"))
    page = client.get(reverse("plan", args=[household.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Friskvern" in content
    assert "visninger av større leiligheter" not in content  # Per's task, and Per has not consented to NAV


# What Asker invests in the three worked-example families (welfarelab/demo/asker/*.yaml).


def _lines(name):
    return list(_family(name).investments.select_related("organisation", "service", "person"))


def test_asker_has_a_catalogue_of_services_named_in_all_three_languages(demo):
    services = Service.objects.filter(municipality__slug="asker")
    assert services.count() >= 20
    for service in services:
        assert service.name_en and service.name_nb and service.name_nn and service.unit_cost > 0
        assert service.organisation.municipality_id == service.municipality_id
    aap = services.get(name_en__startswith="Work assessment allowance")
    assert aap.unit_cost == 16_500 and aap.unit == "month" and aap.organisation.owner == "state"
    assert services.get(name_en__startswith="Respite care").unit_cost == 3_000
    assert services.get(name_en__startswith="Follow-up by the investment leader").unit_cost == 900
    assert services.get(name_en__startswith="Social assistance").unit_cost == 7_850
    assert not Service.objects.filter(municipality__slug="baerum").exists()


@pytest.mark.parametrize("name", FAMILIES)
def test_each_family_has_investment_lines_in_the_lab_and_before_joining_where_known(demo, name):
    household = _family(name)
    lines = _lines(name)
    assert any(line.starts_on >= household.joined_on for line in lines)
    if name != "Jonas Dahl":  # for Jonas only his months in Asker before joining are known
        assert any(line.starts_on < household.joined_on for line in lines)
        assert investment.summary(household, lines, today=DEMO_TODAY).before_joining > 0
    assert {line.recorded_by.username for line in lines} <= {"leader", "member"}
    assert all(household.joined_on <= line.recorded_at.date() <= DEMO_TODAY for line in lines)


def test_hagen_is_a_large_investment_over_the_last_12_months_and_dahl_a_small_one(demo):
    hagen, dahl = _family("Familien Hagen"), _family("Jonas Dahl")
    assert hagen.municipality.large_investment_from == 500_000
    large = investment.summary(hagen, _lines("Familien Hagen"), today=DEMO_TODAY)
    small = investment.summary(dahl, _lines("Jonas Dahl"), today=DEMO_TODAY)
    assert large.large and large.last_year >= 500_000
    assert not small.large and 0 < small.last_year < 500_000
    assert large.first_year > large.before_joining  # the lab invests up front, to get it back later


def test_person_specific_lines_name_the_family_member(demo):
    kari_aap = [line for line in _lines("Familien Hagen") if line.service and line.service.name_en.startswith("Work")]
    assert [line.person.given_name for line in kari_aap] == ["Kari"]
    assert kari_aap[0].unit_price == 16_500 and kari_aap[0].kind == "benefit"
    respite = [line for line in _lines("Familien Hagen") if line.service and "Respite" in line.service.name_en]
    assert [(line.person.given_name, line.quantity * line.unit_price) for line in respite] == [("Oskar", 30_000)]


def test_every_investment_line_belongs_to_asker(demo):
    lines = Investment.objects.select_related("household", "organisation", "service", "person")
    assert lines.exists()
    for line in lines:
        asker = line.household.municipality_id
        assert line.household.municipality.slug == "asker"
        assert line.organisation.municipality_id == asker
        assert line.service is None or line.service.municipality_id == asker
        assert line.person is None or line.person.household_id == line.household_id


def test_the_nav_member_does_not_see_what_is_invested_in_per(demo):
    household = _family("Familien Hagen")
    leader, member = (StaffUser.objects.get(username=u) for u in ("leader", "member"))
    pers = Investment.objects.filter(household=household, person__given_name="Per")
    assert pers.exists()
    assert set(policy.investments(leader, household)) >= set(pers)
    assert not policy.investments(member, household).filter(pk__in=pers).exists()
    assert policy.investments(member, household).filter(person__given_name="Kari").exists()


@pytest.mark.parametrize("name", FAMILIES)
def test_the_leader_opens_each_familys_investment(demo, client, name):
    household = _family(name)
    client.force_login(StaffUser.objects.get(username="leader"))
    page = client.get(reverse("investment", args=[household.pk]))
    assert page.status_code == 200


# The pilot's benefits: each family carries the figures of its worked example (the shared fixtures, as they are).

PILOT_EXAMPLES = {
    "Familien Berg": "example-1-family-vulnerable-living-conditions.json",
    "Jonas Dahl": "example-2-young-adult.json",
    "Familien Hagen": "example-3-family-with-disabled-child.json",
}


@pytest.mark.parametrize("name", PILOT_EXAMPLES)
def test_each_example_family_carries_its_pilot_benefits_with_the_pilots_figures(demo, name):
    expected = load_fixture(FIXTURES_DIR / PILOT_EXAMPLES[name])["expected"]
    household = _family(name)
    plan_ = household.plan
    family_benefits = list(Benefit.objects.filter(goal__plan=plan_).select_related("goal"))
    entries = Investment.objects.filter(household=household).select_related("organisation")

    valued = benefits.value(household, plan_, family_benefits, entries)

    totals = valued.response["totals"]
    assert {b["id"]: b["annual_value"] for b in valued.response["benefits"] if b["priced"]} == expected["annual_value"]
    assert totals["annual_priced_total"] == expected["annual_priced_total"]
    assert totals["by_beneficiary"] == expected["by_beneficiary"]
    assert valued.response["non_priced"] == expected["non_priced"]
    assert all(b.assumptions for b in family_benefits), "every benefit says what its figures rest on"
    assert totals["present_value_costs"] > 0, "the investment recorded since joining is the plan's cost"


def test_the_example_families_benefit_realisation_has_started(demo):
    followed = Benefit.objects.exclude(indicator="").filter(goal__plan__household__municipality__slug="asker")

    assert followed.count() == 3
    assert all(b.owner_id and b.baseline and b.target and b.measurements.exists() for b in followed)


def test_every_participant_started_untenable_or_vulnerable_and_has_moved_forward(demo):
    """The pilot's picture: everyone started untenable or vulnerable and moved forward within 8 months."""
    for household in Household.objects.filter(joined_on__isnull=False):
        levels = list(household.assessments.values_list("level", "assessed_on"))
        assert levels, household
        (first, started), (latest, last_assessed) = levels[0], levels[-1]
        assert first in (Level.UNTENABLE, Level.VULNERABLE), household
        assert latest > first and (last_assessed - started).days <= 8 * 31, household


def test_where_a_family_sees_its_situation_differently_both_views_are_kept(demo):
    assert any(a.views_differ for a in Assessment.objects.filter(household__name="Familien Hagen"))


def test_one_family_needed_an_additional_investment_and_reached_goals_are_dated(demo):
    assert Measure.objects.filter(additional=True, plan__household__name="Familien Hagen").exists()
    reached = Goal.objects.filter(state=Goal.State.REACHED)
    assert reached.exists() and not reached.filter(reached_on__isnull=True).exists()


# The pilot in numbers (PRODUCT.md): Asker's fourteen participants, counted from the data (welfarelab/demo/asker/).

PILOT_END = datetime.date(2026, 11, 20)


def _pilot():
    return Household.objects.filter(municipality__slug="asker", joined_on__isnull=False)


def _months_later(day, months):
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def test_the_pilot_had_five_families_with_a_disabled_child_five_in_vulnerable_living_conditions_and_four_young_people(
    demo,
):
    participants = _pilot()
    assert Counter(participants.values_list("target_group", flat=True)) == {"C": 5, "A": 5, "B": 4}
    for household in participants.prefetch_related("members"):
        members = list(household.members.all())
        children = [p for p in members if p.relation == Person.Relation.CHILD]
        if household.target_group == "C":
            assert any(c.has_disability for c in children), household
        elif household.target_group == "A":
            assert children and not any(c.has_disability for c in children), household
        else:
            (young,) = members
            assert young.relation == Person.Relation.YOUNG_PERSON and 16 <= young.age(household.joined_on) <= 25
    # The two referrals that did not join are not counted.
    assert set(Household.objects.filter(municipality__slug="asker", joined_on=None).values_list("name", flat=True)) == {
        "Familien Nilsen",
        "Familien Lund",
    }


def test_the_pilot_affected_32_children_and_21_adults(demo):
    persons = Person.objects.filter(household__in=_pilot())
    assert persons.filter(relation=Person.Relation.CHILD).count() == 32
    assert persons.exclude(relation=Person.Relation.CHILD).count() == 21


def test_the_pilot_had_four_investment_leaders_and_ingrid_lie_leads_four(demo):
    participants = _pilot()
    leaders = StaffUser.objects.filter(led_households__in=participants).distinct()
    assert leaders.count() == 4
    assert all(u.role == StaffUser.Role.INVESTMENT_LEADER and u.organisation.code == "koordinerende" for u in leaders)
    assert set(participants.filter(investment_leader__username="leader").values_list("name", flat=True)) == {
        "Familien Berg",
        "Jonas Dahl",
        "Familien Hagen",
        "Sander Bakke",
    }
    member = StaffUser.objects.get(username="member")
    assert set(member.team_memberships.values_list("household__name", flat=True)) == {
        "Familien Berg",
        "Familien Hagen",
    }


def test_60_people_took_part_in_the_investment_teams(demo):
    participants = _pilot()
    staff = StaffUser.objects.filter(
        Q(led_households__in=participants) | Q(team_memberships__household__in=participants)
    ).distinct()
    trusted = TrustedPerson.objects.filter(household__in=participants)
    assert staff.count() + trusted.count() == 60
    assert all(u.municipality.slug == "asker" for u in staff)
    # A team member represents their own organisation; many sit on several teams.
    memberships = TeamMembership.objects.filter(household__in=participants).select_related("member")
    assert all(m.organisation_id == m.member.organisation_id for m in memberships)
    assert max(Counter(m.member_id for m in memberships).values()) > 1


def test_53_meetings_were_held_within_the_nine_months_of_the_pilot(demo):
    held = Meeting.objects.filter(household__in=_pilot(), status=Meeting.Status.HELD).select_related("household")
    assert held.count() == 53
    for meeting in held:
        assert meeting.household.joined_on <= timezone.localtime(meeting.planned_at).date() <= PILOT_END, meeting


def test_nobody_dropped_out(demo):
    for household in _pilot():
        assert household.investment_leader_id and household.consents.active().exists(), household


def test_each_participant_started_untenable_or_vulnerable_and_moved_forward_within_8_months(demo):
    for household in _pilot():
        assessments = list(household.assessments.all())
        first, latest = assessments[0], assessments[-1]
        assert first.occasion == Assessment.Occasion.JOINING, household
        assert first.level in (Level.UNTENABLE, Level.VULNERABLE), household
        assert latest.level > first.level, household
        assert household.joined_on <= first.assessed_on, household
        assert latest.assessed_on <= min(_months_later(household.joined_on, 8), PILOT_END), household
    vulnerabilities = Assessment.objects.filter(household__in=_pilot()).values_list("vulnerability", flat=True)
    assert set(vulnerabilities) == {Vulnerability.HIGH, Vulnerability.MEDIUM, Vulnerability.LOW}


def test_sander_bakke_reached_a_sustainable_situation(demo):
    sander = _family("Sander Bakke")
    steps = list(sander.assessments.values_list("occasion", "assessed_on", "level", "goal_level"))
    assert [(occasion, level) for occasion, _day, level, _goal in steps] == [
        ("joining", Level.VULNERABLE),
        ("checkpoint", Level.STABLE),
        ("exit", Level.SUSTAINABLE),
    ]
    assert steps[-1][1] == datetime.date(2026, 10, 26) and steps[-1][3] == Level.SUSTAINABLE
    assert sander.joined_on < datetime.date(2026, 3, 1)
    assert not sander.plan.goals.exclude(state=Goal.State.REACHED).exists()


def test_every_new_participant_has_a_signed_plan_and_one_got_an_additional_investment(demo):
    for name in PILOT_FAMILIES:
        household = _family(name)
        assert household.plan.goals.exists() and household.plan.measures.exists(), name
        signed = agreement.signed(household).last()
        assert signed and agreement.missing_signatures(signed) == [], name
        assert not agreement.changed_since_signed(household, signed), name
    additional = Measure.objects.filter(additional=True, plan__household__in=_pilot())
    assert {m.plan.household.name for m in additional} == {"Familien Hagen", "Familien Kristiansen"}


def test_each_citizen_login_the_readme_lists_finds_its_person_in_the_demo(demo):
    """The README's table of the family's door: each made-up person's number logs in as that person."""
    from pathlib import Path

    from welfarelab.people import identity
    from welfarelab.people.models import Municipality
    from welfarelab.portal import signin

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    listed = dict(re.findall(r"(\w+ \w+)(?: \(18\))?(?: \|)? `(\d{11})`", readme))
    assert {"Kari Hagen", "Per Hagen", "Sofie Hagen", "Jonas Dahl", "Maria Berg"} <= listed.keys()
    asker = Municipality.objects.get(slug="asker")
    for name, number in listed.items():
        assert identity.parse(number).is_synthetic, name
        person = signin.match(asker, number)
        assert person is not None and f"{person.given_name} {person.family_name}" == name, name
    with_numbers = Person.objects.exclude(national_id="")
    assert with_numbers.count() == Person.objects.count()  # everyone has a made-up number, nobody a real one
    assert all(identity.parse(n).is_synthetic for n in with_numbers.values_list("national_id", flat=True))
    assert with_numbers.values("national_id").distinct().count() == Person.objects.count()
