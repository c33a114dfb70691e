-- Charges one event exactly once, settling its reservation (if any) in the same step.
-- KEYS[1]    dedupe key of the event
-- KEYS[2]    the reservation record of the charge (a key that never exists when the charge has none)
-- KEYS[3..n] the counter of every matching budget's window (m = n - 2 of them): a calendar window's spent counter,
--            or a rolling budget's bucket counter "<prefix><bucket start>" of the event's time
-- ARGV[1]    dedupe TTL in seconds
-- ARGV[2+6(i-1)..] target i: amount (nano-USD, or tokens for a token budget), unix expiry of its counter, budget id,
--            first bucket of the rolling window (unix s), bucket count (0 = calendar window), bucket width (s)
-- The dedupe key stores "<budget>=<after>,..." so that a retry (after PostgreSQL failed to record the threshold
-- crossings of the first attempt) can re-derive exactly the crossings of the first attempt. For a rolling window,
-- "after" is the window's sum right after the charge.
-- The reservation record (written by reserve.lua) is "<reservation>|<window base key>|<amount>|...": settling
-- deletes it and removes "<reservation>:<amount>" from each window's reservation set; the reserved counter is
-- decremented only when the member was still there (an expired member was already subtracted by reserve.lua), so
-- release happens exactly once. Those window keys share the tenant's hash tag, so they live in the same cluster
-- slot as the declared keys.
-- Returns {0, stored} when the event was charged before (nothing touched), else {1, after_1, ..., after_m}.
local previous = redis.call('GET', KEYS[1])
if previous then
  return {0, previous}
end
local record = redis.call('GET', KEYS[2])
if record then
  redis.call('DEL', KEYS[2])
  local id, rest = string.match(record, '^([^|]+)|?(.*)$')
  for base, amount in string.gmatch(rest, '([^|]+)|(%d+)') do
    if redis.call('ZREM', base .. ':rz', id .. ':' .. amount) == 1 then
      redis.call('DECRBY', base .. ':rsv', amount)
    end
  end
end
local n = #KEYS
local out = {1}
local stored = {}
for i = 3, n do
  local a = 2 + 6 * (i - 3)
  local after = redis.call('INCRBY', KEYS[i], ARGV[a])
  redis.call('EXPIREAT', KEYS[i], ARGV[a + 1])
  local count = tonumber(ARGV[a + 4])
  if count > 0 then
    local prefix = string.match(KEYS[i], '^(.*:)%d+$')
    local first, width = tonumber(ARGV[a + 3]), tonumber(ARGV[a + 5])
    after = 0
    local from = 0
    while from < count do
      local keys = {}
      for j = from, math.min(count, from + 500) - 1 do
        keys[#keys + 1] = prefix .. (first + j * width)
      end
      for _, v in ipairs(redis.call('MGET', unpack(keys))) do
        if v then
          after = after + tonumber(v)
        end
      end
      from = from + 500
    end
  end
  out[i - 1] = after
  stored[#stored + 1] = ARGV[a + 2] .. '=' .. after
end
redis.call('SET', KEYS[1], table.concat(stored, ','), 'EX', ARGV[1])
return out
