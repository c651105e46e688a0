from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "masthead.feed"
    label = "feed"
    verbose_name = "News feed"
