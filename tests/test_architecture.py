"""Imports run one way (docs/architecture.md): every module under ``masthead/`` is read with
``ast``, and the test fails on a circle between modules, a circle between parts of the order, or
an import against the order declared in ``ORDER`` below.

What counts as an import: every ``import`` and ``from … import`` anywhere in a module, inside
functions too, except those under ``if TYPE_CHECKING:`` (they never run). Relative imports are
resolved; ``from package import name`` counts the submodule ``package.name`` when there is one.
Migrations are left out of the graph: they are generated history, and reach other apps through
their declared dependencies rather than imports. The root ``masthead/__init__.py`` is empty and
left out too.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

CONTENT = "content"
PAGES = "reader pages"


@dataclass(frozen=True)
class Part:
    """One step of the declared order: an app, an app's reader-page half, or the project's own
    modules. ``modules`` are dotted prefixes: a module belongs to the part with the longest
    prefix that is the module itself or one of its packages."""

    name: str
    layer: str
    modules: tuple[str, ...]


# The declared order, lowest first: a module may import from its own part and the parts above it
# in this list, never from one below. The content layer holds the models, their admin, blocks and
# what renders one article; the reader-page layer holds the listing primitive and the pages
# built on it. An app may have a half in each (people's model is content, its pages are not);
# a page model that lists other content (SectionPage, FrontPage) is itself a reader page.
ORDER: tuple[Part, ...] = (
    Part("caching", CONTENT, ("masthead.caching",)),
    # Machinery that depends on none of ours (the purge backends, the Varnish launcher), kept low
    # so that whatever purges may use it.
    Part("edge", CONTENT, ("masthead.edge",)),
    Part("editions", CONTENT, ("masthead.editions",)),
    Part("people", CONTENT, ("masthead.people",)),
    Part("programmes", CONTENT, ("masthead.programmes",)),
    Part("articles", CONTENT, ("masthead.articles",)),
    Part("policies", CONTENT, ("masthead.policies",)),
    # What the newsroom intends to publish: plan items and broadcasts, linked to their articles.
    Part("planning", CONTENT, ("masthead.planning",)),
    # The banner every page shows while an article is flagged as breaking.
    Part("breaking", CONTENT, ("masthead.breaking",)),
    # The editor's form in the admin, over every content model above.
    Part("editing", CONTENT, ("masthead.editing",)),
    # Claims about the future made in interviews: what marks them and finds them in the text.
    Part("forecasts", CONTENT, ("masthead.forecasts",)),
    Part("feed", PAGES, ("masthead.feed",)),
    Part("people pages", PAGES, ("masthead.people.views", "masthead.people.queries")),
    Part("programmes pages", PAGES, ("masthead.programmes.views", "masthead.programmes.queries")),
    Part("tags", PAGES, ("masthead.tags",)),
    Part("sections", PAGES, ("masthead.sections",)),
    Part("frontpage", PAGES, ("masthead.frontpage",)),
    # Feeds, sitemaps and structured data: every page family's content, for machines.
    Part("syndication", PAGES, ("masthead.syndication",)),
    Part("corrections", PAGES, ("masthead.corrections",)),
    # The forecasts' open data for readers and researchers.
    Part(
        "forecasts pages",
        PAGES,
        ("masthead.forecasts.exports", "masthead.forecasts.queries", "masthead.forecasts.views"),
    ),
    Part("serving", PAGES, ("masthead.serving",)),
    # Reader search: its documents follow the keys the invalidation map emits.
    Part("search", PAGES, ("masthead.search",)),
    # The newsroom's side: publishing on time, roles and review, and the desk's dashboard.
    Part("scheduling", PAGES, ("masthead.scheduling",)),
    Part("newsroom", PAGES, ("masthead.newsroom",)),
    Part("dashboard", PAGES, ("masthead.dashboard",)),
    # A broadcast's transcript read into an interview draft, on the desk.
    Part("transcripts", PAGES, ("masthead.transcripts",)),
    Part("importers", PAGES, ("masthead.importers",)),
    Part("demo", PAGES, ("masthead.demo",)),
    Part(
        "project",
        PAGES,
        (
            "masthead.urls",
            "masthead.templating",
            "masthead.settings",
            "masthead.wsgi",
            "masthead.asgi",
        ),
    ),
)

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = "masthead"


# ---------------------------------------------------------------------------------------------
# The checker


@dataclass(frozen=True)
class Source:
    text: str
    is_package: bool = False  # an __init__.py: its relative imports start from itself


@dataclass(frozen=True, order=True)
class Import:
    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} (line {self.line}) imports {self.imported}"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: at any depth, except under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for other in node.orelse:
                yield from _import_nodes(ast.Module(body=[other], type_ignores=[]))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _import_nodes(node)


def _known(name: str, modules: Iterable[str]) -> str | None:
    """``name`` itself if it is one of ``modules``, else its nearest package that is."""
    known = set(modules)
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, source: Source, modules: Iterable[str]) -> list[Import]:
    """The imports of ``module`` that name one of ``modules`` (the project's own)."""
    modules = set(modules)
    package = module if source.is_package else module.rpartition(".")[0]
    found: list[Import] = []

    def add(name: str, line: int) -> None:
        target = _known(name, modules)
        if target is not None and target != module:
            found.append(Import(module, target, line))

    for node in _import_nodes(ast.parse(source.text)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno)
            continue
        if node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            origin = ".".join([*base, node.module] if node.module else base)
        else:
            origin = node.module or ""
        for alias in node.names:
            submodule = f"{origin}.{alias.name}" if origin else alias.name
            add(submodule if submodule in modules else origin, node.lineno)
    return sorted(set(found))


def import_graph(sources: Mapping[str, Source], modules: Iterable[str] = ()) -> list[Import]:
    """Every import between the project's modules; ``modules`` adds names that may be imported
    without being read (packages left out of ``sources``)."""
    known = set(sources) | set(modules)
    return [found for name, source in sources.items() for found in imports_of(name, source, known)]


def circles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """One circle through each group of nodes that reach each other (Tarjan's strongly connected
    components), as ``[a, b, …, a]``."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        if source != target:
            graph.setdefault(source, set()).add(target)
            graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_circle_through(min(group), group, graph) for group in groups]


def _circle_through(start: str, group: set[str], graph: Mapping[str, set[str]]) -> list[str]:
    """The shortest path from ``start`` back to itself inside ``group``."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError("a strongly connected group always has a circle")


def part_of(module: str, order: Iterable[Part] = ORDER) -> Part | None:
    """The part ``module`` belongs to: the one with the longest matching prefix."""
    best: tuple[int, Part] | None = None
    for part in order:
        for prefix in part.modules:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[0]
            ):
                best = (len(prefix), part)
    return best[1] if best else None


