"""Hot queries compiled to SQL once per process, then run with each request's values.

Building and compiling a queryset costs Django a few milliseconds of Python for the queries a page
needs (the routing query joins every page type), while SQLite or PostgreSQL answer them in a
fraction of that. A ``CompiledQuery`` builds its queryset once with placeholder values, keeps the
SQL and the compiler's description of the columns, and for each call runs that SQL with the real
values and turns the rows into model instances or tuples exactly as Django's own iterables do.

This is the one module that reads Django's query-compiler internals; each use says which public
behaviour it reproduces. They were read in Django 5.2 and are unchanged in 6.0; Django 6.1
changes them (fetch modes), and ``serving.checks`` fails at start-up on any Django but the
verified one. Before widening that range, run tests/caching/test_compiled.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

# A LIKE pattern that may be written into the SQL: letters, digits, "/" and "-", with the
# wildcards startswith and contains add; and the SQL's parameters and escaped percent signs.
_PLAIN_PATTERN = re.compile(r"%?[0-9A-Za-z/-]*%?")
_PLACEHOLDER_OR_PERCENT = re.compile(r"%s|%%")


@dataclass
class _Compiled:
    sql: str
    params: list[Any]
    slots: list[tuple[int, str, str]]  # (param index, value name, "exact" | "like")
    compiler: Any
    converters: dict  # column index -> the functions that turn a database value into Python's
    hydration: _Hydration | None  # how rows become model instances; None for values_list


class CompiledQuery:
    """``build(**values)`` must return a queryset whose shape does not depend on the values
    (they only appear as SQL parameters). ``placeholders`` gives each value a stand-in of the same
    type that cannot occur in a real query."""

    def __init__(self, build: Callable[..., QuerySet], **placeholders: Any):
        self.build = build
        self.placeholders = placeholders
        self._by_alias: dict[str, _Compiled] = {}
        self._patterned: dict[tuple, str] = {}
        self._model: type | None = None

    def _compile(self, using: str) -> _Compiled:
        connection = connections[using]
        queryset = self.build(**self.placeholders)
        # No public API tells what a queryset yields or what else it does when evaluated: the
        # iterable class is what values_list() and friends set (we reproduce ModelIterable and
        # ValuesListIterable only); prefetch lookups are run by QuerySet._fetch_all after the
        # iterable, and known related objects (a related manager's queryset) are attached by
        # ModelIterable; we do neither, so such querysets are refused.
        if (
            queryset._prefetch_related_lookups
            or queryset._known_related_objects
            or queryset._iterable_class not in (ModelIterable, ValuesListIterable)
        ):
            raise ValueError("CompiledQuery runs plain model or values_list querysets only")
        # What evaluating the queryset does first (ModelIterable.__iter__ → execute_sql): compile
        # its query for this database. as_sql() also fills the compiler's select, klass_info and
        # annotation_col_map, which the iterables read.
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        params = list(params)
        slots = []
        for name, placeholder in self.placeholders.items():
            adapted = _adapt(connection, placeholder)
            found = False
            for index, param in enumerate(params):
                if param == adapted:
                    slots.append((index, name, "exact"))
                    found = True
                elif isinstance(param, str) and isinstance(adapted, str) and adapted in param:
                    slots.append((index, name, "like"))
                    found = True
            if not found:
                raise ValueError(f"placeholder {name}={placeholder!r} is not a parameter")
        # SQLCompiler.results_iter: the selected columns (select[:col_count]) decide the
        # converters; a composite primary key would also need composite_fields_to_tuples.
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("CompiledQuery does not run queries of composite primary keys")
        is_model = queryset._iterable_class is ModelIterable
        return _Compiled(
            sql,
            params,
            slots,
            compiler,
            compiler.get_converters(fields),
            _Hydration.of(compiler, using) if is_model else None,
        )

    def model(self) -> type:
        """The model the query reads, built once (a read replica is chosen by it)."""
        if self._model is None:
            self._model = self.build(**self.placeholders).model
        return self._model

    def fetch(self, using: str | None = None, **values: Any) -> list:
        """Run the query with ``values``, on ``using`` or where Django's routers send a read."""
        if using is None:
            using = router.db_for_read(self.model())
        compiled = self._by_alias.get(using)
        if compiled is None:
            compiled = self._by_alias[using] = self._compile(using)
        connection = connections[using]
        params = list(compiled.params)
        patterns: dict[int, str] = {}
        for index, name, kind in compiled.slots:
            value = _adapt(connection, values[name])
            if kind == "like":
                # The pattern startswith/contains build around the value, with the value escaped
                # as those lookups escape it (the backend's prep_for_like_query).
                placeholder = _adapt(connection, self.placeholders[name])
                value = params[index].replace(
                    placeholder, connection.ops.prep_for_like_query(value)
                )
                if _PLAIN_PATTERN.fullmatch(value):
                    patterns[index] = value
            params[index] = value
        sql = compiled.sql
        if patterns:
            sql, params = self._with_patterns(using, compiled, patterns, params)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        compiler = compiled.compiler
        if compiled.converters:
            # SQLCompiler.results_iter: database values to Python's (dates, JSON, decimals…).
            rows = compiler.apply_converters(rows, compiled.converters)
        if compiled.hydration is None:
            return [tuple(row) for row in rows]
        return list(compiled.hydration.models(rows))

    def _with_patterns(
        self, using: str, compiled: _Compiled, patterns: dict[int, str], params: list
    ) -> tuple[str, list]:
        """The SQL with these LIKE patterns written into it, and the other parameters.

        PostgreSQL cannot use an index for ``path LIKE $1`` in a plan made for any value, so it
        plans a statement with such a parameter afresh on every run, where a written pattern
        (an edition's tree path, which a few values cover) is planned once per connection.
        Only patterns of letters, digits, ``/``, ``-`` and the final ``%`` are written in."""
        key = (using, tuple(sorted(patterns.items())))
        sql = self._patterned.get(key)
        if sql is None:
            parts = _PLACEHOLDER_OR_PERCENT.split(compiled.sql)
            tokens = _PLACEHOLDER_OR_PERCENT.findall(compiled.sql)
            out, index = [parts[0]], 0
            for token, part in zip(tokens, parts[1:], strict=True):
                if token == "%s":
                    pattern = patterns.get(index)
                    token = "%s" if pattern is None else "'" + pattern.replace("%", "%%") + "'"
                    index += 1
                out += [token, part]
            sql = self._patterned[key] = "".join(out)
        return sql, [param for index, param in enumerate(params) if index not in patterns]


