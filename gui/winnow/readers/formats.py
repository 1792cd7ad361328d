"""Which reader a file name calls for.

Policy for names we do not know: files with a known asset extension (images, fonts, scripts, styles,
office documents, archives, media, binaries, feeds/sitemaps) are skipped silently when found in a folder;
any other unknown extension (or none, e.g. `page.php` or `index` from a site mirror) is read and sniffed:
an HTML document is read as HTML, other text as text, and a binary file is reported as a Problem.
"""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    WARC = "warc"  # web archives and WET files: readers/warc.py
    PARQUET = "parquet"  # dataset shards with a text column: readers/shards.py
    SNIFF = "sniff"  # unknown extension: HTML or text, decided from the content
    SKIP = "skip"  # a known non-text asset


BY_EXTENSION: dict[str, Kind] = {
    **dict.fromkeys((".txt", ".text", ".md", ".markdown"), Kind.TEXT),
    **dict.fromkeys((".html", ".htm", ".xhtml", ".xht", ".shtml"), Kind.HTML),
    ".json": Kind.JSON,
    **dict.fromkeys((".jsonl", ".ndjson", ".jsonlines"), Kind.JSONL),
    ".csv": Kind.CSV,
    ".tsv": Kind.TSV,
    **dict.fromkeys((".warc", ".wet"), Kind.WARC),
    ".parquet": Kind.PARQUET,
}

ASSET_EXTENSIONS = frozenset(
    # images and icons
    ".png .jpg .jpeg .jpe .gif .webp .avif .bmp .tif .tiff .ico .svg .svgz .heic .psd .eps .raw "
    # fonts
    ".woff .woff2 .ttf .otf .eot "
    # scripts, styles, source maps, page code
    ".js .mjs .cjs .ts .css .scss .less .map .wasm .py .pyc .java .class .jar "
    # documents and data that need their own tools
    ".pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf .epub .mobi .feather .arrow .pkl "
    ".db .sqlite .sqlite3 .arc .mhtml .mht "
    # feeds, sitemaps, configuration
    ".xml .rss .atom .xsl .xslt .ini .cfg .toml .yaml .yml .lock "
    # archives
    ".zip .tar .tgz .tbz2 .7z .rar .bz2 .xz .zst .lz4 .br .z "
    # audio and video
    ".mp3 .mp4 .m4a .m4v .wav .ogg .oga .ogv .flac .aac .webm .mov .avi .mkv .flv .swf "
    # executables and other binaries
    ".exe .dll .so .dylib .bin .dat .iso .dmg .o .a".split()
)

SKIP_NAMES = frozenset({"thumbs.db", "desktop.ini"})


def split_gzip(name: str) -> tuple[str, bool]:
    """('page.html', True) for 'page.html.gz': the name that decides the reader, and whether it is gzipped."""
    if name.lower().endswith(".gz"):
        return name[:-3], True
    return name, False


def is_zstd(name: str) -> bool:
    """`shard.jsonl.zst`: a zstandard-compressed file of a kind we read (a bare `.zst` is skipped)."""
    return name.lower().endswith(".zst") and BY_EXTENSION.get(extension(name[:-4])) is not None


def extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def kind_of(name: str) -> Kind:
    """The reader for a file name (gzip suffix looked through)."""
    inner, _ = split_gzip(name[:-4] if is_zstd(name) else name)
    if inner.lower() in SKIP_NAMES:
        return Kind.SKIP
    ext = extension(inner)
    if ext in BY_EXTENSION:
        return BY_EXTENSION[ext]
    if ext in ASSET_EXTENSIONS:
        return Kind.SKIP
    return Kind.SNIFF
