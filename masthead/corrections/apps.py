from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "masthead.corrections"
    label = "corrections"
    verbose_name = "Corrections"
