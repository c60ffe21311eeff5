// Whether researcher $id exists: one row when it does, none when not. Tells "not yours" from
// "no such record" after a write that matched nothing.
// @mode read
// @rows optional
// @param id: String -- the researcher
// @column id: String -- its id
MATCH (r:Researcher {id: $id})
RETURN r.id AS id
