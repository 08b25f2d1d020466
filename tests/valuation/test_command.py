"""`manage.py valuate FILE|-`: JSON on stdout and exit 0, or nothing on stdout, the field on stderr and exit 2."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from welfarelab.money.models import Parameter

from .builders import FIXTURE_FILES, REPO_ROOT, benefit, load_fixture, plan

FIXTURE = FIXTURE_FILES[-1]  # example 3: every kind of expected figure, a non-priced benefit included


def run_valuate(argument: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "1", "SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "welfarelab.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", "valuate", argument],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def expected_figures(response: dict) -> dict:
    return {
        "annual_value": {item["id"]: item["annual_value"] for item in response["benefits"] if item["priced"]},
        "annual_priced_total": response["totals"]["annual_priced_total"],
        "by_beneficiary": response["totals"]["by_beneficiary"],
        "non_priced": response["non_priced"],
    }


@pytest.mark.django_db
def test_call_command_prints_the_fixture_figures_as_json():
    stdout = io.StringIO()
    call_command("valuate", str(FIXTURE), stdout=stdout)

    assert expected_figures(json.loads(stdout.getvalue())) == load_fixture(FIXTURE)["expected"]


@pytest.mark.django_db
def test_call_command_reads_standard_input_for_a_dash():
    stdout = io.StringIO()
    request = json.dumps(load_fixture(FIXTURE)["request"])
    call_command("valuate", "-", stdin=io.StringIO(request), stdout=stdout)

    assert expected_figures(json.loads(stdout.getvalue())) == load_fixture(FIXTURE)["expected"]


@pytest.mark.django_db
def test_call_command_raises_a_command_error_with_exit_code_2_on_bad_input():
    request = json.dumps(plan(benefit("production", {"salary": -1, "change": 1})))

    with pytest.raises(CommandError) as error:
        call_command("valuate", "-", stdin=io.StringIO(request), stdout=io.StringIO())

    assert error.value.returncode == 2
    assert str(error.value) == "benefits[0].inputs.salary: must not be negative"


def test_a_fixture_file_prints_the_expected_json_and_exits_0():
    result = run_valuate(str(FIXTURE))

    assert result.returncode == 0, result.stderr
    assert expected_figures(json.loads(result.stdout)) == load_fixture(FIXTURE)["expected"]


def test_a_request_on_standard_input_is_valued():
    result = run_valuate("-", stdin=json.dumps(load_fixture(FIXTURE)["request"]))

    assert result.returncode == 0, result.stderr
    assert expected_figures(json.loads(result.stdout)) == load_fixture(FIXTURE)["expected"]


BAD_INPUTS = {
    "unknown method": (json.dumps(plan(benefit("magic", {}))), "benefits[0].method: unknown method 'magic'"),
    "negative salary": (
        json.dumps(plan(benefit("production", {"salary": -300000, "change": 1}))),
        "benefits[0].inputs.salary: must not be negative",
    ),
    "share outside 0-1": (
        json.dumps(plan(benefit(id="G1"), benefit("production", {"salary": 1, "change": 1.5}, id="G2"))),
        "benefits[1].inputs.change: must be between 0 and 1",
    ),
    "missing parameter year": (
        json.dumps(plan(benefit("qaly", {"improvement": 0.5}), price_year=2000)),
        "benefits[0].inputs.qaly_value: not given, and no parameter set is in force for price_year 2000",
    ),
    "invalid JSON": ('{"price_year": 2016, "benefits": [', "FILE: standard input is not valid JSON"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_2_with_nothing_on_stdout_and_the_field_on_stderr(case):
    stdin, message = BAD_INPUTS[case]
    result = run_valuate("-", stdin=stdin)

    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_a_missing_file_exits_2_with_nothing_on_stdout():
    result = run_valuate(str(REPO_ROOT / "no-such-plan.json"))

    assert result.returncode == 2
    assert result.stdout == ""
    assert "no-such-plan.json" in result.stderr


@pytest.mark.django_db
def test_a_year_an_administrator_added_fills_in_what_the_request_leaves_out():
    Parameter.objects.create(
        name="qaly_value", year=2030, value=1_000_000, unit="NOK per QALY", source="A test", verified=True
    )
    request = plan(benefit("qaly", inputs={"improvement": 0.5}), price_year=2030)
    stdout = io.StringIO()

    call_command("valuate", "-", stdin=io.StringIO(json.dumps(request)), stdout=stdout)

    response = json.loads(stdout.getvalue())
    assert response["benefits"][0]["annual_value"] == 500_000
    assert response["parameters_used"][0]["year"] == 2030
