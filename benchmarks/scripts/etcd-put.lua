-- wrk script: each request puts a new key with a 300-byte value into etcd through its v3 HTTP
-- gateway (POST /v3/kv/put, key and value base64 in JSON), the key /korch-bench/<run>-<thread>-<n>.
-- See wrk-common.lua for the arguments and the RESULT line. Usage:
--   wrk -t2 -c64 -d10s -s benchmarks/scripts/etcd-put.lua http://127.0.0.1:2379 -- RUNID [RATE_PER_THREAD]

dofile((os.getenv("KORCH_WRK_SCRIPTS") or "benchmarks/scripts") .. "/wrk-common.lua")

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local s1, s2 = math.floor(n / 262144) % 64, math.floor(n / 4096) % 64
    local s3, s4 = math.floor(n / 64) % 64, n % 64
    out[#out + 1] = B64:sub(s1 + 1, s1 + 1) .. B64:sub(s2 + 1, s2 + 1)
      .. (b and B64:sub(s3 + 1, s3 + 1) or "=") .. (c and B64:sub(s4 + 1, s4 + 1) or "=")
  end
  return table.concat(out)
end

local PATH = "/v3/kv/put"
local HEADERS = { ["Content-Type"] = "application/json" }
-- 300 bytes of printable text, the size of value the issue's etcd figure was measured with
local VALUE = base64(string.rep("korch-etcd-benchmark-value-0123456789-", 8):sub(1, 300))

function request()
  local body = '{"key":"' .. base64("/korch-bench/" .. next_name()) .. '","value":"' .. VALUE .. '"}'
  return wrk.format("POST", PATH, HEADERS, body)
end
