"""The banner reaches every reader page through the Jinja2 context."""

from django.conf import settings

PROCESSOR = "masthead.breaking.context_processors.breaking_news"


def test_every_reader_page_is_given_the_banner():
    (reader_pages,) = [
        engine for engine in settings.TEMPLATES if engine["BACKEND"].endswith("Jinja2")
    ]
    assert PROCESSOR in reader_pages["OPTIONS"]["context_processors"]
