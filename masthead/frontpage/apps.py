from django.apps import AppConfig


class FrontpageConfig(AppConfig):
    name = "masthead.frontpage"
    label = "frontpage"
    verbose_name = "Front page"
