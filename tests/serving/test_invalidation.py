"""The invalidation map (masthead/serving/invalidation.py): each kind of change emits exactly the
keys it makes stale, and the pages showing the change show it on the next request.

Every case is two tests: what the change emits (recorded through ``keys_changed``, the set of
every key emitted while the change ran), and what readers see before and after it, with the
shared values warmed by the first visit. Keys are written out literally here: they are the
contract with the edge (``xkey``, ``Surrogate-Key``, ``Cache-Tag``).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.http import HttpResponse
from django.test import Client
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site

from masthead.articles.models import Appearance, ArticlePage, Role
from masthead.editions.models import Edition
from masthead.frontpage.models import FrontPage
from masthead.people.models import Person
from masthead.policies.models import PolicyPage, TrustPolicies
from masthead.programmes.models import ProgrammeHost
from tests.conftest import NOW, Newsroom, add_article, publish
from tests.emitted import recording

INTERVIEW = "/politics/the-guest-explains-the-week/"
PROGRAMME = "/programmes/evening-studio/"
DIRECTORY = "ul.directory a"  # the people's or programmes' directory
PROFILE_LINKS = "header.profile a"  # a person's programmes, a programme's hosts


def site_id() -> int:
    return Site.objects.get(is_default_site=True).pk


def get(client: Client, url: str, status: int = 200) -> HttpResponse:
    response = client.get(url)
    assert response.status_code == status, url
    return response


def soup(client: Client, url: str) -> BeautifulSoup:
    return BeautifulSoup(get(client, url).content, "html.parser")


def listed(client: Client, url: str) -> dict[str, str]:
    """The headlines a listing page lists, with their links."""
    return {a.get_text(): a["href"] for a in soup(client, url).select("main ul.listing a")}


def feed(client: Client, url: str = INTERVIEW) -> dict[str, str]:
    """The headlines in the page's latest-news block (a shared value), with their links."""
    (block,) = soup(client, url).select("section.latest-news")
    return {a.get_text(): a["href"] for a in block.select(".feed-items a")}


def menu(client: Client, url: str = INTERVIEW) -> dict[str, str]:
    """The sections menu (a shared value): name → link."""
    (nav,) = soup(client, url).select('nav[aria-label="Sections"]')
    return {a.get_text(): a["href"] for a in nav.select("a")}


def texts(client: Client, url: str, selector: str) -> list[str]:
    return [element.get_text() for element in soup(client, url).select(selector)]


def links(client: Client, url: str, selector: str) -> list[str]:
    return [a["href"] for a in soup(client, url).select(selector)]


def headline(client: Client, url: str) -> str:
    (h1,) = soup(client, url).select("main h1")
    return h1.get_text()


def credits(client: Client, url: str = INTERVIEW) -> list[str]:
    """The names and titles linked in an article's credits."""
    return texts(client, url, "footer.credits a")


def article_tags(client: Client, url: str) -> list[str]:
    return texts(client, url, 'ul.tags[aria-label="Tags"] a')


def images(client: Client, url: str, selector: str) -> list[str]:
    return [img["src"] for img in soup(client, url).select(f"{selector} img")]


def fetched(pk: int) -> ArticlePage:
    return ArticlePage.objects.get(pk=pk)


def listings(section: Page) -> set[str]:
    """The lists every live article of the small newsroom is in, besides its tags' and people's:
    its section's, the archive and the latest-news block (not full: it holds all 13)."""
    s = site_id()
    return {f"section-{section.pk}-listing", f"archive-{s}", f"latest-news-{s}"}


# --- Articles: publish, edit, draft, unpublish, delete, move, tags -------------------------------


def publish_news_item(n: Newsroom) -> ArticlePage:
    """What the admin does: a draft created, then published, by the author, tagged."""
    article = ArticlePage(
        title="Breaking: the bridge reopens",
        slug="breaking-the-bridge-reopens",
        published_at=NOW,
        live=False,
        body="[]",
    )
    article.appearances.add(Appearance(person=n.author, role=Role.AUTHOR, credentials=""))
    article.tags.add("diplomacy")
    n.news.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_publishing_a_news_item_emits_its_key_its_listings_and_not_found(newsroom):
    n = newsroom
    with recording() as emitted:
        article = publish_news_item(n)
    tag = Tag.objects.get(name="diplomacy")
    assert emitted == {
        f"article-{article.pk}",
        *listings(n.news),
        f"tag-{tag.pk}-listing",
        f"person-{n.author.pk}-listing",
        "not-found",  # its address may have been cached as "no page here"
    }


