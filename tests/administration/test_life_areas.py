"""Life areas, the rows of the Mapping Tool's grid: added, renamed, put in order, retired; never deleted."""

import pytest
from django.urls import reverse

from tests.conftest import Role, make_user
from welfarelab.access.models import AuditEntry
from welfarelab.mapping.models import LifeArea


def names(**overrides):
    return {
        "name_en": "Faith and belonging",
        "name_nb": "Tro og tilhørighet",
        "name_nn": "Tru og tilhøyrsle",
        "active": "on",
    } | overrides


def grid(municipality):
    return list(LifeArea.objects.filter(municipality=municipality).values_list("code", flat=True))


def test_an_added_life_area_comes_last_on_the_grid_and_is_audited(as_administrator, administrator, municipality):
    response = as_administrator.post(reverse("life_area_new"), names())

    assert response.status_code == 302
    added = LifeArea.objects.get(name_en="Faith and belonging")
    assert (added.municipality, added.code, added.active) == (municipality, "faith-and-belonging", True)
    assert grid(municipality)[-1] == "faith-and-belonging"
    entry = AuditEntry.objects.get(object_type="lifearea", object_id=str(added.pk))
    assert (entry.user, entry.action) == (administrator, "create")


def test_two_life_areas_with_the_same_english_name_get_different_codes(as_administrator, municipality):
    as_administrator.post(reverse("life_area_new"), names())
    as_administrator.post(reverse("life_area_new"), names())
    assert grid(municipality)[-2:] == ["faith-and-belonging", "faith-and-belonging-2"]


def test_a_life_area_is_renamed_in_all_three_languages(as_administrator, municipality):
    work = LifeArea.objects.get(municipality=municipality, code="work")
    data = names(name_en="Work and activity", name_nb="Arbeid og aktivitet", name_nn="Arbeid og aktivitet")
    as_administrator.post(reverse("life_area_edit", args=[work.pk]), {**data, "version": work.version})
    work.refresh_from_db()
    assert (work.name_en, work.name_nb, work.name_nn, work.code) == (
        "Work and activity",
        "Arbeid og aktivitet",
        "Arbeid og aktivitet",
        "work",
    )
    assert AuditEntry.objects.filter(object_type="lifearea", object_id=str(work.pk), action="update").exists()


def test_a_missing_name_is_named_and_what_was_typed_is_kept(as_administrator, municipality):
    response = as_administrator.post(reverse("life_area_new"), names(name_nn=""))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["name_nn"]
    assert 'value="Tro og tilhørighet"' in response.content.decode()
    assert not LifeArea.objects.filter(name_en="Faith and belonging").exists()


def test_a_rename_from_a_page_someone_else_changed_meanwhile_is_refused(as_administrator, municipality):
    work = LifeArea.objects.get(municipality=municipality, code="work")
    url = reverse("life_area_edit", args=[work.pk])
    as_administrator.post(url, {**names(name_en="First"), "version": work.version})
    response = as_administrator.post(url, {**names(name_en="Second"), "version": work.version})
    assert response.status_code == 400 and "Someone else changed this" in response.content.decode()
    work.refresh_from_db()
    assert work.name_en == "First"


@pytest.mark.parametrize(
    ("direction", "expected"), [("up", ["housing", "work"]), ("down", ["work", "physical_health"])]
)
def test_a_life_area_moves_one_place(as_administrator, municipality, direction, expected):
    area = LifeArea.objects.get(municipality=municipality, code="housing")
    as_administrator.post(reverse("life_area_move", args=[area.pk]), {"direction": direction})
    assert grid(municipality)[:2] == expected
    assert AuditEntry.objects.filter(
        object_type="lifearea", object_id=str(area.pk), detail__startswith="moved"
    ).exists()


def test_the_first_life_area_cannot_move_further_up(as_administrator, municipality):
    before = grid(municipality)
    work = LifeArea.objects.get(municipality=municipality, code="work")
    as_administrator.post(reverse("life_area_move", args=[work.pk]), {"direction": "up"})
    assert grid(municipality) == before


def test_a_retired_life_area_is_kept_and_shown_as_retired(as_administrator, municipality):
    # What a retired life area does on the sheet is in tests/mapping/test_sheet.py: it leaves the grid unless used.
    work = LifeArea.objects.get(municipality=municipality, code="work")
    data = {**names(name_en="Work", name_nb="Arbeid", name_nn="Arbeid"), "version": work.version}
    del data["active"]
    as_administrator.post(reverse("life_area_edit", args=[work.pk]), data)

    work.refresh_from_db()
    assert not work.active
    assert "Retired" in as_administrator.get(reverse("life_areas")).content.decode()


def test_there_is_no_way_to_delete_a_life_area(as_administrator, municipality):
    work = LifeArea.objects.get(municipality=municipality, code="work")
    assert as_administrator.post(reverse("life_area_edit", args=[work.pk]), {"delete": "on"}).status_code == 400
    assert LifeArea.objects.filter(pk=work.pk).exists()


def test_only_the_administrators_own_life_areas_are_listed(as_administrator, other_municipality):
    theirs = other_municipality.life_areas.first()
    theirs.name_en = "Only in Bærum"
    theirs.save()
    assert "Only in Bærum" not in as_administrator.get(reverse("life_areas")).content.decode()


def test_a_role_without_administration_cannot_add_a_life_area(client, municipality):
    client.force_login(make_user(municipality, Role.ANALYST))
    assert client.post(reverse("life_area_new"), names()).status_code == 403
    assert not LifeArea.objects.filter(name_en="Faith and belonging").exists()
