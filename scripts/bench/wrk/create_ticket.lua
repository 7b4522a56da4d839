-- POST /api/v2/tickets as the logged-in agent.
-- By default the requests cycle through 100 requesters, so once each has a ticket every
-- creation belongs to a known user, as on a running help desk (and as in the osTicket
-- runs in FACTS.md, which posted for one address); those bodies are built once per thread.
-- With OXT_BENCH_NEW_REQUESTERS=1 every request comes from an address never seen before,
-- so every creation also registers a user.
--   OXT_BENCH_TOKEN            access token (bearer)
--   OXT_BENCH_NEW_REQUESTERS   1: a new requester per ticket
--   OXT_BENCH_LUA              this directory
local report = dofile(os.getenv("OXT_BENCH_LUA") .. "/report.lua")
local token = os.getenv("OXT_BENCH_TOKEN")
local new_requesters = os.getenv("OXT_BENCH_NEW_REQUESTERS") == "1"

local body_format = '{"name":"Load Tester %s","email":"load%s@bench.example",'
  .. '"subject":"Printer on floor %d is jammed again",'
  .. '"message":"It started this morning: every print job stops halfway with a paper jam.'
  .. ' I cleared the tray twice."}'
local headers = {}
local requests = {}
local next_request = 1
local sent = 0
-- Distinguishes this run's new addresses from those of earlier runs on the same database.
local run_id = os.time()

setup_count = 0
function setup(thread)
  thread:set("thread_no", setup_count)
  setup_count = setup_count + 1
end

function init(args)
  headers["Authorization"] = "Bearer " .. token
  headers["Content-Type"] = "application/json"
  for i = 1, 100 do
    requests[i] = wrk.format("POST", "/api/v2/tickets", headers, string.format(body_format, i, i, i % 7))
  end
  next_request = 1 + (thread_no or 0) * 37 % 100
end

function request()
  if new_requesters then
    sent = sent + 1
    local who = string.format("%d-%d-%d", run_id, thread_no or 0, sent)
    return wrk.format("POST", "/api/v2/tickets", headers, string.format(body_format, who, who, sent % 7))
  end
  local r = requests[next_request]
  next_request = next_request % 100 + 1
  return r
end

done = report.done
