"""The repository carries its own copies of the shared valuation contract and worked examples.

Nothing the project runs reads ../shared (a user's clone has none beside it). Where that folder is
there, as on CI, the copies must be the same to the byte, so that they can never drift from it.
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
COPIES = {
    "contracts/valuation.md": ROOT / "docs" / "contracts" / "valuation.md",
    **{
        f"fixtures/valuation/{path.name}": path
        for path in sorted((ROOT / "tests" / "fixtures" / "valuation").glob("*.json"))
    },
}


def test_the_repository_has_the_contract_and_the_three_worked_examples():
    assert COPIES["contracts/valuation.md"].read_text(encoding="utf-8").strip()
    examples = [path for name, path in COPIES.items() if name.startswith("fixtures/")]
    assert len(examples) == 3
    for path in examples:
        assert {"request", "expected"} <= json.loads(path.read_text(encoding="utf-8")).keys()


def test_the_copies_equal_the_shared_folder_where_it_is_beside_the_repository():
    if not SHARED.is_dir():
        pytest.skip("no ../shared beside this clone: the copies are the only source, checked above")
    shared_examples = {f"fixtures/valuation/{p.name}" for p in (SHARED / "fixtures" / "valuation").glob("*.json")}
    assert shared_examples == {name for name in COPIES if name.startswith("fixtures/")}
    for name, copy in COPIES.items():
        assert copy.read_bytes() == (SHARED / name).read_bytes(), f"{copy} differs from ../shared/{name}"
