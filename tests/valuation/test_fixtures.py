"""The pilot's three worked examples, read from the fixtures as they are, reproduce to the krone."""

import pytest

from welfarelab.valuation import valuate

from .builders import FIXTURE_FILES, load_fixture

# How each expected figure of a fixture is read from the engine's response.
FIGURES = {
    "annual_value": lambda response: {
        item["id"]: item["annual_value"] for item in response["benefits"] if item["priced"]
    },
    "annual_priced_total": lambda response: response["totals"]["annual_priced_total"],
    "by_beneficiary": lambda response: response["totals"]["by_beneficiary"],
    "non_priced": lambda response: response["non_priced"],
}

CASES = [
    pytest.param(path, key, id=f"{path.stem}:{key}") for path in FIXTURE_FILES for key in load_fixture(path)["expected"]
]


def test_the_three_pilot_fixtures_are_there():
    assert len(FIXTURE_FILES) == 3


@pytest.mark.parametrize(("path", "key"), CASES)
def test_fixture_figure_is_reproduced_to_the_krone(path, key):
    fixture = load_fixture(path)
    assert key in FIGURES, f"the fixture expects {key!r}, which these tests do not yet read from the response"

    assert FIGURES[key](valuate(fixture["request"])) == fixture["expected"][key]
