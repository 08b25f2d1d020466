"""The sheet on paper: one A3 landscape page, legible, in the user's language."""

import io
import unicodedata

import pypdf
from django.urls import reverse

from tests.mapping.conftest import person
from welfarelab.access.models import AuditEntry
from welfarelab.mapping import sheet
from welfarelab.mapping.models import LifeArea

A3_LANDSCAPE = (1190.55, 841.89)  # points


def pdf(client, meeting, **params):
    response = client.get(reverse("sheet_pdf", args=[meeting.household_id, meeting.pk]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_of(document):
    return unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in document.pages))


def test_the_filled_sheet_is_one_a3_landscape_page_with_what_was_written(client, leader, meeting, family):
    sheet.add(leader, meeting, "dreams", "A permanent position", person=person(family, "Mother"))
    housing = LifeArea.objects.get(municipality=family.municipality, code="housing")
    sheet.add(leader, meeting, f"grid:{housing.pk}:now", "Meeting with the housing office")
    client.force_login(leader)

    document = pdf(client, meeting)

    assert len(document.pages) == 1
    box = document.pages[0].mediabox
    assert (round(float(box.width), 0), round(float(box.height), 0)) == tuple(round(x) for x in A3_LANDSCAPE)
    text = text_of(document)
    assert "Mother: A permanent position" in text
    assert "Meeting with the housing office" in text
    assert f"{family.name}'s plan" in text


def test_the_blank_sheet_has_the_layout_but_no_notes(client, leader, meeting):
    sheet.add(leader, meeting, "dreams", "A permanent position")
    client.force_login(leader)
    text = text_of(pdf(client, meeting, blank="1"))
    assert "A permanent position" not in text
    for heading in ["What I am good at", "What I dream of", "The people around me", "Substance use", "Who / when"]:
        assert heading in text


def test_a_very_full_sheet_still_fits_on_one_page(client, leader, meeting, family):
    areas = LifeArea.objects.filter(municipality=family.municipality)
    for area in areas:
        for column in ("today", "now", "short_term", "long_term", "who"):
            for n in range(3):
                sheet.add(leader, meeting, f"grid:{area.pk}:{column}", f"{area.code} {column} note {n} " * 4)
    for n in range(15):
        sheet.add(leader, meeting, "dreams", f"Dream number {n}")
    client.force_login(leader)
    document = pdf(client, meeting)
    assert len(document.pages) == 1
    assert "Dream number 14" in text_of(document)


def test_the_sheet_is_printed_in_the_users_language(client, leader, meeting):
    client.force_login(leader)
    client.cookies["django_language"] = "nn"
    text = text_of(pdf(client, meeting, blank="1"))
    assert "Det eg drøymer om" in text
    assert "Skule og utdanning" in text


def test_printing_is_audited(client, leader, meeting):
    client.force_login(leader)
    pdf(client, meeting, blank="1")
    assert AuditEntry.objects.filter(household=meeting.household, user=leader, detail="sheet PDF blank").exists()
