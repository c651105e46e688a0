import itertools

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from masthead.editions.current import all_editions, edition_for_host
from masthead.editions.models import Edition
from masthead.frontpage.models import FrontPage

HOSTS = ["localhost", "example.com", "uk.example.com", "other.org"]
PORTS = [80, 443, 8000]


def wagtail_choice(hostname: str, port: int) -> int | None:
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


def our_choice(hostname: str, port: int) -> int | None:
    edition = edition_for_host(hostname, port)
    return edition.site_id if edition else None


@pytest.mark.parametrize(
    "sites",
    [
        [("localhost", 80, True)],
        [("localhost", 80, True), ("example.com", 80, False)],
        [("localhost", 80, False), ("example.com", 80, False)],
        [("example.com", 80, False), ("example.com", 8000, False), ("other.org", 80, True)],
        [("example.com", 443, True), ("example.com", 80, False), ("uk.example.com", 80, False)],
    ],
)
def test_edition_choice_matches_wagtails_site_choice(db, sites):
    Site.objects.all().delete()
    home = FrontPage.objects.get()
    for hostname, port, default in sites:
        Site.objects.create(hostname=hostname, port=port, is_default_site=default, root_page=home)
    for hostname, port in itertools.product(HOSTS, PORTS):
        assert our_choice(hostname, port) == wagtail_choice(hostname, port), (hostname, port)


def test_snapshot_follows_edition_and_site_changes(db, django_assert_num_queries):
    assert all_editions()[0].brand == "Masthead. Global"
    with django_assert_num_queries(0):
        all_editions()
    site = Site.objects.get()
    Edition.objects.update_or_create(site=site, defaults={"brand": "Newsroom. Global"})
    assert all_editions()[0].brand == "Newsroom. Global"
    assert all_editions()[0].time_zone_name == "Europe/Kyiv"
    site.hostname = "news.example.com"
    site.save()
    assert all_editions()[0].hostname == "news.example.com"


def test_home_page_slug_change_moves_the_root_path(db):
    assert all_editions()[0].root_path() == "/home/"
    home = FrontPage.objects.get()
    home.slug = "front"
    home.save_revision().publish()
    assert all_editions()[0].root_path() == "/front/"
    assert Page.objects.get(pk=home.pk).url_path == "/front/"


def test_requests_get_the_edition_and_its_clock(client, newsroom):
    response = client.get("/latest/")
    assert response.wsgi_request.edition.brand == "Masthead. Global"
    # Times in listings are on Kyiv's clock: 15:00 UTC is 18:00 there.
    times = [t.get_text() for t in BeautifulSoup(response.content, "html.parser").select("time")]
    assert "18:00" in times


def site_fields(site: Site) -> dict:
    return {f.attname: getattr(site, f.attname) for f in Site._meta.concrete_fields}


def test_the_edition_primes_wagtails_site_lookup(rf, db, django_assert_num_queries):
    from masthead.editions.current import edition_for_request

    site = Site.objects.get()
    all_editions()  # warm the snapshot
    request = rf.get("/", HTTP_HOST=f"{site.hostname}:{site.port}")
    with django_assert_num_queries(0):
        edition = edition_for_request(request)
        found = Site.find_for_request(request)
    assert edition.site_id == site.pk
    # The same as the row Wagtail would have read, saved state included.
    assert site_fields(found) == site_fields(site)
    assert (found._state.adding, found._state.db) == (False, "default")
    assert found == site


def test_a_host_django_refuses_still_finds_its_site_as_wagtail_does(rf, db, settings):
    from masthead.editions.current import edition_for_request

    settings.ALLOWED_HOSTS = ["allowed.example.com"]
    other = Site.objects.create(hostname="other.org", port=80, root_page=FrontPage.objects.get())
    request = rf.get("/", HTTP_HOST="other.org")
    edition = edition_for_request(request)
    assert edition.site_id == other.pk == Site.find_for_request(request).pk
