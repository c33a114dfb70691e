-- Puts one open reservation back after Redis lost it (RebuildCounters), without ever counting it twice: a window
-- whose reservation set still holds the member is left alone.
-- KEYS[1] the reservation record key
-- ARGV[1] the record "<reservation>|<window base key>|<amount>|..." (as reserve.lua wrote it)
-- ARGV[2] the reservation's expiry (ms)  ARGV[3] record TTL (ms)  ARGV[4] unix expiry for re-created window keys (s)
-- Returns the number of windows restored.
local id, rest = string.match(ARGV[1], '^([^|]+)|?(.*)$')
local restored = 0
for base, amount in string.gmatch(rest, '([^|]+)|(%d+)') do
  local member = id .. ':' .. amount
  if not redis.call('ZSCORE', base .. ':rz', member) then
    redis.call('ZADD', base .. ':rz', ARGV[2], member)
    redis.call('INCRBY', base .. ':rsv', amount)
    for _, key in ipairs({base .. ':rz', base .. ':rsv'}) do
      redis.call('EXPIREAT', key, ARGV[4], 'NX')
      redis.call('EXPIREAT', key, ARGV[4], 'GT')
    end
    restored = restored + 1
  end
end
if restored > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
end
return restored
