// @query collaboration_path
// The shortest chain of co-authorships linking two researchers: who introduces whom, through
// which works. Searches at most 6 co-author hops (the quantifier's bound); $maxHops narrows it.
// No row when the two are not connected within $maxHops, or are the same researcher.
// @param from: String -- id of the researcher the path starts at
// @param to: String -- id of the researcher the path ends at
// @param maxHops: Int = 4 (1..6) -- longest chain of co-authorships to accept
// @column hops: Int -- co-authorships on the path (1 = they wrote a paper together)
// @column researcherIds: List<String> -- the researchers along the path, from first to last
// @column researcherNames: List<String> -- their names, in the same order
// @column paperIds: List<String> -- the work linking each consecutive pair
// @example {"from": "seed:shihao-zhou", "to": "seed:osamu-yoshie"}
MATCH (a:Researcher {id: $from}), (b:Researcher {id: $to})
WHERE a <> b
MATCH path = SHORTEST 1 (a)(()-[:AUTHORED]->(:Paper)<-[:AUTHORED]-()){1,6}(b)
WITH path
WHERE length(path) <= 2 * $maxHops
RETURN length(path) / 2 AS hops,
       [n IN nodes(path) WHERE n:Researcher | n.id] AS researcherIds,
       [n IN nodes(path) WHERE n:Researcher | coalesce(n.name, n.id)] AS researcherNames,
       [n IN nodes(path) WHERE n:Paper | n.id] AS paperIds
LIMIT 1
