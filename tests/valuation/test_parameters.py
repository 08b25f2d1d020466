"""Parameters by year: the value in force for the price year, with source and verified flag."""

from decimal import Decimal

import pytest

from welfarelab.valuation import valuate
from welfarelab.valuation.parameters import (
    BUILT_IN,
    ParameterNotInForce,
    convert_kroner,
    parameter_in_force,
    parameters_in_force,
)

from .builders import benefit, line, plan

EXPECTED_PARAMETERS = {
    "qaly_value",
    "municipal_tax_rate",
    "work_assessment_allowance_share",
    "social_assistance_monthly_rate",
    "basic_amount",
    "consumer_price_index",
}


def test_the_value_in_force_is_the_latest_published_in_or_before_the_year():
    assert parameter_in_force("basic_amount", 2019).value == 99858
    assert parameter_in_force("social_assistance_monthly_rate", 2030).year == 2024


def test_no_value_is_in_force_before_the_first_year():
    with pytest.raises(ParameterNotInForce) as error:
        parameter_in_force("qaly_value", 2010)

    assert error.value.earliest == 2016


def test_every_parameter_of_the_set_has_a_value_for_the_pilot_year():
    assert set(parameters_in_force(2016)) == EXPECTED_PARAMETERS


def test_every_parameter_names_its_source_and_whether_it_is_verified():
    for parameter in BUILT_IN:
        assert parameter.source.strip(), parameter
        assert isinstance(parameter.verified, bool), parameter


def test_kroner_are_converted_between_years_by_the_consumer_price_index():
    assert convert_kroner(Decimal("1036"), 2016, 2015) == Decimal("1000")


def test_converting_to_a_year_without_a_price_index_fails():
    with pytest.raises(ParameterNotInForce):
        convert_kroner(Decimal(1), 2016, 2099)


def test_a_missing_input_is_taken_from_the_parameter_set_for_the_price_year():
    response = valuate(plan(benefit("qaly", {"improvement": 0.5}), price_year=2016))

    assert line(response, "G1")["annual_value"] == 332634


def test_a_parameter_taken_from_the_store_is_reported_with_its_year_and_source():
    response = valuate(plan(benefit("municipal_tax", {"salary": 100000, "change": 1}), price_year=2019))

    assert response["parameters_used"] == [
        {
            "field": "benefits[0].inputs.municipal_tax_rate",
            "parameter": "municipal_tax_rate",
            "year": 2019,
            "value": 0.1155,
            "unit": "share",
            "source": parameter_in_force("municipal_tax_rate", 2019).source,
            "verified": True,
        }
    ]
    assert line(response, "G1")["annual_value"] == 11550


def test_a_given_input_wins_over_the_parameter_set():
    response = valuate(plan(benefit("social_assistance", {"monthly_rate": 5000}), price_year=2024))

    assert line(response, "G1")["annual_value"] == 60000
    assert response["parameters_used"] == []
