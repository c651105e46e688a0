from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.views.defaults import server_error


def test_404_in_the_site_design(client, newsroom):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Page not found"
    assert [a.get_text() for a in soup.select(".masthead nav a")][:2] == ["News", "Politics"]


def test_500_page_needs_nothing_that_could_have_failed():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Something went wrong"
    assert soup.link["href"] == "/static/masthead/site.css"
