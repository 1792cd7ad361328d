"""Runners: the same read → clean pipeline as the window, over every core of this machine or a Dask cluster.

- `shards.py` cuts the inputs into shards (a few files, or a slice of a web archive's records) and reads and
  cleans one shard; a shard is the unit of work everywhere, so every runner gives the same documents in
  the same order.
- `local.py` runs shards over a process pool with a bounded window of shards in flight and yields the
  results in input order (`winnow clean --jobs N`): the export is the same bytes for any N.
- `corpus_passes.py` runs a recipe with corpus stages (site templates, document rules, near-duplicates) in
  passes over the shards: count, clean into spill files, resolve the duplicates, write in corpus order.
- `parent_watch.py` makes every worker process end with its parent, even a killed one (and
  `core/scratch.py` the scratch folders a killed run leaves go with the next run).
- `progress.py` is the command line's progress bar (bytes read, documents/s, ETA).
- `distributed.py` runs shards on `dask.distributed` (`winnow clean --dask ADDRESS|local`): each task writes
  its own part file atomically, and a manifest lists the parts with their counts; with corpus stages it runs
  the same passes as Dask tasks (the LSH bands grouped by tasks of their own).
"""
