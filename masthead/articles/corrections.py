"""Corrections: a note appended to an article when it got something wrong, with its time.

A correction is a child of its article (a ``ParentalKey``), so it is saved in the article's
revisions like the rest of the form and stays in the article's history."""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel


class Correction(models.Model):
    """What was wrong and what is right, as readers see it at the foot of the article.

    Ordered by ``noted_at``, oldest first; it has no hand-set order (no ``sort_order``), since
    corrections are read as a record in time."""

    article = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="corrections"
    )
    noted_at = models.DateTimeField(
        "corrected at",
        default=timezone.now,
        help_text="When the correction was made; shown with it.",
    )
    text = models.TextField(
        help_text="Plain text, e.g. “An earlier version of this article gave the wrong date "
        "of the vote. It was on 12 May.”"
    )

    panels = [FieldPanel("noted_at"), FieldPanel("text")]

    class Meta:
        ordering = ["noted_at", "pk"]

    def __str__(self) -> str:
        return self.text
