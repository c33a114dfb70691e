-- Checks (and in 'reserve' mode reserves) one estimate against every matching budget window, atomically.
-- Expired reservations stop counting exactly at their expiry: each window keeps a sorted set of its open
-- reservations (member "<reservation_id>:<amount>", score = expiry in ms) next to a reserved counter, and every run
-- first drops the members whose expiry <= now from both.
-- A calendar window's spend is one counter; a rolling window's spend is the sum of its bucket counters
-- "<prefix><bucket start (unix s)>" (MGET in the script, so the sum and the reservation are one atomic step).
-- Amounts are Lua numbers (doubles): exact up to 2^53 (nano-USD: about $9 million; or tokens) per counter.
-- KEYS[1]          the reservation record (unused in 'peek' mode)
-- KEYS[3i-1..3i+1] window i: spent counter (rolling: bucket key prefix), reserved counter, reservation sorted set
-- ARGV[1] now (ms)  ARGV[2] expiry (ms)  ARGV[3] reservation id  ARGV[4] record value  ARGV[5] record TTL (ms)
-- ARGV[6] 'reserve' or 'peek'
-- ARGV[7+7(i-1)..] window i: deny cap, '1' when enforced (may deny), unix expiry of its counters (s), amount (in the
--                  budget's unit), first bucket (unix s), bucket count (0 = calendar window), bucket width (s)
-- Returns {admitted, spent_1, reserved_1, ..., spent_n, reserved_n}: the values BEFORE this reservation.
local n = (#KEYS - 1) / 3
local now = tonumber(ARGV[1])
local out = {0}
local deny = false

local function spentOf(key, first, count, width)
  if count == 0 then
    return tonumber(redis.call('GET', key) or '0')
  end
  local total = 0
  local from = 0
  while from < count do
    local keys = {}
    for j = from, math.min(count, from + 500) - 1 do
      keys[#keys + 1] = key .. (first + j * width)
    end
    for _, v in ipairs(redis.call('MGET', unpack(keys))) do
      if v then
        total = total + tonumber(v)
      end
    end
    from = from + 500
  end
  return total
end

for i = 1, n do
  local spentKey, rsvKey, rzKey = KEYS[3 * i - 1], KEYS[3 * i], KEYS[3 * i + 1]
  local base = 7 + 7 * (i - 1)
  local expired = redis.call('ZRANGEBYSCORE', rzKey, '-inf', now)
  if #expired > 0 then
    local freed = 0
    for _, m in ipairs(expired) do
      freed = freed + tonumber(string.match(m, ':(%d+)$'))
    end
    redis.call('DECRBY', rsvKey, freed)
    redis.call('ZREMRANGEBYSCORE', rzKey, '-inf', now)
  end
  local spent = spentOf(spentKey, tonumber(ARGV[base + 4]), tonumber(ARGV[base + 5]), tonumber(ARGV[base + 6]))
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
  local base = 7 + 7 * (i - 1)
  redis.call('INCRBY', rsvKey, ARGV[base + 3])
  redis.call('ZADD', rzKey, ARGV[2], ARGV[3] .. ':' .. ARGV[base + 3])
  redis.call('EXPIREAT', rsvKey, ARGV[base + 2])
  redis.call('EXPIREAT', rzKey, ARGV[base + 2])
end
redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
out[1] = 1
return out
