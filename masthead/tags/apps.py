from django.apps import AppConfig


class TagsConfig(AppConfig):
    name = "masthead.tags"
    label = "tags"
    verbose_name = "Tags"
