"""One record per real person: the newsroom's authors, the channel's hosts, and guests."""

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Person(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
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

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("profiles"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person", kwargs={"slug": self.slug})

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