def test_a_page_created_live_emits_what_publishing_it_does(newsroom):
    """Importers add pages live (``add_child`` of a live page), with no draft first."""
    n = newsroom
    with recording() as emitted:
        article = add_article(n.news, "Imported straight to the site", NOW)
    assert emitted == {f"article-{article.pk}", *listings(n.news), "not-found"}


def test_a_published_news_item_is_shown_on_the_next_request(client, newsroom):
    n = newsroom
    url = "/news/breaking-the-bridge-reopens/"
    get(client, url, status=404)
    assert "Breaking: the bridge reopens" not in feed(client)
    assert "Breaking: the bridge reopens" not in listed(client, "/news/")

    publish_news_item(n)

    assert headline(client, url) == "Breaking: the bridge reopens"
    assert next(iter(feed(client))) == "Breaking: the bridge reopens"
    for listing in ("/news/", "/latest/", "/tags/diplomacy/", "/people/maria-writer/"):
        assert listed(client, listing)["Breaking: the bridge reopens"] == url, listing


def edit_headline(n: Newsroom) -> ArticlePage:
    item = fetched(n.items[0].pk)
    item.title = "News item number 0, corrected"
    item.save_revision().publish()
    return item


def test_editing_a_headline_emits_the_article_and_every_list_it_is_in(newsroom):
    n = newsroom
    item = n.items[0]  # tagged diplomacy, by the author
    with recording() as emitted:
        edit_headline(n)
    diplomacy = Tag.objects.get(name="diplomacy")
    assert emitted == {
        f"article-{item.pk}",
        *listings(n.news),
        f"tag-{diplomacy.pk}-listing",
        f"person-{n.author.pk}-listing",
    }


def test_an_edited_headline_is_shown_on_the_next_request(client, newsroom):
    n = newsroom
    url = n.items[0].url
    pages = ("/news/", "/latest/", "/tags/diplomacy/", "/people/maria-writer/")
    assert headline(client, url) == "News item number 0"
    assert "News item number 0" in feed(client)
    for listing in pages:
        assert "News item number 0" in listed(client, listing)

    edit_headline(n)

    assert headline(client, url) == "News item number 0, corrected"
    assert feed(client)["News item number 0, corrected"] == url
    assert "News item number 0" not in feed(client)
    for listing in pages:
        assert listed(client, listing)["News item number 0, corrected"] == url, listing
        assert "News item number 0" not in listed(client, listing), listing


def linking_to_the_first_item(n: Newsroom) -> ArticlePage:
    """An analysis whose read-also links to the first news item."""
    return add_article(
        n.politics,
        "What the news means",
        NOW - dt.timedelta(hours=30),
        kind="analysis",
        body=[{"type": "read_also", "value": {"heading": "Read also:", "links": [n.items[0].pk]}}],
    )


def test_a_new_headline_also_emits_exactly_the_articles_linking_to_it(newsroom):
    n = newsroom
    analysis = linking_to_the_first_item(n)
    item = Page.objects.get(pk=n.items[0].pk)
    found = set(ReferenceIndex.get_references_to(item).values_list("object_id", flat=True))
    assert found == {str(analysis.pk)}
    with recording() as emitted:
        edit_headline(n)
    # The analysis names it; the interview, which links only to the News section, does not.
    assert f"article-{analysis.pk}" in emitted
    assert f"article-{n.interview.pk}" not in emitted
    assert emitted - {f"article-{analysis.pk}"} == {
        f"article-{item.pk}",
        *listings(n.news),
        f"tag-{Tag.objects.get(name='diplomacy').pk}-listing",
        f"person-{n.author.pk}-listing",
    }


def test_a_new_headline_is_shown_in_the_links_to_it_on_the_next_request(client, newsroom):
    analysis = linking_to_the_first_item(newsroom)
    assert texts(client, analysis.url, ".read-also a") == ["News item number 0"]
    edit_headline(newsroom)
    assert texts(client, analysis.url, ".read-also a") == ["News item number 0, corrected"]


