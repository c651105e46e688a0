"""What the newsroom intends to publish: plan items (an intended story, or a programme's broadcast),
the people expected in them, and the article each becomes once one exists. Plan items are never
shown to readers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from masthead.articles.models import ArticlePage


class PlanKind(models.TextChoices):
    STORY = "story", "Story"
    BROADCAST = "broadcast", "Broadcast"


class PlanStatus(models.TextChoices):
    IDEA = "idea", "Idea"
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    FILED = "filed", "Filed"
    PUBLISHED = "published", "Published"
    DROPPED = "dropped", "Dropped"


# Still to happen: what the dashboard's "what is planned" lists.
OPEN_STATUSES = (PlanStatus.IDEA, PlanStatus.ASSIGNED, PlanStatus.IN_PROGRESS, PlanStatus.FILED)


class ExpectedRole(models.TextChoices):
    GUEST = "guest", "Guest"
    HOST = "host", "Host"
    REPORTER = "reporter", "Reporter"


class PlanItem(ClusterableModel):
    """An intended story or a broadcast, at the time it is planned for."""

    kind = models.CharField(
        max_length=16,
        choices=PlanKind.choices,
        default=PlanKind.STORY,
        help_text="A broadcast is a programme on air; a story is something to publish.",
    )
    title = models.CharField(max_length=255, help_text="A working title; readers never see it.")
    # Named as strings: sections are a reader page, above planning in the order of imports.
    section = models.ForeignKey(
        "sections.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
    )
    planned_at = models.DateTimeField(
        "planned for",
        db_index=True,
        help_text="When it is to be published or go on air, in the edition's time zone.",
    )
    status = models.CharField(
        max_length=16, choices=PlanStatus.choices, default=PlanStatus.IDEA, db_index=True
    )
    notes = models.TextField(blank=True)
    article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
        help_text="The article this became. Its status turns to “published” when it is.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("planned_at"),
        MultiFieldPanel(
            [FieldPanel("section"), FieldPanel("programme")], heading="Section and programme"
        ),
        InlinePanel("people", heading="People expected", label="Person"),
        FieldPanel("article"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["planned_at", "pk"]
        verbose_name = "plan item"
        indexes = [models.Index(fields=["status", "planned_at"], name="plan_open_by_time")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.kind == PlanKind.BROADCAST and self.programme_id is None:
            raise ValidationError({"programme": "A broadcast needs its programme."})

    def save(self, *args, **kwargs) -> None:
        # Linked to an article that is already live: it has been published.
        if (
            self.article_id is not None
            and self.status != PlanStatus.PUBLISHED
            and ArticlePage.objects.filter(pk=self.article_id, live=True).exists()
        ):
            self.status = PlanStatus.PUBLISHED
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "status"}
        super().save(*args, **kwargs)


class ExpectedPerson(Orderable):
    """Someone expected in a plan item: a guest, the host or the reporter."""

    plan_item = ParentalKey(PlanItem, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="plan_appearances"
    )
    role = models.CharField(max_length=16, choices=ExpectedRole.choices)

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = "person expected"
        verbose_name_plural = "people expected"

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
