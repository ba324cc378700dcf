"""Rendering form fields with Bootstrap classes, for any Django form (django-filter forms too)
without touching the form classes. Django itself adds aria-invalid and aria-describedby
(ids `<auto_id>_helptext` and `<auto_id>_error`, which templates/includes/field.html uses)."""

from django import forms, template

register = template.Library()


def _css_class(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        base = "form-check-input"
    elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        base = ""
    elif isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        base = "form-select"
    else:
        base = "form-control"
    return f"{base} is-invalid".strip() if field.errors else base


@register.simple_tag
def widget(field, **attrs):
    """The field's widget with Bootstrap classes (plus any extra `class` given)."""
    css = " ".join(filter(None, [_css_class(field), attrs.pop("class", "")]))
    return field.as_widget(attrs={"class": css, **attrs})


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)
