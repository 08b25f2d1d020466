"""Dates are read and typed as the page's language writes them (10.12.2026), whatever the browser's language."""

import datetime
import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.formats import date_format

import welfarelab
from tests.capture.test_referral import MOTHER, referral_post
from welfarelab.forms import DateField, DateTimeField
from welfarelab.mapping.models import Meeting
from welfarelab.reports import tables

DECEMBER_10 = datetime.date(2026, 12, 10)
LANGUAGES = ["nb", "nn", "en"]
WRITE_IT_SO = "Write the date as dd.mm.yyyy, for example 10.12.2026."


class DayForm(forms.Form):
    day = DateField(label="Day")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_field_shows_the_day_first_in_every_language(language):
    with translation.override(language):
        html = str(DayForm(initial={"day": DECEMBER_10})["day"])
    assert 'value="10.12.2026"' in html
    assert 'type="text"' in html and 'inputmode="numeric"' in html and 'autocomplete="off"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_field_shows_a_date_as_every_other_date_on_the_page(language):
    with translation.override(language):
        assert DECEMBER_10.strftime(formats.get_format("DATE_INPUT_FORMATS")[0]) == date_format(
            DECEMBER_10, "SHORT_DATE_FORMAT"
        )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("typed", ["10.12.2026", "10122026", "2026-12-10", " 10.12.2026 "])
def test_a_date_is_taken_day_first_in_full_or_as_digits_and_iso_still_works(language, typed):
    with translation.override(language):
        form = DayForm({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == DECEMBER_10


def test_the_hint_says_how_to_write_the_date_and_is_read_out_with_the_field():
    with translation.override("en"):
        html = DayForm().as_div()
    assert '<div data-field="description" id="id_day_hint">dd.mm.yyyy, for example 10.12.2026</div>' in html
    assert 'aria-describedby="id_day_hint"' in html


@pytest.mark.parametrize("typed", ["31.02.2026", "12/10/2026", "tomorrow", "10.12.26", "1012026"])
def test_a_bad_date_is_refused_naming_the_format_and_what_was_typed_is_kept(typed):
    with translation.override("en"):
        form = DayForm({"day": typed})
        assert not form.is_valid()
        assert form.errors["day"] == [WRITE_IT_SO]
        html = str(form["day"])
    assert f'value="{typed}"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_day_hint id_day_error"' in html


def test_a_bad_birth_date_in_a_referral_is_named_in_the_summary_and_kept_at_its_field(client, referrer, municipality):
    client.force_login(referrer)
    response = client.post(reverse("referral_new"), referral_post(municipality, [dict(MOTHER, birth_date="2.1.32")]))
    html = response.content.decode()
    assert f"Person 1, Birth date: {WRITE_IT_SO}" in html
    assert 'value="2.1.32"' in html


class MeetingTimeForm(forms.Form):
    when = DateTimeField(label="Date and time")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_and_time_are_two_fields_each_with_its_label_and_hint(language):
    moment = timezone.make_aware(datetime.datetime(2026, 12, 10, 14, 30))
    with translation.override(language):
        html = str(MeetingTimeForm(initial={"when": moment})["when"])
    assert 'name="when_0" value="10.12.2026"' in html
    assert 'name="when_1" value="14:30"' in html
    assert 'aria-describedby="id_when_0_hint"' in html and 'aria-describedby="id_when_1_hint"' in html
    assert '<label class="ds-label" for="id_when_1">' in html


@pytest.mark.parametrize("typed", ["14:30", "14.30", "1430"])
def test_a_time_is_taken_with_a_colon_a_dot_or_digits_alone(typed):
    form = MeetingTimeForm({"when_0": "10.12.2026", "when_1": typed})
    assert form.is_valid(), form.errors
    assert timezone.localtime(form.cleaned_data["when"]) == timezone.make_aware(datetime.datetime(2026, 12, 10, 14, 30))


def test_a_bad_time_is_refused_naming_the_format_and_kept():
    with translation.override("en"):
        form = MeetingTimeForm({"when_0": "10.12.2026", "when_1": "2:30 PM"})
        assert form.errors["when"] == ["Write the time as hh:mm, for example 14:30."]
        html = str(form["when"])
    assert 'value="2:30 PM"' in html
    assert 'aria-describedby="id_when_1_hint id_when_error"' in html
    assert html.count('aria-invalid="true"') == 1  # the date was right: only the time is marked


def test_the_meeting_a_decision_was_made_in_is_named_with_the_date_as_the_language_writes_it():
    early = timezone.make_aware(datetime.datetime(2026, 12, 10, 0, 30))  # still the 9th in UTC
    meeting = Meeting(kind=Meeting.Kind.PLAN, planned_at=early)
    with translation.override("en"):
        assert str(meeting) == "Plan meeting 10.12.2026"


def test_a_month_in_the_portfolio_reads_as_a_month_on_screen_and_sorts_in_a_spreadsheet():
    december = tables.Month(datetime.date(2026, 12, 1))
    with translation.override("en"):
        assert str(december) == "December 2026"
    assert tables.plain(december) == "2026-12"


def _project_forms():
    for module in pkgutil.walk_packages(welfarelab.__path__, "welfarelab."):
        if ".migrations" not in module.name and ".management" not in module.name:
            importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return sorted({f for f in below(forms.BaseForm) if f.__module__.startswith("welfarelab.")}, key=str)


def test_every_date_field_in_every_form_is_typed_as_the_language_writes_it():
    """Django's own date fields show ISO first (nb) or nothing to guide; ours show dd.mm.åååå with a hint."""
    plain = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, (forms.DateField, forms.DateTimeField, forms.TimeField, forms.SplitDateTimeField))
        and not isinstance(field, (DateField, DateTimeField))
    ]
    assert not plain, "use welfarelab.forms.DateField (model forms: Meta.field_classes) or DateTimeField: " + ", ".join(
        plain
    )
