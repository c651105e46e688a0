"""A page's admin form as a browser without JavaScript would send it back: every field the
edit view rendered, read with lxml, plus the few inputs Wagtail's scripts add (a StreamField's
block count, the comments' management form)."""

from __future__ import annotations

import lxml.html

EditForm = dict[str, str | list[str]]


def page_form_data(html: bytes | str, form_id: str, **changes: str) -> EditForm:
    """The values of the form ``form_id`` in ``html``, with ``changes`` applied. StreamFields
    are sent empty: their blocks exist only once the admin's scripts have built them."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    data: EditForm = {}
    for name, value in form.form_values():
        if "__prefix__" in name:
            continue  # the template of an inline form, not a form
        previous = data.get(name)
        if previous is None:
            data[name] = value
        else:
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
    for stream in form.xpath('.//*[@data-controller="w-block"][@id]'):
        data[f"{stream.get('id')}-count"] = "0"
    for field in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS"):
        data.setdefault(f"comments-{field}", "0")
    data.setdefault("comments-MAX_NUM_FORMS", "1000")
    data.update(changes)
    return data
