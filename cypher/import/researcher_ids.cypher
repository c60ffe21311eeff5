// One page of researcher ids in id order, for refreshing every summary in batches:
// $after: the last id of the previous page ("" for the first); $first: the page size.
// Reads the researcher_id constraint's index in order, so a page costs its size, not the graph's.
// @mode read
// @rows many
// @param after: String -- the previous page's last id, "" for the first
// @param first: Integer -- the page size
// @column id: String -- a researcher id
MATCH (r:Researcher)
WHERE r.id > $after
RETURN r.id AS id
ORDER BY r.id
LIMIT $first
