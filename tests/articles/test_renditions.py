"""Public renditions are made when images and articles are saved, never during a request."""

import datetime as dt
import io
from unittest import mock

import pytest
from PIL import Image as PillowImage
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from masthead.articles.renditions import RENDITION_FILTERS
from tests.conftest import add_article


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
    assert response.content.count(b"<img ") == 2
    assert b'alt="The studio at night"' in response.content


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
    from django.core.cache import cache

    cache.clear()
    response = client.get("/news/no-renditions/")
    assert response.status_code == 200
    assert b"<img " not in response.content
    assert not Rendition.objects.filter(image=picture).exists()


def test_test_image_is_a_real_picture(picture):
    with picture.open_file() as f:
        assert PillowImage.open(io.BytesIO(f.read())).size == (1600, 900)


def test_renditions_attached_ahead_are_the_ones_wagtail_finds(picture, django_assert_num_queries):
    from masthead.articles.renditions import attach_public_renditions
    from masthead.articles.renditions import picture as picture_tag

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
    assert all(html.startswith("<img ") for html in got.values())
