-- Charges a run of events of one tenant, each exactly once, settling its reservation (if any) in the same step.
-- One call per run of charges (not one per event) saves Redis a script call per event; the keys all carry the
-- tenant's hash tag, so one call stays within one cluster slot.
-- ARGV[1]    dedupe TTL in seconds
-- ARGV[2]    the number of charges
-- Then per charge, in order: its keys, and its arguments starting with m, its number of targets:
-- KEYS       dedupe key of the event; the reservation record of the charge (a key that never exists when the
--            charge has none); the counter of every matching budget's window (m of them): a calendar window's
--            spent counter, or a rolling budget's bucket counter "<prefix><bucket start>" of the event's time (its
--            aggregate "<prefix>a:<aggregate start>" is incremented too)
-- ARGV       m; 1 when the charge settles a reservation, else 0; then per target: amount (nano-USD, or tokens for a token budget), unix expiry of its counter,
--            budget id, first bucket of the rolling window (unix s), bucket count (0 = calendar window), bucket
--            width (s), aggregate width (s)
-- The dedupe key stores "<budget>=<after>,..." so that a retry (after PostgreSQL failed to record the threshold
-- crossings of the first attempt) can re-derive exactly the crossings of the first attempt. For a rolling window,
-- "after" is the window's sum right after the charge.
-- The reservation record (written by reserve.lua) is "<reservation>|<window base key>|<amount>|...": settling
-- deletes it and removes "<reservation>:<amount>" from each window's reservation set; the reserved counter is
-- decremented only when the member was still there (an expired member was already subtracted by reserve.lua), so
-- release happens exactly once. Those window keys share the tenant's hash tag, so they live in the same cluster
-- slot as the declared keys.
-- Returns one reply per charge, in order: {0, stored} when the event was charged before (nothing touched), else
-- {1, after_1, ..., after_m}.
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

-- Adds amount to a counter; sets its expiry only when this created it (a counter's expiry never changes), which saves
-- a call per counter and event.
local function add(key, amount, expiry)
  local after = redis.call('INCRBY', key, amount)
  if after == tonumber(amount) then
    redis.call('EXPIREAT', key, expiry)
  end
  return after
end

-- One charge: its keys start at KEYS[k], its target arguments at ARGV[a]; m targets; settles = a reservation.
local function charge(k, a, m, settles, ttl)
  local previous = redis.call('GET', KEYS[k])
  if previous then
    return {0, previous}
  end
  local record = settles and redis.call('GET', KEYS[k + 1])
  if record then
    redis.call('DEL', KEYS[k + 1])
    local id, rest = string.match(record, '^([^|]+)|?(.*)$')
    for base, amount in string.gmatch(rest, '([^|]+)|(%d+)') do
      if redis.call('ZREM', base .. ':rz', id .. ':' .. amount) == 1 then
        redis.call('DECRBY', base .. ':rsv', amount)
      end
    end
  end
  local out = {1}
  local stored = {}
  for t = 0, m - 1 do
    local key = KEYS[k + 2 + t]
    local b = a + 7 * t
    local after = add(key, ARGV[b], ARGV[b + 1])
    local count = tonumber(ARGV[b + 4])
    if count > 0 then
      local prefix, bucket = string.match(key, '^(.*:)(%d+)$')
      local agg = tonumber(ARGV[b + 6])
      local aggKey = prefix .. 'a:' .. (math.floor(tonumber(bucket) / agg) * agg)
      add(aggKey, ARGV[b], ARGV[b + 1])
      after = windowSum(prefix, tonumber(ARGV[b + 3]), count, tonumber(ARGV[b + 5]), agg)
    end
    out[t + 2] = after
    -- '%.0f', not '..': concatenating a number writes it with 14 significant digits ("1.5000000042225e+14" from
    -- $150,000), which a retry could not read back. Lua numbers are doubles: exact up to 2^53 nano-USD ($9.0M).
    stored[#stored + 1] = ARGV[b + 2] .. '=' .. string.format('%.0f', after)
  end
  redis.call('SET', KEYS[k], table.concat(stored, ','), 'EX', ttl)
  return out
end

local replies = {}
local k, a = 1, 3
for c = 1, tonumber(ARGV[2]) do
  local m = tonumber(ARGV[a])
  replies[c] = charge(k, a + 2, m, ARGV[a + 1] == '1', ARGV[1])
  k = k + 2 + m
  a = a + 2 + 7 * m
end
return replies
