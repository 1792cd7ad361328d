"""How files are read: the options every reader takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from winnow.core.settings import DEFAULT_EXTRACTOR


@dataclass(frozen=True)
class ReadOptions:
    text_field: str | None = None  # records: the field holding the text or HTML (None: found automatically)
    max_file_bytes: int = 512 * 1024 * 1024  # larger files are reported, not read
    max_line_chars: int = 20_000  # longer lines are split at sentence or word boundaries (0: never)
    extractor: str = DEFAULT_EXTRACTOR  # HTML main content: one of core.settings.EXTRACTORS
    follow_links: bool = False  # follow symbolic links that lead out of the folder given
    # a longer text is cut into parts of at most this many lines / characters (a record or page is reported),
    # so no document makes a rule slow or memory large
    max_document_lines: int = 20_000
    max_document_chars: int = 10_000_000
    extraction_cache: Any = None  # a winnow.cache.ExtractionCache: HTML extraction kept between sessions
