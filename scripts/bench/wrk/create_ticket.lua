-- POST /api/v2/tickets as the logged-in agent.
-- The requests cycle through 100 requesters, so most tickets belong to a user who is
-- already known, as on a running help desk (and as in the osTicket runs in FACTS.md,
-- which posted for one address); the bodies are built once per thread, not per request.
--   OXT_BENCH_TOKEN  access token (bearer)
--   OXT_BENCH_LUA    this directory
local report = dofile(os.getenv("OXT_BENCH_LUA") .. "/report.lua")
local token = os.getenv("OXT_BENCH_TOKEN")

local requests = {}
local next_request = 1

setup_count = 0
function setup(thread)
  thread:set("thread_no", setup_count)
  setup_count = setup_count + 1
end

function init(args)
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }
  for i = 1, 100 do
    local body = string.format(
      '{"name":"Load Tester %d","email":"load%d@bench.example",'
        .. '"subject":"Printer on floor %d is jammed again",'
        .. '"message":"It started this morning: every print job stops halfway with a paper jam.'
        .. ' I cleared the tray twice."}',
      i, i, i % 7)
    requests[i] = wrk.format("POST", "/api/v2/tickets", headers, body)
  end
  next_request = 1 + (thread_no or 0) * 37 % 100
end

function request()
  local r = requests[next_request]
  next_request = next_request % 100 + 1
  return r
end

done = report.done
