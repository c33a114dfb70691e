-- Charges one event exactly once.
-- KEYS[1]    dedupe key of the event
-- KEYS[2..n] spent counters of every matching budget's window
-- ARGV[1]    dedupe TTL in seconds
-- ARGV[2]    cost in nano-USD
-- ARGV[3..n+1] unix expiry of KEYS[2..n] (window end + retention)
-- Returns {0} when the event was charged before (nothing touched), else {1, after_1, ..., after_n-1}.
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return {0}
end
local out = {1}
for i = 2, #KEYS do
  out[i] = redis.call('INCRBY', KEYS[i], ARGV[2])
  redis.call('EXPIREAT', KEYS[i], ARGV[i + 1])
end
return out
