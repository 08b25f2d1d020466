"""The audit log as a data protection officer reads it: by person, family, member of staff, organisation, action
and dates, a page at a time without counting the rows, exported for an access request; every read of it is in
it too, and another municipality's entries are never found."""

import csv
import datetime
import io
import unicodedata

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import Role, make_user, org
from welfarelab.access import audit, log, views
from welfarelab.access.models import AuditEntry

NOON = datetime.time(12)


@pytest.fixture
def administrator(municipality):
    return make_user(municipality, Role.ADMINISTRATOR)


@pytest.fixture
def as_administrator(client, administrator):
    client.force_login(administrator)
    return client


def look(time_machine, who, what, day, detail="participant page"):
    time_machine.move_to(timezone.make_aware(datetime.datetime.combine(day, NOON)), tick=False)
    return audit.record(who, audit.VIEW, what, detail=detail)


def shown(response):
    return [e.detail for e in response.context["entries"]]


def test_what_a_member_of_staff_looked_at_last_month_in_two_clicks(
    as_administrator, time_machine, leader, member, family
):
    look(time_machine, member, family, datetime.date(2026, 10, 31), "october")
    look(time_machine, member, family, datetime.date(2026, 11, 15), "november")
    look(time_machine, leader, family, datetime.date(2026, 11, 16), "the leader's")
    look(time_machine, member, family, datetime.date(2026, 12, 1), "december")

    page = as_administrator.get(reverse("staff_member", args=[member.pk]))
    link = next(line for line in page.content.decode().split('"') if line.startswith("/audit/?user="))
    assert shown(as_administrator.get(link.replace("&amp;", "&"))) == ["november"]


def test_everyone_who_looked_at_a_person_by_their_identity_number(as_administrator, leader, member, family, referrer):
    mother = family.members.get(given_name="Mother")
    type(mother).objects.filter(pk=mother.pk).update(national_id="01018512345")
    audit.record(member, audit.VIEW, family, detail="the family's page")
    other = type(family).objects.create(municipality=family.municipality, name="Another family")
    audit.record(leader, audit.VIEW, other, detail="another family's page")

    response = as_administrator.get(reverse("audit_log"), {"national_id": "010185 12345"})
    assert "the family's page" in shown(response) and "another family's page" not in shown(response)

    type(mother).objects.create(  # the same number in a second family: a possible duplicate, both are shown
        household=other,
        municipality=family.municipality,
        given_name="Mother",
        birth_date=mother.birth_date,
        national_id="01018512345",
    )
    both = shown(as_administrator.get(reverse("audit_log"), {"national_id": "01018512345"}))
    assert "the family's page" in both and "another family's page" in both

    unknown = as_administrator.get(reverse("audit_log"), {"national_id": "31129912345"})
    assert unknown.status_code == 400 and "national_id" in unknown.context["form"].errors
    assert shown(unknown) == []  # a refused filter shows nothing, rather than everything


def test_by_organisation_and_action(as_administrator, leader, member, family):
    audit.record(member, audit.VIEW, family, detail="NAV looked")
    audit.record(member, audit.UPDATE, family, detail="NAV changed")
    audit.record(leader, audit.VIEW, family, detail="the leader looked")
    nav = org(family.municipality, "nav").pk
    assert shown(as_administrator.get(reverse("audit_log"), {"organisation": nav})) == ["NAV changed", "NAV looked"]
    assert shown(as_administrator.get(reverse("audit_log"), {"organisation": nav, "action": "update"})) == [
        "NAV changed"
    ]


def test_pages_go_back_from_the_newest_without_counting_every_row(as_administrator, leader, family):
    for n in range(log.PAGE * 2 + 5):
        audit.record(leader, audit.VIEW, family, detail=f"look {n}")
    with CaptureQueriesContext(connection) as queries:
        first = as_administrator.get(reverse("audit_log"), {"household": family.pk})
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert shown(first)[0] == f"look {log.PAGE * 2 + 4}" and len(shown(first)) == log.PAGE
    second = as_administrator.get(reverse("audit_log"), {"household": family.pk, "before": first.context["older"]})
    third = as_administrator.get(reverse("audit_log"), {"household": family.pk, "before": second.context["older"]})
    assert shown(second)[0] == f"look {log.PAGE + 4}" and shown(third)[-1] == "look 0"
    assert third.context["older"] is None and len(queries.captured_queries) < 15


def test_reading_and_exporting_the_log_are_in_the_log(as_administrator, administrator, leader, family):
    audit.record(leader, audit.VIEW, family, detail='=HYPERLINK("http://evil.example")')
    as_administrator.get(reverse("audit_log"), {"household": family.pk})
    response = as_administrator.get(reverse("audit_log_export"), {"household": family.pk})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["When", "Who"]
    details = [row[-1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example")' in details  # a text, never a formula
    reads = AuditEntry.objects.filter(actor_id=str(administrator.pk), household=family).order_by("id")
    assert [e.detail for e in reads] == [
        f"audit log read: household {family.pk}",
        f"audit log exported: household {family.pk}",
    ]


def test_only_the_municipalitys_administrator_reads_it(client, municipality, other_municipality, leader, family):
    audit.record(leader, audit.VIEW, family, detail="participant page")
    client.force_login(leader)
    assert client.get(reverse("audit_log")).status_code == 403
    assert client.get(reverse("audit_log_export")).status_code == 403
    assert client.get(reverse("audit_log_pdf")).status_code == 403
    client.force_login(make_user(other_municipality, Role.ADMINISTRATOR))
    response = client.get(reverse("audit_log"), {"household": family.pk})
    assert response.status_code == 400 and "household" in response.context["form"].errors
    export = client.get(reverse("audit_log_export")).content.decode("utf-8-sig")
    assert "participant page" not in export


def test_the_log_is_printed_to_pdf_with_what_was_asked_and_the_printing_is_in_the_log(
    as_administrator, administrator, leader, family, monkeypatch
):
    audit.record(leader, audit.VIEW, family, detail="participant page")
    audit.record(leader, audit.UPDATE, family, detail="<script>alert(1)</script>")
    response = as_administrator.get(reverse("audit_log_pdf"), {"household": family.pk, "user": leader.pk})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    document = pypdf.PdfReader(io.BytesIO(response.content))
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in document.pages))
    assert "Audit log" in text and str(family.municipality) in text
    assert f"Family number: {family.pk}" in text and f"Member of staff: {leader.get_full_name()}" in text
    assert "2 entries, newest first" in text
    # Printed as the text it is (a narrow column may wrap it, wherever the family's number makes it break).
    assert "participant page" in text and "<script>alert(1)</script>" in "".join(text.split())
    assert AuditEntry.objects.filter(
        actor_id=str(administrator.pk), household=family, detail__startswith="audit log printed: household"
    ).exists()

    monkeypatch.setattr(views, "PRINTED", 1)
    text = " ".join(
        p.extract_text()
        for p in pypdf.PdfReader(io.BytesIO(as_administrator.get(reverse("audit_log_pdf")).content)).pages
    )
    assert "The CSV download holds them all" in " ".join(text.split())


def test_a_refused_filter_prints_nothing(as_administrator):
    response = as_administrator.get(reverse("audit_log_pdf"), {"household": 999_999})
    assert response.status_code == 400 and "household" in response.context["form"].errors
