-- wrk script: counts the answers by HTTP status and keeps the first body of an answer that is not 2xx/3xx,
-- printed at the end ("status 200: 1234"), so a failed run says what the server answered.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  sample = nil
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 400 and sample == nil then
    sample = status .. " " .. string.sub(body or "", 1, 300)
  end
end

function done(summary, latency, requests)
  local total, first = {}, nil
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
    first = first or thread:get("sample")
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d: %d\n", status, count))
  end
  if first then
    io.write("first error answer: " .. first .. "\n")
  end
end