def edit_body(n: Newsroom) -> None:
    item = fetched(n.items[0].pk)
    item.body = json.dumps([{"type": "paragraph", "value": "<p>The full story, at last.</p>"}])
    item.save_revision().publish()


def test_editing_only_the_body_emits_only_the_article(newsroom):
    with recording() as emitted:
        edit_body(newsroom)
    assert emitted == {f"article-{newsroom.items[0].pk}"}


def test_an_edited_body_is_shown_on_the_next_request(client, newsroom):
    url = newsroom.items[0].url
    assert soup(client, url).select(".article-body p") == []
    edit_body(newsroom)
    paragraphs = [p.get_text() for p in soup(client, url).select(".article-body p")]
    assert paragraphs == ["The full story, at last."]


def edit_draft(n: Newsroom) -> None:
    item = fetched(n.items[0].pk)
    item.title = "A draft headline nobody may see yet"
    item.body = json.dumps([{"type": "paragraph", "value": "<p>Draft text.</p>"}])
    item.save_revision()


def test_a_draft_edit_emits_nothing(newsroom):
    """Nothing public changed: readers are shown the live revision, which a draft leaves alone."""
    with recording() as emitted:
        edit_draft(newsroom)
    assert emitted == set()


def test_a_draft_edit_is_not_shown(client, newsroom):
    url = newsroom.items[0].url
    assert headline(client, url) == "News item number 0"
    edit_draft(newsroom)
    assert headline(client, url) == "News item number 0"
    assert soup(client, url).select(".article-body p") == []
    assert "A draft headline nobody may see yet" not in feed(client)
    assert "A draft headline nobody may see yet" not in listed(client, "/news/")


def test_unpublishing_emits_the_article_and_its_listings(newsroom):
    n = newsroom
    item = n.items[1]  # no tags, no people
    with recording() as emitted:
        item.unpublish()
    assert emitted == {f"article-{item.pk}", *listings(n.news)}


def test_an_unpublished_item_is_gone_on_the_next_request(client, newsroom):
    item = newsroom.items[1]
    url = item.url
    assert headline(client, url) == "News item number 1"
    assert "News item number 1" in feed(client)
    assert "News item number 1" in listed(client, "/news/")
    item.unpublish()
    get(client, url, status=404)
    assert "News item number 1" not in feed(client)
    assert "News item number 1" not in listed(client, "/news/")
    assert "News item number 1" not in listed(client, "/latest/")


def test_deleting_emits_the_article_and_its_listings(newsroom):
    n = newsroom
    item = n.items[2]  # by the author
    with recording() as emitted:
        fetched(item.pk).delete()
    assert emitted == {f"article-{item.pk}", *listings(n.news), f"person-{n.author.pk}-listing"}


def test_a_deleted_item_is_gone_on_the_next_request(client, newsroom):
    item = newsroom.items[2]
    url = item.url
    assert "News item number 2" in feed(client)
    assert "News item number 2" in listed(client, "/people/maria-writer/")
    fetched(item.pk).delete()
    get(client, url, status=404)
    assert "News item number 2" not in feed(client)
    assert "News item number 2" not in listed(client, "/news/")
    assert "News item number 2" not in listed(client, "/people/maria-writer/")


def test_moving_an_article_emits_both_sections_listings_and_every_list_showing_its_link(
    newsroom,
):
    n = newsroom
    item = n.items[3]  # tagged diplomacy, no people
    with recording() as emitted:
        item.move(n.politics, pos="last-child")
    diplomacy = Tag.objects.get(name="diplomacy")
    assert emitted == {
        f"article-{item.pk}",
        f"section-{n.news.pk}-listing",
        *listings(n.politics),
        f"tag-{diplomacy.pk}-listing",  # its link changed in every list
        "not-found",  # its new address may have been cached as "no page here"
    }


