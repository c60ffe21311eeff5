// Idempotent schema: unique ids for every node label, lookup indexes, full-text search.
// Run statement by statement (separated by semicolons) on every start, like a cypher-shell script;
// each uses IF NOT EXISTS, so a second run changes nothing.
CREATE CONSTRAINT researcher_id IF NOT EXISTS FOR (n:Researcher) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT venue_id IF NOT EXISTS FOR (n:Venue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE INDEX researcher_orcid IF NOT EXISTS FOR (n:Researcher) ON (n.orcid);
CREATE INDEX paper_doi IF NOT EXISTS FOR (n:Paper) ON (n.doi);
CREATE INDEX paper_sort IF NOT EXISTS FOR (n:Paper) ON (n.sortDate);
CREATE INDEX topic_level IF NOT EXISTS FOR (n:Topic) ON (n.level);
CREATE FULLTEXT INDEX researcher_names IF NOT EXISTS FOR (n:Researcher) ON EACH [n.name, n.alternativeNames];
CREATE FULLTEXT INDEX paper_titles IF NOT EXISTS FOR (n:Paper) ON EACH [n.title];
CREATE CONSTRAINT publisher_id IF NOT EXISTS FOR (n:Publisher) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT funder_id IF NOT EXISTS FOR (n:Funder) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT merged_author_id IF NOT EXISTS FOR (n:MergedAuthor) REQUIRE n.id IS UNIQUE;
CREATE INDEX merged_author_into IF NOT EXISTS FOR (n:MergedAuthor) ON (n.into);
