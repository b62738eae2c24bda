"""Corpus-scale extraction on Dask: partitions of a corpus are extracted in parallel, written as
Parquet, and merged into events with all their sources.

| module        | holds                                                                    |
|---------------|--------------------------------------------------------------------------|
| partitions    | corpus discovery: paths to a deterministic list of `Partition`s          |
| ranges        | reading one partition's documents (a byte range of JSON Lines, WARC...)  |
| fingerprint   | normalised-text hashes and MinHash signatures for near-duplicates        |
| schema        | the Arrow schemas of every Parquet file a batch writes                   |
| task          | the per-partition task a Dask worker runs                                |
| manifest      | the output folder: manifest, atomic writes, which partitions are done    |
| run           | the driver: a cluster, bounded submission, progress, resume              |
| dedup         | near-duplicate documents clustered (LSH over MinHash)                    |
| merge         | candidates of many documents merged into events, disputes flagged        |
| event_rows    | an event's row: readings with their sources, the leading figure, dispute |
| plan          | the merge's buckets: blocks cut in time where no week or month window is |
| shuffle       | the driver's side of the merge: candidates counted, then bucketed        |
| bucket        | one bucket merged into events: the merge's Dask task                     |
| combine       | after the partitions: copies, the buckets merged on Dask, the summary    |
| single        | the merge in one process, as before: the reference the buckets match     |
| memory        | a process's peak resident memory, as the tasks report it                 |
| ingest        | merged events into the review queue, idempotently                        |
| known         | events already queued or recorded that a run's events extend, by slot    |
"""
