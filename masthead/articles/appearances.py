"""Who appears in an article and in what role: who wrote, reported, translated or edited it, its
host and its guests, and who took its photographs and video, with the credentials they held at
the time. Kept apart from ``models.py`` so that ``queries.py``, which ``ArticlePage`` renders
with, can use them without importing the page model back."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class Role(models.TextChoices):
    """What a person did for an article. The label is the credit as a reader sees it."""

    # "author" is the value articles stored before the other roles existed; it means written by.
    AUTHOR = "author", "Written by"
    REPORTER = "reporter", "Reported by"
    TRANSLATOR = "translator", "Translated by"
    EDITOR = "editor", "Edited by"
    HOST = "host", "Host"
    GUEST = "guest", "Guest"
    PHOTO = "photo", "Photo"
    VIDEO = "video", "Video"


# The roles of the byline, in the order a byline names them, each with the word that joins
# several of them into one credit: "Reported and translated by …".
BYLINE_ROLES: dict[str, str] = {
    Role.AUTHOR: "written",
    Role.REPORTER: "reported",
    Role.TRANSLATOR: "translated",
    Role.EDITOR: "edited",
}
# Who is seen or heard in the broadcast or the interview.
ON_AIR_ROLES: tuple[str, ...] = (Role.HOST, Role.GUEST)
# Credits for the pictures: "Photo: …", "Video: …".
MEDIA_ROLES: tuple[str, ...] = (Role.PHOTO, Role.VIDEO)


class Appearance(Orderable):
    """A person in an article in one role, with the credentials they held then. One person may
    hold several roles in one article (reported and translated it), each its own appearance."""

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
