"""The corpus stages: what judges a document against the others or as a whole, not line by line.

- `templates`: site-template lines (counted over the corpus, then a line rule),
- `rules`: the language and quality document rules (after Gopher and C4, as datatrove defines them),
- `near_duplicates`: exact and near-duplicate documents (MinHash + LSH from datasketch), split in
  map / group / verify / resolve steps for distributed runners,
- `run`: `CorpusCleaner`, which runs all of it over a set of documents for the CLI and the window.
"""
