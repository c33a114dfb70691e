-- Charges one event exactly once, settling its reservation (if any) in the same step.
-- KEYS[1]    dedupe key of the event
-- KEYS[2]    the reservation record of the charge (a key that never exists when the charge has none)
-- KEYS[3..n] the counter of every matching budget's window (m = n - 2 of them): a calendar window's spent counter,
--            or a rolling budget's bucket counter "<prefix><bucket start>" of the event's time (its aggregate
--            "<prefix>a:<aggregate start>" is incremented too)
-- ARGV[1]    dedupe TTL in seconds
-- ARGV[2+7(i-1)..] target i: amount (nano-USD, or tokens for a token budget), unix expiry of its counter, budget id,
--            first bucket of the rolling window (unix s), bucket count (0 = calendar window), bucket width (s),
--            aggregate width (s)
-- The dedupe key stores "<budget>=<after>,..." so that a retry (after PostgreSQL failed to record the threshold
-- crossings of the first attempt) can re-derive exactly the crossings of the first attempt. For a rolling window,
-- "after" is the window's sum right after the charge.
-- The reservation record (written by reserve.lua) is "<reservation>|<window base key>|<amount>|...": settling
-- deletes it and removes "<reservation>:<amount>" from each window's reservation set; the reserved counter is
-- decremented only when the member was still there (an expired member was already subtracted by reserve.lua), so
-- release happens exactly once. Those window keys share the tenant's hash tag, so they live in the same cluster
-- slot as the declared keys.
-- Returns {0, stored} when the event was charged before (nothing touched), else {1, after_1, ..., after_m}.
local function sumKeys(keys)
  local total = 0
  for from = 1, #keys, 500 do
    for _, v in ipairs(redis.call('MGET', unpack(keys, from, math.min(#keys, from + 499)))) do
      if v then
        total = total + tonumber(v)
      end
    end
  end
  return total
end

-- The sum of a rolling window's buckets [first, first + count * width): whole aggregates (an hour of minute
-- buckets, a UTC day of hour buckets: "<prefix>a:<start>") inside it, single buckets at its two ends.
local function windowSum(prefix, first, count, width, agg)
  local last = first + count * width
  local keys = {}
  local a1 = math.ceil(first / agg) * agg
  local a2 = math.floor(last / agg) * agg
  if a1 >= a2 then
    a1, a2 = last, last
  end
  for t = first, a1 - width, width do
    keys[#keys + 1] = prefix .. t
  end
  for t = a1, a2 - agg, agg do
    keys[#keys + 1] = prefix .. 'a:' .. t
  end
  for t = a2, last - width, width do
    keys[#keys + 1] = prefix .. t
  end
  return sumKeys(keys)
end

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
  local a = 2 + 7 * (i - 3)
  local after = redis.call('INCRBY', KEYS[i], ARGV[a])
  redis.call('EXPIREAT', KEYS[i], ARGV[a + 1])
  local count = tonumber(ARGV[a + 4])
  if count > 0 then
    local prefix, bucket = string.match(KEYS[i], '^(.*:)(%d+)$')
    local agg = tonumber(ARGV[a + 6])
    local aggKey = prefix .. 'a:' .. (math.floor(tonumber(bucket) / agg) * agg)
    redis.call('INCRBY', aggKey, ARGV[a])
    redis.call('EXPIREAT', aggKey, ARGV[a + 1])
    after = windowSum(prefix, tonumber(ARGV[a + 3]), count, tonumber(ARGV[a + 5]), agg)
  end
  out[i - 1] = after
  stored[#stored + 1] = ARGV[a + 2] .. '=' .. after
end
redis.call('SET', KEYS[1], table.concat(stored, ','), 'EX', ARGV[1])
return out
