"""The programme pages' queries: each is one query, however long the programme has run."""

import pytest
from django.http import Http404

from masthead.people.models import Person
from masthead.programmes import queries
from masthead.programmes.models import Programme, ProgrammeHost


def listed(listing) -> list[str]:
    return [item.title for day in listing.days for item in day.items]


def test_programme_listing_is_one_query(rf, newsroom, django_assert_num_queries):
    request = rf.get("/programmes/evening-studio/")
    queries.programme_listing(request, newsroom.programme)  # the editions snapshot
    with django_assert_num_queries(1):
        listing = queries.programme_listing(request, newsroom.programme)
    assert listed(listing) == ["The guest explains the week"]


def test_programme_hosts_in_order_with_photos_in_the_same_query(
    newsroom, django_assert_num_queries
):
    second = Person.objects.create(name="Andrii Cohost", slug="andrii-cohost")
    ProgrammeHost.objects.create(programme=newsroom.programme, person=second, sort_order=5)
    with django_assert_num_queries(1):
        hosts = queries.programme_hosts(newsroom.programme)
        assert [host.photo for host in hosts] == [None, None]
    assert [host.name for host in hosts] == ["Oksana Host", "Andrii Cohost"]


def test_all_programmes_by_title(newsroom, django_assert_num_queries):
    Programme.objects.create(title="Afternoon Desk", slug="afternoon-desk")
    with django_assert_num_queries(1):
        programmes = queries.all_programmes()
        assert [p.image for p in programmes] == [None, None]
    assert [p.title for p in programmes] == ["Afternoon Desk", "Evening Studio"]


def test_programme_page_context(rf, newsroom):
    context = queries.programme_page(rf.get("/programmes/evening-studio/"), "evening-studio")
    assert context["programme"] == newsroom.programme
    assert context["hosts"] == [newsroom.host]
    assert listed(context["listing"]) == ["The guest explains the week"]


def test_programme_page_of_an_unknown_slug_is_not_found(rf, newsroom):
    with pytest.raises(Http404):
        queries.programme_page(rf.get("/programmes/none/"), "none")
