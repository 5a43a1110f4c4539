"""UI components as inclusion tags. One component, one behaviour.

Usage::

    {% load regie %}
    {% error_summary form %}          {# above the h1, links to each field's id #}
    {% error_summary form conflict=conflict %}  {# with the 409 sentence of render_form #}
    {% form_field form.start %}       {# label, hint, error, input with aria-describedby #}
    {% pagination paging "klanten" %} {# nav with Vorige/Volgende and aria-current #}
    {% status_badge "Bezig" "info" %}
"""

from django import forms, template
from django.utils.translation import gettext as _

from regie.core.bsn import mask_bsn as _mask_bsn
from regie.core.forms import MemorableDateWidget

register = template.Library()


def _max_length(bound_field):
    """The maximum a text field states ("Maximaal 2.000 tekens"), or None (not a text box, or
    a code of a fixed length such as the 6 digits of a login code)."""
    field = bound_field.field
    limit = getattr(field, "max_length", None)
    if not isinstance(field, forms.CharField) or limit is None:
        return None
    if not isinstance(field.widget, (forms.TextInput, forms.Textarea)) or field.widget.is_hidden:
        return None
    if isinstance(field.widget, forms.PasswordInput) or getattr(field, "min_length", None) == limit:
        return None
    return f"{limit:,}".replace(",", ".")


def _add_attrs(bound_field):
    widget = bound_field.field.widget
    describedby = []
    if bound_field.help_text or _max_length(bound_field):
        describedby.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}-error")
    attrs = {}
    if describedby and not isinstance(widget, MemorableDateWidget):  # the fieldset carries them
        attrs["aria-describedby"] = " ".join(describedby)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    if bound_field.field.required and not isinstance(widget, forms.CheckboxInput):
        attrs["aria-required"] = "true"
    widget.attrs.pop("required", None)
    return bound_field.as_widget(attrs={**widget.attrs, **attrs})


@register.inclusion_tag("components/form_field.html")
def form_field(bound_field, width=None):
    """A labelled field. Variables: the bound field; width (css class suffix, optional)."""
    widget = bound_field.field.widget
    return {
        "field": bound_field,
        "widget_html": _add_attrs(bound_field),
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
        "is_radio": isinstance(widget, forms.RadioSelect),
        "max_length": _max_length(bound_field),
        "is_date_group": isinstance(widget, MemorableDateWidget),
        "is_select": isinstance(widget, forms.Select),
        "optional": not bound_field.field.required and not isinstance(widget, forms.CheckboxInput),
        "width": width,
    }


@register.inclusion_tag("components/error_summary.html")
def error_summary(*forms_, conflict=None):
    """'Er is een probleem' with a link to each field in error. Variables: one or more forms;
    ``conflict``: the Dutch sentence of a refused change (409), shown first, without a link."""
    items = [{"message": conflict, "anchor": None}] if conflict else []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"message": error, "anchor": None})
        for name, errors in form.errors.items():
            if name == "__all__":
                continue
            anchor = form[name].auto_id if name in form.fields else None
            for error in errors:
                items.append({"message": error, "anchor": anchor})
    return {"items": items}


@register.inclusion_tag("components/pagination.html")
def pagination(paging, noun=None):
    """Pagination nav. Variables: the dict from regie.core.paging.paginate; a plural noun."""
    return {**paging, "noun": noun or _("resultaten")}


@register.inclusion_tag("components/status_badge.html")
def status_badge(text, kind="neutral"):
    """A status as text with its tint. kind: neutral, info, positive, warning, negative."""
    return {"text": text, "kind": kind}


@register.filter
def masked_bsn(value):
    return _mask_bsn(str(value or ""))


@register.simple_tag(takes_context=True)
def page_title(context, *parts):
    """'{h1} – {section} – Regie Inburgering', with 'Fout: ' while errors show."""
    title = " – ".join(str(p) for p in parts if p) + " – Regie Inburgering"
    if context.get("has_errors"):
        title = _("Fout: ") + title
    return title
