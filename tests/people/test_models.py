"""A person: one record per real person, named by a unique slug."""

import pytest
from django.db import IntegrityError

from masthead.people.models import Person


def test_a_person_is_named_and_found_at_their_address(db):
    person = Person.objects.create(name="Maria Writer", slug="maria-writer")
    assert str(person) == "Maria Writer"
    assert person.get_absolute_url() == "/people/maria-writer/"


def test_people_come_by_name(db):
    for name in ["Taras Guest", "Anna First", "Maria Writer"]:
        Person.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    assert [p.name for p in Person.objects.all()] == ["Anna First", "Maria Writer", "Taras Guest"]


def test_two_people_cannot_share_a_slug(db):
    Person.objects.create(name="Maria Writer", slug="maria-writer")
    with pytest.raises(IntegrityError):
        Person.objects.create(name="Maria Writer (2)", slug="maria-writer")
