-- wrk script: unique orderUuid per request, random miner (token "tok<N>") and crypto pair, LONG/SHORT 0.01
local pairs = {"BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD", "DOGEUSD", "ADAUSD"}
local miners = tonumber(os.getenv("MINERS") or "200")
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads) -- a global in that thread's Lua state
end

function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919)
end

local function uuid()
  counter = counter + 1
  local r = function(n) return string.format("%0" .. n .. "x", math.random(0, 16 ^ n - 1)) end
  return string.format("%s-%s-4%s-a%s-%s%s", r(8), r(4), r(3), r(3), string.format("%04x", tid % 65536), string.format("%08x", counter))
end

request = function()
  local m = math.random(1, miners)
  local side = (math.random(0, 1) == 0) and "LONG" or "SHORT"
  local body = string.format('{"orderUuid":"%s","minerHotkey":"m%d","tradePair":"%s","orderType":"%s","leverage":0.01}',
    uuid(), m, pairs[math.random(1, #pairs)], side)
  return wrk.format("POST", "/api/v1/orders",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer tok" .. m}, body)
end
