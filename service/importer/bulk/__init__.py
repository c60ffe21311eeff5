"""Initial loads of a whole corpus through Neo4j's offline importer (`neo4j-admin database import`).

Transactional MERGEs cost about a millisecond of database CPU per work (some twenty writes each),
which bounds the transactional import near a thousand works/s on two cores. An empty database
can instead be written directly as store files: works are read, checked and mapped by the same
code as the transactional path (`work_row`, `batch_params`), one process per input file
(parts.py), their shared nodes merged by the same rules (service/importer/nodes.py), put
together in file order (assemble.py) with every researcher's summary
(service/importer/summariser.py, the one definition both paths use), written as CSV
(csv_files.py) and handed to `neo4j-admin` (load.py). The other entity records (authors,
institutions, sources, topics, merged ids, ...) are few; they go through the transactional path
once the server is back. A test compares the graph this builds with the one the transactional
path builds from the same files.
"""

from service.importer.bulk.load import NotEmpty, bulk_import

__all__ = ["NotEmpty", "bulk_import"]
