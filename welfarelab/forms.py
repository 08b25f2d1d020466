"""Every form renders with Designsystemet's field markup, so templates just say {{ form }}."""

from django.forms import Textarea
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy


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


class Renderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = DesignsystemetBoundField


# Django 6.1's label for an empty choice in a select. Its own bokmål and nynorsk catalogues do not
# have it yet, so ours do: naming it here keeps it in them when the messages are made again.
EMPTY_CHOICE = gettext_lazy("- Select an option -")
