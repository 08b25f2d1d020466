"""What the installation's operator looks at and changes in Django's admin is in the audit log, as on every page:
the lists, each record, its history, additions, changes (by field, never by value) and deletions."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.conftest import Role, make_user
from welfarelab.access.admin_scope import Audited
from welfarelab.access.models import AuditEntry
from welfarelab.money.models import Service


@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_superuser("operator", "operator@example.org", "a long password")


@pytest.fixture
def as_operator(client, operator):
    client.force_login(operator)
    return client


def entries(operator):
    return list(
        AuditEntry.objects.filter(actor_id=str(operator.pk))
        .order_by("id")
        .values_list("action", "object_type", "detail")
    )


def test_every_model_of_the_lab_in_djangos_admin_is_audited():
    ours = {m: model_admin for m, model_admin in admin.site._registry.items() if m.__module__.startswith("welfarelab")}
    assert len(ours) == 8 and [m for m, model_admin in ours.items() if not isinstance(model_admin, Audited)] == []


def test_reading_a_staff_user_and_the_audit_log_in_the_admin_is_audited(as_operator, operator, municipality):
    member = make_user(municipality, Role.TEAM_MEMBER, "nav")
    as_operator.get(reverse("admin:people_staffuser_changelist"))
    as_operator.get(reverse("admin:people_staffuser_change", args=[member.pk]))
    as_operator.get(reverse("admin:people_staffuser_history", args=[member.pk]))
    as_operator.get(reverse("admin:access_auditentry_changelist"))
    assert entries(operator) == [
        ("view", "staffuser", "admin: the list"),
        ("view", "staffuser", "admin"),
        ("view", "staffuser", "admin: its history"),
        ("view", "auditentry", "admin: the list"),
    ]


def test_changes_in_the_admin_are_audited_by_field(as_operator, operator, municipality):
    member = make_user(municipality, Role.TEAM_MEMBER, "nav")
    as_operator.post(
        reverse("admin:auth_user_password_change", args=[member.pk]),
        {"password1": "another long password 7", "password2": "another long password 7"},
    )
    service = Service.objects.create(
        municipality=municipality,
        organisation=member.organisation,
        name_en="Respite care",
        name_nb="Avlastning",
        name_nn="Avlasting",
        unit="day",
        unit_cost=2400,
    )
    as_operator.post(reverse("admin:money_service_delete", args=[service.pk]), {"post": "yes"})
    found = entries(operator)
    assert ("update", "staffuser") in {(action, what) for action, what, _detail in found}
    assert not [detail for _a, _w, detail in found if "another long password" in detail]
    assert ("delete", "service", "admin") in found
    assert not Service.objects.exists()
