-- Charges one event exactly once, settling its reservation (if any) in the same step.
-- KEYS[1]    dedupe key of the event
-- KEYS[2]    the reservation record of the charge (a key that never exists when the charge has none)
-- KEYS[3..n] spent counters of every matching budget's window (m = n - 2 of them)
-- ARGV[1]    dedupe TTL in seconds
-- ARGV[2]    cost in nano-USD
-- ARGV[3..n] unix expiry of KEYS[3..n] (window end + retention)
-- ARGV[n+1..n+m] the budget id of each counter
-- The dedupe key stores "<budget>=<after>,..." so that a retry (after PostgreSQL failed to record the threshold
-- crossings of the first attempt) can re-derive exactly the crossings of the first attempt.
-- The reservation record (written by reserve.lua) is "<amount>|<member>|<window base key>|...": settling deletes it
-- and removes the member from each window's reservation set; the reserved counter is decremented only when the
-- member was still there (an expired member was already subtracted by reserve.lua), so release happens exactly
-- once. Those window keys share the tenant's hash tag, so they live in the same cluster slot as the declared keys.
-- Returns {0, stored} when the event was charged before (nothing touched), else {1, after_1, ..., after_m}.
local previous = redis.call('GET', KEYS[1])
if previous then
  return {0, previous}
end
local record = redis.call('GET', KEYS[2])
if record then
  redis.call('DEL', KEYS[2])
  local amount, member, bases = string.match(record, '^(%d+)|([^|]+)|?(.*)$')
  for base in string.gmatch(bases, '[^|]+') do
    if redis.call('ZREM', base .. ':rz', member) == 1 then
      redis.call('DECRBY', base .. ':rsv', amount)
    end
  end
end
local n = #KEYS
local out = {1}
local stored = {}
for i = 3, n do
  local after = redis.call('INCRBY', KEYS[i], ARGV[2])
  redis.call('EXPIREAT', KEYS[i], ARGV[i])
  out[i - 1] = after
  stored[#stored + 1] = ARGV[n + i - 2] .. '=' .. after
end
redis.call('SET', KEYS[1], table.concat(stored, ','), 'EX', ARGV[1])
return out
