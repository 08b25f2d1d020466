"""The repository carries its own copies of the shared valuation contract and worked examples, with the SHA-256 of
each as it was copied (tests/fixtures/SHA256SUMS).

Nothing the project runs reads the shared folder: the copies are checked against their recorded sums on every
machine. Where the shared folder happens to be beside the clone (as on CI), its files must have the same sums, so
the copies cannot drift from their source; without it, that comparison has nothing to compare and passes.
"""

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared"  # where the copies came from, on the machines that have it
COPIES = {
    "contracts/valuation.md": ROOT / "docs" / "contracts" / "valuation.md",
    **{
        f"fixtures/valuation/{path.name}": path
        for path in sorted((ROOT / "tests" / "fixtures" / "valuation").glob("*.json"))
    },
}


def recorded():
    lines = (ROOT / "tests" / "fixtures" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_repository_has_the_contract_and_the_three_worked_examples():
    assert COPIES["contracts/valuation.md"].read_text(encoding="utf-8").strip()
    examples = [path for name, path in COPIES.items() if name.startswith("fixtures/")]
    assert len(examples) == 3
    for path in examples:
        assert {"request", "expected"} <= json.loads(path.read_text(encoding="utf-8")).keys()


def test_the_copies_are_byte_for_byte_what_was_copied():
    assert {name: sha256(path) for name, path in COPIES.items()} == recorded()


def test_the_source_where_it_is_beside_the_clone_is_what_was_copied():
    """A comparison only: on a user's clone, with no shared folder beside it, there is nothing to compare."""
    if SOURCE.is_dir():
        beside = {name: sha256(SOURCE / name) for name in COPIES}
        assert beside == recorded(), "the shared folder changed: copy it again and record the new sums"
