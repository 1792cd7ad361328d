"""What an export can be: its formats and the metadata fields it can carry.

Kept apart from winnow.export (which knows every rule, for the per-rule counts) so that the command line
can offer them as choices before the engine loads.
"""

FORMATS = ("jsonl", "csv", "txt", "txt-single", "parquet")
METADATA_FIELDS = ("title", "url", "date", "author", "language", "sitename")
# what an input may give besides: a page's head or a scraped record (the analyse stage reads its summary)
SOURCE_METADATA_FIELDS = (*METADATA_FIELDS, "description")
