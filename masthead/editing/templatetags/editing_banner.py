"""``{% name_errors_in_banner %}``: the admin's edit forms (see
templates/wagtailadmin/generic/form.html) list every validation error in their error banner,
each with its field and tab."""

from django import template
from django.contrib import messages as django_messages
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from lxml import html

from masthead.editing.errors import form_errors

register = template.Library()


@register.simple_tag(takes_context=True)
def name_errors_in_banner(context) -> str:
    """Add the list of the form's errors to the banner's error message (Wagtail's "could not
    be saved due to validation errors"), in place of the list without tabs Wagtail gives when
    the form has errors of its own. Renders nothing itself."""
    form = context.get("form")
    storage = context.get("messages")
    if form is None or storage is None or not getattr(form, "is_bound", False):
        return ""
    errors = form_errors(form, context.get("edit_handler") or context.get("panel"))
    if not errors:
        return ""
    for message in storage:
        if message.level == django_messages.ERROR:
            message.message = render_to_string(
                "editing/error_banner.html",
                {"summary": _without_error_list(message.message), "errors": errors},
            )
            break
    return ""


def _without_error_list(message: str) -> str:
    """The banner's message (HTML) without the error list Wagtail adds to it when the form has
    errors of its own."""
    parts = html.fragments_fromstring(str(message))
    if not any(not isinstance(part, str) and "errorlist" in part.classes for part in parts):
        return conditional_escape(message)
    # lxml serialises the elements it parsed, escaping their text; the loose text is escaped here.
    return mark_safe(
        "".join(
            escape(part) if isinstance(part, str) else html.tostring(part, encoding="unicode")
            for part in parts
            if isinstance(part, str) or "errorlist" not in part.classes
        )
    )
