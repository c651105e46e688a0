"""The people pages' queries: each is one query, whatever the person has published."""

import pytest
from django.http import Http404

from masthead.people import queries
from masthead.programmes.models import Programme, ProgrammeHost


def listed(listing) -> list[str]:
    return [item.title for day in listing.days for item in day.items]


def test_person_listing_is_one_query_newest_first(rf, newsroom, django_assert_num_queries):
    request = rf.get("/people/maria-writer/")
    queries.person_listing(request, newsroom.author)  # the editions snapshot
    with django_assert_num_queries(1):
        listing = queries.person_listing(request, newsroom.author)
    assert listed(listing) == [f"News item number {i}" for i in range(0, 12, 2)] + [
        "The guest explains the week"
    ]
    assert listing.older_url is None and listing.newer_url is None


def test_programmes_hosted_by_are_by_title(newsroom, django_assert_num_queries):
    ProgrammeHost.objects.create(
        programme=Programme.objects.create(title="Afternoon Desk", slug="afternoon-desk"),
        person=newsroom.host,
    )
    with django_assert_num_queries(1):
        hosted = queries.programmes_hosted_by(newsroom.host)
    assert [p.title for p in hosted] == ["Afternoon Desk", "Evening Studio"]
    assert queries.programmes_hosted_by(newsroom.guest) == []


def test_all_people_by_name_with_photos_in_the_same_query(newsroom, django_assert_num_queries):
    with django_assert_num_queries(1):
        people = queries.all_people()
        assert [p.photo for p in people] == [None, None, None]
    assert [p.name for p in people] == ["Maria Writer", "Oksana Host", "Taras Guest"]


def test_person_page_context(rf, newsroom):
    context = queries.person_page(rf.get("/people/oksana-host/"), "oksana-host")
    assert context["person"] == newsroom.host
    assert context["programmes"] == [newsroom.programme]
    assert listed(context["listing"]) == ["The guest explains the week"]


def test_person_page_of_an_unknown_slug_is_not_found(rf, newsroom):
    with pytest.raises(Http404):
        queries.person_page(rf.get("/people/nobody/"), "nobody")
