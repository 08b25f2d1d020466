"""Data minimisation in shared text: what is written for the whole family is read by everyone who sees the family,
also by a team member whose consent does not cover the member the text is about ("Per works full time ..." read
by NAV when Per has not consented to NAV). So when a text for the whole family names a member, the form asks the
writer to make it that member's own (or, where a text is always the family's, to write it without the name), or to
confirm that it is for the whole family; the confirmation is kept (`WholeFamilyText`), and what was written without
one is listed for the investment leader to review (`plans.family_texts`).
"""

import hashlib
import re

from django import forms
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from welfarelab.access.models import WholeFamilyText

FIELD = "for_the_whole_family"


def named(text, persons):
    """The persons among `persons` whose given name `text` uses as a word, also in the genitive ("Karis", "Kari's");
    names are written capitalised."""
    return [
        p for p in persons if p.given_name and re.search(rf"(?<!\w){re.escape(p.given_name)}(?:'?s)?(?!\w)", text or "")
    ]


def ask(form, text, person=None, persons=None):
    """Put the question on `form`, whose field `text` is written for the whole family unless its field `person`
    names one; where there is no such field, the text is always the family's and may name any of `persons`."""
    form.fields[FIELD] = forms.BooleanField(
        label=gettext_lazy("Yes, this is for the whole family: everyone who sees the family may read it"),
        required=False,
        widget=forms.HiddenInput,  # asked only when the text names someone (`check`)
    )
    form.asks = (*getattr(form, "asks", ()), FIELD)
    form.minimised = (text, person, persons)


def check(form, cleaned):
    """In `form.clean`: a text for the whole family that names someone the writer may see is refused, once, with
    the question, unless the writer confirms it is for the whole family."""
    text, person, persons = form.minimised
    if (person and cleaned.get(person)) or cleaned.get(FIELD):
        return
    found = named(cleaned.get(text), form.fields[person].queryset if person else persons)
    if not found:
        return
    names = get_text_list([str(p) for p in found], _("and"))
    if person:
        message = _(
            "The text names %(names)s. Choose them here to make it their own, or tick below that it is for the whole "
            "family."
        )
    else:
        message = _(
            "The text names %(names)s, and everyone who sees the family reads it. Write it without the name, or tick "
            "below that it is for the whole family."
        )
    form.add_error(person or text, message % {"names": names})
    form.fields[FIELD].widget = forms.CheckboxInput()


def digest(text):
    return hashlib.sha256((text or "").encode()).hexdigest()


def confirm(principal, household, obj, text):
    """Keep `principal`'s word that `obj`'s `text`, written for the whole family, is meant for everyone who sees it."""
    WholeFamilyText.objects.get_or_create(
        kind=obj._meta.model_name,
        object_id=obj.pk,
        digest=digest(text),
        defaults={"household": household, "confirmed_by": principal},
    )


def kept(form, principal, household, obj):
    """After `form` saved `obj`: the writer's word, where given, that its text is for the whole family."""
    if form.cleaned_data.get(FIELD):
        confirm(principal, household, obj, getattr(obj, form.minimised[0]))
