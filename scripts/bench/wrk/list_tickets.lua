-- GET one page of a department's open tickets (the first page: the one an agent's queue
-- opens on, and the one a client polls).
--   OXT_BENCH_TOKEN  access token (bearer)
--   OXT_BENCH_QUERY  query string, e.g. dept_id=1&status=open&per_page=50
--   OXT_BENCH_LUA    this directory
local report = dofile(os.getenv("OXT_BENCH_LUA") .. "/report.lua")
local token = os.getenv("OXT_BENCH_TOKEN")
local query = os.getenv("OXT_BENCH_QUERY")

local prepared

function init(args)
  prepared = wrk.format("GET", "/api/v2/tickets?" .. query, { ["Authorization"] = "Bearer " .. token })
end

function request()
  return prepared
end

done = report.done
