"""Winnow: turn raw scraped web files into a clean text corpus, with every removal explained."""

__version__ = "0.1.0"
