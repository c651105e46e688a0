from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "masthead.programmes"
    label = "programmes"
    verbose_name = "Programmes"
