-- wrk script of bench/scaleout: the mixed read/write load of many signed-in users on a few videos.
-- Arguments (after --): a file of access tokens (one a line), a file of bvids (one a line), wrk's thread count.
-- Each thread takes every n-th user; of each 20 requests it sends
--   5 × GET  /api/v1/videos/{bvid}                              (the video page; video service)
--   7 × GET  /api/v1/videos/{bvid}/comments?sort=hot&size=10    (the comments; interaction)
--   6 × PUT or DELETE /api/v1/videos/{bvid}/like               (a user likes, next time unlikes; interaction)
--   2 × POST /api/v1/videos/{bvid}/comments                    (a comment; interaction)
-- the writes each by the thread's next user. At the end it prints the answers by status, the comments created
-- (201s), wrk's socket errors, and the failures by second ("failures at <unix second>: n") for the kill timeline.
local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

function init(args)
  local tokens, nthreads = {}, tonumber(args[3])
  for line in io.lines(args[1]) do
    if line ~= "" then tokens[#tokens + 1] = line end
  end
  videos = {}
  for line in io.lines(args[2]) do
    if line ~= "" then videos[#videos + 1] = line end
  end
  users = {}
  for i = id, #tokens, nthreads do users[#users + 1] = tokens[i] end
  liked = {}
  step, user = 0, 0
  statuses = {}
  failures = {}
  sample = nil
  math.randomseed(id * 7919 + os.time())
end

local function next_user()
  user = user % #users + 1
  return user
end

function request()
  step = step % 20 + 1
  local bvid = videos[math.random(#videos)]
  if step <= 5 then
    return wrk.format("GET", "/api/v1/videos/" .. bvid)
  elseif step <= 12 then
    return wrk.format("GET", "/api/v1/videos/" .. bvid .. "/comments?sort=hot&size=10")
  end
  local u = next_user()
  local headers = { ["Authorization"] = "Bearer " .. users[u], ["Content-Type"] = "application/json" }
  if step <= 18 then
    local key = u .. "/" .. bvid
    liked[key] = not liked[key]
    return wrk.format(liked[key] and "PUT" or "DELETE", "/api/v1/videos/" .. bvid .. "/like", headers)
  end
  return wrk.format("POST", "/api/v1/videos/" .. bvid .. "/comments", headers,
    '{"content":"扩容测试：两台互动服务一起扛，这条评论不能丢"}')
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 400 then
    local second = os.time()
    failures[second] = (failures[second] or 0) + 1
    if sample == nil then sample = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local total, by_second, first = {}, {}, nil
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
    for second, n in pairs(thread:get("failures")) do by_second[second] = (by_second[second] or 0) + n end
    first = first or thread:get("sample")
  end
  for status, n in pairs(total) do io.write(string.format("status %d: %d\n", status, n)) end
  io.write(string.format("created: %d\n", total[201] or 0))
  local e = summary.errors
  io.write(string.format("socket errors: %d (connect %d, read %d, write %d, timeout %d)\n",
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  for second, n in pairs(by_second) do io.write(string.format("failures at %d: %d\n", second, n)) end
  if first then io.write("first error answer: " .. first .. "\n") end
end
