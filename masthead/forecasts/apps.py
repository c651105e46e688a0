from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "masthead.forecasts"
    label = "forecasts"
    verbose_name = "Forecasts"

    def ready(self) -> None:
        from masthead.articles import queries

        from . import marks, models, receivers  # noqa: F401  (receivers: follow article edits)

        # Forecasts are marked in their article's text (imports run from here to articles).
        queries.TEXT_MARKS.append(marks.marks_for)
        queries.MARKING_MODELS.append(models.Forecast)
