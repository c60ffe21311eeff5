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
// Search (cypher/search/nodes.cypher): accent-folding analyzers, so "Watzold" finds Wätzold.
// They replace the first, unfolded indexes, which graphs from before them still hold.
DROP INDEX researcher_names IF EXISTS;
DROP INDEX paper_titles IF EXISTS;
CREATE FULLTEXT INDEX researcher_search IF NOT EXISTS FOR (n:Researcher) ON EACH [n.name, n.alternativeNames] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX paper_search IF NOT EXISTS FOR (n:Paper) ON EACH [n.title] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX topic_search IF NOT EXISTS FOR (n:Topic) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX institution_search IF NOT EXISTS FOR (n:Institution) ON EACH [n.name, n.alternativeNames, n.acronyms] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
// The home page's most connected researchers, read in index order (cypher/researcher/top.cypher).
CREATE INDEX researcher_coauthors IF NOT EXISTS FOR (n:Researcher) ON (n.summaryCoauthors);
CREATE CONSTRAINT user_email IF NOT EXISTS FOR (n:User) REQUIRE n.email IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT login_throttle_key IF NOT EXISTS FOR (n:LoginThrottle) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT email_verification_id IF NOT EXISTS FOR (n:EmailVerification) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_active_record IF NOT EXISTS FOR (n:Claim) REQUIRE n.activeKey IS UNIQUE;
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT invitation_id IF NOT EXISTS FOR (n:Invitation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT invitation_pending_pair IF NOT EXISTS FOR (n:Invitation) REQUIRE n.pendingKey IS UNIQUE;
CREATE CONSTRAINT conversation_id IF NOT EXISTS FOR (n:Conversation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT message_id IF NOT EXISTS FOR (n:Message) REQUIRE n.id IS UNIQUE;
CREATE INDEX invitation_recipient IF NOT EXISTS FOR (n:Invitation) ON (n.recipientId);
CREATE INDEX invitation_sender IF NOT EXISTS FOR (n:Invitation) ON (n.senderId);
CREATE CONSTRAINT publisher_id IF NOT EXISTS FOR (n:Publisher) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT funder_id IF NOT EXISTS FOR (n:Funder) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT merged_author_id IF NOT EXISTS FOR (n:MergedAuthor) REQUIRE n.id IS UNIQUE;
CREATE INDEX merged_author_into IF NOT EXISTS FOR (n:MergedAuthor) ON (n.into);
// A researcher's works newest first without sorting them all (cypher/researcher/cards.cypher):
// AUTHORED carries its researcher's id and its paper's sortDate for this index.
CREATE INDEX authored_sort IF NOT EXISTS FOR ()-[a:AUTHORED]-() ON (a.researcher, a.sortDate);
// The devices and addresses accounts know (log in throttling).
CREATE CONSTRAINT known_client_key IF NOT EXISTS FOR (n:KnownClient) REQUIRE n.key IS UNIQUE;
// Sign up's pending step, one per email until its code comes back.
CREATE CONSTRAINT sign_up_email IF NOT EXISTS FOR (n:SignUp) REQUIRE n.email IS UNIQUE;
