"""The agreement on paper: a real PDF, in the language the version was prepared in."""

import io
import unicodedata

import pypdf
from django.urls import reverse

from tests.mapping.conftest import person
from tests.plans.conftest import make_goal, make_measure, prepare
from welfarelab.access.models import AuditEntry


def pdf_text(client, household, number):
    response = client.get(reverse("agreement_pdf", args=[household.pk, number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="agreement-{number}.pdf"'
    document = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(document.pages) >= 1
    return unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in document.pages))


def housing_plan(household):
    goal = make_goal(household, text="A flat with a room for each child", code="housing")
    make_measure(household, text="Apply for a council flat", goal=goal, how_often="Once")


def test_the_agreement_pdf_holds_the_family_name_goals_and_measures(client, leader, family):
    housing_plan(family)
    prepare(leader, family)
    client.force_login(leader)

    text = pdf_text(client, family, 1)

    assert family.name in text
    assert "A flat with a room for each child" in text
    assert "Apply for a council flat" in text
    assert "Mother" in text and "Father" in text  # the adults sign


def test_the_agreement_is_printed_in_the_language_it_was_prepared_in(client, leader, family):
    housing_plan(family)
    prepare(leader, family, language="nb")
    client.force_login(leader)  # the leader works in English

    text = pdf_text(client, family, 1)

    assert "A flat with a room for each child" in text
    assert "Bosituasjon" in text  # the life area, as the family reads it
    assert "velferdslab" in text.lower()  # the brand, printed in capitals
    assert "Navn" in text  # the signatures' heading
    assert "Housing" not in text


def test_a_member_prints_only_what_the_consent_covers(client, leader, member, family):
    housing_plan(family)
    make_goal(family, text="A goal of the father", person=person(family, "Father"))
    prepare(leader, family)
    client.force_login(member)

    text = pdf_text(client, family, 1)

    assert "A flat with a room for each child" in text
    assert "A goal of the father" not in text


def test_printing_the_agreement_is_audited(client, leader, family):
    housing_plan(family)
    prepare(leader, family)
    client.force_login(leader)

    pdf_text(client, family, 1)

    assert AuditEntry.objects.filter(
        household=family, user=leader, action="view", detail="agreement version 1 PDF"
    ).exists()
