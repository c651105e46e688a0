"""What the admin's pages show and send, read as a browser would: a form's values from its HTML,
the rows of a listing or a chooser's results, the banner's messages."""

from __future__ import annotations

import json

from django.http import HttpResponse
from lxml import html


def page_of(response: HttpResponse) -> html.HtmlElement:
    """The response's HTML; a chooser answers with JSON that carries its HTML."""
    content = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        content = json.loads(content)["html"]
    return html.fromstring(content)


def form_values(response: HttpResponse, form_id: str, **changes: str) -> dict[str, str]:
    """The values the form sends as it stands (a browser's successful controls, without the
    templates of new inline rows), with ``changes`` typed in. A StreamField's inputs are drawn
    by JavaScript, so an empty one (``<name>-count``) is given as changes."""
    form = page_of(response).get_element_by_id(form_id)
    values = {name: value for name, value in form.form_values() if "__prefix__" not in name}
    return {**values, **changes}


def result_titles(response: HttpResponse) -> list[str]:
    """The titles of the rows of a listing or of a chooser's results: the text of each row's
    first cell (its title column) in the results table."""
    document = page_of(response)
    rows = document.xpath("//table[contains(@class, 'listing')]/tbody/tr")
    titles = []
    for row in rows:
        cell = row.xpath("./td[contains(@class, 'title')]") or row.xpath(
            "./td[not(contains(@class, 'bulk-action'))][1]"
        )
        if cell:
            link = cell[0].xpath(".//a[1] | .//button[1]")
            titles.append(" ".join((link[0] if link else cell[0]).text_content().split()))
    return titles


def image_titles(response: HttpResponse) -> list[str]:
    """The titles of the images of the images listing or of the image chooser's results."""
    choices = page_of(response).xpath(
        "//ul[contains(@class, 'images')]/li//a[contains(@class, 'image-choice')]"
    )
    return [choice.get("title") for choice in choices]


def error_banner(response: HttpResponse) -> list[str]:
    """The items of the error banner's list, one string each."""
    document = page_of(response)
    items = document.xpath(
        "//div[contains(@class, 'messages')]//li[contains(@class, 'error')]//ul/li"
    )
    return [" ".join(item.text_content().split()) for item in items]