def test_a_moved_article_is_shown_at_its_new_address_on_the_next_request(client, newsroom):
    n = newsroom
    item = n.items[3]
    old, new = "/news/news-item-number-3/", "/politics/news-item-number-3/"
    assert feed(client)["News item number 3"] == old
    assert "News item number 3" in listed(client, "/news/")
    get(client, new, status=404)

    item.move(n.politics, pos="last-child")

    assert headline(client, new) == "News item number 3"
    assert get(client, old, status=301)["Location"] == new  # Wagtail's automatic redirect
    assert "News item number 3" not in listed(client, "/news/")
    assert listed(client, "/politics/")["News item number 3"] == new
    assert listed(client, "/tags/diplomacy/")["News item number 3"] == new
    assert feed(client)["News item number 3"] == new


def retag(n: Newsroom) -> ArticlePage:
    item = fetched(n.items[3].pk)  # diplomacy → security
    item.tags.set(["security"])
    item.save_revision().publish()
    return item


def test_changing_an_articles_tags_emits_only_the_tag_lists_it_joined_or_left(newsroom):
    n = newsroom
    diplomacy, security = Tag.objects.get(name="diplomacy"), Tag.objects.get(name="security")
    with recording() as emitted:
        retag(n)
    assert emitted == {
        f"article-{n.items[3].pk}",
        f"tag-{diplomacy.pk}-listing",
        f"tag-{security.pk}-listing",
    }


def test_changed_tags_are_shown_on_the_next_request(client, newsroom):
    url = newsroom.items[3].url
    assert article_tags(client, url) == ["diplomacy"]
    assert "News item number 3" in listed(client, "/tags/diplomacy/")
    assert "News item number 3" not in listed(client, "/tags/security/")
    retag(newsroom)
    assert article_tags(client, url) == ["security"]
    assert "News item number 3" not in listed(client, "/tags/diplomacy/")
    assert "News item number 3" in listed(client, "/tags/security/")


# --- Sections ------------------------------------------------------------------------------------


def test_the_interview_links_to_the_news_section_in_the_reference_index(newsroom):
    """The read-also link is a StreamField reference, indexed by Wagtail's own handlers."""
    news = Page.objects.get(pk=newsroom.news.pk)
    found = set(ReferenceIndex.get_references_to(news).values_list("object_id", "model_path"))
    assert found == {(str(newsroom.interview.pk), "body.read_also.links.item")}


def rename_section(n: Newsroom) -> None:
    section = n.news
    section.title = "World news"
    publish(section)


def test_renaming_a_section_emits_its_page_the_menu_its_articles_and_the_pages_linking_to_it(
    newsroom,
):
    n = newsroom
    with recording() as emitted:
        rename_section(n)
    assert emitted == {
        f"section-{n.news.pk}",
        f"menu-{site_id()}",
        f"article-{n.interview.pk}",  # its read-also link names the section
        # each article under it names its section (breadcrumbs, articleSection)
        *(f"article-{item.pk}" for item in n.items),
    }


def test_a_renamed_section_is_shown_on_the_next_request(client, newsroom):
    n = newsroom
    item_url = n.items[0].url
    assert menu(client)["News"] == "/news/"
    assert menu(client, item_url)["News"] == "/news/"
    assert texts(client, INTERVIEW, ".read-also a") == ["News"]
    assert headline(client, "/news/") == "News"

    rename_section(n)

    assert menu(client)["World news"] == "/news/"
    assert menu(client, item_url)["World news"] == "/news/"
    assert "News" not in menu(client, item_url)
    assert texts(client, INTERVIEW, ".read-also a") == ["World news"]
    assert headline(client, "/news/") == "World news"


def change_section_slug(n: Newsroom) -> None:
    section = n.news
    section.slug = "world"
    publish(section)


def test_a_sections_new_address_emits_every_article_under_it_as_moved(newsroom):
    n = newsroom
    s = site_id()
    diplomacy = Tag.objects.get(name="diplomacy")
    with recording() as emitted:
        change_section_slug(n)
    assert emitted == {
        f"section-{n.news.pk}",
        f"section-{n.news.pk}-listing",
        f"menu-{s}",
        f"article-{n.interview.pk}",  # links to the section
        "not-found",
        # Every article under it has a new address, shown in every list it is in.
        *(f"article-{item.pk}" for item in n.items),
        f"archive-{s}",
        f"latest-news-{s}",
        f"tag-{diplomacy.pk}-listing",
        f"person-{n.author.pk}-listing",
    }


