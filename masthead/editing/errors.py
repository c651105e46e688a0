"""What a form's validation errors are, each named by its field's label and the tab it is on,
for the banner of the admin's edit forms ("Headline (Content tab): This field is required.").

Wagtail's banner says only that the form has errors, and a field on another tab is easily
missed: the first save of an article used to fail so, with the one error on the Promote tab."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import Form
from wagtail.admin.panels import Panel, TabbedInterface


@dataclass(frozen=True)
class FieldError:
    """One error of a form: the label of its field (None for the form as a whole), the tab the
    field is on (None for a form without tabs) and the message."""

    label: str | None
    tab: str | None
    message: str

    def __str__(self) -> str:
        if self.label is None:
            return self.message
        where = f"{self.label} ({self.tab} tab)" if self.tab else self.label
        return f"{where}: {self.message}"


def form_errors(form: Form, panel: Panel.BoundPanel | None) -> list[FieldError]:
    """Every error of ``form`` (and of its inline formsets), in the order the fields stand in
    ``panel``, the form's bound edit handler; errors of fields it does not show come last."""
    walk = _PanelWalk()
    if panel is not None:
        walk.visit(panel, None)
    for field_name, messages in form.errors.items():
        if field_name not in walk.named:
            label = None if field_name == NON_FIELD_ERRORS else _label(form, field_name)
            walk.found.extend(FieldError(label, None, str(message)) for message in messages)
    return walk.found


def _label(form: Form, field_name: str) -> str:
    return str(form[field_name].label) if field_name in form.fields else field_name


class _PanelWalk:
    """The errors met on a walk through the panels, and the names of the fields and formsets
    walked through."""

    def __init__(self) -> None:
        self.found: list[FieldError] = []
        self.named: set[str] = set()

    def visit(self, bound: Panel.BoundPanel, tab: str | None) -> None:
        if not bound.is_shown():
            return
        if isinstance(bound.panel, TabbedInterface):
            for child in bound.children:
                self.visit(child, str(child.heading))
        elif getattr(bound, "formset", None) is not None:
            self.inline(bound, tab)
        elif getattr(bound, "bound_field", None) is not None:
            field = bound.bound_field
            label = str(bound.heading or field.label)
            self.found.extend(FieldError(label, tab, str(m)) for m in field.errors)
            self.named.add(field.name)
        else:
            for child in getattr(bound, "children", ()):
                self.visit(child, tab)

    def inline(self, bound: Panel.BoundPanel, tab: str | None) -> None:
        """An InlinePanel: each of its rows is a form of its own ("People, Person 2, Role")."""
        heading = str(bound.heading)
        self.found.extend(FieldError(heading, tab, str(m)) for m in bound.formset.non_form_errors())
        for number, child in enumerate(bound.children, start=1):
            for field_name, messages in child.form.errors.items():
                where = f"{heading}, {bound.label} {number}"
                if field_name != NON_FIELD_ERRORS:
                    where += f", {_label(child.form, field_name)}"
                self.found.extend(FieldError(where, tab, str(m)) for m in messages)
        self.named.add(bound.panel.relation_name)
