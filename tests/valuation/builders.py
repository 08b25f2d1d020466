"""Small builders for valuation requests, and where the worked-example fixtures live."""

import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# Copies of the pilot's worked examples, unchanged (test_fixture_copies.py keeps them equal to their source).
FIXTURES_DIR = REPO_ROOT / "tests" / "fixtures" / "valuation"
FIXTURE_FILES = sorted(FIXTURES_DIR.glob("*.json"))


def load_fixture(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def benefit(method="production", inputs=None, id="G1", beneficiary="citizen", **fields) -> dict:
    default_inputs = {
        "qaly": {"qaly_value": 665268, "improvement": 0.1},
        "production": {"salary": 300000, "change": 1.0},
        "transfer_reduction": {"annual_transfer": 200000, "change": 1.0},
        "municipal_tax": {"salary": 300000, "change": 1.0, "municipal_tax_rate": 0.12},
        "social_assistance": {"monthly_rate": 5950},
        "unit_cost": {"unit_cost": 1000, "units": 12},
        "qualitative": {"score": "+"},
    }
    return {
        "id": id,
        "beneficiary": beneficiary,
        "method": method,
        "inputs": default_inputs.get(method, {}) if inputs is None else inputs,
        **fields,
    }


def cost(amount=100000, year=1, id="C1", payer="municipality") -> dict:
    return {"id": id, "payer": payer, "amount": amount, "year": year}


def plan(*benefits, costs=None, horizon_years=None, discount_rate=0.04, price_year=2016) -> dict:
    request = {"currency": "NOK", "price_year": price_year, "benefits": list(benefits)}
    if costs is not None:
        request["costs"] = list(costs)
    if horizon_years is not None:
        request["analysis"] = {"horizon_years": horizon_years, "discount_rate": discount_rate}
    return request


def line(response: dict, benefit_id: str) -> dict:
    return next(item for item in response["benefits"] if item["id"] == benefit_id)
