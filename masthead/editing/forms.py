"""The admin's forms for articles, people and programmes: a headline or a name with a stated
limit (a live count, and an error that names the limit, where the browser would cut a paste
without a word), and a slug made from it on the server when the editor leaves it empty.

Imports run from the editor's form down to the content it edits, so the models do not name
these forms; ``EditingConfig.ready`` gives each model its form (``base_form_class``)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Page

from masthead.articles.models import ArticlePage
from masthead.people.models import Person
from masthead.programmes.models import Programme

# The Stimulus controller of static/editing/character_count.js (registered by wagtail_hooks.py).
COUNTER = "masthead-character-count"


def state_the_limit(field: forms.CharField, noun: str) -> None:
    """Count ``field`` as the editor types and refuse more than its ``max_length`` with an
    error that names the limit. The input gets no ``maxlength``: a browser cuts a paste there
    without a word, and the editor never learns the end of the text was lost."""
    attrs = field.widget.attrs
    attrs.pop("maxlength", None)
    attrs["data-controller"] = " ".join(filter(None, [attrs.get("data-controller"), COUNTER]))
    attrs["data-action"] = " ".join(
        filter(None, [attrs.get("data-action"), f"input->{COUNTER}#update"])
    )
    attrs[f"data-{COUNTER}-limit-value"] = str(field.max_length)
    field.error_messages["max_length"] = (
        f"The {noun} is %(show_value)d characters long; the limit is %(limit_value)d. "
        f"Shorten the {noun}."
    )


def slug_among_siblings(parent: Page, title: str, page: Page, fallback: str) -> str:
    """A slug for ``page`` under ``parent`` made from ``title`` (or ``fallback`` when the title
    gives none), with ``-2``, ``-3`` … added when a sibling has it already."""
    max_length = Page._meta.get_field("slug").max_length
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    base = slugify(title, allow_unicode=allow_unicode)[:max_length].strip("-") or fallback
    siblings = parent.get_children()
    if page.pk is not None:
        siblings = siblings.exclude(pk=page.pk)
    candidate, number = base, 1
    while siblings.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate


class ArticleForm(WagtailAdminPageForm):
    """The article's form: a headline of at most ``HEADLINE_MAX_LENGTH`` characters, and a slug
    made from it when the editor leaves the slug empty (the browser makes it as they type, with
    Wagtail's TitleFieldPanel; this is for a form sent without that)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_the_limit(self.fields["title"], "headline")
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self) -> dict:
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug") and self.parent_page:
            cleaned_data["slug"] = slug_among_siblings(
                self.parent_page, cleaned_data.get("title") or "", self.instance, "article"
            )
        return cleaned_data


class NamedRecordForm(WagtailAdminModelForm):
    """A person's or a programme's form: the name (``name_field``) counted against its limit.
    The model makes the slug from the name when it is left empty (its ``clean``)."""

    name_field = "name"
    noun = "name"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.name_field in self.fields:
            state_the_limit(self.fields[self.name_field], self.noun)


class PersonForm(NamedRecordForm):
    name_field, noun = "name", "name"


class ProgrammeForm(NamedRecordForm):
    name_field, noun = "title", "title"


FORMS: dict[type[models.Model], type[forms.ModelForm]] = {
    ArticlePage: ArticleForm,
    Person: PersonForm,
    Programme: ProgrammeForm,
}


def give_models_their_forms() -> None:
    """Set each model's ``base_form_class``, which Wagtail's edit handlers read when they first
    build a form (after the apps are ready)."""
    for model, form_class in FORMS.items():
        model.base_form_class = form_class
