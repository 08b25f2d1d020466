"""Which language a page is in: the user's own choice, else the municipality's; never the browser's."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user
from welfarelab.people.models import Municipality, StaffUser

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


@pytest.fixture
def bokmaal_municipality(db):
    return Municipality.objects.create(slug="lier", name="Lier", default_language="nb")


@pytest.fixture
def user(bokmaal_municipality):
    return make_user(bokmaal_municipality, StaffUser.Role.ANALYST)


def lang(response):
    return response.headers["Content-Language"]


def test_the_login_page_is_in_the_installations_language_whatever_the_browser_says(client, settings, db):
    settings.LANGUAGE_CODE = "nb"
    response = client.get(reverse("login"), **ENGLISH_BROWSER)
    assert lang(response) == "nb" and 'lang="nb"' in response.content.decode()


def test_a_user_who_has_not_chosen_reads_the_municipalitys_language_in_an_english_browser(client, user):
    client.force_login(user)
    assert lang(client.get(reverse("home"), **ENGLISH_BROWSER)) == "nb"


def test_a_nynorsk_municipality_shows_nynorsk(client, db):
    nynorsk = Municipality.objects.create(slug="voss", name="Voss", default_language="nn")
    client.force_login(make_user(nynorsk, StaffUser.Role.ANALYST))
    assert lang(client.get(reverse("home"), **ENGLISH_BROWSER)) == "nn"


def test_the_language_picked_is_kept_on_the_user_and_follows_them_to_another_device(client, user):
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"
    another_device = Client()
    another_device.force_login(user)
    assert lang(another_device.get(reverse("home"))) == "en"


def test_a_choice_made_before_logging_in_holds_until_the_user_picks_on_their_account(client, user):
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})  # on the login page
    client.force_login(user)
    assert lang(client.get(reverse("home"))) == "nn"
    user.refresh_from_db()
    assert user.language == ""


def test_the_users_own_choice_wins_over_a_cookie_left_by_someone_else(client, user):
    user.language = "nn"
    user.save()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    assert lang(client.get(reverse("home"))) == "nn"


def test_an_unknown_language_is_neither_kept_nor_shown(client, user):
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    user.refresh_from_db()
    assert user.language == ""
    assert lang(client.get(reverse("home"))) == "nb"


def test_the_participant_page_is_in_one_language_whatever_was_loaded_first(client, leader, family):
    """A label made when the module was imported kept the language of that moment ("Målgruppe" on an English page)."""
    from django.utils import translation

    with translation.override("nb"):
        import importlib

        from welfarelab.people import views

        importlib.reload(views)
    client.force_login(leader)
    page = client.get(f"/participants/{family.pk}/").content.decode()
    assert "Target group" in page and "Målgruppe" not in page
