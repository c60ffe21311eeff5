// The $first researchers with the most distinct co-authors (the home page's "most connected"),
// read from the researcher_coauthors index in descending order instead of sorting everyone.
// @mode read
// @rows many
// @param first: Integer -- how many
// @column id: String -- a researcher id
MATCH (r:Researcher)
WHERE r.summaryCoauthors IS NOT NULL
WITH r ORDER BY r.summaryCoauthors DESC LIMIT $first
RETURN r.id AS id