def against_the_order(imports: Iterable[Import], order: tuple[Part, ...] = ORDER) -> list[str]:
    """Each import from a module to one in a part declared after its own."""
    rank = {part: position for position, part in enumerate(order)}
    problems = []
    for found in imports:
        importer, imported = part_of(found.importer, order), part_of(found.imported, order)
        if importer is None or imported is None or rank[imported] <= rank[importer]:
            continue
        if importer.layer == CONTENT and imported.layer != CONTENT:
            why = "content may not import reader pages"
        else:
            why = f"{imported.name} is declared after {importer.name}"
        problems.append(f"{found} ({importer.name} → {imported.name}: {why})")
    return problems


def part_circles(imports: Iterable[Import], order: tuple[Part, ...] = ORDER) -> list[list[str]]:
    """Circles between the parts of the order (an app's two halves are two parts)."""
    edges = []
    for found in imports:
        importer, imported = part_of(found.importer, order), part_of(found.imported, order)
        if importer is not None and imported is not None:
            edges.append((importer.name, imported.name))
    return circles(edges)


def _describe(circle: list[str], imports: Iterable[Import]) -> str:
    lines = {(i.importer, i.imported): i.line for i in imports}
    steps = [f"{a} (line {lines[a, b]})" if (a, b) in lines else a for a, b in pairwise(circle)]
    return " → ".join([*steps, circle[-1]])


# ---------------------------------------------------------------------------------------------
# The rules, on masthead/


def project_sources() -> dict[str, Source]:
    sources = {}
    for path in sorted((PROJECT / PACKAGE).rglob("*.py")):
        relative = path.relative_to(PROJECT).with_suffix("")
        if "migrations" in relative.parts or relative == Path(PACKAGE, "__init__"):
            continue
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        sources[".".join(parts)] = Source(path.read_text(), relative.name == "__init__")
    return sources


@pytest.fixture(scope="module")
def project_imports() -> list[Import]:
    return import_graph(project_sources(), modules=[PACKAGE])


def test_every_module_has_a_place_in_the_order():
    undeclared = [name for name in project_sources() if part_of(name) is None]
    assert not undeclared, f"modules in no part of ORDER: {undeclared}"


def test_the_order_reads_the_project(project_imports):
    """The checker sees the imports it is meant to judge (so an empty graph cannot pass)."""
    pairs = {(found.importer, found.imported) for found in project_imports}
    assert ("masthead.urls", "masthead.people.views") in pairs
    assert ("masthead.serving.apps", "masthead.serving.invalidation") in pairs  # inside ready()
    assert ("masthead.sections.queries", "masthead.sections.models") not in pairs  # type only


