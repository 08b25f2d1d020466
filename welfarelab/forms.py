"""Every form renders with Designsystemet's field markup, so templates just say {{ form }}.

Dates and times are typed as the page's language writes them (10.12.2026, 14:30), in plain text fields:
the browser's own date and time fields follow the browser's language, so an English browser showed
12/10/2026 on a bokmål page. Every date field in a form is a `DateField` (in a model form:
`field_classes = {"name": DateField}`), every date and time a `DateTimeField`; a test walks all forms.
"""

import datetime
import re

from django import forms
from django.forms import Textarea
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.utils import to_current_timezone
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

EXAMPLE_DATE = datetime.date(2026, 12, 10)
EXAMPLE_TIME = datetime.time(14, 30)


def _input_format(key):
    """The format a field shows, the first it takes: the active language's."""
    return formats.get_format(key)[0]


def _date_words():
    # The pattern in the reader's letters: dd.mm.åååå in bokmål and nynorsk.
    return {"pattern": gettext("dd.mm.yyyy"), "example": EXAMPLE_DATE.strftime(_input_format("DATE_INPUT_FORMATS"))}


def _time_words():
    # tt:mm in bokmål and nynorsk.
    return {"pattern": gettext("hh:mm"), "example": EXAMPLE_TIME.strftime(_input_format("TIME_INPUT_FORMATS"))}


def date_hint():
    return gettext("%(pattern)s, for example %(example)s") % _date_words()


def time_hint():
    return gettext("%(pattern)s, for example %(example)s") % _time_words()


DATE_ERROR = lazy(lambda: gettext("Write the date as %(pattern)s, for example %(example)s.") % _date_words(), str)()
TIME_ERROR = lazy(lambda: gettext("Write the time as %(pattern)s, for example %(example)s.") % _time_words(), str)()


class TypedInput:
    """A text field for digits: a phone shows its number pad, and no browser offers what it has seen before."""

    css_class = ""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The bound field's class list replaces the widget's own; keep ours for the width.
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["class"] = " ".join(filter(None, [widget_attrs.get("class"), self.css_class]))
        context["widget"]["hint"] = self.hint
        return context


class DateInput(TypedInput, forms.DateInput):
    css_class = "date-input"

    @property
    def hint(self):
        return date_hint()


class TimeInput(TypedInput, forms.TimeInput):
    css_class = "time-input"

    @property
    def hint(self):
        return time_hint()


def _compact(value, key, length):
    """Digits alone in the order of the active format (10122026, 1430): a phone's number pad has no dot or colon."""
    if isinstance(value, str) and re.fullmatch(rf"[0-9]{{{length}}}", value.strip()):
        return datetime.datetime.strptime(value.strip(), re.sub(r"[^%A-Za-z]", "", _input_format(key)))
    return None


class DateField(forms.DateField):
    """A date as the page's language writes it; ISO (2026-12-10) is still taken, never shown."""

    widget = DateInput
    default_error_messages = {"invalid": DATE_ERROR}

    def to_python(self, value):
        try:
            compact = _compact(value, "DATE_INPUT_FORMATS", 8)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return compact.date() if compact else super().to_python(value)


class TimeField(forms.TimeField):
    widget = TimeInput
    default_error_messages = {"invalid": TIME_ERROR}

    def to_python(self, value):
        try:
            compact = _compact(value, "TIME_INPUT_FORMATS", 4)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return compact.time() if compact else super().to_python(value)


class DateTimeInput(forms.MultiWidget):
    """A date and a time side by side, each with its label and hint, in a fieldset named for the whole."""

    template_name = "forms/widgets/date_time.html"

    def __init__(self, attrs=None):
        super().__init__((DateInput(), TimeInput()), attrs)

    def decompress(self, value):
        if value:
            value = to_current_timezone(value)
            return [value.date(), value.time()]
        return [None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        whole, parts = context["widget"]["attrs"], context["widget"]["subwidgets"]
        invalid = [bool(whole.get("aria-invalid"))] * 2
        if any(invalid):
            # Only the part typed wrong is marked, unless both are right and the moment itself is refused.
            typed = value if isinstance(value, list) and len(value) == 2 else [None, None]
            unreadable = [_unreadable(f, text) for f, text in zip((DateField(), TimeField()), typed, strict=True)]
            invalid = unreadable if any(unreadable) else invalid
        for part, label, wrong in zip(parts, [gettext("Date"), gettext("Time")], invalid, strict=True):
            part["label"] = label
            described = [f"{part['attrs']['id']}_hint"]
            if wrong and whole.get("id"):
                described.append(f"{whole['id']}_error")
            else:
                part["attrs"].pop("aria-invalid", None)
            part["attrs"]["aria-describedby"] = " ".join(described)
        return context


def _unreadable(field, text):
    if isinstance(text, str) and not text.strip():
        return True  # left out, in a date and time that needs both
    try:
        if isinstance(text, str):
            field.to_python(text)
    except forms.ValidationError:
        return True
    return False


class DateTimeField(forms.SplitDateTimeField):
    widget = DateTimeInput
    default_error_messages = {"invalid_date": DATE_ERROR, "invalid_time": TIME_ERROR}

    def __init__(self, **kwargs):
        # SplitDateTimeField's own __init__ would make Django's date and time fields, not ours.
        forms.MultiValueField.__init__(self, (DateField(), TimeField()), **kwargs)


class DesignsystemetBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if not widget.is_hidden:
            attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), attrs.get("class"), "ds-input"]))
        if isinstance(widget, Textarea) and "rows" not in attrs:
            attrs["rows"] = 4  # Django's default of 10 makes a checklist form several screens long
        # A browser's maxlength cuts off what is typed or pasted without a word; the form says the
        # limit instead and keeps the whole text, so nothing is lost unseen.
        attrs["maxlength"] = False
        return attrs

    @property
    def hint(self):
        """How to write the value (dd.mm.åååå, for example 10.12.2026), shown under the label."""
        return getattr(self.field.widget, "hint", "")

    @property
    def aria_describedby(self):
        # Django's, with the hint between the help text and the error, in the order they are shown.
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        if not self.auto_id or self.is_hidden:
            return ""
        described = [
            f"{self.auto_id}_{part}"
            for part, present in [("helptext", self.help_text), ("hint", self.hint), ("error", self.errors)]
            if present
        ]
        return " ".join(described)


class Renderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = DesignsystemetBoundField


# Django 6.1's label for an empty choice in a select. Its own bokmål and nynorsk catalogues do not
# have it yet, so ours do: naming it here keeps it in them when the messages are made again.
EMPTY_CHOICE = gettext_lazy("- Select an option -")


def add_problems(form, problems):
    """Put the room's own checks of what parsed beside the form's errors, so the page names every error at once
    (the room checks again when the action runs, for every door)."""
    for field, messages in problems.items():
        if field not in form.errors:
            form.add_error(field if field in form.fields else None, messages)