def _adapt(connection, value: Any) -> Any:
    """A value as the ORM passes it to the database driver."""
    # DateTimeField.get_db_prep_value, through the backend's operations (the backend API).
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


@dataclass
class _Hydration:
    """What Django's ModelIterable.__iter__ works out for each query run, worked out once, from
    the same compiler attributes it reads (klass_info, select, annotation_col_map)."""

    model: type
    using: str
    start: int
    end: int
    init_list: list[str]
    related_populators: list
    annotation_col_map: dict

    @classmethod
    def of(cls, compiler, using: str) -> _Hydration:
        select, klass_info = compiler.select, compiler.klass_info
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        return cls(
            klass_info["model"],
            using,
            start,
            end,
            [f[0].target.attname for f in select[start:end]],
            # ModelIterable's select_related() objects. A RelatedPopulator keeps no state between
            # rows or queries up to Django 6.0; 6.1 adds a required fetch_mode argument and keeps
            # FETCH_PEERS' peers on the populator.
            get_related_populators(klass_info, select, using),
            compiler.annotation_col_map or {},
        )

    def models(self, rows):
        """Django's ModelIterable.__iter__, over rows already fetched and converted: the row's
        own columns through Model.from_db, then its select_related objects, then annotations."""
        for row in rows:
            obj = self.model.from_db(self.using, self.init_list, row[self.start : self.end])
            for populator in self.related_populators:
                populator.populate(row, obj)
            for attr_name, col_pos in self.annotation_col_map.items():
                setattr(obj, attr_name, row[col_pos])
            yield obj


class CompiledIdQuery:
    """A query over a list of ids (``build(ids)`` filters ``id__in=ids``), compiled once per
    number of distinct ids up to ``most``; a longer list is left to the ORM."""

    _PLACEHOLDER = -918_273_700

    def __init__(self, build: Callable[[list], QuerySet], most: int = 16):
        self.build = build
        self.most = most
        self._by_count: dict[int, CompiledQuery] = {}

    def _query(self, count: int) -> CompiledQuery:
        query = self._by_count.get(count)
        if query is None:
            placeholders = {f"id{i}": self._PLACEHOLDER - i for i in range(count)}
            query = self._by_count[count] = CompiledQuery(
                lambda **ids: self.build(list(ids.values())), **placeholders
            )
        return query

    def fetch(self, ids: list, using: str | None = None) -> list:
        distinct = list(dict.fromkeys(ids))
        if not distinct:
            return []
        if len(distinct) > self.most:
            queryset = self.build(distinct)
            return list(queryset.using(using) if using else queryset)
        values = {f"id{i}": value for i, value in enumerate(distinct)}
        return self._query(len(distinct)).fetch(using=using, **values)
