"""Forecasts: claims about the future made by one person in one appearance, kept until they can
be checked, and their resolutions, each kept (a resolution is revised by a new one, never
edited in place); and the detector's candidates, which editors accept or dismiss."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from masthead.caching import keys


class Outcome(models.TextChoices):
    CAME_TRUE = "came_true", "Came true"
    PARTLY = "partly", "Partly came true"
    DID_NOT = "did_not", "Did not come true"
    UNRESOLVABLE = "unresolvable", "Cannot be resolved"


class Status(models.TextChoices):
    """Where a forecast stands: pending until an editor resolves it, then its outcome."""

    PENDING = "pending", "Pending"
    CAME_TRUE = Outcome.CAME_TRUE.value, Outcome.CAME_TRUE.label
    PARTLY = Outcome.PARTLY.value, Outcome.PARTLY.label
    DID_NOT = Outcome.DID_NOT.value, Outcome.DID_NOT.label
    UNRESOLVABLE = Outcome.UNRESOLVABLE.value, Outcome.UNRESOLVABLE.label


class HorizonKind(models.TextChoices):
    DATE = "date", "By a date"
    WINDOW = "window", "Within a window"


class ForecastSubject(TaggedItemBase):
    content_object = ParentalKey(
        "forecasts.Forecast", on_delete=models.CASCADE, related_name="subject_items"
    )


def day_said(article) -> dt.date | None:
    """The day a forecast in ``article`` was said: its publication, on the edition's clock."""
    return timezone.localdate(article.published_at) if article.published_at else None


def horizon_errors(
    made: dt.date | None, latest: dt.date | None, earliest: dt.date | None = None
) -> dict[str, str]:
    """What is wrong with a horizon, by field: the rules the admin's form, the desk's accept
    form and ``marking.accept`` all apply."""
    errors = {}
    if earliest and latest and earliest > latest:
        errors["horizon_earliest"] = "The window opens after it closes."
    if made and latest and latest < made:
        errors["horizon_latest"] = f"It cannot be due before it was made ({made:%-d %B %Y})."
    return errors


class Forecast(ClusterableModel):
    """One claim about the future, in the words it was made in."""

    # The identifier researchers cite: it never changes, whatever else does.
    uid = models.UUIDField("identifier", default=uuid.uuid4, unique=True, editable=False)
    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="forecasts"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="forecasts")
    credentials = models.CharField(
        max_length=300, blank=True, help_text="Their position when they said it, as credited."
    )
    words = models.TextField(
        help_text="The exact words: a sentence of the article's text or a pull quote."
    )
    # The body block the words are in, so an edit of the article's text keeps them in step.
    block_id = models.CharField(max_length=64, blank=True, editable=False)
    subjects = ClusterTaggableManager(through=ForecastSubject, blank=True)
    horizon_kind = models.CharField(
        "horizon", max_length=8, choices=HorizonKind.choices, default=HorizonKind.DATE
    )
    horizon_earliest = models.DateField(
        "window opens", null=True, blank=True, help_text="For a window: when it opens."
    )
    horizon_latest = models.DateField(
        "due", help_text="When it can be checked: the date, or the window's end."
    )
    horizon_text = models.CharField(
        "horizon as stated", max_length=200, blank=True, help_text="“by the end of next year”"
    )
    confidence_text = models.CharField(
        "confidence as stated", max_length=100, blank=True, help_text="“certain”, “likely” …"
    )
    confidence = models.DecimalField(
        "stated probability",
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Only when a number was stated, as a share of 1 (70 percent is 0.7).",
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    marked_at = models.DateTimeField(default=timezone.now, editable=False)
    # The latest resolution's outcome and date, kept here for listings (see Resolution.save).
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, editable=False
    )
    resolved_on = models.DateField(null=True, blank=True, editable=False)
    # When the editor who marked it was reminded that it is due (reminders.py).
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("article"),
        FieldRowPanel([FieldPanel("person"), FieldPanel("credentials")]),
        FieldPanel("words"),
        FieldPanel("subjects"),
        MultiFieldPanel(
            [
                FieldPanel("horizon_kind"),
                FieldRowPanel([FieldPanel("horizon_earliest"), FieldPanel("horizon_latest")]),
                FieldPanel("horizon_text"),
            ],
            heading="Horizon",
        ),
        FieldRowPanel([FieldPanel("confidence_text"), FieldPanel("confidence")]),
    ]

    class Meta:
        ordering = ["horizon_latest", "pk"]
        indexes = [models.Index(fields=["status", "horizon_latest"], name="forecast_due")]

    def __str__(self) -> str:
        words = self.words if len(self.words) <= 80 else self.words[:79] + "…"
        return f"{self.person}: “{words}”" if self.person_id else words

    def clean(self) -> None:
        super().clean()
        window = self.horizon_kind == HorizonKind.WINDOW
        errors = horizon_errors(
            self.made_on, self.horizon_latest, self.horizon_earliest if window else None
        )
        if errors:
            raise ValidationError(errors)

    @property
    def is_due(self) -> bool:
        return self.status == Status.PENDING and self.horizon_latest <= timezone.localdate()

    @property
    def made_on(self) -> dt.date | None:
        return day_said(self.article) if self.article_id else None

    @property
    def current_resolution(self) -> Resolution | None:
        return self.resolutions.order_by("-recorded_at", "-pk").first()

    def keys(self) -> set[str]:
        """What shows it: its article (highlighted there) and its person (their record)."""
        return {keys.article(self.article_id), keys.person(self.person_id), keys.FORECASTS}


