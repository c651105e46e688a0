"""Read replicas (masthead/serving/replicas.py): readers' queries go to the replica, and a
request reads from the primary once it has written. On PostgreSQL, a second database stands in
for the replica; it holds only what a test writes to it, so each read shows where it went."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connections
from django.test import override_settings

from masthead.people.models import Person
from masthead.serving.replicas import ReplicaRouter, reader_scope

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "replica" not in settings.DATABASES,
        reason="needs the PostgreSQL run (make test-postgres), where a second database "
        "stands in for the replica",
    ),
    # Transactional: inside a test-wide transaction every read would rightly stay on the primary.
    pytest.mark.django_db(
        databases=["default", "replica"], transaction=True, serialized_rollback=True
    ),
]


@pytest.fixture(scope="module")
def replica(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The "replica" alias pointed at a copy of the test database (PostgreSQL's CREATE DATABASE
    … TEMPLATE), made once for the module and dropped after it."""
    primary = connections["default"]
    template = primary.settings_dict["NAME"]
    copy = f"{template}_replica"
    with django_db_blocker.unblock():
        primary.close()  # a template database must have no other sessions
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
        alias = connections["replica"]
        alias.close()
        mirrored = dict(alias.settings_dict)
        alias.settings_dict["NAME"] = copy
        try:
            yield
        finally:
            alias.close()
            alias.settings_dict.update(mirrored)
            with admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')


def admin_connection() -> psycopg.Connection:
    config = connections["default"].settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        password=config["PASSWORD"] or None,
        autocommit=True,
    )


@pytest.fixture
def two_databases(replica):
    Person.objects.using("default").create(name="Only on the primary", slug="primary")
    on_replica = Person.objects.using("replica").create(name="Only on the replica", slug="replica")
    try:
        with override_settings(MASTHEAD_READ_REPLICAS=["replica"]):
            yield
    finally:
        # The copy is not rolled back with the test: nothing wraps it in a transaction.
        Person.objects.using("replica").filter(pk=on_replica.pk).delete()


def names() -> list[str]:
    return list(Person.objects.order_by("name").values_list("name", flat=True))


def test_a_readers_request_reads_from_the_replica(client, two_databases):
    soup = BeautifulSoup(client.get("/people/").content, "html.parser")
    listed = [a.get_text(strip=True) for a in soup.select("main a")]
    assert "Only on the replica" in listed
    assert "Only on the primary" not in listed


def test_reads_after_a_write_go_to_the_primary(two_databases):
    with reader_scope():
        assert names() == ["Only on the replica"]
        Person.objects.create(name="Written now", slug="written-now")
        assert names() == ["Only on the primary", "Written now"]
    with reader_scope():  # the next unit of work reads from the replica again
        assert names() == ["Only on the replica"]


def test_editors_and_writes_always_use_the_primary(client, two_databases):
    client.cookies[settings.SESSION_COOKIE_NAME] = "an-editor"
    soup = BeautifulSoup(client.get("/people/").content, "html.parser")
    listed = [a.get_text(strip=True) for a in soup.select("main a")]
    assert "Only on the primary" in listed


def test_without_replicas_everything_reads_from_the_primary(db):
    assert ReplicaRouter().db_for_read(Person) == "default"
