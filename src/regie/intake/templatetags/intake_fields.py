"""``{% intake_field field %}``: radios and checkboxes in a fieldset, other fields as form_field.

Usage::

    {% load intake_fields %}
    {% intake_field form.klaar %}

Variables: a bound field. A choice group gets a ``fieldset`` whose ``legend`` is the question,
with hint and error tied by ``aria-describedby`` and options stacked.
"""

from django import template
from django.template.loader import render_to_string

from regie.core.templatetags.regie import form_field

from ..forms import Checkboxes, Radios

register = template.Library()


@register.simple_tag
def intake_field(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, Radios | Checkboxes):
        describedby = []
        if bound_field.help_text:
            describedby.append(f"{bound_field.auto_id}-hint")
        if bound_field.errors:
            describedby.append(f"{bound_field.auto_id}-error")
        context = {
            "field": bound_field,
            "describedby": " ".join(describedby),
            "optional": not bound_field.field.required,
        }
        return render_to_string("intake/_choice_group.html", context)
    return render_to_string("components/form_field.html", form_field(bound_field))
