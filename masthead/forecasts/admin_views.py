"""The desk's side of forecasts: resolving one (and revising a resolution, never silently), and
accepting or dismissing what the detector proposes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import URLValidator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import IndexView

from masthead.articles.appearances import Appearance

from .models import Candidate, CandidateState, Forecast, HorizonKind, Outcome, Resolution


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["outcome", "resolved_on", "evidence", "explanation"]
        widgets = {
            "outcome": forms.RadioSelect,
            "resolved_on": forms.DateInput(attrs={"type": "date"}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, revising: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if revising:
            self.fields["explanation"].help_text = (
                "Why the earlier resolution is revised, and the outcome now: readers and the "
                "history see both."
            )

    def clean_evidence(self) -> str:
        links = [line.strip() for line in self.cleaned_data["evidence"].splitlines()]
        check = URLValidator(schemes=["http", "https"])
        for number, link in enumerate(links, start=1):
            if link and not link.startswith("/"):
                try:
                    check(link)
                except forms.ValidationError as error:
                    raise forms.ValidationError(
                        f"Line {number} is not a link: “{link[:80]}”. Give one address per "
                        "line, https://… or an address on this site starting with /."
                    ) from error
        return "\n".join(link for link in links if link)

    def clean(self):
        data = super().clean()
        if data.get("outcome") in (Outcome.CAME_TRUE, Outcome.PARTLY, Outcome.DID_NOT) and not (
            data.get("evidence")
        ):
            self.add_error(
                "evidence",
                "A forecast judged true, partly true or false needs "
                "at least one link to the evidence.",
            )
        return data


class ResolveView(WagtailAdminTemplateMixin, FormView):
    """Record a resolution of a forecast; a later one revises it and the earlier stays."""

    template_name = "forecasts/admin/resolve.html"
    form_class = ResolutionForm
    header_icon = "tasks"
    edit_url_name: str = ""

    def dispatch(self, request, pk: int, *args, **kwargs):
        if not request.user.has_perm("forecasts.add_resolution"):
            raise PermissionDenied
        self.forecast = get_object_or_404(Forecast.objects.select_related("person"), pk=pk)
        self.history = list(self.forecast.resolutions.select_related("editor"))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return "Revise the resolution" if self.history else "Resolve the forecast"

    def get_page_subtitle(self) -> str:
        return str(self.forecast)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "revising": bool(self.history)}

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "forecast": self.forecast,
            "history": self.history,
            "edit_url": reverse(self.edit_url_name, args=[self.forecast.pk]),
        }

    def form_valid(self, form):
        resolution = form.save(commit=False)
        resolution.forecast = self.forecast
        resolution.editor = self.request.user
        resolution.save()
        verb = "revised" if self.history else "resolved"
        messages.success(self.request, f"“{self.forecast}” {verb}: {resolution}.")
        return redirect(self.edit_url_name, self.forecast.pk)


class ForecastsView(IndexView):
    resolve_url_name: str = ""

    def get_list_buttons(self, instance: Forecast) -> list:
        buttons = super().get_list_buttons(instance)
        if self.request.user.has_perm("forecasts.add_resolution"):
            label = "Revise" if instance.status != "pending" else "Resolve"
            url = reverse(self.resolve_url_name, args=[instance.pk])
            buttons.insert(0, Button(label, url=url, icon_name="tasks"))
        return buttons


class CandidatesView(IndexView):
    """The detector's proposals, newest first, each with Accept and Dismiss."""

    decide_url_name: str = ""

    def get_base_queryset(self):
        return super().get_base_queryset().filter(state=CandidateState.PROPOSED)

    def get_list_buttons(self, instance: Candidate) -> list:
        if not self.request.user.has_perm("forecasts.add_forecast"):
            return []
        accept = reverse(self.decide_url_name, args=[instance.pk, "accept"])
        dismiss = reverse(self.decide_url_name, args=[instance.pk, "dismiss"])
        return [
            Button("Accept", url=accept, icon_name="check"),
            Button("Dismiss", url=dismiss, icon_name="cross"),
        ]


class DecideView(WagtailAdminTemplateMixin, TemplateView):
    """Accept (the forecast is made, and opened for the editor to check) or dismiss (never
    proposed again) one candidate. GET asks; POST decides."""

    template_name = "forecasts/admin/decide.html"
    header_icon = "help"
    list_url_name: str = ""
    forecast_edit_url_name: str = ""

    def dispatch(self, request, pk: int, decision: str, *args, **kwargs):
        if not request.user.has_perm("forecasts.add_forecast") or decision not in (
            "accept",
            "dismiss",
        ):
            raise PermissionDenied
        self.candidate = get_object_or_404(Candidate.objects.select_related("article"), pk=pk)
        self.decision = decision
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return "Accept the forecast" if self.decision == "accept" else "Dismiss the candidate"

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "candidate": self.candidate,
            "decision": self.decision,
            "list_url": reverse(self.list_url_name),
        }

    def post(self, request, *args, **kwargs):
        candidate = self.candidate
        if candidate.state != CandidateState.PROPOSED:
            messages.warning(request, "Someone has already decided on this candidate.")
            return redirect(self.list_url_name)
        with transaction.atomic():
            candidate.decided_by, candidate.decided_at = request.user, timezone.now()
            if self.decision == "dismiss":
                candidate.state = CandidateState.DISMISSED
                candidate.save()
                messages.success(request, "Dismissed; it will not be proposed again.")
                return redirect(self.list_url_name)
            forecast = accept(candidate, request.user)
        messages.success(request, "Marked as a forecast: check its subject and horizon.")
        return redirect(self.forecast_edit_url_name, forecast.pk)


def accept(candidate: Candidate, user) -> Forecast:
    """The candidate made a forecast, with the credentials its person held in the article."""
    article = candidate.article
    person_id = candidate.person_id or (
        Appearance.objects.filter(article=article, role="guest")
        .values_list("person_id", flat=True)
        .first()
    )
    if person_id is None:
        raise PermissionDenied("Nobody in the article to whom the forecast could belong.")
    credentials = (
        Appearance.objects.filter(article=article, person_id=person_id)
        .exclude(credentials="")
        .values_list("credentials", flat=True)
        .first()
        or ""
    )
    published = timezone.localdate(article.published_at) if article.published_at else None
    latest = candidate.horizon_latest or (
        published.replace(year=published.year + 1, month=12, day=31)
        if published
        else timezone.localdate()
    )
    forecast = Forecast.objects.create(
        article=article,
        person_id=person_id,
        credentials=credentials,
        words=candidate.sentence,
        block_id=candidate.block_id,
        horizon_kind=candidate.horizon_kind or HorizonKind.DATE,
        horizon_earliest=candidate.horizon_earliest,
        horizon_latest=latest,
        horizon_text=candidate.horizon_text,
        confidence_text=candidate.confidence_text,
        marked_by=user,
    )
    candidate.state, candidate.forecast = CandidateState.ACCEPTED, forecast
    candidate.save()
    return forecast
