"""The Django and Wagtail versions Masthead's shortcuts into their internals were verified on.

Three parts of Masthead reproduce, through names Django and Wagtail do not promise to keep, what
their public code does: compiled queries (``caching/compiled.py``: Django's query compiler and
``ModelIterable``), the one-query route and the primed site lookup (``serving/routing.py``,
``editions/wagtail_request.py``: Wagtail's per-request memo) and rich-text page links
(``articles/links.py``). A release may change any of them without notice, so the project refuses
to start (``manage.py check``, ``runserver``, ``migrate``) on versions nobody has verified.
"""

from __future__ import annotations

import django
import wagtail
from django.core import checks

# (major, minor) series each shortcut was verified on, by reading the source and by the tests.
VERIFIED_DJANGO = {(5, 2)}
VERIFIED_WAGTAIL = {(8, 0)}

# Run these, on the new version, before adding it to the sets above.
TESTS_TO_RUN = (
    "tests/caching/test_compiled.py",
    "tests/serving/test_routing.py",
    "tests/articles/test_links.py",
    "tests/articles/test_renditions.py",
    "tests/editions/test_current.py",
    "tests/demo/test_demo_newsroom.py -k budget",
    "and every page's query budget (tests/frontpage, tests/sections, tests/articles)",
)

ERROR_ID = "serving.E001"


def installed_versions() -> dict[str, tuple]:
    """The installed (major, minor, micro, …) versions, by package name."""
    return {"Django": tuple(django.VERSION), "Wagtail": tuple(wagtail.VERSION)}


def check_verified_versions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """An Error for Django or Wagtail outside the series Masthead was verified on.

    What was found in the sources of later Django releases (read in 6.0.10 and 6.1.3):

    - Django 6.0: nothing that compiled queries read changed. ``get_related_populators``,
      ``RelatedPopulator``, ``ModelIterable.__iter__``, ``Model.from_db``,
      ``ValuesListIterable`` and ``SQLCompiler.select`` / ``col_count`` / ``klass_info`` /
      ``annotation_col_map`` / ``get_converters`` / ``apply_converters`` /
      ``has_composite_fields`` / ``results_iter`` are the same as in 5.2. It still needs the
      test run above (and a Wagtail that supports 6.0, which needs Python 3.12).
    - Django 6.1 breaks compiled queries. Fetch modes arrive: ``get_related_populators`` and
      ``RelatedPopulator`` take a required ``fetch_mode`` argument (the first compiled query
      with ``select_related`` raises TypeError); ``ModelIterable`` passes
      ``queryset._fetch_mode`` to ``Model.from_db(..., fetch_mode=)`` and, for FETCH_PEERS,
      records each row's peers on the instance and on the populator, so populators are no
      longer stateless and cannot be kept between queries as ``_Hydration`` keeps them; it
      also skips known related objects whose attributes are deferred. The compiler
      attributes above are unchanged.

    Wagtail's side (``request._wagtail_site``, ``request._wagtail_route_for_request``,
    ``Page.route_for_request``, the ``check_view_restrictions`` hook calling
    ``get_view_restrictions()``, what ``PageLinkHandler`` calls for a URL) was read in 8.0.1.
    """
    errors: list[checks.CheckMessage] = []
    verified = {"Django": VERIFIED_DJANGO, "Wagtail": VERIFIED_WAGTAIL}
    for name, version in installed_versions().items():
        if tuple(version[:2]) in verified[name]:
            continue
        series = ", ".join(f"{major}.{minor}.x" for major, minor in sorted(verified[name]))
        errors.append(
            checks.Error(
                f"{name} {'.'.join(str(part) for part in version[:3])} is installed, but "
                f"Masthead's compiled queries, routing and page links were verified on "
                f"{name} {series} only.",
                hint=(
                    "They rely on internals a release may change (see masthead/serving/"
                    "checks.py). On the new version run "
                    + ", ".join(TESTS_TO_RUN)
                    + "; when they pass, add the version to VERIFIED_"
                    + name.upper()
                    + " in masthead/serving/checks.py."
                ),
                id=ERROR_ID,
            )
        )
    return errors