def test_a_sections_new_address_is_shown_on_the_next_request(client, newsroom):
    n = newsroom
    assert menu(client)["News"] == "/news/"
    assert feed(client)["News item number 0"] == "/news/news-item-number-0/"
    assert links(client, INTERVIEW, ".read-also a") == ["/news/"]
    get(client, "/world/", status=404)

    change_section_slug(n)

    assert menu(client)["News"] == "/world/"
    assert feed(client)["News item number 0"] == "/world/news-item-number-0/"
    assert links(client, INTERVIEW, ".read-also a") == ["/world/"]
    assert listed(client, "/world/")["News item number 0"] == "/world/news-item-number-0/"
    assert listed(client, "/tags/diplomacy/")["News item number 0"] == "/world/news-item-number-0/"
    assert headline(client, "/world/news-item-number-0/") == "News item number 0"


# --- People, programmes, tags, images ------------------------------------------------------------


def test_renaming_a_guest_emits_them_the_directory_and_the_articles_showing_them(newsroom):
    n = newsroom
    with recording() as emitted:
        n.guest.name = "Taras Guestenko"
        n.guest.save()
    # Not the news items: the guest is in none of them.
    assert emitted == {f"person-{n.guest.pk}", "people", f"article-{n.interview.pk}"}


def test_renaming_a_host_also_emits_their_programmes(newsroom):
    n = newsroom
    with recording() as emitted:
        n.host.name = "Oksana Anchor"
        n.host.save()
    assert emitted == {
        f"person-{n.host.pk}",
        "people",
        f"article-{n.interview.pk}",
        f"programme-{n.programme.pk}",  # its page names its hosts
    }


def test_renaming_an_author_emits_exactly_the_articles_they_wrote(newsroom):
    n = newsroom
    with recording() as emitted:
        n.author.name = "Maria Writer-Smith"
        n.author.save()
    written = [n.interview, *n.items[::2]]  # the interview, and every other news item
    assert emitted == {f"person-{n.author.pk}", "people", *(f"article-{a.pk}" for a in written)}


def quoted_only(n: Newsroom) -> tuple[Person, ArticlePage]:
    """A person quoted in an article's body without appearing in its credits: only the reference
    index knows the article shows them."""
    person = Person.objects.create(name="Ivan Quoted", slug="ivan-quoted")
    article = add_article(
        n.news,
        "A quote from a bystander",
        NOW - dt.timedelta(minutes=30),
        body=[{"type": "pull_quote", "value": {"quote": "We saw it", "person": person.pk}}],
    )
    return person, article


def test_renaming_a_person_quoted_in_a_body_emits_the_article_found_by_reference(newsroom):
    person, article = quoted_only(newsroom)
    found = set(ReferenceIndex.get_references_to(person).values_list("object_id", flat=True))
    assert found == {str(article.pk)}
    with recording() as emitted:
        person.name = "Ivan Quotedenko"
        person.save()
    assert emitted == {f"person-{person.pk}", "people", f"article-{article.pk}"}


def test_a_renamed_person_is_shown_on_the_next_request(client, newsroom):
    n = newsroom
    person, article = quoted_only(n)
    quote = ".pull-quote figcaption"
    assert "Oksana Host" in credits(client)
    assert texts(client, article.url, quote) == ["Ivan Quoted"]
    assert "Oksana Host" in texts(client, "/people/", DIRECTORY)
    assert texts(client, PROGRAMME, PROFILE_LINKS) == ["Oksana Host"]

    n.host.name = "Oksana Anchor"
    n.host.save()
    person.name = "Ivan Quotedenko"
    person.save()

    assert "Oksana Anchor" in credits(client)
    assert "Oksana Host" not in credits(client)
    assert texts(client, article.url, quote) == ["Ivan Quotedenko"]
    assert "Oksana Anchor" in texts(client, "/people/", DIRECTORY)
    assert headline(client, "/people/oksana-host/") == "Oksana Anchor"
    assert texts(client, PROGRAMME, PROFILE_LINKS) == ["Oksana Anchor"]


def rename_programme(n: Newsroom) -> None:
    n.programme.title = "Night Studio"
    n.programme.save()


