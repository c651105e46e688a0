from bs4 import BeautifulSoup

from masthead.articles.models import ArticlePage


def test_section_page_lists_its_own_articles_by_day(client, newsroom):
    soup = BeautifulSoup(client.get("/news/").content, "html.parser")
    assert soup.h1.get_text() == "News"
    titles = [a.get_text() for a in soup.select(".listing li > a")]
    assert titles == [f"News item number {i}" for i in range(12)]
    politics = BeautifulSoup(client.get("/politics/").content, "html.parser")
    assert [a.get_text() for a in politics.select(".listing li > a")] == [
        "The guest explains the week"
    ]


def test_menu_lists_live_sections_and_follows_changes(client, newsroom):
    def menu():
        soup = BeautifulSoup(client.get("/latest/").content, "html.parser")
        return [a.get_text() for a in soup.select(".masthead nav a")]

    assert menu()[:2] == ["News", "Politics"]
    newsroom.politics.unpublish()
    assert "Politics" not in menu()


def test_section_query_budget(built_pages, client, newsroom, django_assert_num_queries):
    client.get("/news/")
    with django_assert_num_queries(2):  # route, listing
        client.get("/news/")
    assert ArticlePage.objects.count() == 13
