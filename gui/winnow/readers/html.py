"""HTML pages: main content through trafilatura, the rest of the page's text kept and marked 'outside'.

STUB: to be completed (trafilatura extraction, BeautifulSoup selector removal, alignment).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageText:
    lines: list[str]  # the whole page's text, in page order
    outside_main: frozenset[int]  # indices of lines main-content extraction left out
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, date, url, sitename, description, language


def extract_page(html: str | bytes, selectors: tuple[str, ...] = ()) -> PageText:
    raise NotImplementedError
