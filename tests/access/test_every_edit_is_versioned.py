"""Every form that changes a stored row carries the version the user saw, so that two people saving the same goal,
measure, assessment, benefit or record never overwrite each other silently (welfarelab/access/changes.py).

The forms are found in the code: every call of a form class with `instance=` in the product's modules, wherever
it is. A form a view gives an existing row must have a `version` field; one that only ever creates rows is never
called so. A new edit form without a version fails here, naming it.
"""

import ast
import importlib
from pathlib import Path

import welfarelab

ROOT = Path(welfarelab.__file__).parent
# Given an existing row, and safe without a version: what it changes happens once, under a lock.
ONCE = {"ReopenForm": "coming back: journey.exits.reopen locks the household and refuses a second return"}


def edit_forms():
    """{form class: where it is called with instance=} across the product (the demo's loader included)."""
    found = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _imported_names(tree, path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and any(k.arg == "instance" for k in node.keywords):
                form = _resolve(node.func, names)
                if form is not None:
                    found.setdefault(form, f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    return found


def _module_of(path):
    return ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)


def _imported_names(tree, path):
    """What each name in the module stands for: a module or a class, by its dotted name."""
    own = _module_of(path)
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("welfarelab"):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.ClassDef):
            names[node.name] = f"{own}.{node.name}"
    return names


def _resolve(func, names):
    """The form class a call names, if it is one of the product's."""
    if isinstance(func, ast.Name):
        dotted = names.get(func.id)
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in names:
        dotted = f"{names[func.value.id]}.{func.attr}"
    else:
        return None
    if not dotted or not dotted.endswith("Form"):
        return None
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name, None)


def unversioned(found):
    return [
        f"{form.__module__}.{form.__name__} ({where})"
        for form, where in found.items()
        if "version" not in form.base_fields and form.__name__ not in ONCE
    ]


def test_every_form_given_a_stored_row_carries_the_version_the_user_saw(db):
    found = edit_forms()
    names = {form.__name__ for form in found}
    assert {"GoalForm", "MeasureForm", "AssessmentForm", "BenefitForm", "InvestmentForm", "MeetingForm"} <= names
    assert not unversioned(found), "edit forms without the version the user saw:\n" + "\n".join(unversioned(found))


def test_the_check_finds_an_edit_form_without_a_version(monkeypatch):
    from welfarelab.plans import plan

    monkeypatch.delitem(plan.GoalForm.base_fields, "version")
    assert [line.split(" ")[0] for line in unversioned(edit_forms())] == ["welfarelab.plans.plan.GoalForm"]
