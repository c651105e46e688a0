"""Feeds, sitemaps, robots.txt and the favicon. Included from ``masthead/urls.py`` before
Wagtail's pages; every feed lives under ``/feeds/`` so that none can shadow a page of the tree."""

from django.urls import path

from . import channels, feeds, views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemaps/pages.xml", views.sitemap_pages, name="sitemap_pages"),
    path("sitemaps/news.xml", views.sitemap_news, name="sitemap_news"),
    path("sitemaps/<str:name>.xml", views.sitemap_month, name="sitemap_month"),
    # The edition's feeds.
    path("feeds/rss/", feeds.ArticleFeed(channels.edition_channel), name="feed_rss"),
    path("feeds/atom/", feeds.AtomArticleFeed(channels.edition_channel), name="feed_atom"),
    path("feeds/json/", feeds.json_feed, name="feed_json"),
]

# Each page family's feeds: /feeds/sections/<slug>/rss/, /feeds/tags/<slug>/atom/ …
for family, channel in [
    ("sections", channels.section_channel),
    ("tags", channels.tag_channel),
    ("people", channels.person_channel),
    ("programmes", channels.programme_channel),
]:
    urlpatterns += [
        path(
            f"feeds/{family}/<str:slug>/rss/", feeds.ArticleFeed(channel), name=f"feed_{family}_rss"
        ),
        path(
            f"feeds/{family}/<str:slug>/atom/",
            feeds.AtomArticleFeed(channel),
            name=f"feed_{family}_atom",
        ),
    ]
