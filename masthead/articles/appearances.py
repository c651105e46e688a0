"""Who appears in an article: its authors, its host and its guests, with the credentials they held
at the time. Kept apart from ``models.py`` so that ``queries.py``, which ``ArticlePage`` renders
with, can use them without importing the page model back."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class Role(models.TextChoices):
    AUTHOR = "author", "Author"
    HOST = "host", "Host"
    GUEST = "guest", "Guest"


class Appearance(Orderable):
    """A person in an article as an author, host or guest, with the credentials they held then."""

    article = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="appearances"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="appearances"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.GUEST)
    credentials = models.CharField(
        max_length=300,
        blank=True,
        help_text="Their position at the time, e.g. “Former head of …”. Kept as it was then.",
    )

    panels = [FieldPanel("person"), FieldPanel("role"), FieldPanel("credentials")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="unique_appearance_per_role"
            )
        ]
