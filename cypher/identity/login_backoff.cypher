// One log in attempt by the (account, client) pair $key. While the delay after an earlier attempt
// runs (`waiting`), nothing is counted. Otherwise the attempt is counted, and every attempt after
// the first $free makes the pair wait $baseS seconds, doubling each time, at most $maxS. The count
// starts over after $windowS seconds without an attempt. Locked before it is read, so concurrent
// attempts cannot all slip through one gap. Only a real delay moves `waitUntil`: concurrent
// attempts carry `$now`s a moment apart, and a zero delay stamped with a later one must not make
// an earlier one wait.
// @mode write
// @rows one
// @param key: String -- the (account, client) pair
// @param now: DateTime -- when
// @param windowS: Integer -- seconds without an attempt that start the count over
// @param free: Integer -- attempts without a delay
// @param maxS: Integer -- the longest delay
// @param baseS: Integer -- the first delay
// @column waiting: Boolean -- whether this attempt must wait
// @column waitUntil: DateTime? -- when the pair may try again
// @column attempts: Integer -- attempts in the window
MERGE (t:LoginThrottle {key: $key})
  ON CREATE SET t.attempts = 0, t.waitUntil = datetime({epochSeconds: 0}), t.lastAttempt = $now
SET t.locked = true
WITH t, t.waitUntil > $now AS waiting,
     coalesce(t.lastAttempt, t.waitUntil) <= $now - duration({seconds: $windowS}) AS quiet
WITH t, waiting,
     CASE WHEN waiting THEN t.attempts WHEN quiet THEN 1 ELSE t.attempts + 1 END AS attempts
WITH t, waiting, attempts, attempts - $free - 1 AS doublings
WITH t, waiting, attempts,
     CASE WHEN doublings < 0 THEN 0
          WHEN doublings >= 30 THEN $maxS
          ELSE toInteger($baseS * 2 ^ doublings) END AS delay
SET t.attempts = attempts,
    t.lastAttempt = CASE WHEN waiting OR t.lastAttempt > $now THEN t.lastAttempt ELSE $now END,
    t.waitUntil = CASE WHEN waiting OR delay = 0 THEN t.waitUntil
                       ELSE $now + duration({seconds: CASE WHEN delay > $maxS THEN $maxS
                                                           ELSE delay END}) END
RETURN waiting, t.waitUntil AS waitUntil, attempts
