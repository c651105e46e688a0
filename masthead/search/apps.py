from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "masthead.search"
    label = "reader_search"  # "search" alone reads as Wagtail's, whose label is wagtailsearch
    verbose_name = "Reader search"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the index to the invalidation map)
