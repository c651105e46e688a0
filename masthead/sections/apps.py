from django.apps import AppConfig


class SectionsConfig(AppConfig):
    name = "masthead.sections"
    label = "sections"
    verbose_name = "Sections"
