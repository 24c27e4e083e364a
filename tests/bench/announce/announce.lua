-- wrk script: walks a file of announce paths (one per corpus peer) in order and appends growing counters, so
-- every request is a re-announce of a live peer by its own member. Args: <paths file> <first round>.
-- Each line is "<u><d> <path>": u = 1 if the peer's uploaded grows, d = 1 if its downloaded grows (paths.ts).
-- Counts non-200 replies and bencoded failures; done() prints one JSON line.
local paths, ups, downs, n, round0, counter, failures = {}, {}, {}, 0, 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local u, d, p = string.match(line, "^(%d)(%d) (.+)$")
    n = n + 1
    paths[n], ups[n], downs[n] = p, tonumber(u), tonumber(d)
  end
  round0 = tonumber(args[2]) or 0
end

function request()
  local i = counter % n
  local bytes = (round0 + math.floor(counter / n)) * 16384
  counter = counter + 1
  return wrk.format("GET", paths[i + 1] .. "&uploaded=" .. bytes * ups[i + 1] .. "&downloaded=" .. bytes * downs[i + 1])
end

function response(status, headers, body)
  if status ~= 200 or string.sub(body, 1, 18) == "d14:failure reason" then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("failures") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"socketErrors":%d,"non2xx":%d,"failures":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status, failed))
end
