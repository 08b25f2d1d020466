"""The accessibility statement: open to anyone, linked from every page, honest about what is known."""

from django.urls import reverse

from tests.conftest import make_user
from welfarelab.people.models import StaffUser


def test_anyone_can_read_the_statement_without_logging_in(client, db):
    response = client.get(reverse("accessibility"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Accessibility statement for Welfare Lab" in html
    assert "1.4.10 Reflow" in html and "uutilsynet.no" in html


def test_every_page_links_to_it_in_the_footer(client, municipality):
    link = f'<a class="ds-link" href="{reverse("accessibility")}">Accessibility statement</a>'
    assert link in client.get(reverse("login")).content.decode()
    client.force_login(make_user(municipality, StaffUser.Role.ANALYST))
    assert link in client.get(reverse("portfolio")).content.decode()


def test_the_contact_for_feedback_is_the_one_configured(client, db, settings):
    settings.ACCESSIBILITY_CONTACT = "uu@asker.kommune.example"
    assert 'href="mailto:uu@asker.kommune.example"' in client.get(reverse("accessibility")).content.decode()


def test_without_a_configured_contact_it_points_to_the_municipality(client, db, settings):
    settings.ACCESSIBILITY_CONTACT = ""
    html = client.get(reverse("accessibility")).content.decode()
    assert "mailto:" not in html and "tell the municipality that runs Welfare Lab" in html
