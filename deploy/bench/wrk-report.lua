-- What deploy/bench/run.sh's read phase keeps of one wrk run, as key=value lines in the file named by WRK_OUT
-- (latencies in milliseconds). wrk counts a response of status 400 or more as a "status" error and a request without an
-- answer within --timeout as a "timeout" error; timed-out requests are not in the latency distribution.
done = function(summary, latency, requests)
  local out = assert(io.open(os.getenv("WRK_OUT"), "a"))
  local seconds = summary.duration / 1e6
  out:write(string.format("requests=%d\n", summary.requests))
  out:write(string.format("duration.s=%.3f\n", seconds))
  out:write(string.format("requests.per.s=%.2f\n", summary.requests / seconds))
  for _, p in ipairs({50, 90, 99}) do
    out:write(string.format("latency.p%d.ms=%.3f\n", p, latency:percentile(p) / 1000))
  end
  out:write(string.format("latency.max.ms=%.3f\n", latency.max / 1000))
  out:write(string.format("errors.status=%d\n", summary.errors.status))
  out:write(string.format("errors.timeout=%d\n", summary.errors.timeout))
  out:write(string.format("errors.connect=%d\n", summary.errors.connect))
  out:write(string.format("errors.read=%d\n", summary.errors.read))
  out:write(string.format("errors.write=%d\n", summary.errors.write))
  out:write(string.format("bytes=%d\n", summary.bytes))
  out:close()
end
