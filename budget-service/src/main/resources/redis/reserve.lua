-- Checks (and in 'reserve' mode reserves) one estimate against every matching budget window, atomically.
-- Expired reservations stop counting exactly at their expiry: each window keeps a sorted set of its open
-- reservations (member "<reservation_id>:<amount>", score = expiry in ms) next to a reserved counter, and every run
-- first drops the members whose expiry <= now from both.
-- A calendar window's spend is one counter; a rolling window's spend is the sum of its bucket counters
-- "<prefix><bucket start (unix s)>" plus aggregates "<prefix>a:<start>" (MGET in the script, so the sum and the
-- reservation are one atomic step): a 24 h window of minute buckets reads about 59 + 23 + 60 keys, not 1,441.
-- Amounts are Lua numbers (doubles): exact up to 2^53 (nano-USD: about $9 million; or tokens) per counter.
-- KEYS[1]          the reservation record (unused in 'peek' mode)
-- KEYS[3i-1..3i+1] window i: spent counter (rolling: bucket key prefix), reserved counter, reservation sorted set
-- ARGV[1] now (ms)  ARGV[2] expiry (ms)  ARGV[3] reservation id  ARGV[4] record value  ARGV[5] record TTL (ms)
-- ARGV[6] 'reserve' or 'peek'
-- ARGV[7+8(i-1)..] window i: deny cap, '1' when enforced (may deny), unix expiry of its counters (s), amount (in the
--                  budget's unit), first bucket (unix s), bucket count (0 = calendar window), bucket width (s),
--                  aggregate width (s)
-- Returns {admitted, spent_1, reserved_1, ..., spent_n, reserved_n}: the values BEFORE this reservation.
local n = (#KEYS - 1) / 3
local now = tonumber(ARGV[1])
local out = {0}
local deny = false

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

for i = 1, n do
  local spentKey, rsvKey, rzKey = KEYS[3 * i - 1], KEYS[3 * i], KEYS[3 * i + 1]
  local base = 7 + 8 * (i - 1)
  local expired = redis.call('ZRANGEBYSCORE', rzKey, '-inf', now)
  if #expired > 0 then
    local freed = 0
    for _, m in ipairs(expired) do
      freed = freed + tonumber(string.match(m, ':(%d+)$'))
    end
    redis.call('DECRBY', rsvKey, freed)
    redis.call('ZREMRANGEBYSCORE', rzKey, '-inf', now)
  end
  local spent
  if tonumber(ARGV[base + 5]) == 0 then
    spent = tonumber(redis.call('GET', spentKey) or '0')
  else
    spent = windowSum(spentKey, tonumber(ARGV[base + 4]), tonumber(ARGV[base + 5]), tonumber(ARGV[base + 6]),
        tonumber(ARGV[base + 7]))
  end
  local reserved = tonumber(redis.call('GET', rsvKey) or '0')
  out[2 * i] = spent
  out[2 * i + 1] = reserved
  if ARGV[base + 1] == '1' and spent + reserved + tonumber(ARGV[base + 3]) > tonumber(ARGV[base]) then
    deny = true
  end
end
if deny or ARGV[6] ~= 'reserve' then
  return out
end
for i = 1, n do
  local rsvKey, rzKey = KEYS[3 * i], KEYS[3 * i + 1]
  local base = 7 + 8 * (i - 1)
  redis.call('INCRBY', rsvKey, ARGV[base + 3])
  redis.call('ZADD', rzKey, ARGV[2], ARGV[3] .. ':' .. ARGV[base + 3])
  redis.call('EXPIREAT', rsvKey, ARGV[base + 2])
  redis.call('EXPIREAT', rzKey, ARGV[base + 2])
end
redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
out[1] = 1
return out
