-- wrk script: every request asks for one of the benchmark's segments at random, as players spread over a ladder do.
local count = tonumber(os.getenv("BENCH_SEGMENTS") or "40")
local prefix = os.getenv("BENCH_PREFIX") or "/media/videos/0/bench/"
local paths = {}
for i = 0, count - 1 do
  paths[#paths + 1] = string.format("%sseg_%05d.ts", prefix, i)
end
math.randomseed(42)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
