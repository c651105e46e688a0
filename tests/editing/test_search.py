"""Every admin listing and chooser search answers, on SQLite and on PostgreSQL alike: people,
programmes, images and pages, each searched through the admin as an editor does, whole words and
the first letters of one (the listing searches as the editor types)."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from masthead.people.models import Person
from masthead.programmes.models import Programme
from tests.conftest import add_article, add_section
from tests.editing.admin_forms import image_titles, result_titles

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2024, 9, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def people() -> None:
    Person.objects.create(name="Oksana Host", slug="oksana-host", description="TV host")
    Person.objects.create(name="Taras Guest", slug="taras-guest", description="Military analyst")
    Person.objects.create(name="Олена Гостя", slug="олена-гостя")


@pytest.fixture
def programmes() -> None:
    Programme.objects.create(title="Evening Studio", slug="evening-studio")
    Programme.objects.create(title="Morning Briefing", slug="morning-briefing")


@pytest.fixture
def images() -> None:
    Image.objects.create(title="Parliament at dusk", file=get_test_image_file())
    Image.objects.create(title="Harbour cranes", file=get_test_image_file())


@pytest.fixture
def pages() -> int:
    news = add_section("News")
    add_article(news, "Parliament passes the budget", MOMENT)
    add_article(news, "Harbour reopens after the storm", MOMENT)
    return news.pk


PEOPLE = ["/admin/snippets/people/person/", "/admin/snippets/people/person/results/"]
PEOPLE_CHOOSER = [
    "/admin/snippets/choose/people/person/",
    "/admin/snippets/choose/people/person/results/",
]


@pytest.mark.parametrize("url", PEOPLE + PEOPLE_CHOOSER)
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Oksana", ["Oksana Host"]),
        ("oks", ["Oksana Host"]),  # as the editor types
        ("analyst", ["Taras Guest"]),  # the description
        ("Олена", ["Олена Гостя"]),
        ("nobody", []),
    ],
)
def test_people_are_found(admin_client, people, url, query, found):
    response = admin_client.get(url, {"q": query})
    assert response.status_code == 200
    assert result_titles(response) == found


PROGRAMMES = [
    "/admin/snippets/programmes/programme/",
    "/admin/snippets/programmes/programme/results/",
    "/admin/snippets/choose/programmes/programme/",
    "/admin/snippets/choose/programmes/programme/results/",
]


@pytest.mark.parametrize("url", PROGRAMMES)
@pytest.mark.parametrize(
    ("query", "found"),
    [("Evening", ["Evening Studio"]), ("mor", ["Morning Briefing"]), ("nothing", [])],
)
def test_programmes_are_found(admin_client, programmes, url, query, found):
    response = admin_client.get(url, {"q": query})
    assert response.status_code == 200
    assert result_titles(response) == found


IMAGES = [
    "/admin/images/",
    "/admin/images/results/",
    "/admin/images/chooser/",
    "/admin/images/chooser/results/",
]


@pytest.mark.parametrize("url", IMAGES)
@pytest.mark.parametrize(
    ("query", "found"),
    [("Parliament", ["Parliament at dusk"]), ("harb", ["Harbour cranes"]), ("nothing", [])],
)
def test_images_are_found(admin_client, images, url, query, found):
    response = admin_client.get(url, {"q": query})
    assert response.status_code == 200
    assert image_titles(response) == found


PAGES = [
    "/admin/pages/search/",
    "/admin/pages/search/results/",
    "/admin/pages/{section}/",  # the section's own listing, searched
    "/admin/pages/{section}/results/",
    "/admin/choose-page/search/",
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Parliament", ["Parliament passes the budget"]),
        ("harb", ["Harbour reopens after the storm"]),
        ("nothing", []),
    ],
)
def test_pages_are_found(admin_client, pages, url, query, found):
    response = admin_client.get(url.format(section=pages), {"q": query})
    assert response.status_code == 200
    assert result_titles(response) == found