class Resolution(models.Model):
    """An editor's judgement of a forecast. A revision is a new resolution with its reason; the
    earlier ones stay, so the history shows who changed what, when and why."""

    # The stable identifier of this judgement, for researchers (a revision gets its own).
    uid = models.UUIDField("identifier", default=uuid.uuid4, unique=True, editable=False)
    # PROTECT: a judged forecast is part of the public record; deleting it is refused.
    forecast = models.ForeignKey(Forecast, on_delete=models.PROTECT, related_name="resolutions")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    resolved_on = models.DateField(default=timezone.localdate)
    evidence = models.TextField(
        blank=True,
        help_text="Links to the evidence, one per line: our own later articles or outside sources.",
    )
    explanation = models.TextField(help_text="Why, in a few sentences readers will see.")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.resolved_on:%-d %B %Y})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("A resolution is never changed: record a new one.")
        with transaction.atomic():
            super().save(*args, **kwargs)
            Forecast.objects.filter(pk=self.forecast_id).update(
                status=self.outcome, resolved_on=self.resolved_on
            )

    def clean(self) -> None:
        super().clean()
        if self.resolved_on is None:
            return
        today = timezone.localdate()
        if self.resolved_on > today:
            raise ValidationError(
                {"resolved_on": f"The date is in the future: resolve it on {today:%-d %B %Y} "
                 "or earlier, the day the outcome was known."}
            )  # fmt: skip
        made = self.forecast.made_on if self.forecast_id else None
        if made and self.resolved_on < made:
            raise ValidationError(
                {"resolved_on": f"The date is before the forecast was made ({made:%-d %B %Y})."}
            )

    @property
    def evidence_links(self) -> list[str]:
        return evidence_links(self.evidence)

    @property
    def evidence_items(self) -> list[tuple[str, str]]:
        """Each link with words a reader can follow (see ``evidence_label``)."""
        return [(link, evidence_label(link)) for link in self.evidence_links]


def evidence_links(evidence: str | None) -> list[str]:
    """The links of a resolution's evidence, one a line."""
    return [line.strip() for line in (evidence or "").splitlines() if line.strip()]


def evidence_label(link: str) -> str:
    """What a link to the evidence is called on the page: "our report" for one of our own
    pages, else the site it is on ("example.org")."""
    if link.startswith("/"):
        return "our report"
    host = urlsplit(link).hostname or link
    return host.removeprefix("www.")


class CandidateState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


def fingerprint(article_id: int, sentence: str) -> str:
    """One candidate per sentence of an article, however often the detector runs: a dismissed
    sentence is never proposed again."""
    normal = " ".join(sentence.split()).casefold()
    return hashlib.sha256(f"{article_id}:{normal}".encode()).hexdigest()[:40]


class Candidate(models.Model):
    """A sentence the detector proposes as a forecast, for an editor to accept or dismiss."""

    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="forecast_candidates"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sentence = models.TextField()
    trigger = models.CharField(max_length=200)
    block_id = models.CharField(max_length=64, blank=True)
    horizon_kind = models.CharField(max_length=8, choices=HorizonKind.choices, blank=True)
    horizon_earliest = models.DateField(null=True, blank=True)
    horizon_latest = models.DateField(null=True, blank=True)
    horizon_text = models.CharField(max_length=200, blank=True)
    confidence_text = models.CharField(max_length=100, blank=True)
    fingerprint = models.CharField(max_length=40, unique=True)
    state = models.CharField(
        max_length=16, choices=CandidateState.choices, default=CandidateState.PROPOSED
    )
    found_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    forecast = models.OneToOneField(
        Forecast, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidate"
    )

    class Meta:
        ordering = ["-found_at", "pk"]

    def __str__(self) -> str:
        return self.sentence[:80]
