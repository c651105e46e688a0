from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "masthead.forecasts"
    label = "forecasts"
    verbose_name = "Forecasts"

    def ready(self) -> None:
        from masthead.articles import queries

        from . import marks, models, receivers  # noqa: F401  (receivers: follow article edits)
        from .forms import ForecastForm

        # Read by Wagtail's edit handler when it first builds the form (forms import models).
        models.Forecast.base_form_class = ForecastForm

        # Forecasts are marked in their article's text (imports run from here to articles).
        queries.TEXT_MARKS.append(marks.marks_for)
        queries.MARKING_MODELS.append(models.Forecast)
