-- Checks (and in 'reserve' mode reserves) one estimate against every matching budget window, atomically.
-- Expired reservations stop counting exactly at their expiry: each window keeps a sorted set of its open
-- reservations (member "<reservation_id>:<amount>", score = expiry in ms) next to a reserved counter, and every run
-- first drops the members whose expiry <= now from both.
-- Amounts are Lua numbers (doubles): exact up to 2^53 nano-USD (about $9 million) per counter.
-- KEYS[1]          the reservation record (unused in 'peek' mode)
-- KEYS[3i-1..3i+1] window i: spent counter, reserved counter, reservation sorted set
-- ARGV[1] now (ms)  ARGV[2] expiry (ms)  ARGV[3] amount  ARGV[4] member  ARGV[5] record value  ARGV[6] record TTL (ms)
-- ARGV[7] 'reserve' or 'peek'
-- ARGV[8+3(i-1)..] window i: limit, '1' when enforced (may deny), unix expiry of its counters (s)
-- Returns {admitted, spent_1, reserved_1, ..., spent_n, reserved_n}: the values BEFORE this reservation.
local n = (#KEYS - 1) / 3
local now = tonumber(ARGV[1])
local amount = tonumber(ARGV[3])
local out = {0}
local deny = false
for i = 1, n do
  local spentKey, rsvKey, rzKey = KEYS[3 * i - 1], KEYS[3 * i], KEYS[3 * i + 1]
  local expired = redis.call('ZRANGEBYSCORE', rzKey, '-inf', now)
  if #expired > 0 then
    local freed = 0
    for _, m in ipairs(expired) do
      freed = freed + tonumber(string.match(m, ':(%d+)$'))
    end
    redis.call('DECRBY', rsvKey, freed)
    redis.call('ZREMRANGEBYSCORE', rzKey, '-inf', now)
  end
  local spent = tonumber(redis.call('GET', spentKey) or '0')
  local reserved = tonumber(redis.call('GET', rsvKey) or '0')
  out[2 * i] = spent
  out[2 * i + 1] = reserved
  local base = 8 + 3 * (i - 1)
  if ARGV[base + 1] == '1' and spent + reserved + amount > tonumber(ARGV[base]) then
    deny = true
  end
end
if deny or ARGV[7] ~= 'reserve' then
  return out
end
for i = 1, n do
  local rsvKey, rzKey = KEYS[3 * i], KEYS[3 * i + 1]
  local base = 8 + 3 * (i - 1)
  redis.call('INCRBY', rsvKey, ARGV[3])
  redis.call('ZADD', rzKey, ARGV[2], ARGV[4])
  redis.call('EXPIREAT', rsvKey, ARGV[base + 2])
  redis.call('EXPIREAT', rzKey, ARGV[base + 2])
end
redis.call('SET', KEYS[1], ARGV[5], 'PX', ARGV[6])
out[1] = 1
return out
