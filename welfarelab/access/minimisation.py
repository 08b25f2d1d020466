"""Data minimisation in shared text: what is written for the whole family is read by everyone who sees the family,
also by a team member whose consent does not cover the member the text is about ("Per works full time ..." read
by NAV when Per has not consented to NAV). So when a text for the whole family names a member, the form asks the
writer to make it that member's own, or to confirm that it is for the whole family.
"""

import re

from django import forms
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELD = "for_the_whole_family"


def named(text, persons):
    """The persons among `persons` whose given name `text` uses as a word (names are written capitalised)."""
    return [p for p in persons if p.given_name and re.search(rf"(?<!\w){re.escape(p.given_name)}(?!\w)", text or "")]


def ask(form, text, person):
    """Put the question on `form`, whose field `text` is written for the whole family unless `person` names one."""
    form.fields[FIELD] = forms.BooleanField(
        label=gettext_lazy("Yes, this is for the whole family: everyone who sees the family may read it"),
        required=False,
        widget=forms.HiddenInput,  # asked only when the text names someone (`check`)
    )
    form.asks = (*getattr(form, "asks", ()), FIELD)
    form.minimised = (text, person)


def check(form, cleaned):
    """In `form.clean`: a text for the whole family that names someone the writer may give it to is refused, once,
    with the question, unless the writer confirms it is for the whole family."""
    text, person = form.minimised
    if cleaned.get(person) or cleaned.get(FIELD):
        return
    found = named(cleaned.get(text), form.fields[person].queryset)
    if found:
        names = get_text_list([str(p) for p in found], _("and"))
        message = _(
            "The text names %(names)s. Choose them here to make it their own, or tick below that it is for the whole "
            "family."
        )
        form.add_error(person, message % {"names": names})
        form.fields[FIELD].widget = forms.CheckboxInput()
