"""The desk's side of forecasts: resolving one (and revising a resolution, never silently), and
accepting or dismissing what the detector proposes."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import URLValidator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import IndexView

from masthead.people.models import Person

from . import marking
from .models import (
    Candidate,
    CandidateState,
    Forecast,
    HorizonKind,
    Outcome,
    Resolution,
    day_said,
    horizon_errors,
)

# A path on this site: one slash, then no spaces ("//host/…" would lead readers elsewhere).
_SITE_PATH = re.compile(r"/(?!/)[^\s\\]*")


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
        self.fields["outcome"].choices = Outcome.choices  # a radio group with no "---------"
        if revising:
            self.fields["explanation"].help_text = (
                "Why the earlier resolution is revised, and the outcome now: readers and the "
                "history see both."
            )

    def clean_evidence(self) -> str:
        links = [line.strip() for line in self.cleaned_data["evidence"].splitlines()]
        check = URLValidator(schemes=["http", "https"])
        for number, link in enumerate(links, start=1):
            if not link or _SITE_PATH.fullmatch(link):
                continue
            try:
                check(link)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    f"Line {number} is not a link: “{link[:80]}”. Give one address per "
                    "line, https://… or a path on this site such as /news/…/."
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
        self.forecast = get_object_or_404(
            Forecast.objects.select_related("person", "article"), pk=pk
        )
        self.history = list(self.forecast.resolutions.select_related("editor"))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return "Revise the resolution" if self.history else "Resolve the forecast"

    def get_page_subtitle(self) -> str:
        return str(self.forecast)

    def get_form_kwargs(self) -> dict:
        # The instance knows its forecast before validation, so Resolution.clean can check the
        # date against the day the forecast was made.
        instance = Resolution(forecast=self.forecast, editor=self.request.user)
        return {**super().get_form_kwargs(), "revising": bool(self.history), "instance": instance}

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "forecast": self.forecast,
            "history": self.history,
            "edit_url": reverse(self.edit_url_name, args=[self.forecast.pk]),
        }

    def form_valid(self, form):
        resolution = form.save()
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


class AcceptForm(forms.Form):
    """What accepting a candidate needs that the text may not say: whose forecast it is (in
    an interview with several guests) and when it can be checked (a sentence naming no date)."""

    person = forms.TypedChoiceField(
        coerce=int, label="Made by", error_messages={"required": "Say who made the forecast."}
    )
    horizon_kind = forms.ChoiceField(
        choices=HorizonKind.choices, label="Horizon", widget=forms.RadioSelect
    )
    horizon_earliest = forms.DateField(
        required=False, label="Window opens", widget=forms.DateInput(attrs={"type": "date"})
    )
    horizon_latest = forms.DateField(
        label="Due",
        error_messages={"required": "Give the date it can be checked: the text names none."},
        help_text="When it can be checked: the date, or the window's end.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    horizon_text = forms.CharField(required=False, max_length=200, label="Horizon as stated")

    def __init__(self, *args, candidate: Candidate, **kwargs):
        horizon = marking.horizon_of(candidate)
        people = marking.speakers(candidate)
        initial = {
            "person": people[0] if len(people) == 1 else None,
            "horizon_kind": horizon.kind if horizon else HorizonKind.DATE,
            "horizon_earliest": horizon.earliest if horizon else None,
            "horizon_latest": horizon.latest if horizon else None,
            "horizon_text": horizon.text if horizon else "",
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.candidate = candidate
        names = dict(Person.objects.filter(pk__in=people).values_list("pk", "name"))
        self.fields["person"].choices = [("", "Choose who said it")] + [
            (pk, names[pk]) for pk in people
        ]

    def clean(self):
        data = super().clean()
        earliest, latest = data.get("horizon_earliest"), data.get("horizon_latest")
        if data.get("horizon_kind") == HorizonKind.WINDOW and not earliest:
            self.add_error("horizon_earliest", "A window needs the date it opens.")
        made = day_said(self.candidate.article)
        for field, message in horizon_errors(made, latest, earliest).items():
            self.add_error(field, message)
        return data

    def horizon(self) -> marking.Horizon:
        data = self.cleaned_data
        return marking.Horizon(
            latest=data["horizon_latest"],
            kind=data["horizon_kind"],
            earliest=data.get("horizon_earliest"),
            text=data.get("horizon_text", ""),
        )


class DecideView(WagtailAdminTemplateMixin, TemplateView):
    """Accept (the forecast is made, its person and horizon confirmed, and opened for the
    editor to check) or dismiss (never proposed again) one candidate. GET asks; POST decides."""

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
        form = kwargs.pop("form", None)
        if form is None and self.decision == "accept":
            form = AcceptForm(candidate=self.candidate)
        return {
            **super().get_context_data(**kwargs),
            "candidate": self.candidate,
            "decision": self.decision,
            "form": form,
            "list_url": reverse(self.list_url_name),
        }

    def post(self, request, *args, **kwargs):
        candidate = self.candidate
        if candidate.state != CandidateState.PROPOSED:
            messages.warning(request, "Someone has already decided on this candidate.")
            return redirect(self.list_url_name)
        if self.decision == "dismiss":
            candidate.state = CandidateState.DISMISSED
            candidate.decided_by, candidate.decided_at = request.user, timezone.now()
            candidate.save()
            messages.success(request, "Dismissed; it will not be proposed again.")
            return redirect(self.list_url_name)
        form = AcceptForm(request.POST, candidate=candidate)
        if form.is_valid():
            try:
                forecast = marking.accept(
                    candidate,
                    request.user,
                    person_id=form.cleaned_data["person"],
                    horizon=form.horizon(),
                )
            except marking.MarkingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Marked as a forecast: check its subject and horizon.")
                return redirect(self.forecast_edit_url_name, forecast.pk)
        return self.render_to_response(self.get_context_data(form=form))
