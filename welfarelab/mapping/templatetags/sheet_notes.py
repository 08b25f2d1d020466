"""A note's question beside it, where the note is for everyone and names a member (`sheet.naming_hint`)."""

from django import template

from welfarelab.mapping import sheet

register = template.Library()


@register.filter
def naming_hint(revision, persons):
    return sheet.naming_hint(revision, persons)
