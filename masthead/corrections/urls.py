"""The corrections page and its feeds; included from ``masthead/urls.py`` before Wagtail's pages."""

from django.urls import path

from . import feeds, views

urlpatterns = [
    path("corrections/", views.corrections, name="corrections"),
    path("feeds/corrections/rss/", feeds.CorrectionsFeed(), name="feed_corrections_rss"),
    path("feeds/corrections/atom/", feeds.AtomCorrectionsFeed(), name="feed_corrections_atom"),
]
