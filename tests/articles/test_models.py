"""The article's data: when its publication time is set, the roles of its credits, and its
corrections, which its revisions keep."""

from __future__ import annotations

import datetime as dt
import importlib
import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from masthead.articles.appearances import BYLINE_ROLES, MEDIA_ROLES, ON_AIR_ROLES
from masthead.articles.models import Appearance, ArticlePage, Correction, Role
from masthead.people.models import Person
from tests.conftest import add_article, add_section

pytestmark = pytest.mark.django_db

FILED = dt.datetime(2024, 9, 20, 6, 0, tzinfo=dt.UTC)
PUBLISHED = dt.datetime(2024, 9, 20, 9, 30, tzinfo=dt.UTC)
EDITED = dt.datetime(2024, 9, 21, 14, 0, tzinfo=dt.UTC)


def add_draft(section, title: str, **fields) -> ArticlePage:
    """A new article saved as a draft, as the admin's create view saves one (not live)."""
    article = ArticlePage(title=title, slug=title.lower().replace(" ", "-"), live=False, **fields)
    section.add_child(instance=article)
    article.save_revision()
    return ArticlePage.objects.get(pk=article.pk)


@pytest.fixture
def news():
    return add_section("News")


def test_a_draft_has_no_publication_time_until_it_is_first_published(news, time_machine):
    time_machine.move_to(FILED, tick=False)
    draft = add_draft(news, "The council votes")
    assert draft.published_at is None

    time_machine.move_to(PUBLISHED, tick=False)
    draft.get_latest_revision().publish()
    assert ArticlePage.objects.get(pk=draft.pk).published_at == PUBLISHED


def test_later_publishes_keep_the_first_publication_time(news, time_machine):
    time_machine.move_to(FILED, tick=False)
    draft = add_draft(news, "The council votes")
    time_machine.move_to(PUBLISHED, tick=False)
    draft.get_latest_revision().publish()

    time_machine.move_to(EDITED, tick=False)
    # As the edit form does: the latest revision, saved before the first publish, as an object.
    edited = ArticlePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert edited.published_at == PUBLISHED
    edited.title = "The council votes again"
    edited.save_revision().publish()
    article = ArticlePage.objects.get(pk=draft.pk)
    assert (article.title, article.published_at) == ("The council votes again", PUBLISHED)


def test_the_editors_publication_time_is_kept(news, time_machine):
    time_machine.move_to(PUBLISHED, tick=False)
    draft = add_draft(news, "Filed yesterday", published_at=FILED)
    draft.get_latest_revision().publish()
    assert ArticlePage.objects.get(pk=draft.pk).published_at == FILED


def test_a_scheduled_article_gets_its_time_when_it_goes_live(news, time_machine):
    go_live = PUBLISHED + dt.timedelta(hours=2)
    time_machine.move_to(PUBLISHED, tick=False)
    draft = add_draft(news, "Scheduled story", go_live_at=go_live)
    draft.get_latest_revision().publish()
    scheduled = ArticlePage.objects.get(pk=draft.pk)
    assert (scheduled.live, scheduled.published_at) == (False, None)

    # The worker's next run after the go-live time publishes it: that is when readers see it.
    run = go_live + dt.timedelta(seconds=40)
    time_machine.move_to(run, tick=False)
    call_command("publish_scheduled", stdout=io.StringIO())
    live = ArticlePage.objects.get(pk=draft.pk)
    assert (live.live, live.published_at) == (True, run)


def test_a_live_article_always_has_a_publication_time(news, time_machine):
    time_machine.move_to(FILED, tick=False)
    for number in range(3):
        add_draft(news, f"Story {number}").get_latest_revision().publish()
    assert not ArticlePage.objects.live().filter(published_at__isnull=True).exists()


def test_a_draft_never_published_can_be_previewed(news, time_machine):
    time_machine.move_to(FILED, tick=False)
    draft = add_draft(news, "Not yet out")
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert ArticlePage.objects.get(pk=draft.pk).published_at is None


def test_the_migration_clears_the_form_time_of_drafts_never_published(news, time_machine):
    time_machine.move_to(FILED, tick=False)
    draft = add_draft(news, "Never out")
    live = add_article(news, "Out", PUBLISHED)
    ArticlePage.objects.filter(pk=draft.pk).update(published_at=FILED)  # as the old default did
    migration = importlib.import_module(
        "masthead.articles.migrations.0007_roles_corrections_published_at_set_at_publish"
    )
    migration.publication_times_set_at_publish(apps, None)
    times = dict(ArticlePage.objects.values_list("pk", "published_at"))
    assert (times[draft.pk], times[live.pk]) == (None, PUBLISHED)


def test_the_old_roles_keep_their_values():
    assert (Role.AUTHOR, Role.HOST, Role.GUEST) == ("author", "host", "guest")
    assert Role.AUTHOR.label == "Written by"
    assert set(BYLINE_ROLES) | set(ON_AIR_ROLES) | set(MEDIA_ROLES) == set(Role.values)
    assert list(BYLINE_ROLES.values()) == ["written", "reported", "translated", "edited"]


def test_one_person_may_hold_several_roles_in_one_article_but_each_once(news):
    reporter = Person.objects.create(name="Iryna Reporter", slug="iryna-reporter")
    article = add_article(
        news,
        "Reported and translated",
        PUBLISHED,
        people=[(reporter, Role.REPORTER, ""), (reporter, Role.TRANSLATOR, "")],
    )
    roles = article.appearances.order_by("sort_order").values_list("role", flat=True)
    assert list(roles) == ["reporter", "translator"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Appearance.objects.create(article=article, person=reporter, role=Role.REPORTER)


def test_corrections_are_kept_in_the_revisions_in_time_order(news, time_machine):
    time_machine.move_to(EDITED, tick=False)
    article = add_article(news, "A story with a mistake", PUBLISHED)
    later = Correction(noted_at=EDITED, text="The vote was on Tuesday, not Monday.")
    earlier = Correction(noted_at=EDITED - dt.timedelta(hours=3), text="The mayor's name.")
    article.corrections.add(later)
    article.corrections.add(earlier)
    revision = article.save_revision()
    revision.publish()

    stored = [c["text"] for c in revision.content["corrections"]]
    assert sorted(stored) == ["The mayor's name.", "The vote was on Tuesday, not Monday."]
    live = ArticlePage.objects.get(pk=article.pk)
    assert [c.text for c in live.corrections.all()] == [
        "The mayor's name.",
        "The vote was on Tuesday, not Monday.",
    ]
    # A later revision without them leaves the earlier one, with them, in the history.
    edited = live.get_latest_revision_as_object()
    edited.corrections.clear()
    edited.save_revision()
    assert len(revision.as_object().corrections.all()) == 2


def test_a_correction_needs_its_text(news):
    article = add_article(news, "A story", PUBLISHED)
    correction = Correction(article=article, text="")
    with pytest.raises(ValidationError) as refused:
        correction.full_clean()
    assert list(refused.value.message_dict) == ["text"]


def test_a_substantive_update_comes_after_the_publication(news):
    article = add_article(news, "A story", PUBLISHED)
    article.updated_at = PUBLISHED - dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert list(refused.value.message_dict) == ["updated_at"]
    article.updated_at = PUBLISHED + dt.timedelta(hours=5)
    article.full_clean()
