"""One record per real person: the newsroom's authors, the channel's hosts, and guests."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.search import index


def unique_slug(model: type[models.Model], text: str, fallback: str, instance=None) -> str:
    """A slug for ``instance`` of ``model`` made from ``text`` (Cyrillic kept, as the slug
    fields allow Unicode), or from ``fallback`` when the text gives none, with ``-2``, ``-3`` …
    added when another row has it already. Cut to fit the field."""
    max_length = model._meta.get_field("slug").max_length
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or fallback
    others = model._default_manager.all()
    if instance is not None and instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    candidate, number = base, 1
    while others.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate


class NameFieldPanel(TitleFieldPanel):
    """The name of a person or a programme, which fills its slug as the editor types, like a
    page's title: only while the record is new, since its public address is made from the slug
    once it is saved (a page stops once it is live)."""

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self) -> bool:
            return self.instance is None or self.instance.pk is None


SLUG_HELP_TEXT = (
    "The last part of the public address. Made from the name while it is new; left empty, "
    "it is made when saved."
)


class Person(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, allow_unicode=True, blank=True, help_text=SLUG_HELP_TEXT
    )
    description = models.CharField(
        max_length=160,
        blank=True,
        help_text="One line under the name, e.g. “TV host” or “Military analyst”.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(blank=True, help_text="A short biography, a few sentences.")
    profiles = models.TextField(
        "their profiles elsewhere",
        blank=True,
        help_text="One address a line: their pages on other sites that are known to be theirs "
        "(a personal site, Wikipedia, a social network). Search engines read them.",
    )
    # People need no account; a member of staff who has one is linked to it.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name="admin account",
        help_text="Only for staff who sign in to the admin. Guests need none.",
    )

    panels = [
        NameFieldPanel("name", placeholder="Name*"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("profiles"),
        FieldPanel("user"),
    ]
    # What the admin's listing and chooser search (through Wagtail's search backend, on SQLite
    # and PostgreSQL alike); the autocomplete fields answer as the editor types.
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.AutocompleteField("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Person, self.name, "person", self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("person", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # Before the uniqueness check, so that a form left without a slug validates.
        if not self.slug:
            self.slug = unique_slug(Person, self.name, "person", self)

    @property
    def same_as(self) -> list[str]:
        """Their profiles elsewhere (schema.org's ``sameAs``): each web address of ``profiles``,
        in the editors' order, without blank lines, repeats or anything that is not one."""
        found: list[str] = []
        for line in self.profiles.splitlines():
            address = line.strip()
            if address.startswith(("https://", "http://")) and address not in found:
                found.append(address)
        return found
