-- GET /api/v2/tickets/{id} for ids drawn uniformly from 1..OXT_BENCH_MAX_TICKET, so reads
-- spread over the whole table rather than one cached row.
--   OXT_BENCH_TOKEN       access token (bearer)
--   OXT_BENCH_MAX_TICKET  highest ticket id to read
--   OXT_BENCH_LUA         this directory
local report = dofile(os.getenv("OXT_BENCH_LUA") .. "/report.lua")
local token = os.getenv("OXT_BENCH_TOKEN")
local max_ticket = tonumber(os.getenv("OXT_BENCH_MAX_TICKET"))

local headers = {}

setup_count = 0
function setup(thread)
  thread:set("thread_no", setup_count)
  setup_count = setup_count + 1
end

function init(args)
  headers["Authorization"] = "Bearer " .. token
  -- A fixed seed per thread: runs are repeatable and threads read different ids.
  math.randomseed(4242 + (thread_no or 0))
end

function request()
  return wrk.format("GET", "/api/v2/tickets/" .. math.random(1, max_ticket), headers)
end

done = report.done
