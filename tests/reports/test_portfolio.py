"""The portfolio: the pilot in numbers on the demo, the same figures on the dashboard and from the command, small
figures masked for those who do not work with the families, and no way from the portfolio to one family."""

import csv
import datetime
import io
import json
import unicodedata
from decimal import Decimal

import pypdf
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from welfarelab.access.models import AuditEntry
from welfarelab.demo import loader
from welfarelab.money import months
from welfarelab.money.models import Investment, PlanValue
from welfarelab.people.models import Household, Municipality, StaffUser
from welfarelab.reports import portfolio

PILOT = {
    "participants_by_target_group": {"A": 5, "B": 4, "C": 5},
    "children_affected": 32,
    "adults_affected": 21,
    "team_participants": 60,
    "investment_leaders": 4,
    "meetings_held": 53,
    "dropped_out": 0,
}


@pytest.fixture
def demo(db):
    loader.load()


def client(username):
    c = Client()
    c.force_login(StaffUser.objects.get(username=username))
    c.cookies["django_language"] = "en"  # the demo's staff read bokmål; these assertions read English
    return c


def asker_figures(**narrowed):
    return portfolio.figures(portfolio.Selection(Municipality.objects.get(slug="asker"), **narrowed))


def test_the_command_prints_the_pilot_in_numbers(demo):
    out = io.StringIO()
    call_command("portfolio", "--json", "--municipality", "asker", stdout=out)
    printed = json.loads(out.getvalue())
    assert {key: printed[key] for key in PILOT} == PILOT
    # Everyone started untenable or vulnerable, and has moved on: nobody is untenable now.
    assert sum(printed["situations"].values()) == 14
    assert printed["situations"]["untenable"] == 0
    assert printed["situations"]["sustainable"] >= 1
    assert set(printed["annual_benefits_by_beneficiary"]) == {"citizen", "municipality", "county", "state", "society"}
    assert printed["invested"] > 0
    # The same figures as the dashboard's, computed once more from the database.
    figures = asker_figures()
    assert printed == json.loads(json.dumps(figures.as_json()))


def test_the_invested_total_is_every_line_from_the_month_each_participant_joined(demo):
    figures = asker_figures()
    today = figures.selection.until
    expected = Decimal(0)
    for line in Investment.objects.filter(household__municipality__slug="asker").select_related("household"):
        joined = months.month_of(line.household.joined_on)
        expected += sum(
            (amount for month, amount in months.cost_by_month(line, today).items() if joined <= month <= today),
            Decimal(0),
        )
    assert figures.money.invested == expected
    assert figures.money.invested == sum(amount for _, amount in figures.money.by_organisation)


def test_money_adds_up_the_plans_as_last_valued(demo):
    figures = asker_figures()
    values = PlanValue.objects.filter(household__municipality__slug="asker", error="")
    assert values.count() >= 3  # the three worked examples at least
    assert figures.money.net_present_value == sum(v.net_present_value for v in values)
    assert figures.money.annual_by_beneficiary["citizen"] == sum(
        v.annual_by_beneficiary.get("citizen", 0) for v in values
    )


def test_a_narrower_selection(demo):
    assert asker_figures(target_group="B").participants == 4
    leader = StaffUser.objects.get(username="leader")
    led = Household.objects.filter(investment_leader=leader, joined_on__isnull=False).count()
    assert asker_figures(leader=leader.pk).participants == led
    # A period before anyone joined has nobody in it.
    early = asker_figures(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30))
    assert early.participants == 0 and early.meetings_held == 0 and early.money.invested == 0


def test_small_figures_are_masked_for_the_analyst_not_for_the_leader(demo):
    # Four young people: a figure about fewer than five.
    analyst = client("analyst").get(reverse("portfolio"))
    assert analyst.status_code == 200
    headline = analyst.context["tables"][0].rows
    young = next(cell for label, cell in headline if str(label).startswith("B"))
    assert young.masked and str(young) == "< 5"
    assert "&lt; 5" in analyst.content.decode()
    leader = client("leader").get(reverse("portfolio"))
    young = next(cell for label, cell in leader.context["tables"][0].rows if str(label).startswith("B"))
    assert not young.masked and young.count == 4


