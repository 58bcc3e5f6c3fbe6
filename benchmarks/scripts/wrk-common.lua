-- Shared by the wrk scripts of the API benchmarks (see docs/benchmarks.md, ApiThroughput).
--
-- Script arguments (after `--` on the wrk command line):
--   1: a run id, lower-case letters and digits, so names are unique across runs
--   2: requests per second for each wrk thread; 0 (the default) sends as fast as answers come
--
-- Each wrk thread numbers its requests: thread t sends names <run>-<t>-1, <run>-<t>-2, ..., so
-- no two requests of one run, on any connection, name the same object. With a rate, delay()
-- hands out send slots 1/rate apart per thread to whichever connection is free; a slot missed
-- because every connection was busy is dropped, not caught up in a burst, so the rate achieved
-- (printed) may be below the one asked for. Latency is wrk's: from writing a request to reading
-- its whole answer.
--
-- done() prints one line for the benchmark to read:
--   RESULT requests=N duration_us=N errors_connect=N ... p50_us=N p90_us=N p99_us=N p999_us=N max_us=N

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } korch_timespec;
int clock_gettime(int clock_id, korch_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local now_spec = ffi.new("korch_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_spec)
  return tonumber(now_spec.tv_sec) * 1000 + tonumber(now_spec.tv_nsec) / 1e6
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

run_id = "r"
counter = 0
local interval_ms = 0
local next_slot = nil

function init(args)
  run_id = args[1] or tostring(os.time())
  local rate = tonumber(args[2] or "0")
  if rate > 0 then
    interval_ms = 1000 / rate
  end
end

-- The name of the next object this thread creates.
function next_name()
  counter = counter + 1
  return run_id .. "-" .. thread_number .. "-" .. counter
end

function delay()
  if interval_ms == 0 then
    return 0
  end
  local now = now_ms()
  if next_slot == nil or next_slot < now then
    next_slot = now
  end
  local wait = next_slot - now
  next_slot = next_slot + interval_ms
  return math.floor(wait)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d errors_connect=%d errors_read=%d errors_write=%d "
      .. "errors_status=%d errors_timeout=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
