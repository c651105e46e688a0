"""A transcript made into a draft interview: its blocks, people and credentials, the proposed
pull quotes, and that nothing of it reaches readers."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Comment

from masthead.articles.models import Appearance, ArticlePage, Role
from masthead.people.models import Person
from masthead.search.models import SearchDocument
from masthead.transcripts.drafting import (
    PROPOSAL_COMMENT,
    DraftError,
    draft_interview,
    last_credentials,
    propose_pull_quotes,
    quotability,
)
from masthead.transcripts.parsing import TranscriptError, read_transcript
from tests.transcripts import samples
from tests.worker import run_worker

HEADLINE = "The bridge at Verkhnie will carry trams again"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("desk", "desk@example.com", "pw")


@pytest.fixture
def drafted(newsroom, editor) -> ArticlePage:
    transcript = read_transcript(samples.WEBVTT_INTERVIEW)
    return draft_interview(
        transcript,
        {"Oksana Host": (newsroom.host, Role.HOST), "Taras Guest": (newsroom.guest, Role.GUEST)},
        newsroom.programme,
        newsroom.politics,
        HEADLINE,
        owner=editor,
    )


def _blocks(article: ArticlePage) -> list[tuple[str, object]]:
    return [(block["type"], block["value"]) for block in article.body.raw_data]


def test_the_draft_holds_questions_paragraphs_and_proposed_quotes(newsroom, drafted):
    article = ArticlePage.objects.get(pk=drafted.pk)
    host, guest = newsroom.host.pk, newsroom.guest.pk
    blocks = _blocks(article)
    assert [kind for kind, _ in blocks] == [
        "question",
        "paragraph",
        "pull_quote",
        "paragraph",
        "pull_quote",
        "question",
        "paragraph",
    ]
    assert blocks[0][1] == {
        "question": "Good evening. Tonight we talk about the bridge at Verkhnie. "
        "Why did the works stop?",
        "speaker": host,
    }
    paragraphs = [value for kind, value in blocks if kind == "paragraph"]
    assert [BeautifulSoup(p, "html.parser").p.get_text() for p in paragraphs] == [
        "The design was sound. The money ran out in the second year, and nobody told the "
        "engineers until the cranes left. We waited for a decision that never came. The river "
        "does not wait for budgets.",
        "By the end of next year the new crossing will carry the trams again, I am certain of it.",
        "The region does.",
    ]
    quotes = [value for kind, value in blocks if kind == "pull_quote"]
    assert quotes == [
        {
            "quote": "The money ran out in the second year, and nobody told the engineers "
            "until the cranes left.",
            "person": guest,
            "proposed": True,
        },
        {
            "quote": "By the end of next year the new crossing will carry the trams again, "
            "I am certain of it.",
            "person": guest,
            "proposed": True,
        },
    ]
    assert blocks[5][1] == {"question": "Who pays for it?", "speaker": host}
    # The body is valid for the page's own StreamField.
    assert [block.block_type for block in article.body][:2] == ["question", "paragraph"]


def test_paragraph_text_is_escaped(newsroom, editor):
    transcript = read_transcript("Oksana Host: Why?\nTaras Guest: Because 3 < 5 & <b>bold</b>.\n")
    article = draft_interview(
        transcript,
        {"Oksana Host": (newsroom.host, Role.HOST), "Taras Guest": (newsroom.guest, Role.GUEST)},
        None,
        newsroom.news,
        "Escaped",
        owner=editor,
    )
    (paragraph,) = [v for k, v in _blocks(article) if k == "paragraph"]
    soup = BeautifulSoup(paragraph, "html.parser")
    assert [tag.name for tag in soup.find_all()] == ["p"]
    assert soup.p.get_text() == "Because 3 < 5 & bold."


def test_each_proposed_quote_has_a_comment_for_the_editor(drafted, editor):
    article = ArticlePage.objects.get(pk=drafted.pk)
    quote_ids = [block["id"] for block in article.body.raw_data if block["type"] == "pull_quote"]
    comments = Comment.objects.filter(page=article).order_by("pk")
    assert [(c.contentpath, c.text, c.user) for c in comments] == [
        (f"body.{block_id}.quote", PROPOSAL_COMMENT, editor) for block_id in quote_ids
    ]
    assert all(c.revision_created_id == article.latest_revision_id for c in comments)


def test_the_draft_names_programme_host_and_guest_with_credentials(newsroom, drafted):
    article = ArticlePage.objects.get(pk=drafted.pk)
    assert article.kind == "interview"
    assert article.title == HEADLINE
    assert article.programme == newsroom.programme
    assert article.get_parent().specific == newsroom.politics
    # The guest's credentials are those held in the newsroom's interview, not the description.
    assert [
        (a.person, a.role, a.credentials) for a in article.appearances.order_by("sort_order")
    ] == [
        (newsroom.guest, Role.GUEST, "Former adviser"),
        (newsroom.host, Role.HOST, ""),
    ]
    assert article.lead == "Taras Guest in conversation with Oksana Host on Evening Studio."


def test_credentials_given_override_those_last_held(newsroom, editor):
    article = draft_interview(
        read_transcript(samples.PLAIN_INTERVIEW),
        {"Oksana Host": (newsroom.host, Role.HOST), "Taras Guest": (newsroom.guest, Role.GUEST)},
        newsroom.programme,
        newsroom.news,
        "Wells of the valley",
        credentials={newsroom.guest.pk: "Hydrologist"},
        owner=editor,
    )
    guest = article.appearances.get(role=Role.GUEST)
    assert guest.credentials == "Hydrologist"


def test_last_credentials_are_the_newest_else_the_description(newsroom):
    newcomer = Person.objects.create(name="Marta Newcomer", description="Hydrologist")
    assert last_credentials(newcomer) == "Hydrologist"
    assert last_credentials(newsroom.guest) == "Former adviser"
    newer = newsroom.items[0]  # published after the interview
    Appearance.objects.create(
        article=newer, person=newsroom.guest, role=Role.GUEST, credentials="Deputy minister"
    )
    assert last_credentials(newsroom.guest) == "Deputy minister"


def test_the_draft_is_never_live_and_readers_never_find_it(client, newsroom, drafted):
    article = ArticlePage.objects.get(pk=drafted.pk)
    assert not article.live
    assert article.has_unpublished_changes
    assert article.latest_revision is not None
    assert article.latest_revision.user is not None
    run_worker()
    assert not SearchDocument.objects.filter(article_id=article.pk).exists()
    # Not on its section's page, and not at its own address.
    section = client.get(newsroom.politics.url)
    assert section.status_code == 200
    links = {a["href"] for a in BeautifulSoup(section.content, "html.parser").select("main a")}
    assert newsroom.interview.url in links
    assert not any(article.slug in href for href in links)
    assert client.get(f"{newsroom.politics.url}{article.slug}/").status_code == 404


def test_an_unmapped_speaker_names_its_line_and_nothing_is_made(newsroom, editor):
    before = ArticlePage.objects.count()
    with pytest.raises(TranscriptError) as raised:
        draft_interview(
            read_transcript(samples.WEBVTT_INTERVIEW),
            {"Oksana Host": (newsroom.host, Role.HOST)},
            newsroom.programme,
            newsroom.politics,
            HEADLINE,
            owner=editor,
        )
    assert raised.value.line == 16
    assert "Taras Guest" in raised.value.message
    assert ArticlePage.objects.count() == before


def test_a_draft_needs_a_guest_and_is_made_once(newsroom, editor):
    transcript = read_transcript(samples.PLAIN_INTERVIEW)
    both_hosts = {
        "Oksana Host": (newsroom.host, Role.HOST),
        "Taras Guest": (newsroom.guest, Role.HOST),
    }
    with pytest.raises(DraftError):
        draft_interview(transcript, both_hosts, None, newsroom.news, "No guest", owner=editor)
    mapping = {
        "Oksana Host": (newsroom.host, Role.HOST),
        "Taras Guest": (newsroom.guest, Role.GUEST),
    }
    first = draft_interview(transcript, mapping, None, newsroom.news, "Once", owner=editor)
    with pytest.raises(DraftError) as raised:
        draft_interview(transcript, mapping, None, newsroom.news, "Once", owner=editor)
    assert raised.value.page == first
    assert ArticlePage.objects.filter(title="Once").count() == 1


@pytest.mark.parametrize(
    ("sentence", "quotable"),
    [
        ("By the end of next year the new crossing will carry the trams again.", True),
        ("Nobody in the ministry has ever walked across that bridge on foot.", True),
        ("I think maybe it was a Tuesday, or perhaps a Wednesday, I forget.", False),
        ("Yes.", False),
        ("Will the region really pay for every single metre of the new crossing?", False),
        ("We met the engineers in the canteen of the old depot last spring.", False),
    ],
)
def test_quotable_sentences(sentence, quotable):
    assert (quotability(sentence) >= 2) is quotable


def test_at_most_three_quotes_one_a_paragraph_in_order():
    strong = "Nobody will ever again build a bridge like this one in the valley, never."
    lines = ["Oksana Host: Go on."]
    lines += [f"Taras Guest: {strong} Point {n} is plain.\n" for n in range(5)]
    transcript = read_transcript("\n".join(f"{line}\nOksana Host: And?" for line in lines))
    proposed = propose_pull_quotes(transcript.turns, {"Taras Guest"})
    assert len(proposed) == 3
    assert [q.turn for q in proposed] == sorted(q.turn for q in proposed)
    assert {q.sentence for q in proposed} == {strong}
    assert propose_pull_quotes(transcript.turns, {"Oksana Host"}) == []


def test_one_person_cannot_be_both_host_and_guest(newsroom, editor):
    mapping = {
        "Oksana Host": (newsroom.guest, Role.HOST),
        "Taras Guest": (newsroom.guest, Role.GUEST),
    }
    before = ArticlePage.objects.count()
    with pytest.raises(DraftError, match="both the host and a guest"):
        draft_interview(
            read_transcript(samples.PLAIN_INTERVIEW), mapping, None, newsroom.news, "One man show"
        )
    assert ArticlePage.objects.count() == before


def test_with_two_guests_each_answer_opens_with_its_speaker(newsroom, editor):
    second = Person.objects.create(name="Mariia Second", slug="mariia-second")
    mapping = {
        "Oksana Host": (newsroom.host, Role.HOST),
        "Taras Guest": (newsroom.guest, Role.GUEST),
        "Mariia Second": (second, Role.GUEST),
    }
    article = draft_interview(
        read_transcript(samples.TWO_GUESTS), mapping, None, newsroom.news, "Two guests"
    )
    labels = [
        BeautifulSoup(value, "html.parser").b.get_text()
        for kind, value in _blocks(article)
        if kind == "paragraph"
    ]
    assert labels == ["Taras Guest:", "Mariia Second:"]