def test_no_circle_between_modules(project_imports):
    edges = [(found.importer, found.imported) for found in project_imports]
    found = [_describe(circle, project_imports) for circle in circles(edges)]
    assert not found, "modules importing each other:\n" + "\n".join(found)


def test_no_circle_between_parts_of_the_order(project_imports):
    found = [" → ".join(circle) for circle in part_circles(project_imports)]
    assert not found, "parts of the order importing each other:\n" + "\n".join(found)


def test_imports_follow_the_declared_order(project_imports):
    problems = against_the_order(project_imports)
    assert not problems, "imports against the declared order:\n" + "\n".join(problems)


def test_feed_knows_nothing_of_the_page_families_built_on_it(project_imports):
    families = ("people pages", "programmes pages", "tags", "sections", "frontpage")
    reached = {
        found.imported
        for found in project_imports
        if found.importer.startswith("masthead.feed.")
        and part_of(found.imported) is not None
        and part_of(found.imported).name in families
    }
    assert not reached


# ---------------------------------------------------------------------------------------------
# The checker, on small made-up sources


def _sources(**modules: str) -> dict[str, Source]:
    """Made-up modules: ``pkg__init`` is the package ``pkg``, ``pkg__mod`` its module ``mod``."""
    sources = {}
    for key, text in modules.items():
        is_package = key.endswith("__init")
        name = key.removesuffix("__init").rstrip("_").replace("__", ".")
        sources[name] = Source(textwrap.dedent(text), is_package)
    return sources


def _pairs(sources: dict[str, Source]) -> set[tuple[str, str]]:
    return {(found.importer, found.imported) for found in import_graph(sources)}


def test_checker_counts_an_import_inside_a_function():
    sources = _sources(
        app__models="def get_context():\n    from .queries import listing\n",
        app__queries="",
    )
    assert _pairs(sources) == {("app.models", "app.queries")}


def test_checker_skips_imports_under_type_checking_but_not_its_else():
    sources = _sources(
        app__queries="""
            from typing import TYPE_CHECKING
            import typing
            if TYPE_CHECKING:
                from .models import Page
            else:
                from . import fallback
            if typing.TYPE_CHECKING:
                import app.other
        """,
        app__models="",
        app__fallback="",
        app__other="",
    )
    assert _pairs(sources) == {("app.queries", "app.fallback")}


def test_checker_resolves_every_form_of_import_to_the_module_it_names():
    sources = _sources(
        app__init="from . import views\n",
        app__views="""
            import app.queries
            import app.sub.deep as deep
            from app import helpers_free_name
            from app.sub import deep as again
            from .. import elsewhere
            from .sub.deep import thing
            import django.db
        """,
        app__queries="",
        app__sub__init="",
        app__sub__deep="",
        elsewhere="",
    )
    assert _pairs(sources) == {
        ("app", "app.views"),
        ("app.views", "app.queries"),
        ("app.views", "app.sub.deep"),
        ("app.views", "app"),  # a name defined in the package, not a submodule
        ("app.views", "elsewhere"),
    }


def test_checker_reports_a_circle_with_the_modules_in_it():
    sources = _sources(
        app__models="def f():\n    from .queries import x\n",
        app__queries="from app.models import Page\n",
        app__views="from .queries import x\n",
    )
    imports = import_graph(sources)
    found = circles((found.importer, found.imported) for found in imports)
    assert found == [["app.models", "app.queries", "app.models"]]
    assert _describe(found[0], imports) == "app.models (line 2) → app.queries (line 1) → app.models"


def test_checker_reports_imports_against_the_order_and_circles_between_parts():
    order = (
        Part("low", CONTENT, ("low",)),
        Part("feed", PAGES, ("feed",)),
        Part("low pages", PAGES, ("low.views",)),
    )
    sources = _sources(
        low__models="import feed.listing\n",
        low__views="from feed.listing import paginate\nfrom .models import Person\n",
        feed__listing="def f():\n    import low.views\n",
    )
    imports = import_graph(sources)
    assert part_of("low.models", order).name == "low"
    assert part_of("low.views", order).name == "low pages"
    assert against_the_order(imports, order) == [
        "low.models (line 1) imports feed.listing (low → feed: content may not import reader"
        " pages)",
        "feed.listing (line 2) imports low.views (feed → low pages: low pages is declared after"
        " feed)",
    ]
    assert part_circles(imports, order) == [["feed", "low pages", "feed"]]


def test_checker_passes_a_project_that_keeps_the_order():
    order = (Part("low", CONTENT, ("low",)), Part("high", PAGES, ("high",)))
    sources = _sources(low__models="", high__views="from low.models import Person\n")
    imports = import_graph(sources)
    assert against_the_order(imports, order) == []
    assert part_circles(imports, order) == []
    assert circles((i.importer, i.imported) for i in imports) == []
