// Forget the failed attempts for $key after a successful login.
MATCH (t:LoginThrottle {key: $key})
DELETE t