def test_renaming_a_programme_emits_it_the_directory_its_articles_and_its_hosts(newsroom):
    n = newsroom
    with recording() as emitted:
        rename_programme(n)
    assert emitted == {
        f"programme-{n.programme.pk}",
        "programmes",
        f"article-{n.interview.pk}",  # its credits name the programme
        f"person-{n.host.pk}",  # "Hosts Evening Studio"
    }


def test_a_renamed_programme_is_shown_on_the_next_request(client, newsroom):
    host = "/people/oksana-host/"
    assert "Evening Studio" in credits(client)
    assert texts(client, "/programmes/", DIRECTORY) == ["Evening Studio"]
    assert texts(client, host, PROFILE_LINKS) == ["Evening Studio"]
    rename_programme(newsroom)
    assert "Night Studio" in credits(client)
    assert "Evening Studio" not in credits(client)
    assert texts(client, "/programmes/", DIRECTORY) == ["Night Studio"]
    assert texts(client, host, PROFILE_LINKS) == ["Night Studio"]
    assert headline(client, PROGRAMME) == "Night Studio"


def add_host(n: Newsroom) -> None:
    ProgrammeHost.objects.create(programme=n.programme, person=n.guest)


def test_adding_a_programme_host_emits_the_programme_and_the_person(newsroom):
    n = newsroom
    with recording() as emitted:
        add_host(n)
    assert emitted == {f"programme-{n.programme.pk}", f"person-{n.guest.pk}"}


def test_an_added_host_is_shown_on_the_next_request(client, newsroom):
    guest = "/people/taras-guest/"
    assert texts(client, PROGRAMME, PROFILE_LINKS) == ["Oksana Host"]
    assert texts(client, guest, PROFILE_LINKS) == []
    add_host(newsroom)
    assert texts(client, PROGRAMME, PROFILE_LINKS) == ["Oksana Host", "Taras Guest"]
    assert texts(client, guest, PROFILE_LINKS) == ["Evening Studio"]


def rename_tag() -> Tag:
    tag = Tag.objects.get(name="diplomacy")
    tag.name = "Diplomacy and peace"
    tag.save()
    return tag


def test_renaming_a_tag_emits_it_and_the_articles_carrying_it(newsroom):
    n = newsroom
    tagged = [n.interview, *n.items[::3]]  # the interview and every third news item
    with recording() as emitted:
        tag = rename_tag()
    assert emitted == {f"tag-{tag.pk}", *(f"article-{a.pk}" for a in tagged)}


def test_a_renamed_tag_is_shown_on_the_next_request(client, newsroom):
    item_url = newsroom.items[0].url
    assert article_tags(client, INTERVIEW) == ["diplomacy", "security"]
    assert article_tags(client, item_url) == ["diplomacy"]
    assert headline(client, "/tags/diplomacy/") == "diplomacy"
    rename_tag()
    assert article_tags(client, INTERVIEW) == ["Diplomacy and peace", "security"]
    assert article_tags(client, item_url) == ["Diplomacy and peace"]
    assert headline(client, "/tags/diplomacy/") == "Diplomacy and peace"


@pytest.fixture
def picture(newsroom):
    """An image shown as the interview's main image (so on the front page, which the interview
    stands on while the editors pick nothing) and as the guest's photo."""
    image = get_image_model().objects.create(
        title="The studio", file=get_test_image_file(size=(1600, 900))
    )
    interview = fetched(newsroom.interview.pk)
    interview.main_image = image
    publish(interview)
    newsroom.guest.photo = image
    newsroom.guest.save()
    return image


def change_image(image) -> None:
    image.title = "The studio at night"
    image.focal_point_x, image.focal_point_y = 1400, 800
    image.focal_point_width = image.focal_point_height = 200
    image.save()


def test_changing_an_image_emits_it_and_the_pages_showing_it(newsroom, picture):
    n = newsroom
    front_page = Site.objects.get(is_default_site=True).root_page_id
    with recording() as emitted:
        change_image(picture)
    assert emitted == {
        f"image-{picture.pk}",
        f"article-{n.interview.pk}",
        f"front-page-{front_page}",
        f"person-{n.guest.pk}",
    }


