-- wrk script: each request creates a new pod through the korch API gateway
-- (POST /api/v1/namespaces/default/pods), named <run>-<thread>-<n>. See wrk-common.lua for the
-- arguments and the RESULT line. Usage:
--   wrk -t2 -c64 -d10s -s benchmarks/scripts/korch-create-pods.lua http://127.0.0.1:PORT -- RUNID [RATE_PER_THREAD]
-- run from the repository root, or set KORCH_WRK_SCRIPTS to this directory.

dofile((os.getenv("KORCH_WRK_SCRIPTS") or "benchmarks/scripts") .. "/wrk-common.lua")

local PATH = "/api/v1/namespaces/default/pods"
local HEADERS = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
local BODY = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"wrk"}},'
  .. '"spec":{"containers":[{"name":"main","image":"nginx:1.27",'
  .. '"resources":{"requests":{"cpu":"50m","memory":"32Mi"}}}]}}'

function request()
  return wrk.format("POST", PATH, HEADERS, string.format(BODY, next_name()))
end
