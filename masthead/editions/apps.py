from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "masthead.editions"
    label = "editions"
    verbose_name = "Editions"
