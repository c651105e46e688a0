"""Body blocks that fetch what they show in fewer, cheaper queries than Wagtail's own."""

import pytest
from wagtail.blocks import PageChooserBlock

from masthead.articles.blocks import LinkedPageBlock


@pytest.mark.parametrize("shape", ["one", "several", "repeated", "gaps", "many"])
def test_linked_pages_are_what_wagtail_would_fetch(newsroom, shape, django_assert_num_queries):
    pages = [newsroom.news, newsroom.politics, *newsroom.items]
    ids = {
        "one": [pages[0].pk],
        "several": [pages[2].pk, pages[0].pk, pages[1].pk],
        "repeated": [pages[1].pk, pages[1].pk, pages[3].pk],
        "gaps": [None, pages[4].pk, 999_999, pages[0].pk],
        "many": [page.pk for page in pages[:12]],
    }[shape]
    ours = LinkedPageBlock(page_type=["articles.ArticlePage", "sections.SectionPage"])
    theirs = PageChooserBlock(page_type=["articles.ArticlePage", "sections.SectionPage"])
    with django_assert_num_queries(1):
        got = ours.bulk_to_python(ids)
    expected = theirs.bulk_to_python(ids)
    assert [(type(p), getattr(p, "pk", None), getattr(p, "title", None)) for p in got] == [
        (type(p), getattr(p, "pk", None), getattr(p, "title", None)) for p in expected
    ]
    if shape == "repeated":
        assert got[0] is not got[1]
