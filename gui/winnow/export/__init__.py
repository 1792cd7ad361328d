"""Exporters: the cleaned corpus as JSONL, CSV or TXT, written atomically (used by the CLI and the window)."""

from winnow.export.records import METADATA_FIELDS, to_record
from winnow.export.writers import FORMATS, ExportCancelled, ExportError, ExportOptions, ExportSummary, export_corpus

__all__ = [
    "FORMATS",
    "METADATA_FIELDS",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "ExportSummary",
    "export_corpus",
    "to_record",
]
