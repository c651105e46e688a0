"""The channel's TV programmes and who hosts them."""

from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from masthead.people.models import SLUG_HELP_TEXT, NameFieldPanel, unique_slug


class Programme(index.Indexed, ClusterableModel):
    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, allow_unicode=True, blank=True, help_text=SLUG_HELP_TEXT
    )
    description = models.TextField(blank=True)
    schedule = models.CharField(
        max_length=160, blank=True, help_text="When it is on air, e.g. “Weekdays at 19:00”."
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        NameFieldPanel("title", placeholder="Title*"),
        FieldPanel("slug"),
        FieldPanel("schedule"),
        FieldPanel("description"),
        FieldPanel("image"),
        InlinePanel("hosts", label="Hosts"),
    ]
    # What the admin's listing and chooser search (see Person.search_fields).
    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Programme, self.title, "programme", self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programme", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # Before the uniqueness check, so that a form left without a slug validates.
        if not self.slug:
            self.slug = unique_slug(Programme, self.title, "programme", self)


class ProgrammeHost(Orderable):
    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="hosts")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="hosted_programmes"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="unique_programme_host")
        ]
