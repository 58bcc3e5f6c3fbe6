-- wrk script: every request is GET / (the proxy benchmark's httpd pods answer it and close the
-- connection, so wrk opens a new connection for each). See wrk-common.lua for the arguments and the
-- RESULT line. Usage:
--   wrk -t2 -c16 -d10s -s benchmarks/scripts/http-get.lua http://10.96.250.1:80 -- RUNID
-- run from the repository root, or set KORCH_WRK_SCRIPTS to this directory.

dofile((os.getenv("KORCH_WRK_SCRIPTS") or "benchmarks/scripts") .. "/wrk-common.lua")

function request()
  return wrk.format("GET", "/")
end
