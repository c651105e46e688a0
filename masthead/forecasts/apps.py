from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "masthead.forecasts"
    label = "forecasts"
    verbose_name = "Forecasts"
