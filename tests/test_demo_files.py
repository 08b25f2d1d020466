"""The demo's YAML files: they read, they load through the app's own rules whatever today's date, and a value
the app would refuse stops the load with a message naming the file, the family, the step and the field."""

import datetime
import shutil

import pytest
import time_machine

from welfarelab.demo import loader
from welfarelab.mapping.models import Meeting
from welfarelab.people.models import Household, Municipality
from welfarelab.plans import agreement


def _families(path):
    found = loader.read(path)
    return found if isinstance(found, list) else [found]


@pytest.mark.parametrize("folder", loader.MUNICIPALITIES)
def test_every_file_a_municipality_names_reads_and_each_family_has_a_name_and_people(folder):
    town = loader.read(loader.HERE / folder / "municipality.yaml")
    assert town["slug"] == folder and town["users"] and town["families"]
    for name in town["families"]:
        for family in _families(loader.HERE / folder / f"{name}.yaml"):
            assert family["name"] and family["people"], (name, family)


@pytest.fixture
def berg_only(tmp_path):
    """A copy of Asker's folder that loads only the Berg family: quick, and free to spoil."""
    folder = tmp_path / "asker"
    shutil.copytree(loader.HERE / "asker", folder)
    town = folder / "municipality.yaml"
    text = town.read_text(encoding="utf-8")
    town.write_text(text[: text.index("families:")] + "families:\n  - familien-berg\n", encoding="utf-8")
    return folder / "familien-berg.yaml"


def _spoil(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load(path):
    return loader.load(folders=["asker"], root=path.parent.parent)


def test_a_copy_of_a_family_file_loads_on_its_own(db, berg_only):
    assert _load(berg_only)
    berg = Household.objects.get(name="Familien Berg")
    assert berg.plan.goals.count() == 5 and agreement.signed(berg).exists()


def test_a_date_that_is_no_date_stops_the_load_naming_the_file_family_step_and_field(db, berg_only):
    _spoil(berg_only, "target_on: 2027-04-30", "target_on: 2027-02-30")

    with pytest.raises(loader.DemoDataError) as refused:
        _load(berg_only)

    message = str(refused.value)
    assert message.startswith("asker/familien-berg.yaml: Familien Berg: plan, goal work: target_on: ")
    assert not Municipality.objects.exists()  # nothing of a refused demo is kept


def test_a_goal_without_its_text_stops_the_load_naming_the_field(db, berg_only):
    _spoil(berg_only, "      text: Maria holder seg rusfri\n", "")

    with pytest.raises(
        loader.DemoDataError, match=r"^asker/familien-berg\.yaml: Familien Berg: plan, goal free: text: "
    ):
        _load(berg_only)


def test_a_rule_of_a_form_holds_for_the_demo_too(db, berg_only):
    # A sub-goal must be reached by its main goal's date, in the demo as on the page.
    _spoil(berg_only, "target_on: 2026-10-31", "target_on: 2027-10-31")

    with pytest.raises(loader.DemoDataError, match=r"Familien Berg: plan, goal practice: target_on: "):
        _load(berg_only)


def test_a_meeting_time_that_is_no_time_is_named(db, berg_only):
    _spoil(berg_only, "at: 2026-03-16 13:00", "at: 16. mars kl. 13")

    with pytest.raises(loader.DemoDataError, match=r"Familien Berg: meeting 1: at: not a date and time"):
        _load(berg_only)


def test_a_note_for_someone_not_in_the_family_is_named(db, berg_only):
    _spoil(berg_only, "person: Maria, text: Gjeld}", "person: Marie, text: Gjeld}")

    with pytest.raises(loader.DemoDataError, match=r"Familien Berg: meeting 1, note 3: person: .*'Marie'"):
        _load(berg_only)


def test_the_demo_loads_the_same_whatever_the_date_of_the_machine(db):
    with time_machine.travel(datetime.datetime(2031, 6, 1, 12, tzinfo=datetime.UTC), tick=False):
        assert loader.load()
    asker = Household.objects.filter(municipality__slug="asker", joined_on__isnull=False)
    assert Meeting.objects.filter(household__in=asker, status=Meeting.Status.HELD).count() == 53
    hagen = asker.get(name="Familien Hagen")
    assert [v.signed_at.date() for v in agreement.signed(hagen).order_by("number")] == [
        datetime.date(2026, 3, 16),
        datetime.date(2026, 9, 16),
    ]
