"""The pages measured, found the way a reader finds them, and their HTML saved for nginx."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

MAX_OLDER_PAGES = 200  # "More news" pages followed at most, to find the deepest one


class PageError(RuntimeError):
    pass


@dataclass(frozen=True)
class Page:
    name: str  # short name, also the file nginx serves: <name>.html
    path: str  # path (and query) on the Masthead servers
    description: str

    @property
    def static_path(self) -> str:
        return f"/{self.name}.html"


class _Links(HTMLParser):
    """Collects the href of every <a>, with its rel, and the links inside <nav> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (href, rel)
        self.nav_links: list[str] = []
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav":
            self._nav_depth += 1
        elif tag == "a" and attributes.get("href"):
            self.links.append((attributes["href"], attributes.get("rel") or ""))
            if self._nav_depth:
                self.nav_links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def fetch(base_url: str, path: str, timeout: float = 15) -> bytes:
    """The body of a 200 answer for ``path``, or a PageError saying what came instead."""
    url = base_url + path
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            if response.status != 200:
                raise PageError(f"{url} answered {response.status}")
            return response.read()
    except urllib.error.HTTPError as exc:
        raise PageError(f"{url} answered {exc.code}") from exc
    except OSError as exc:
        raise PageError(f"{url} failed: {exc}") from exc


def local_path(href: str, base_path: str) -> str | None:
    """``href`` as a path and query on our server, or None if it leads elsewhere."""
    absolute = urljoin("http://bench.invalid" + base_path, href)
    parts = urlsplit(absolute)
    if parts.netloc != "bench.invalid":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def section_path(home_html: str) -> str | None:
    """A section from the home page's sections menu: Politics if there is one, else the first."""
    candidates = []
    for href in links(home_html).nav_links:
        path = local_path(href, "/")
        if (
            path
            and path != "/"
            and path.count("/") == 2
            and not path.startswith(("/latest/", "/programmes/", "/people/", "/tags/"))
        ):
            candidates.append(path)
    if "/politics/" in candidates:
        return "/politics/"
    return candidates[0] if candidates else None


def person_path_from(html: str) -> str | None:
    for href, _rel in links(html).links:
        path = local_path(href, "/")
        if path and path.startswith("/people/") and path.count("/") == 3:
            return path
    return None


def deepest_older_page(base_url: str, start: str) -> tuple[str, int]:
    """Follow the rel="next" ("Older") links from ``start`` until there is none, at most
    MAX_OLDER_PAGES times; the last page's path and how many pages there were."""
    path, count = start, 1
    for _ in range(MAX_OLDER_PAGES):
        html = fetch(base_url, path).decode("utf-8", "replace")
        older = [href for href, rel in links(html).links if "next" in rel.split()]
        if not older:
            return path, count
        following = local_path(older[0], path)
        if following is None or following == path:
            return path, count
        path, count = following, count + 1
    raise PageError(f"more than {MAX_OLDER_PAGES} 'Older' pages from {start}; stopped")


def save_web_root(pages: list[tuple[Page, bytes]], webroot: Path) -> None:
    """Write each page's HTML where nginx's workers (user nobody) can read it."""
    webroot.mkdir(parents=True, exist_ok=True)
    webroot.chmod(0o755)
    for page, body in pages:
        target = webroot / f"{page.name}.html"
        target.write_bytes(body)
        target.chmod(0o644)


def unreadable_ancestor(path: Path) -> Path | None:
    """The first directory above ``path`` that others cannot enter, if any."""
    for directory in [path, *path.parents]:
        if not directory.stat().st_mode & 0o001:
            return directory
    return None
