// How many nodes the database holds: a bulk load replaces the database, so it refuses to run
// unless this is 0.
// @mode read
// @rows one
// @column nodes: Integer -- nodes in the graph
MATCH (n)
RETURN count(n) AS nodes