def test_a_changed_image_is_shown_on_the_next_request(client, newsroom, picture):
    pages = {INTERVIEW: "figure.lead-image", "/": "ul.stories", "/people/taras-guest/": ".profile"}
    before = {url: images(client, url, selector) for url, selector in pages.items()}
    assert all(len(found) == 1 for found in before.values()), before
    alt = [img["alt"] for img in soup(client, INTERVIEW).select("figure.lead-image img")]
    assert alt == ["The studio"]
    change_image(picture)
    for url, selector in pages.items():
        (after,) = images(client, url, selector)
        assert after != before[url][0], url  # the rendition cropped to the new focal point
    alt = [img["alt"] for img in soup(client, INTERVIEW).select("figure.lead-image img")]
    assert alt == ["The studio at night"]


# --- Editions, restrictions, redirects -----------------------------------------------------------


@pytest.fixture
def edition(newsroom) -> Edition:
    return Edition.for_site(Site.objects.get(is_default_site=True))


def test_changing_an_editions_brand_emits_the_edition_and_the_editions_snapshot(edition):
    with recording() as emitted:
        edition.brand = "Masthead. Ukraine"
        edition.save()
    assert emitted == {f"edition-{edition.site_id}", "editions"}


def test_a_changed_brand_is_shown_on_every_page_on_the_next_request(client, newsroom, edition):
    pages = (INTERVIEW, newsroom.items[0].url, "/", "/news/", "/tags/diplomacy/", "/people/")
    assert {brand for url in pages for brand in texts(client, url, "p.brand a")} == {
        "Masthead. Global"
    }
    edition.brand = "Masthead. Ukraine"
    edition.save()
    assert {brand for url in pages for brand in texts(client, url, "p.brand a")} == {
        "Masthead. Ukraine"
    }


@pytest.fixture
def ethics(newsroom) -> PolicyPage:
    home = FrontPage.objects.get()
    page = publish(home.add_child(instance=PolicyPage(title="Ethics", slug="ethics")))
    TrustPolicies.objects.create(site_id=site_id(), ethics_policy=page)
    return page


def test_changing_the_trust_policies_emits_every_page_of_the_edition(ethics):
    setting = TrustPolicies.objects.get()
    with recording() as emitted:
        setting.ethics_policy = None
        setting.save()
    assert emitted == {f"edition-{site_id()}"}


def test_a_named_policy_page_unpublished_emits_every_page_of_the_edition(ethics):
    with recording() as emitted:
        ethics.unpublish()
    assert emitted == {f"page-{ethics.pk}", f"edition-{site_id()}"}


def test_a_policy_page_no_trust_policy_names_emits_only_itself(ethics):
    other = publish(FrontPage.objects.get().add_child(instance=PolicyPage(title="Other")))
    with recording() as emitted:
        other.unpublish()
    assert emitted == {f"page-{other.pk}"}


def test_a_view_restriction_emits_every_page_of_its_edition(newsroom):
    with recording() as emitted:
        PageViewRestriction.objects.create(page=newsroom.news, restriction_type="login")
    assert emitted == {f"edition-{site_id()}"}


def test_a_restricted_section_is_hidden_on_the_next_request(client, newsroom):
    n = newsroom
    assert "News item number 0" in feed(client)
    assert "News item number 0" in listed(client, "/tags/diplomacy/")
    get(client, n.items[0].url)
    PageViewRestriction.objects.create(page=n.news, restriction_type="login")
    assert "News item number 0" not in feed(client)
    assert list(listed(client, "/tags/diplomacy/")) == ["The guest explains the week"]
    get(client, n.items[0].url, status=302)  # to the login form


def test_adding_a_redirect_emits_not_found(newsroom):
    with recording() as emitted:
        Redirect.objects.create(
            old_path="/old-story", redirect_page=newsroom.items[0], site_id=site_id()
        )
    assert emitted == {"not-found"}


def test_an_added_redirect_answers_on_the_next_request(client, newsroom):
    get(client, "/old-story/", status=404)
    Redirect.objects.create(
        old_path="/old-story", redirect_page=newsroom.items[0], site_id=site_id()
    )
    assert get(client, "/old-story/", status=301)["Location"] == newsroom.items[0].url
