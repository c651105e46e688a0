"""A programme: the channel's TV programme, with its hosts in the editors' order."""

import pytest
from django.db import IntegrityError

from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost


def test_a_programme_is_named_and_found_at_its_address(db):
    programme = Programme.objects.create(title="Evening Studio", slug="evening-studio")
    assert str(programme) == "Evening Studio"
    assert programme.get_absolute_url() == "/programmes/evening-studio/"


def test_programmes_come_by_title(db):
    for title in ["Weekend Review", "Afternoon Desk", "Evening Studio"]:
        Programme.objects.create(title=title, slug=title.lower().replace(" ", "-"))
    assert [p.title for p in Programme.objects.all()] == [
        "Afternoon Desk",
        "Evening Studio",
        "Weekend Review",
    ]


def test_hosts_keep_the_editors_order_and_each_hosts_once(db):
    programme = Programme.objects.create(title="Evening Studio", slug="evening-studio")
    first = Person.objects.create(name="Zoryana First", slug="zoryana-first")
    second = Person.objects.create(name="Andrii Second", slug="andrii-second")
    ProgrammeHost.objects.create(programme=programme, person=second, sort_order=1)
    ProgrammeHost.objects.create(programme=programme, person=first, sort_order=0)
    assert [host.person for host in programme.hosts.all()] == [first, second]
    with pytest.raises(IntegrityError):
        ProgrammeHost.objects.create(programme=programme, person=first, sort_order=2)
