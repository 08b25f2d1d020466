"""The plan's value kept for the portfolio is worked out again after a change has committed, as a task, never
inside the change's transaction."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.tasks import default_task_backend
from django.urls import reverse

from tests.money.conftest import line_data
from tests.money.test_benefits import goal, post_benefit, production_data, valued_as
from welfarelab.access import chain
from welfarelab.money import benefits, investment
from welfarelab.money.models import Investment, PlanValue

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def recorded_line(leader, household):
    form = investment.InvestmentForm(line_data(household), user=leader, household=household)
    assert form.is_valid(), form.errors
    return investment.save(leader, household, **form.values())


def test_a_benefit_saved_is_valued_once_the_change_has_committed(
    client, leader, family, django_capture_on_commit_callbacks
):
    valued_as(family, price_year=2024, horizon_years=1, discount_rate=Decimal(0))
    client.force_login(leader)

    with django_capture_on_commit_callbacks() as committed:
        assert post_benefit(client, family, production_data(goal(family))).status_code == 302
        assert not PlanValue.objects.exists()  # not inside the request's transaction

    revaluations = [callback for callback in committed if callback.func is not chain.seal]  # the audit's seal too
    assert len(revaluations) == 1
    revaluations[0]()
    value = PlanValue.objects.get(household=family)
    assert (value.price_year, value.present_value_benefits, value.error) == (2024, 300000, "")


def test_revaluing_is_a_task_given_the_households_id(leader, family, settings, django_capture_on_commit_callbacks):
    settings.TASKS = DUMMY

    with django_capture_on_commit_callbacks(execute=True):
        recorded_line(leader, family)

    [enqueued] = default_task_backend.results
    assert (enqueued.task.module_path, enqueued.args) == ("welfarelab.money.benefits.revalue_plan", [family.pk])
    assert not PlanValue.objects.exists()  # nothing valued until the task runs


def test_a_change_rolled_back_is_not_valued(leader, family, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks(execute=True)
    with capture as committed, pytest.raises(RuntimeError), transaction.atomic():
        recorded_line(leader, family)
        raise RuntimeError("the rest of the request failed")

    assert committed == []
    assert not Investment.objects.exists() and not PlanValue.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_plan_is_valued_after_the_request_committed_outside_any_transaction(client, leader, family, monkeypatch):
    seen = []

    def revalue(household, *args, **kwargs):
        seen.append((Investment.objects.filter(household=household).count(), connection.in_atomic_block))
        return original(household, *args, **kwargs)

    original = benefits.revalue
    monkeypatch.setattr(benefits, "revalue", revalue)
    valued_as(family, price_year=2024)
    client.force_login(leader)

    response = client.post(reverse("investment_new", args=[family.pk]), line_data(family))

    assert response.status_code == 302
    assert seen == [(1, False)]  # the line is committed, and the valuing is in no transaction
    assert PlanValue.objects.get(household=family).present_value_costs > 0