def test_exports_mask_small_figures_for_everyone(demo):
    response = client("leader").get(reverse("portfolio_export", args=["csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    young = next(row for row in rows if row and row[0].startswith("B"))
    assert young[1] == "< 5"
    children = next(row for row in rows if row and row[0] == "Children affected")
    assert children[1] == "32"
    response = client("analyst").get(reverse("portfolio_export", args=["xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    values = [[cell for cell in row] for row in book["headline"].iter_rows(values_only=True)]
    assert ["Children affected", 32] in [list(row) for row in values]
    assert any(row[1] == "< 5" for row in values if row[0] and str(row[0]).startswith("B"))


def test_money_is_hidden_from_the_analyst_for_fewer_than_five_participants(demo):
    response = client("analyst").get(reverse("portfolio"), {"target_group": "B"})
    assert response.context["money_hidden"]
    assert "Money is not shown for fewer than 5 participants." in response.content.decode()
    money = next(table for table in response.context["tables"] if table.key == "money")
    assert all(cell.masked for _, cell in money.rows)


def test_the_analyst_reaches_no_single_participant(demo):
    analyst = client("analyst")
    for household in Household.objects.filter(municipality__slug="asker"):
        for name in ("participant", "journey", "plan", "value", "investment"):
            response = analyst.get(reverse(name, args=[household.pk]))
            assert response.status_code in (403, 404), (name, household, response.status_code)


def test_who_may_see_the_portfolio(demo):
    assert client("member").get(reverse("portfolio")).status_code == 403
    assert client("referrer").get(reverse("portfolio")).status_code == 403
    assert client("admin").get(reverse("portfolio")).status_code == 200
    # Bærum's leader sees Bærum's figures only.
    outsider = client("outsider").get(reverse("portfolio"))
    assert (
        outsider.context["p"].participants
        == Household.objects.filter(municipality__slug="baerum", joined_on__isnull=False).count()
    )


def test_the_portfolio_names_nobody(demo):
    page = client("leader").get(reverse("portfolio")).content.decode()
    for household in Household.objects.filter(municipality__slug="asker", joined_on__isnull=False):
        assert household.name not in page
        for person in household.members.all():
            assert person.given_name not in page


def test_every_look_at_the_portfolio_is_logged(demo):
    before = AuditEntry.objects.count()
    client("analyst").get(reverse("portfolio"))
    client("analyst").get(reverse("portfolio_export", args=["csv"]))
    details = list(AuditEntry.objects.order_by("id").values_list("detail", flat=True)[before:])
    assert details == ["portfolio", "portfolio export csv"]


def test_a_period_that_ends_before_it_begins_is_refused_by_name(demo):
    response = client("analyst").get(reverse("portfolio"), {"start": "2026-06-01", "end": "2026-05-01"})
    assert response.status_code == 200
    assert "The period ends after it begins: choose a later date." in response.content.decode()
    assert response.context["form"]["start"].value() == "2026-06-01"  # what was typed is kept


def test_the_dashboard_takes_a_bounded_number_of_queries(demo, django_assert_max_num_queries):
    leader = client("leader")
    with django_assert_max_num_queries(20):
        leader.get(reverse("portfolio"))


def test_the_management_report_is_a_pdf_with_the_headline_numbers(demo):
    response = client("leader").post(
        reverse("portfolio_report"), {"learnt": "One contact person makes the difference."}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(unicodedata.normalize("NFKC", text).split())  # the printed fonts join "ff" and "fi"
    assert "report to the management" in text
    assert "Children affected 32" in text
    assert "Meetings held 53" in text
    assert "One contact person makes the difference." in text
    assert "Stories of change" in text
    for household in Household.objects.filter(municipality__slug="asker", joined_on__isnull=False):
        assert household.name not in text


def test_exports_write_text_that_looks_like_a_formula_as_text(demo):
    formula = '=HYPERLINK("http://evil.example","Click")'
    Municipality.objects.get(slug="asker").organisations.filter(code="nav").update(name_en=formula, name_nb=formula)
    response = client("leader").get(reverse("portfolio_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["'" + formula] == [row[0] for row in rows if row and "HYPERLINK" in row[0]]
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "@")]

    response = client("leader").get(reverse("portfolio_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content))["organisations"]
    cell = next(row[0] for row in sheet.iter_rows() if row[0].value == formula)
    assert cell.data_type == "s"  # a name, never a formula that runs
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_an_unknown_export_type_is_not_found(demo):
    assert client("leader").get(reverse("portfolio_export", args=["anything"])).status_code == 404
    assert client("leader").get(reverse("portfolio_export", args=["xlsx"])).status_code == 200
