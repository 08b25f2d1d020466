"""The administrator's actions take values and the principal, not forms: the same checks for every door, and
only an administrator of the municipality carries them out."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import Role, make_user, org
from welfarelab.access.models import AuditEntry
from welfarelab.administration import life_areas, organisations, services, staff
from welfarelab.administration import municipality as settings
from welfarelab.money.models import Service
from welfarelab.people.models import Organisation, StaffUser


@pytest.fixture
def administrator(municipality):
    return make_user(municipality, Role.ADMINISTRATOR)


def link(user):
    return f"https://welfarelab.example/invitation/{user.pk}/"


def test_an_invitation_names_what_is_wrong_and_sends_nothing_until_it_is_right(
    administrator, municipality, other_municipality
):
    make_user(municipality, Role.ANALYST, username="kari@asker.example")
    person = {"first_name": "Kari", "last_name": "Nordmann", "link_for": link}
    with pytest.raises(ValidationError) as refused:
        staff.invite(administrator, **person, email="KARI@asker.example", role=Role.TEAM_MEMBER)
    assert set(refused.value.error_dict) == {"email", "organisation"}
    with pytest.raises(ValidationError) as refused:
        staff.invite(
            administrator, **person, email="ny@asker.example", role="chief", organisation=org(other_municipality, "nav")
        )
    assert set(refused.value.error_dict) == {"role", "organisation"}
    assert not mail.outbox

    invited = staff.invite(
        administrator, **person, email="Ny@Asker.example", role=Role.TEAM_MEMBER, organisation=org(municipality, "nav")
    )
    assert (invited.username, invited.has_usable_password()) == ("ny@asker.example", False)
    assert len(mail.outbox) == 1 and link(invited) in mail.outbox[0].body


def test_a_role_is_changed_from_the_version_seen_and_within_the_municipality(
    administrator, municipality, other_municipality
):
    member = make_user(municipality, Role.TEAM_MEMBER, "nav")
    with pytest.raises(ValidationError) as refused:
        staff.change_role(administrator, member, role=Role.REFERRER, organisation=None, version=1)
    assert set(refused.value.error_dict) == {"organisation"}
    with pytest.raises(ValidationError) as refused:
        staff.change_role(
            administrator, member, role=Role.REFERRER, organisation=org(other_municipality, "skole"), version=1
        )
    assert set(refused.value.error_dict) == {"organisation"}
    staff.change_role(administrator, member, role=Role.REFERRER, organisation=org(municipality, "skole"), version=1)
    assert StaffUser.objects.get(pk=member.pk).role == Role.REFERRER
    with pytest.raises(ValidationError):
        staff.change_role(administrator, member, role=Role.ANALYST, organisation=None, version=1)  # an old page
    assert StaffUser.objects.get(pk=member.pk).role == Role.REFERRER


def test_the_catalogues_and_settings_from_values(administrator, municipality, other_municipality):
    names = {"name_en": "Peer support", "name_nb": "Likepersonsarbeid", "name_nn": "Likepersonsarbeid"}
    area = life_areas.save(administrator, **names)
    assert (area.municipality, area.code) == (municipality, "peer-support")
    with pytest.raises(ValidationError) as refused:
        life_areas.save(administrator, area, **(names | {"name_nb": ""}), version=1)
    assert set(refused.value.error_dict) == {"name_nb"}

    with pytest.raises(ValidationError) as refused:
        organisations.save(administrator, code="nav", owner="state", **names)
    assert set(refused.value.error_dict) == {"code"}
    added = organisations.save(administrator, code="likeperson", owner="voluntary", **names)
    assert added.municipality == municipality

    service = {"organisation": org(other_municipality, "nav"), "unit": "hour", "unit_cost": Decimal(-1)}
    with pytest.raises(ValidationError) as refused:
        services.save(administrator, **names, **service)
    assert set(refused.value.error_dict) == {"organisation", "unit_cost"}
    assert not Service.objects.filter(name_en="Peer support").exists()
    services.save(administrator, **names, **(service | {"organisation": added, "unit_cost": Decimal(450)}))

    with pytest.raises(ValidationError) as refused:
        settings.save(administrator, large_investment_from=Decimal(0), default_language="sv", version=1)
    assert set(refused.value.error_dict) == {"large_investment_from", "default_language"}
    settings.save(administrator, large_investment_from=Decimal(500000), default_language="nn", version=1)
    assert AuditEntry.objects.filter(actor_id=administrator.pk, detail__contains="language nn").exists()


def test_only_an_administrator_carries_them_out(municipality):
    leader = make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende")
    names = {"name_en": "Peer support", "name_nb": "Likepersonsarbeid", "name_nn": "Likepersonsarbeid"}
    for action, values in [
        (life_areas.save, names),
        (organisations.save, names | {"code": "likeperson", "owner": "voluntary"}),
        (settings.save, {"large_investment_from": Decimal(1), "default_language": "nn", "version": 1}),
        (
            staff.invite,
            {"first_name": "A", "last_name": "B", "email": "a@b.example", "role": "analyst", "link_for": link},
        ),
    ]:
        with pytest.raises(PermissionDenied):
            action(leader, **values)
    assert not Organisation.objects.filter(code="likeperson").exists()
