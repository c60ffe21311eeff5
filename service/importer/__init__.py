"""Loading OpenAlex data (API pages, records, JSON Lines, the snapshot layout) into the graph.

readers.py finds records in files (manifests.py holds a snapshot's record counts),
records.py and entity_records.py model them (checked by validation.py, within the bounds of
limits.py), works.py and entities.py map them to rows, loader.py writes rows in batched
transactions through `cypher/import/*.cypher` (work_batches.py merges a batch of works into the
stored nodes first) and reports in run_summary.py. The rules both import paths share are written
once: nodes.py merges shared nodes, summariser.py computes researcher summaries (summaries.py
keeps them current after a transactional run). bulk/ is the offline initial load through
neo4j-admin. The synthetic corpora of the load tests come from bench/generate.py, outside the
service.
"""
