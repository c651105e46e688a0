"""Public renditions are made when images and articles are saved, never during a request."""

import datetime as dt
import io
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from PIL import Image as PillowImage
from wagtail.images.models import Filter, Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from masthead.articles.renditions import RENDITION_FILTERS, attach_public_renditions
from masthead.articles.renditions import picture as picture_tag
from tests.conftest import add_article


def images_in(html: bytes | str) -> list:
    return BeautifulSoup(html, "html.parser").find_all("img")


@pytest.fixture
def picture(db):
    return Image.objects.create(title="A studio", file=get_test_image_file(size=(1600, 900)))


def test_saving_an_image_makes_every_public_rendition(picture):
    specs = set(Rendition.objects.filter(image=picture).values_list("filter_spec", flat=True))
    assert specs == set(RENDITION_FILTERS.values())


def test_article_page_never_makes_a_rendition(client, newsroom, picture):
    add_article(
        newsroom.news,
        "Pictured",
        dt.datetime(2024, 9, 1, tzinfo=dt.UTC),
        main_image=picture,
        main_image_caption="The studio at night",
        body=[
            {"type": "image", "value": {"image": picture.pk, "caption": "Inside", "credit": "Us"}}
        ],
    )
    before = Rendition.objects.count()
    with mock.patch.object(
        Image, "create_rendition", side_effect=AssertionError("made in request")
    ):
        response = client.get("/news/pictured/")
    assert response.status_code == 200
    assert Rendition.objects.count() == before
    images = images_in(response.content)
    assert len(images) == 2
    assert "The studio at night" in [img["alt"] for img in images]


def test_publishing_an_article_makes_missing_renditions(newsroom, picture):
    Rendition.objects.filter(image=picture).delete()
    add_article(
        newsroom.news, "Late pictures", dt.datetime(2024, 9, 1, tzinfo=dt.UTC), main_image=picture
    )
    assert Rendition.objects.filter(image=picture).count() == len(RENDITION_FILTERS)


def test_a_missing_rendition_leaves_the_image_out_rather_than_making_it(client, newsroom, picture):
    add_article(
        newsroom.news, "No renditions", dt.datetime(2024, 9, 1, tzinfo=dt.UTC), main_image=picture
    )
    Rendition.objects.filter(image=picture).delete()
    cache.clear()
    response = client.get("/news/no-renditions/")
    assert response.status_code == 200
    assert images_in(response.content) == []
    assert not Rendition.objects.filter(image=picture).exists()


def test_test_image_is_a_real_picture(picture):
    with picture.open_file() as f:
        assert PillowImage.open(io.BytesIO(f.read())).size == (1600, 900)


def test_renditions_attached_ahead_are_the_ones_wagtail_finds(picture, django_assert_num_queries):
    other = Image.objects.create(title="A desk", file=get_test_image_file(size=(800, 800)))
    # A rendition made for an earlier focal point must not be picked.
    picture.focal_point_x, picture.focal_point_y = 10, 10
    picture.focal_point_width = picture.focal_point_height = 20
    picture.save()
    expected = {
        (image.pk, use): picture_tag(Image.objects.get(pk=image.pk), use)
        for image in (picture, other)
        for use in RENDITION_FILTERS
    }
    images = list(Image.objects.filter(pk__in=[picture.pk, other.pk]))
    with django_assert_num_queries(1):
        attach_public_renditions([*images, None])
    with django_assert_num_queries(0):
        got = {
            (image.pk, use): picture_tag(image, use)
            for image in images
            for use in RENDITION_FILTERS
        }
    assert got == expected
    for html in got.values():
        (img,) = BeautifulSoup(html, "html.parser").contents
        assert img.name == "img"


@pytest.fixture
def cache_writes():
    """Every write to Wagtail's rendition cache, as (key, filter spec); the writes still happen."""
    backend = Rendition.cache_backend
    set_one, set_many = backend.set, backend.set_many
    writes: list[tuple[str, str]] = []

    def record_one(key, value, *args, **kwargs):
        writes.append((key, value.filter_spec))
        return set_one(key, value, *args, **kwargs)

    def record_many(values, *args, **kwargs):
        writes.extend((key, value.filter_spec) for key, value in values.items())
        return set_many(values, *args, **kwargs)

    with (
        mock.patch.object(backend, "set", side_effect=record_one),
        mock.patch.object(backend, "set_many", side_effect=record_many),
    ):
        yield writes


def test_a_rendition_from_the_database_is_cached_once_and_then_read_from_the_cache(
    picture, cache_writes, django_assert_num_queries
):
    cache.clear()
    image = Image.objects.get(pk=picture.pk)
    with django_assert_num_queries(1):  # the database, once
        first = picture_tag(image, "lead")
    assert [spec for _, spec in cache_writes] == [RENDITION_FILTERS["lead"]]
    for _ in range(3):
        image = Image.objects.get(pk=picture.pk)
        with django_assert_num_queries(0):
            assert picture_tag(image, "lead") == first
    assert len(cache_writes) == 1  # a rendition found in the cache is not written back
    assert images_in(first)[0]["width"] == "1200"


def test_the_cached_rendition_is_the_one_wagtail_finds(picture):
    cache.clear()
    picture_tag(Image.objects.get(pk=picture.pk), "card")  # from the database into the cache
    image = Image.objects.get(pk=picture.pk)
    ours = images_in(picture_tag(image, "card"))[0]
    theirs = image.get_rendition(Filter(RENDITION_FILTERS["card"]))
    assert (ours["src"], ours["width"], ours["height"]) == (
        theirs.url,
        str(theirs.width),
        str(theirs.height),
    )


def test_renditions_attached_ahead_are_not_written_to_the_cache(
    picture, cache_writes, django_assert_num_queries
):
    images = list(Image.objects.filter(pk=picture.pk))
    attach_public_renditions(images)
    with django_assert_num_queries(0):
        tags = [picture_tag(images[0], use) for use in RENDITION_FILTERS]
    assert all(len(images_in(tag)) == 1 for tag in tags)
    assert cache_writes == []
