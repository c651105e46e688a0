"""Masthead's rich-text page links must come out exactly as Wagtail's own handler makes them,
for every page type and language; when a page type changes how its URL is made, Wagtail's own
handler makes them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.rich_text import expand_db_html, features
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler

from masthead.articles import links
from masthead.articles.links import URL_ATTRIBUTES, PageLinkHandler, page_urls_are_exact
from masthead.articles.models import ArticlePage
from masthead.frontpage.models import FrontPage
from masthead.policies.models import PolicyPage
from tests.conftest import publish

LANGUAGES = ["en", "uk", "uk-ua", "de"]  # a variant, and one no edition is in


@pytest.fixture
def fresh_guard():
    page_urls_are_exact.cache_clear()
    yield
    page_urls_are_exact.cache_clear()


@pytest.fixture
def linked_pages(newsroom) -> list[Page]:
    """A page of every page type, Ukrainian translations (live and draft), an unpublished page
    and a page outside every site."""
    home = FrontPage.objects.get()
    plain = home.add_child(instance=Page(title="A plain page", slug="plain"))
    publish(plain)
    policy = publish(home.add_child(instance=PolicyPage(title="Ethics", slug="ethics")))
    elsewhere = Page.get_first_root_node().add_child(instance=Page(title="Away", slug="away"))
    publish(elsewhere)
    ukrainian = Locale.objects.get(language_code="uk")
    home_uk = publish(home.copy_for_translation(ukrainian))
    news_uk = publish(newsroom.news.copy_for_translation(ukrainian))
    story_uk = newsroom.items[0].copy_for_translation(ukrainian)
    story_uk.slug = "novyna"  # so that its URL shows which translation a link went to
    publish(story_uk)
    draft_uk = newsroom.items[1].copy_for_translation(ukrainian)  # never published
    newsroom.items[2].unpublish()
    cache.clear()  # Wagtail's site root paths, now with the Ukrainian home page
    pages = [
        home,
        newsroom.news,
        newsroom.politics,
        newsroom.interview,
        *newsroom.items[:4],
        plain,
        policy,
        elsewhere,
        home_uk,
        news_uk,
        story_uk,
        draft_uk,
    ]
    return [Page.objects.get(pk=page.pk) for page in pages]


def attrs_for(pages: list[Page]) -> list[dict]:
    return [{"id": str(page.pk), "linktype": "page"} for page in pages] + [
        {"id": "987654321", "linktype": "page"},  # a page since deleted
        {"linktype": "page"},  # no id at all
    ]


def hrefs(tags: list[str]) -> list[str | None]:
    return [BeautifulSoup(tag + "</a>", "html.parser").a.get("href") for tag in tags]


def test_every_page_type_is_linked(linked_pages):
    assert {page.specific_class for page in linked_pages} == set(get_page_models())
    assert {page.locale.language_code for page in linked_pages} == {"en", "uk"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_are_made_as_wagtail_makes_them(linked_pages, language):
    attrs = attrs_for(linked_pages)
    with translation.override(language):
        ours = PageLinkHandler.expand_db_attributes_many(attrs)
        theirs = WagtailPageLinkHandler.expand_db_attributes_many(attrs)
    assert ours == theirs
    got = hrefs(ours)
    assert got[-2:] == [None, None]
    assert "None" in got  # the page outside every site, as Wagtail writes it
    assert len(set(got)) > 8


def test_links_follow_the_readers_language(linked_pages):
    story = linked_pages[4]
    attrs = [{"id": str(story.pk)}, {"id": str(linked_pages[5].pk)}]  # translated; draft only
    with translation.override("en"):
        english = hrefs(PageLinkHandler.expand_db_attributes_many(attrs))
    with translation.override("uk"):
        ukrainian = hrefs(PageLinkHandler.expand_db_attributes_many(attrs))
    assert (english[0], ukrainian[0]) == ("/news/news-item-number-0/", "/news/novyna/")
    assert english[1] == ukrainian[1]  # a draft translation does not take over


def test_a_body_of_links_costs_at_most_two_queries(linked_pages, django_assert_max_num_queries):
    attrs = attrs_for(linked_pages)
    Site.get_site_root_paths()  # Wagtail's, in the shared cache on a warm site
    with translation.override("uk"), django_assert_max_num_queries(2):
        PageLinkHandler.expand_db_attributes_many(attrs)


def test_rich_text_uses_this_handler(linked_pages):
    assert features.get_link_types()["page"] is PageLinkHandler
    page = linked_pages[3]
    html = expand_db_html(f'<p><a linktype="page" id="{page.pk}">the interview</a></p>')
    assert BeautifulSoup(html, "html.parser").a["href"] == page.url


def test_the_guard_notices_a_page_type_that_changes_its_urls(fresh_guard, monkeypatch):
    assert page_urls_are_exact()
    for name in URL_ATTRIBUTES:
        with monkeypatch.context() as patch:
            patch.setattr(ArticlePage, name, property(lambda self: "/elsewhere/"), raising=False)
            page_urls_are_exact.cache_clear()
            assert not page_urls_are_exact(), name
    page_urls_are_exact.cache_clear()
    assert page_urls_are_exact()


def test_a_page_type_with_its_own_urls_gets_wagtails_handler(
    linked_pages, fresh_guard, monkeypatch
):
    def get_url_parts(self, request=None):
        site_id, root_url, path = Page.get_url_parts(self, request)
        return site_id, root_url, "/stories" + path

    monkeypatch.setattr(ArticlePage, "get_url_parts", get_url_parts)
    attrs = attrs_for(linked_pages)
    for language in LANGUAGES:
        with translation.override(language):
            theirs = WagtailPageLinkHandler.expand_db_attributes_many(attrs)
            assert PageLinkHandler.expand_db_attributes_many(attrs) == theirs
            # Without the guard, base pages would give the articles their usual URLs.
            with monkeypatch.context() as patch:
                patch.setattr(links, "page_urls_are_exact", lambda: True)
                assert PageLinkHandler.expand_db_attributes_many(attrs) != theirs
    assert any(href.startswith("/stories/") for href in hrefs(theirs) if href)
