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


def fill_the_grid(leader, meeting):
    for area in LifeArea.objects.filter(municipality=meeting.household.municipality):
        for column in ("today", "now", "short_term", "long_term", "who"):
            for n in range(3):
                sheet.add(leader, meeting, f"grid:{area.pk}:{column}", f"{area.code} {column} note {n} " * 4)


def test_a_very_full_sheet_still_fits_on_one_page(client, leader, meeting, family):
    fill_the_grid(leader, meeting)
    for n in range(15):
        sheet.add(leader, meeting, "dreams", f"Dream number {n}")
    client.force_login(leader)
    document = pdf(client, meeting)
    assert len(document.pages) == 1
    assert "Dream number 14" in text_of(document)


def test_a_full_sheet_is_shrunk_only_as_much_as_it_must_be_and_fills_the_page(client, leader, meeting):
    fill_the_grid(leader, meeting)
    client.force_login(leader)
    heights = [y for _text, _size, y in text_runs(pdf(client, meeting).pages[0])]
    # It was measured at the screen's width but printed wider, so it came out small, in the top half of the page.
    assert (max(heights) - min(heights)) / A3_LANDSCAPE[1] > 0.8


def text_runs(page):
    """(text, size in points as printed, height on the page) of each piece of text on a PDF page."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # The text matrix times the current transformation matrix: where and how large the text is on the page.
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text.strip(), size * (c * c + d * d) ** 0.5, y))

    page.extract_text(visitor_text=visit)
    return runs


def test_a_long_word_wraps_in_its_box_and_the_sheet_keeps_its_size_on_paper(client, leader, meeting, family):
    word = "https://www.nav.no/" + "a" * 181  # 200 characters, no space to break at
    housing = LifeArea.objects.get(municipality=family.municipality, code="housing")
    sheet.add(leader, meeting, "good_at", "Cooking")
    for place in ("good_at", "network:friends", f"grid:{housing.pk}:now"):
        sheet.add(leader, meeting, place, word)
    client.force_login(leader)

    document = pdf(client, meeting)

    assert len(document.pages) == 1
    page = document.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == tuple(map(round, A3_LANDSCAPE))
    runs = text_runs(page)
    # The notes are printed at a size to read (11 pt, a little less to fit), not shrunk to fit the word's width...
    assert next(size for text, size, _y in runs if text == "Cooking") >= 7
    # ...so the sheet fills the page from top to bottom rather than a strip at the top,
    heights = [y for _text, _size, y in runs]
    assert (max(heights) - min(heights)) / A3_LANDSCAPE[1] > 0.75
    # and the whole word is there, broken over lines.
    assert "".join(text_of(document).split()).count(word) == 3


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
