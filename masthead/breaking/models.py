"""A breaking-news flag: an article an editor has flagged for one edition, until it expires or
is cleared. While a flag is active, every page of its edition shows a banner linking to the
article (``banner.py``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site

from masthead.editions.current import all_editions

# How long a flag lasts unless the editor says otherwise: a story is "breaking" for hours.
DEFAULT_DURATION = dt.timedelta(hours=2)
TEXT_LIMIT = 120


def default_expiry() -> dt.datetime:
    return timezone.now() + DEFAULT_DURATION


def default_site_id() -> int | None:
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


class BreakingNewsQuerySet(models.QuerySet):
    def active(self, at: dt.datetime | None = None) -> BreakingNewsQuerySet:
        """The flags not cleared and not yet expired at ``at`` (now)."""
        return self.filter(cleared_at__isnull=True, expires_at__gt=at or timezone.now())


class BreakingNews(models.Model):
    """An article flagged as breaking on one edition. The newest active flag of an edition is
    the only active one: flagging another clears the last."""

    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="+",
        default=default_site_id,
        verbose_name="edition",
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        on_delete=models.CASCADE,  # a deleted article takes its flags (and so its banner) along
        related_name="+",
        help_text="The published article the banner links to.",
    )
    text = models.CharField(
        "banner text",
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=f"At most {TEXT_LIMIT} characters. Leave empty to show the headline.",
    )
    expires_at = models.DateTimeField(
        "expires at",
        default=default_expiry,
        help_text="The banner comes down by itself at this time (two hours from now by default).",
    )
    flagged_at = models.DateTimeField(default=timezone.now, editable=False)
    cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = BreakingNewsQuerySet.as_manager()

    panels = [
        FieldPanel("article"),
        FieldPanel("text"),
        FieldPanel("expires_at"),
        FieldPanel("site"),
    ]

    class Meta:
        verbose_name = "breaking news"
        verbose_name_plural = "breaking news"
        ordering = ["-flagged_at", "-pk"]
        indexes = [models.Index(fields=["site", "-flagged_at"], name="breaking_newest")]

    def __str__(self) -> str:
        return self.text or (self.article.title if self.article_id else "Breaking news")

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            if self.is_active():
                # The newest wins: one banner per edition, and clearing it brings no older back.
                BreakingNews.objects.active().filter(site_id=self.site_id).exclude(
                    pk=self.pk
                ).update(cleared_at=timezone.now())

    @property
    def banner_text(self) -> str:
        return self.text or self.article.title

    def is_active(self, at: dt.datetime | None = None) -> bool:
        return self.cleared_at is None and self.expires_at > (at or timezone.now())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.cleared_at is None and self.expires_at and self.expires_at <= timezone.now():
            errors["expires_at"] = "The expiry must be in the future."
        if self.article_id:
            if not self.article.live:
                errors["article"] = "Only a published article can be flagged as breaking."
            elif self.site_id and not self._in_edition():
                errors["article"] = "This article is not part of the chosen edition."
        if errors:
            raise ValidationError(errors)

    def _in_edition(self) -> bool:
        roots = next(
            (e.root_tree_paths.values() for e in all_editions() if e.site_id == self.site_id), ()
        )
        return any(self.article.path.startswith(root) for root in roots)

    def clear(self) -> None:
        """Take the banner down now ("Clear now" in the admin)."""
        if self.cleared_at is None:
            self.cleared_at = timezone.now()
            self.save(update_fields=["cleared_at"])
