from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from masthead.breaking import views as breaking_views
from masthead.feed import views as feed_views
from masthead.forecasts import exports as forecast_exports
from masthead.forecasts import views as forecast_views
from masthead.people import views as people_views
from masthead.programmes import views as programmes_views
from masthead.search import views as search_views
from masthead.serving import views as serving_views
from masthead.tags import views as tags_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("latest/", feed_views.latest, name="latest"),
    # The latest-news block alone, for the edge to include by ESI (see masthead/edge/).
    path("_esi/latest-news/", feed_views.latest_news_block, name="latest_news_block"),
    # The breaking-news banner alone, likewise (see masthead/breaking/).
    path("_esi/breaking-news/", breaking_views.banner, name="breaking_news_banner"),
    path("", include("masthead.syndication.urls")),
    path("", include("masthead.corrections.urls")),
    path("people/", people_views.people, name="people"),
    path("people/<str:slug>/", people_views.person, name="person"),
    path("programmes/", programmes_views.programmes, name="programmes"),
    path("programmes/<str:slug>/", programmes_views.programme, name="programme"),
    path("tags/<str:slug>/", tags_views.tag, name="tag"),
    path("forecasts/", forecast_views.index, name="forecasts"),
    path("forecasts/feed/", forecast_views.ForecastsFeed(), name="forecasts_feed"),
    path("forecasts/<uuid:uid>/", forecast_views.forecast, name="forecast"),
    path("forecasts/data.json", forecast_exports.forecasts_json, name="forecasts_json"),
    path("forecasts/data.csv", forecast_exports.forecasts_csv, name="forecasts_csv"),
    path("forecasts/resolutions.csv", forecast_exports.resolutions_csv, name="resolutions_csv"),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    re_path(r"^((?:[\w\-]+/)*)$", serving_views.serve, name="masthead_serve"),
    path("", include(wagtail_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
