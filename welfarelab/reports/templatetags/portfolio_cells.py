"""A cell of the portfolio's tables as HTML: a filter, since an {% include %} per cell costs ~0.1 ms and a failed
lookup of `cell.masked` on a plain text cell costs a `dir()` of a lazy string."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

from welfarelab.reports.tables import Kroner, People

register = template.Library()


@register.filter
def cell(value):
    """The mark of a masked figure, a count, an amount, or the text."""
    if getattr(value, "masked", False):
        return format_html(
            '<abbr class="masked" title="{}">&lt; 5</abbr>', _("Fewer than 5 people: masked to protect privacy")
        )
    if isinstance(value, People):
        return value.count
    if isinstance(value, Kroner):
        return floatformat(value.amount, "0g")
    return value
