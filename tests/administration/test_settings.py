"""The municipality's settings: the large-investment threshold, the default language, and whether families see
the names of staff who looked at their data."""

from django.urls import reverse

from welfarelab.access.models import AuditEntry


def settings_data(municipality, **overrides):
    data = {"large_investment_from": "750000", "default_language": "nn", "version": municipality.version}
    data["staff_names_shown_to_families"] = "on"
    return data | overrides


def test_the_administrator_changes_the_threshold_and_the_language_and_it_is_audited(
    as_administrator, administrator, municipality
):
    response = as_administrator.post(reverse("municipality_settings"), settings_data(municipality))

    assert response.status_code == 302
    municipality.refresh_from_db()
    assert (municipality.large_investment_from, municipality.default_language) == (750000, "nn")
    entry = AuditEntry.objects.get(object_type="municipality", object_id=str(municipality.pk))
    assert (entry.user, entry.action, entry.detail) == (
        administrator,
        "update",
        "large investment from 750000, language nn, staff names shown to families",
    )


def test_the_administrator_keeps_staff_names_from_the_familys_page_of_who_has_looked(as_administrator, municipality):
    data = settings_data(municipality)
    del data["staff_names_shown_to_families"]  # the box left unticked
    assert as_administrator.post(reverse("municipality_settings"), data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.staff_names_shown_to_families is False


def test_only_the_administrators_own_municipality_changes(as_administrator, municipality, other_municipality):
    as_administrator.post(reverse("municipality_settings"), settings_data(municipality))
    other_municipality.refresh_from_db()
    assert other_municipality.large_investment_from == 500000


def test_a_threshold_of_nothing_is_refused_naming_the_field_and_keeping_the_language(as_administrator, municipality):
    response = as_administrator.post(
        reverse("municipality_settings"), settings_data(municipality, large_investment_from="0")
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["large_investment_from"]
    assert '<option value="nn" selected>' in response.content.decode()
    municipality.refresh_from_db()
    assert municipality.default_language == "en"


def test_a_change_from_a_page_someone_else_changed_meanwhile_is_refused(as_administrator, municipality):
    # Staying in English, the language these assertions read.
    as_administrator.post(reverse("municipality_settings"), settings_data(municipality, default_language="en"))
    response = as_administrator.post(
        reverse("municipality_settings"),
        settings_data(municipality, large_investment_from="100000", default_language="en"),
    )
    assert response.status_code == 400 and "Someone else changed this" in response.content.decode()
    municipality.refresh_from_db()
    assert municipality.large_investment_from == 750000
