"""The calendar's one form: a new time for something on it."""

from __future__ import annotations

import datetime as dt

from django import forms

# The years the calendar shows, far enough either way for any newsroom's plans (and clear of
# the dates Python cannot step a week past).
YEARS = range(1900, 9001)
# What <input type="datetime-local"> sends and shows.
LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"


class MoveForm(forms.Form):
    """``move`` names what moves (``plan-12``, ``article-34``); ``when`` is read on the
    edition's clock, which the view makes current."""

    move = forms.RegexField(regex=r"^(plan|article)-[0-9]{1,18}$", widget=forms.HiddenInput)
    when = forms.DateTimeField(
        label="New time",
        input_formats=[LOCAL_INPUT_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT),
        error_messages={
            "required": "Give the new date and time.",
            "invalid": "Give a date and time, e.g. 2024-09-21 10:00.",
        },
    )

    def clean_when(self) -> dt.datetime:
        when = self.cleaned_data["when"]
        if when.year not in YEARS:
            raise forms.ValidationError(
                f"Give a date from {YEARS.start} to {YEARS.stop - 1}.", code="out_of_range"
            )
        return when

    def target(self) -> tuple[str, int]:
        kind, _, pk = self.cleaned_data["move"].partition("-")
        return kind, int(pk)
