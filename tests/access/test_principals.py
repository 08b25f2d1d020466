"""The policy and the audit take a principal: a staff user, a citizen, an API client or the system."""

import dataclasses

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import make_household, make_participant
from welfarelab.access import audit, policy
from welfarelab.access.models import AuditEntry
from welfarelab.access.principals import Citizen, Kind, System
from welfarelab.people.models import Person


@pytest.fixture
def participant(municipality, leader, referrer):
    return make_participant(municipality, leader, referrer)


def _citizen_sharing_an_id_with(staff_user, household):
    """A person whose id happens to be a staff user's: the accident a citizen login must not exploit."""
    person = Person(pk=staff_user.pk, household=household, municipality=household.municipality, given_name="Kari")
    return Citizen(person)


def test_a_citizen_never_gains_a_staff_role(leader, participant):
    citizen = _citizen_sharing_an_id_with(leader, participant)
    with pytest.raises((AttributeError, dataclasses.FrozenInstanceError)):
        citizen.role = leader.role
    with pytest.raises((AttributeError, dataclasses.FrozenInstanceError)):
        citizen.principal_kind = Kind.STAFF
    assert not hasattr(citizen, "role")


def test_a_citizen_passes_no_staff_rule_even_with_a_staff_users_id(municipality, leader, referrer, participant):
    inbox_family = make_household(municipality, referrer)
    citizen = _citizen_sharing_an_id_with(leader, participant)
    for principal in (citizen, _citizen_sharing_an_id_with(referrer, participant), System("revalue", municipality.pk)):
        # A citizen sees their own family (the portal's rules, tests/portal), never the staff user's families.
        assert set(policy.households(principal)) <= {participant}
        assert not policy.led(principal).exists()
        assert not policy.inbox(principal).exists()
        assert not policy.referrals(principal).exists()
        assert not policy.persons_registered(principal, inbox_family).exists()
        assert not policy.leads(principal, participant)
        assert not policy.leads(principal, inbox_family)
        for action, obj in [
            ("register_referral", None),
            ("take_referral_from_inbox", None),
            ("take_referral", inbox_family.referral),
            ("work_on_referral", participant.referral),
            ("lead", participant),
            ("administer", None),
            ("see_portfolio", None),
            ("read_audit_log", None),
        ]:
            assert not policy.may(principal, action, obj), (principal, action)
    assert policy.may(leader, "lead", participant)  # the staff user with the same id still leads


def test_the_audit_names_a_citizen_and_a_task_as_it_names_staff(municipality, leader, participant):
    mother = participant.members.first()
    audit.record(leader, audit.VIEW, participant, detail="participant page")
    audit.record(Citizen(mother), audit.VIEW, participant, detail="portal")
    audit.record(System("revalue plans", municipality.pk), audit.UPDATE, participant, detail="revalued")
    staff, citizen, system = AuditEntry.objects.filter(household=participant).order_by("id")
    assert (staff.actor_kind, staff.actor_id, staff.actor_name, staff.user, staff.role) == (
        Kind.STAFF,
        str(leader.pk),
        leader.username,
        leader,
        leader.role,
    )
    assert (citizen.actor_kind, citizen.actor_id, citizen.actor_name, citizen.user, citizen.role) == (
        Kind.CITIZEN,
        str(mother.pk),
        str(mother),
        None,
        "",
    )
    assert (system.actor_kind, system.actor_id, system.actor_name, system.user) == (
        Kind.SYSTEM,
        "",
        "revalue plans",
        None,
    )
    assert {e.municipality_id for e in (staff, citizen, system)} == {municipality.pk}
    assert system.role_label == "The system"


def test_the_audit_log_page_shows_who_whatever_their_kind(client, municipality, participant):
    from tests.conftest import Role, make_user

    admin = make_user(municipality, Role.ADMINISTRATOR)
    audit.record(System("expire consents", municipality.pk), audit.UPDATE, participant, detail="consent expired")
    client.force_login(admin)
    page = client.get("/audit/").content.decode()
    assert "expire consents" in page
    assert "The system" in page


@pytest.mark.django_db(transaction=True)
def test_the_entries_written_before_keep_their_meaning(municipality, leader):
    executor = MigrationExecutor(connection)
    executor.migrate([("access", "0002_initial")])
    old = executor.loader.project_state([("access", "0002_initial")]).apps.get_model("access", "AuditEntry")
    old.objects.create(
        user_id=leader.pk,
        username=leader.username,
        role=leader.role,
        municipality_id=municipality.pk,
        action="view",
        object_type="household",
        object_id="1",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    entry = AuditEntry.objects.get()
    assert (entry.actor_kind, entry.actor_id, entry.actor_name, entry.user_id, entry.role) == (
        Kind.STAFF,
        str(leader.pk),
        leader.username,
        leader.pk,
        leader.role,
    )
