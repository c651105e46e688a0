"""The project's URLs with Wagtail's own serve view in place of Masthead's, for comparison."""

from django.urls import URLPattern

from masthead.urls import urlpatterns as masthead_patterns

urlpatterns = [
    p for p in masthead_patterns if not (isinstance(p, URLPattern) and p.name == "masthead_serve")
]
