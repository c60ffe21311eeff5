// Count one attempt for $key in a fixed window of $windowS seconds and return the attempts so far
// with the window's start. Keys name what is counted: 'client:<address>' (log in attempts from
// an address), 'account:<email hash>' (from clients the account does not know), 'signup:<address>'.
// The write lock is taken (SET t.locked) before the counter is read, so concurrent attempts are
// each counted rather than lost updates.
// @mode write
// @rows one
// @param key: String -- what is throttled
// @param now: DateTime -- when
// @param windowS: Integer -- the window's length in seconds
// @column attempts: Integer -- attempts in the current window
// @column windowStart: DateTime -- when the window started
MERGE (t:LoginThrottle {key: $key})
  ON CREATE SET t.attempts = 0, t.windowStart = $now
SET t.locked = true
WITH t, t.windowStart <= $now - duration({seconds: $windowS}) AS expired
SET t.attempts = CASE WHEN expired THEN 1 ELSE t.attempts + 1 END,
    t.windowStart = CASE WHEN expired THEN $now ELSE t.windowStart END
RETURN t.attempts AS attempts, t.windowStart AS windowStart
